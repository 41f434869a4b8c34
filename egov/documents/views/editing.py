"""Writing a draft (new or changed) and registering an incoming document received on paper."""

from __future__ import annotations

import secrets
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from egov.common.exceptions import DomainError
from egov.common.forms import form_add_domain_error
from egov.documents import services
from egov.documents.choices import FileKind
from egov.documents.forms import DraftForm, IncomingForm, files_in
from egov.documents.models import Document
from egov.documents.selectors import document_get_for_user
from egov.documents.selectors.choices import (
    drafting_units_for,
    people_within_reach,
    registering_units_for,
)
from egov.documents.selectors.permissions import may_edit_draft
from egov.documents.selectors.registers import incoming_duplicates
from egov.documents.services.drafting import EDITABLE
from egov.orgs.decorators import officer_required


class KeyForm(forms.Form):
    """The hidden key of a creating form: the same submission twice creates one document."""

    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)


def _key_form(request: HttpRequest) -> KeyForm:
    if request.method == "POST":
        return KeyForm(request.POST)
    return KeyForm(initial={"idempotency_key": secrets.token_urlsafe(24)})


def _key(key_form: KeyForm) -> str:
    return key_form.cleaned_data["idempotency_key"] if key_form.is_valid() else ""


def _refused(form: forms.Form, error: DomainError) -> str:
    """Put the field messages on the form; the page shows the message in its banner."""
    form_add_domain_error(form, error, with_message=False)
    return error.message


@require_http_methods(["GET", "POST"])
@officer_required
def outgoing_create(request: HttpRequest) -> HttpResponse:
    """A new draft, for a unit the officer drafts for."""
    units = drafting_units_for(request.user)
    if not units.exists():
        raise PermissionDenied
    form = DraftForm(
        request.POST or None,
        request.FILES or None,
        units=units,
        people=people_within_reach(request.user),
    )
    key_form, error = _key_form(request), ""
    if request.method == "POST" and form.is_valid():
        try:
            document = services.document_draft_create(
                actor=request.user,
                drafting_unit=form.cleaned_data["drafting_unit"],
                readers=form.cleaned_data["readers"],
                idempotency_key=_key(key_form),
                files=files_in(form.cleaned_data["attachments"], FileKind.ATTACHMENT),
                **form.values(),
            )
        except DomainError as refused:
            error = _refused(form, refused)
        else:
            messages.success(request, _("The draft was saved."))
            return redirect("documents:document-detail", pk=document.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "documents/draft_form.html",
        {"form": form, "key_form": key_form, "error": error, "document": None},
        status=status,
    )


def _initial(document: Document) -> dict[str, Any]:
    return {name: getattr(document, name) for name in EDITABLE}


@require_http_methods(["GET", "POST"])
@officer_required
def document_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a draft (its drafter or the reviewing head)."""
    document = document_get_for_user(request.user, pk)
    if not may_edit_draft(request.user, document):
        raise PermissionDenied
    form = DraftForm(
        request.POST or None,
        request.FILES or None,
        units=None,
        people=None,
        editing=True,
        initial=_initial(document),
    )
    version = request.POST.get("expected_version", str(document.version))
    error = ""
    if request.method == "POST" and form.is_valid() and version.isdigit():
        try:
            services.document_draft_update(
                actor=request.user,
                document=document,
                expected_version=int(version),
                files=files_in(form.cleaned_data["attachments"], FileKind.ATTACHMENT),
                **form.values(),
            )
        except DomainError as refused:
            error = _refused(form, refused)
        else:
            messages.success(request, _("The draft was saved."))
            return redirect("documents:document-detail", pk=document.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "documents/draft_form.html",
        {"form": form, "error": error, "document": document, "version": version},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@officer_required
def incoming_create(request: HttpRequest) -> HttpResponse:
    """Register an incoming document received on paper (the clerk's)."""
    units = registering_units_for(request.user)
    if not units.exists():
        raise PermissionDenied
    form = IncomingForm(
        request.POST or None,
        request.FILES or None,
        units=units,
        people=people_within_reach(request.user),
    )
    key_form, error, duplicates = _key_form(request), "", []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        confirmed = data.pop("register_anyway", False)
        duplicates = incoming_duplicates(
            unit=data["unit"],
            number_notation=data["number_notation"],
            sender_name=data["sender_name"],
            sender_agency_code=data.get("sender_agency_code", ""),
        )
        # a repeated submission of this very form is not a duplicate: it returns the first
        key = _key(key_form)
        duplicates = [
            d
            for d in duplicates
            if not (key and d.created_by_id == request.user.pk and d.idempotency_key == key)
        ]
    if request.method == "POST" and form.is_valid() and (confirmed or not duplicates):
        try:
            document = services.incoming_register(
                actor=request.user,
                idempotency_key=_key(key_form),
                files=files_in(data.pop("files"), FileKind.ATTACHMENT),
                **data,
            )
        except DomainError as refused:
            error = _refused(form, refused)
        else:
            messages.success(
                request,
                _("The document was registered with arrival number %(number)s.")
                % {"number": document.arrival_number},
            )
            return redirect("documents:document-detail", pk=document.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "documents/incoming_form.html",
        {"form": form, "key_form": key_form, "error": error, "duplicates": duplicates},
        status=status,
    )
