"""A document's page (facts, files, recipients and their statuses, handling slip and steps,
links, history) with the actions allowed now as small POST forms, and file downloads."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from egov.common.exceptions import DomainError
from egov.common.forms import form_add_domain_error
from egov.documents.panels import panels_for
from egov.documents.selectors import document_file_get_for_user, document_get_for_user
from egov.documents.selectors.choices import (
    direction_people_for,
    direction_units_for,
    people_within_reach,
    send_units_for,
)
from egov.documents.selectors.detail import DocumentPage, document_page
from egov.documents.selectors.workfiles import open_files_for
from egov.documents.views.actions import ACTIONS
from egov.orgs.decorators import officer_required


def _auto_id(action: str) -> str:
    """Element ids unique on the page, which holds one small form per action."""
    return f"id_{action}_%s"


def _with_choices(name: str, form: forms.Form, page: DocumentPage, user: Any) -> forms.Form:
    document = page.document
    if name == "assign":
        form.set_choices(
            units=direction_units_for(user, document), people=direction_people_for(user, document)
        )
    elif name == "send":
        form.set_choices(units=send_units_for(document), people=None)
    elif name == "file":
        form.set_choices(files=open_files_for(user, document))
    elif name == "name_readers":
        form.set_choices(units=None, people=people_within_reach(user))
    return form


def _initial(name: str, page: DocumentPage) -> dict[str, Any]:
    if name == "verify" and page.signed_file is not None:
        return {"file_id": page.signed_file.pk}
    return {"expected_version": page.document.version}


def _forms(
    page: DocumentPage, user: Any, failed: str = "", form: forms.Form | None = None
) -> list[tuple[str, Any, forms.Form, bool]]:
    """(action, title, form, multipart) for each allowed action, in a fixed order; the failed
    one keeps its input and errors."""
    built = []
    for name, action in ACTIONS.items():
        if name not in page.actions or name == "edit":
            continue
        bound = (
            form
            if name == failed and form is not None
            else action.form(initial=_initial(name, page), auto_id=_auto_id(name))
        )
        built.append((name, action.title, _with_choices(name, bound, page, user), action.multipart))
    return built


def _render(
    request: HttpRequest,
    pk: int,
    *,
    status: int = 200,
    failed: str = "",
    form: forms.Form | None = None,
    error: str = "",
) -> HttpResponse:
    page = document_page(request.user, pk)
    context = {
        "page": page,
        "document": page.document,
        "failed": failed,
        "error": error,
        "action_forms": _forms(page, request.user, failed, form),
        "history": page.history,
        "steps": page.steps,
        "clock": page.clock,
        "panels": panels_for(request.user, page.document),
    }
    return render(request, "documents/detail.html", context, status=status)


@require_GET
@officer_required
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render(request, pk)


@require_POST
@officer_required
def document_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Run one action; a refusal re-renders the page with the reason, never a 500."""
    if action not in ACTIONS:
        raise Http404
    document = document_get_for_user(request.user, pk)
    spec = ACTIONS[action]
    form = spec.form(request.POST, request.FILES, auto_id=_auto_id(action))
    page = document_page(request.user, pk)
    _with_choices(action, form, page, request.user)
    if not form.is_valid():
        return _render(
            request,
            pk,
            status=400,
            failed=action,
            form=form,
            error=_("Check the highlighted fields."),
        )
    try:
        spec.run(request.user, document, form.cleaned_data)
    except DomainError as error:
        form_add_domain_error(form, error, with_message=False)
        return _render(
            request, pk, status=error.status, failed=action, form=form, error=error.message
        )
    messages.success(request, spec.done)
    return redirect("documents:document-detail", pk=pk)


@require_GET
@officer_required
def document_file(request: HttpRequest, pk: int, file_id: int) -> FileResponse:
    """A file of a visible document, always as an attachment with its stored type."""
    stored = document_file_get_for_user(request.user, pk, file_id)
    return FileResponse(
        stored.file.open("rb"),
        as_attachment=True,
        filename=stored.name,
        content_type=stored.content_type or "application/octet-stream",
    )
