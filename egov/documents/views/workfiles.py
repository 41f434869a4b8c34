"""Pages of file lists, work files and the agency archive. Thin: the forms check the shape,
the services decide; a refusal re-renders the page with the reason (never a 500)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from egov.common.exceptions import DomainError
from egov.common.forms import form_add_domain_error
from egov.documents import rules_workfiles as wf_rules
from egov.documents.choices import WorkFileStatus
from egov.documents.forms_workfiles import (
    ArchiveSearchForm,
    DisposalForm,
    EntryForm,
    FileListCreateForm,
    OpenForm,
    VersionForm,
)
from egov.documents.models import FileListEntry
from egov.documents.selectors import workfiles as sel
from egov.documents.services import archive, workfile_export, workfiles
from egov.orgs.decorators import officer_required


@require_GET
@officer_required
def workfile_home(request: HttpRequest) -> HttpResponse:
    """The file lists and work files of the officer's units."""
    status = request.GET.get("status", "")
    files = sel.work_file_scope(request.user).select_related("unit", "handling_unit")
    if status in WorkFileStatus.values:
        files = files.filter(status=status)
    units = sel.list_units_for(request.user)
    context = {
        "lists": sel.file_list_scope(request.user)[:50],
        "files": files.order_by("-opened_on", "code")[:200],
        "status": status,
        "statuses": WorkFileStatus.choices,
        "create_form": FileListCreateForm(units=units) if units.exists() else None,
        "due": sel.due_for_archive(request.user, timezone.localdate()),
    }
    return render(request, "documents/workfiles/home.html", context)


@require_POST
@officer_required
def file_list_create(request: HttpRequest) -> HttpResponse:
    units = sel.list_units_for(request.user)
    if not units.exists():
        raise PermissionDenied
    form = FileListCreateForm(request.POST, units=units)
    if form.is_valid():
        try:
            file_list = workfiles.file_list_create(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("The file list was drafted."))
            return redirect("documents:file-list", pk=file_list.pk)
    context = {"lists": [], "files": [], "create_form": form, "statuses": WorkFileStatus.choices}
    return render(request, "documents/workfiles/home.html", context, status=400)


def _list_page(
    request: HttpRequest, pk: int, *, status: int = 200, forms: dict[str, Any] | None = None
) -> HttpResponse:
    file_list = sel.file_list_get_for_user(request.user, pk)
    user = request.user
    draft = wf_rules.FILE_LIST_TRANSITIONS.can("add_entry", file_list.status)
    clerk = sel.acts_for(user, file_list.unit, sel.LIST_CLERKS)
    forms = forms or {}

    def entry_form() -> EntryForm:
        return EntryForm(
            units=sel.entry_units(file_list), people=sel.entry_people(file_list), auto_id="id_%s"
        )

    context = {
        "file_list": file_list,
        "entries": sel.entries_of(file_list),
        "entry_form": forms.get("add_entry") or (entry_form() if draft and clerk else None),
        "may_approve": wf_rules.FILE_LIST_TRANSITIONS.can("approve", file_list.status)
        and sel.acts_for(user, file_list.unit, sel.LIST_APPROVERS),
        "may_open": wf_rules.FILE_LIST_TRANSITIONS.can("open_from", file_list.status),
        "ad_hoc_form": forms.get("open_ad_hoc")
        or EntryForm(
            units=sel.entry_units(file_list),
            people=sel.entry_people(file_list),
            auto_id="id_adhoc_%s",
        ),
        "error": forms.get("error", ""),
        "history": sel.history_for_object(file_list),
    }
    return render(request, "documents/workfiles/file_list.html", context, status=status)


@require_GET
@officer_required
def file_list_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _list_page(request, pk)


@require_POST
@officer_required
def file_list_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    file_list = sel.file_list_get_for_user(request.user, pk)
    units, people = sel.entry_units(file_list), sel.entry_people(file_list)
    user = request.user
    if action in ("add_entry", "open_ad_hoc"):
        prefix = "id_%s" if action == "add_entry" else "id_adhoc_%s"
        form: Any = EntryForm(request.POST, units=units, people=people, auto_id=prefix)
    elif action == "approve":
        form = VersionForm(request.POST)
    elif action == "open":
        form = OpenForm(request.POST)
    else:
        raise Http404
    if not form.is_valid():
        failed = {action: form, "error": _("Check the highlighted fields.")}
        return _list_page(request, pk, status=400, forms=failed)
    try:
        if action == "add_entry":
            workfiles.file_list_entry_add(actor=user, file_list=file_list, **form.values())
            done = _("The file was added to the list.")
        elif action == "approve":
            workfiles.file_list_approve(
                actor=user,
                file_list=file_list,
                expected_version=form.cleaned_data["expected_version"],
            )
            done = _("The file list was approved.")
        else:
            if action == "open":
                entry = FileListEntry.objects.filter(
                    file_list=file_list, pk=form.cleaned_data["entry"]
                ).first()
                if entry is None:
                    raise Http404
                opened = workfiles.work_file_open(actor=user, entry=entry)
            else:
                opened = workfiles.work_file_open_ad_hoc(
                    actor=user, file_list=file_list, **form.values()
                )
            messages.success(request, _("The work file was opened."))
            return redirect("documents:work-file", pk=opened.pk)
    except DomainError as error:
        form_add_domain_error(form, error, with_message=False)
        failed = {action: form, "error": error.message}
        return _list_page(request, pk, status=error.status, forms=failed)
    messages.success(request, done)
    return redirect("documents:file-list", pk=pk)


