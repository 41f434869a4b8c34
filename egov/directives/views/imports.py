"""Import pages: upload a task table for a directive, see what was read and what must be
resolved, resolve each listed name or deadline, apply."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from egov.common.exceptions import DomainError
from egov.common.forms import form_add_domain_error
from egov.directives import services
from egov.directives.access import is_office
from egov.directives.forms import ImportUploadForm, ResolveForm, VersionForm
from egov.directives.models import TaskImport
from egov.directives.selectors import directive_get_for_user, task_import_get_for_user
from egov.directives.services.imports import pending
from egov.directives.services.jobs import task_import_start
from egov.directives.views.directives import scope_units
from egov.orgs.decorators import officer_required
from egov.orgs.models import OrgUnit, OutsideBody


@require_http_methods(["GET", "POST"])
@officer_required
def import_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload the annexed task table of a directive (its assigning office); it is read in the
    background and the job's page leads to the resolve report."""
    document = directive_get_for_user(request.user, pk)
    if not is_office(request.user, document.unit):
        raise PermissionDenied
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = task_import_start(
                actor=request.user,
                document=document,
                file_name=upload.name,
                content=upload.read(),
                default_deadline_on=form.cleaned_data["default_deadline_on"],
            )
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            return redirect("jobs:job-detail", pk=job.pk)
    return render(
        request,
        "directives/import_upload.html",
        {"form": form, "document": document},
        status=400 if form.errors else 200,
    )


def _render(
    request: HttpRequest,
    task_import: TaskImport,
    *,
    status: int = 200,
    failed_key: str = "",
    failed: ResolveForm | None = None,
) -> HttpResponse:
    units = scope_units(task_import.document)
    left = pending(task_import)
    items = []
    for entry in task_import.unresolved:
        answer = task_import.resolutions.get(entry["key"])
        choices = (
            units.filter(pk__in=[c[0] for c in entry["candidates"]])
            if entry["reason"] == "ambiguous"
            else units
        )
        form = ResolveForm(
            choices,
            initial={"key": entry["key"], "expected_version": task_import.version},
            prefix=f"r{len(items)}",
        )
        form.offer_similar(entry)
        if failed is not None and entry["key"] == failed_key:
            form = failed
        items.append(
            {
                "entry": entry,
                "answer": answer,
                "form": form,
                "answer_units": OrgUnit.objects.filter(pk__in=(answer or {}).get("units", [])[:5]),
                "answer_outside": OutsideBody.objects.filter(
                    pk__in=(answer or {}).get("outside", [])
                ),
            }
        )
    return render(
        request,
        "directives/import_detail.html",
        {
            "task_import": task_import,
            "document": task_import.document,
            "items": items,
            "pending": left,
            "apply_form": VersionForm(initial={"expected_version": task_import.version}),
        },
        status=status,
    )


@require_GET
@officer_required
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render(request, task_import_get_for_user(request.user, pk))


@require_POST
@officer_required
def import_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    """Answer one listed item (the form of that item carries its key)."""
    task_import = task_import_get_for_user(request.user, pk)
    prefix = request.POST.get("prefix", "")
    form = ResolveForm(scope_units(task_import.document), request.POST, prefix=prefix or None)
    if not form.is_valid():
        return _render(
            request,
            task_import,
            status=400,
            failed_key=request.POST.get(f"{prefix}-key", ""),
            failed=form,
        )
    data = form.cleaned_data
    try:
        services.task_import_resolve(
            actor=request.user,
            task_import=task_import,
            expected_version=data["expected_version"],
            key=data["key"],
            answer=services.ImportAnswer(
                unit=data["unit"],
                collective=data["collective"],
                outside_body=data["outside_body"],
                new_outside_body=data["new_outside_body"],
                keep_as_text=data["keep_as_text"],
                deadline_text=data["deadline_text"],
            ),
        )
    except DomainError as error:
        form_add_domain_error(form, error)
        return _render(
            request, task_import, status=error.status, failed_key=data["key"], failed=form
        )
    return redirect("directives:import-detail", pk=pk)


@require_POST
@officer_required
def import_apply(request: HttpRequest, pk: int) -> HttpResponse:
    """Create every task of the import at once."""
    task_import = task_import_get_for_user(request.user, pk)
    form = VersionForm(request.POST)
    if not form.is_valid():
        return _render(request, task_import, status=400)
    try:
        tasks = services.task_import_apply(
            actor=request.user,
            task_import=task_import,
            expected_version=form.cleaned_data["expected_version"],
        )
    except DomainError as error:
        messages.error(request, error.message)
        return _render(request, task_import, status=error.status)
    messages.success(request, _("%(count)s tasks were created.") % {"count": len(tasks)})
    return redirect("directives:directive-detail", pk=task_import.document_id)
