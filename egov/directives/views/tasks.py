"""Task pages: the officer's task list, a task with its reports, extensions and changes, and
the small POST forms of its actions (report, send, accept, return, ask for more time, decide).
A refusal re-renders the page with the reason, never a 500."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from egov.common.exceptions import DomainError
from egov.common.forms import form_add_domain_error
from egov.directives import services
from egov.directives.forms import (
    ExtensionGrantForm,
    ExtensionRefuseForm,
    ExtensionRequestForm,
    ReportForm,
    ReturnForm,
    ReviewForm,
    SplitForm,
    TaskEditForm,
    TaskFilterForm,
    VersionForm,
)
from egov.directives.selectors import (
    extension_get_for_user,
    report_file_get_for_user,
    report_get_for_user,
    task_get_for_user,
    task_list_for_user,
    task_page,
)
from egov.directives.views.directives import scope_units, task_data
from egov.orgs.decorators import officer_required
from egov.orgs.models import OrgUnit

PAGE_SIZE = 50


@require_GET
@officer_required
def task_list(request: HttpRequest) -> HttpResponse:
    """The officer's tasks with their state today; an HTMX request gets only the rows."""
    form = TaskFilterForm(request.GET)
    lines = task_list_for_user(request.user, **form.filters())
    page = Paginator(lines, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    template = (
        "directives/_task_rows.html"
        if request.headers.get("HX-Request")
        else "directives/task_list.html"
    )
    return render(request, template, {"form": form, "page": page, "query": query.urlencode()})


def _render(
    request: HttpRequest,
    pk: int,
    *,
    status: int = 200,
    failed: str = "",
    form: forms.Form | None = None,
) -> HttpResponse:
    page = task_page(request.user, pk)
    built: dict[str, forms.Form] = {}
    if page.can_report:
        built["report"] = ReportForm(
            page.report_units,
            initial={"unit": page.report_units[0], "percent": page.task.percent_done},
        )
    if page.can_request_extension:
        built["extension"] = ExtensionRequestForm()
    if page.can_decide_extension:
        built["grant"] = ExtensionGrantForm(
            initial={"deadline_on": page.pending_extension.proposed_deadline_on}
        )
        built["refuse"] = ExtensionRefuseForm()
    if failed and form is not None:
        built[failed] = form
    return render(
        request,
        "directives/task_detail.html",
        {
            "page": page,
            "task": page.task,
            "forms": built,
            "failed": failed,
            "return_form": ReturnForm(),
            "review_form": ReviewForm(),
        },
        status=status,
    )


@require_GET
@officer_required
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render(request, pk)


def _failed(
    request: HttpRequest, pk: int, name: str, form: forms.Form, error: DomainError | None = None
) -> HttpResponse:
    if error is not None:
        form_add_domain_error(form, error)
    status = error.status if error is not None else 400
    return _render(request, pk, status=status, failed=name, form=form)


@require_POST
@officer_required
def report_save(request: HttpRequest, pk: int) -> HttpResponse:
    """Write the report of the actor's unit for the current period, with attachments."""
    task = task_get_for_user(request.user, pk)
    units = task_page(request.user, pk).report_units
    form = ReportForm(units, request.POST, request.FILES)
    if not form.is_valid():
        return _failed(request, pk, "report", form)
    data = form.cleaned_data
    files = [
        services.AttachmentIn(name=f.name, content=f.read()) for f in request.FILES.getlist("files")
    ]
    try:
        services.task_report_save(
            actor=request.user,
            task=task,
            unit=data["unit"],
            progress=data["progress"],
            percent=data["percent"],
            done_text=data["done_text"],
            actual_value=data["actual_value"],
            files=files,
            expected_version=data["expected_version"],
        )
    except DomainError as error:
        return _failed(request, pk, "report", form, error)
    messages.success(request, _("The report was saved. The head of the unit sends it."))
    return redirect("directives:task-detail", pk=pk)


REPORT_ACTIONS: dict[str, tuple[type[forms.Form], Callable[..., Any], Any]] = {
    "submit": (
        VersionForm,
        lambda u, r, d: services.task_report_submit(
            actor=u, report=r, expected_version=d["expected_version"]
        ),
        gettext_lazy("The report was sent to the assigning office."),
    ),
    "accept": (
        ReviewForm,
        lambda u, r, d: services.task_report_accept(
            actor=u, report=r, expected_version=d["expected_version"], note=d["note"]
        ),
        gettext_lazy("The report was accepted."),
    ),
    "return": (
        ReturnForm,
        lambda u, r, d: services.task_report_return(
            actor=u, report=r, expected_version=d["expected_version"], reason=d["reason"]
        ),
        gettext_lazy("The report was returned to its unit."),
    ),
}


@require_POST
@officer_required
def report_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Send, accept or return one report."""
    if action not in REPORT_ACTIONS:
        raise Http404
    report = report_get_for_user(request.user, pk)
    form_class, run, done = REPORT_ACTIONS[action]
    form = form_class(request.POST)
    if not form.is_valid():
        return _failed(request, report.task_id, f"report-{action}", form)
    try:
        run(request.user, report, form.cleaned_data)
    except DomainError as error:
        return _failed(request, report.task_id, f"report-{action}", form, error)
    messages.success(request, done)
    return redirect("directives:task-detail", pk=report.task_id)


@require_GET
@officer_required
def report_file(request: HttpRequest, pk: int, file_id: int) -> FileResponse:
    """An attachment of a report on a visible task, always as a download."""
    stored = report_file_get_for_user(request.user, pk, file_id)
    return FileResponse(
        stored.file.open("rb"),
        as_attachment=True,
        filename=stored.name,
        content_type=stored.content_type,
    )


@require_POST
@officer_required
def extension_request(request: HttpRequest, pk: int) -> HttpResponse:
    task = task_get_for_user(request.user, pk)
    form = ExtensionRequestForm(request.POST)
    if not form.is_valid():
        return _failed(request, pk, "extension", form)
    try:
        services.extension_request(actor=request.user, task=task, **form.cleaned_data)
    except DomainError as error:
        return _failed(request, pk, "extension", form, error)
    messages.success(request, _("The request for more time was sent."))
    return redirect("directives:task-detail", pk=pk)


@require_POST
@officer_required
def extension_decide(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Grant or refuse a request for more time."""
    if action not in ("grant", "refuse"):
        raise Http404
    extension = extension_get_for_user(request.user, pk)
    form = (ExtensionGrantForm if action == "grant" else ExtensionRefuseForm)(request.POST)
    if not form.is_valid():
        return _failed(request, extension.task_id, action, form)
    try:
        if action == "grant":
            services.extension_grant(actor=request.user, extension=extension, **form.cleaned_data)
        else:
            services.extension_refuse(
                actor=request.user, extension=extension, note=form.cleaned_data["note"]
            )
    except DomainError as error:
        return _failed(request, extension.task_id, action, form, error)
    messages.success(
        request,
        _("The deadline was extended.")
        if action == "grant"
        else _("The request for more time was refused."),
    )
    return redirect("directives:task-detail", pk=extension.task_id)


@require_http_methods(["GET", "POST"])
@officer_required
def task_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a task (its assigning office); every change is kept with its reason."""
    page = task_page(request.user, pk)
    if not page.can_edit:
        raise PermissionDenied
    task = page.task
    initial = {
        "content": task.content,
        "lead_unit": task.lead_unit,
        "cooperating": page.units["cooperate"],
        "implementing": page.units["implement"],
        "expected_result": task.expected_result,
        "target_value": task.target_value,
        "target_unit": task.target_unit,
        "recurrence": task.recurrence,
        "deadline_on": task.deadline_on,
        "period_day": task.period_day,
        "period_month": task.period_month,
        "report_by_on": task.report_by_on,
        "expected_version": task.version,
    }
    form = TaskEditForm(scope_units(task.document), request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.task_update(
                actor=request.user,
                task=task,
                expected_version=form.cleaned_data["expected_version"],
                data=task_data(form.cleaned_data),
                reason=form.cleaned_data["reason"],
            )
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("The task was changed."))
            return redirect("directives:task-detail", pk=pk)
    return render(
        request,
        "directives/task_form.html",
        {"form": form, "document": task.document, "task": task},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@officer_required
def task_split(request: HttpRequest, pk: int) -> HttpResponse:
    """Split a task into sub-tasks for the units below its lead unit."""
    page = task_page(request.user, pk)
    if not page.can_split:
        raise PermissionDenied
    task = page.task
    below = (
        OrgUnit.objects.active()
        .subtree_of(task.lead_unit)
        .exclude(pk=task.lead_unit_id)
        .select_related("parent")
        .order_by("path")
    )
    form = SplitForm(below, request.POST or None, initial={"expected_version": task.version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        parts = [
            services.SubtaskData(
                lead_unit=unit, content=data["content"], deadline_on=data["deadline_on"]
            )
            for unit in data["units"]
        ]
        try:
            services.task_split(
                actor=request.user,
                task=task,
                expected_version=data["expected_version"],
                parts=parts,
            )
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("The task was split."))
            return redirect("directives:task-detail", pk=pk)
    return render(
        request,
        "directives/task_split.html",
        {"form": form, "task": task},
        status=400 if form.errors else 200,
    )