def _file_page(
    request: HttpRequest, pk: int, *, status: int = 200, error: str = ""
) -> HttpResponse:
    page = sel.work_file_page(request.user, pk)
    work_file = page.work_file
    archive.archive_read_record(actor=request.user, work_file=work_file)
    state = work_file.status
    context = {
        "page": page,
        "work_file": work_file,
        "may_close": wf_rules.WORK_FILE_TRANSITIONS.can("close", state)
        and sel.may_work_on(request.user, work_file),
        "may_hand_over": wf_rules.WORK_FILE_TRANSITIONS.can("hand_over", state)
        and sel.may_hand_over(request.user, work_file),
        "may_export": wf_rules.WORK_FILE_TRANSITIONS.can("export", state),
        "disposal": sel.disposal_actions(request.user, work_file),
        "history": page.history,
        "error": error,
    }
    return render(request, "documents/workfiles/work_file.html", context, status=status)


@require_GET
@officer_required
def work_file_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _file_page(request, pk)


@require_POST
@officer_required
def work_file_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    services = {"close": workfiles.work_file_close, "hand_over": archive.work_file_hand_over}
    if action not in (*services, *DISPOSAL):
        raise Http404
    work_file = sel.work_file_get_for_user(request.user, pk)
    form = DisposalForm(request.POST) if action in DISPOSAL else VersionForm(request.POST)
    if not form.is_valid():
        return _file_page(request, pk, status=400, error=_("Reload the page and try again."))
    data = form.cleaned_data
    try:
        if action in DISPOSAL:
            _disposal(request.user, work_file, action, data)
        else:
            services[action](
                actor=request.user,
                work_file=work_file,
                expected_version=data["expected_version"],
            )
    except DomainError as error:
        return _file_page(request, pk, status=error.status, error=error.message)
    done = {
        "close": _("The work file was closed."),
        "hand_over": _("The work file was handed to the archive; sign its handover record."),
        **{name: _("The decision on the archived file was recorded.") for name in DISPOSAL},
    }
    messages.success(request, done[action])
    return redirect("documents:work-file", pk=pk)


DISPOSAL = ("mark_historical", "propose_destruction", "decide_destruction")


def _disposal(user: Any, work_file: Any, action: str, data: dict[str, Any]) -> None:
    common = {"actor": user, "work_file": work_file, "expected_version": data["expected_version"]}
    if action == "mark_historical":
        archive.archive_mark_historical(**common, note=data["note"])
    elif action == "propose_destruction":
        archive.archive_propose_destruction(**common, note=data["note"])
    else:
        archive.archive_decide_destruction(**common, note=data["note"], destroy=data["destroy"])


@require_GET
@officer_required
def work_file_export(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """The closed file as one PDF with its index, or as the XML package (zip)."""
    work_file = sel.work_file_get_for_user(request.user, pk)
    try:
        if kind == "pdf":
            content = workfile_export.work_file_export_pdf(actor=request.user, work_file=work_file)
            content_type = "application/pdf"
        elif kind == "zip":
            content = workfile_export.work_file_export_package(
                actor=request.user, work_file=work_file
            )
            content_type = "application/zip"
        else:
            raise Http404
    except DomainError as error:
        return _file_page(request, pk, status=error.status, error=error.message)
    response = HttpResponse(content, content_type=content_type)
    filename = f"{work_file.code}.{kind}".replace("/", "_")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
@officer_required
def archive_page(request: HttpRequest) -> HttpResponse:
    """The agency archive: files handed over, searched by their metadata; read-only."""
    form = ArchiveSearchForm(request.GET or None, units=sel.file_list_units_for(request.user))
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    found = sel.archive_search(
        request.user,
        q=filters.get("q") or "",
        year=filters.get("year"),
        unit=filters.get("unit"),
    )
    return render(request, "documents/workfiles/archive.html", {"form": form, "files": found[:200]})
