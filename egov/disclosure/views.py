"""Public pages of disclosure and consultation: the city-wide list of published items by duty
with accent-insensitive search, a unit's page, an item with its files and postings, the
consultations with their comments; logged-in citizens comment and support (rate-limited).
Only what is displayed (or ended, marked so) is shown; a refusal is a 4xx with its reason."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from egov.accounts.services_codes import contact_parse
from egov.common.exceptions import DomainError
from egov.common.forms import form_add_domain_error
from egov.disclosure import selectors, services
from egov.disclosure.forms import CommentForm, WithoutAccountCommentForm
from egov.disclosure.models import Duty
from egov.disclosure.rules import CONSULTATION_TRANSITIONS
from egov.disclosure.throttle import comment_throttle
from egov.disclosure.views_codes import COMMENT_SALT
from egov.orgs.models import OrgUnit


@require_GET
def item_list(request: HttpRequest) -> HttpResponse:
    """Published items of every unit, by duty, searched without accents."""
    query = request.GET.get("q", "")[:200]
    duty = Duty.objects.filter(code=request.GET.get("duty", "")).first()
    today = timezone.localdate()
    items = list(selectors.item_list_public(today=today, query=query, duty=duty)[:100])
    context = {
        "items": items,
        "query": query,
        "duty": duty,
        "duties": Duty.objects.filter(is_active=True),
        "today": today,
    }
    return render(request, "disclosure/item_list.html", context)


@require_GET
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.item_get_public(pk)
    context = {"item": item, "today": timezone.localdate(), "files": item.document.files.all()}
    return render(request, "disclosure/item_detail.html", context)


@require_GET
def item_file(request: HttpRequest, pk: int, file_pk: int) -> FileResponse:
    """A file of a published item's document (public)."""
    item = selectors.item_get_public(pk)
    stored = item.document.files.filter(pk=file_pk).first()
    if stored is None:
        raise Http404
    return FileResponse(stored.file.open("rb"), as_attachment=True, filename=stored.name)


@require_GET
def unit_page(request: HttpRequest, pk: int) -> HttpResponse:
    """A unit's disclosure page: its items (displayed and archived) and its consultations."""
    unit = get_object_or_404(OrgUnit.objects.active(), pk=pk)
    today = timezone.localdate()
    context = {
        "unit": unit,
        "items": list(selectors.item_list_public(today=today, unit=unit)[:100]),
        "consultations": list(selectors.consultation_list_public(unit=unit)[:50]),
        "today": today,
    }
    return render(request, "disclosure/unit_page.html", context)


@require_GET
def consultation_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:200]
    consultations = list(selectors.consultation_list_public(query=query)[:100])
    context = {"consultations": consultations, "query": query}
    return render(request, "disclosure/consultation_list.html", context)


def _consultation_page(
    request: HttpRequest, consultation: object, form: CommentForm | None = None, status: int = 200
) -> HttpResponse:
    may_comment = consultation.status in CONSULTATION_TRANSITIONS["comment"].sources
    may_comment = (
        may_comment and consultation.opens_on <= timezone.localdate() <= consultation.closes_on
    )
    is_public = getattr(request.user, "is_public", False)
    actor = request.user if request.user.is_authenticated else None
    refusal = services.audience_refusal(consultation, actor) if may_comment else ""
    if form is None and may_comment and not refusal:
        form = _comment_form(request, consultation)
    context = {
        "consultation": consultation,
        "comments": list(selectors.comments_of(consultation)),
        "form": form,
        "may_comment": may_comment,
        "is_public": is_public,
        "audience_refusal": refusal,
        "synthesis_file": selectors.synthesis_signed_file(consultation),
    }
    return render(request, "disclosure/consultation_detail.html", context, status=status)


@require_GET
def synthesis_file(request: HttpRequest, pk: int) -> FileResponse:
    """The signed synthesis of a consultation (the official layout, the legal original), once
    issued; a synthesis still drafted is not public."""
    consultation = selectors.consultation_get_public(pk)
    stored = selectors.synthesis_signed_file(consultation)
    if stored is None:
        raise Http404
    return FileResponse(stored.file.open("rb"), as_attachment=True, filename=stored.name)


@require_GET
def consultation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _consultation_page(request, selectors.consultation_get_public(pk))


def _too_many(error: DomainError) -> HttpResponse:
    return HttpResponse(error.message, status=429, content_type="text/plain")


def _send_without_account(
    request: HttpRequest, consultation: object, form: WithoutAccountCommentForm
) -> HttpResponse | None:
    """Hold the comment and send the code; the confirmation page's address is signed (the
    comment's number alone does not open it). None when the form got the refusal."""
    data = form.cleaned_data
    try:
        try:
            contact = contact_parse(data["contact"])[1]
        except DomainError:
            contact = ""  # refused with its message by the service below
        comment_throttle(request, contact=contact)
        comment = services.comment_send_without_account(
            consultation=consultation,
            author_name=data["author_name"],
            contact=data["contact"],
            **form.comment_values(),
        )
    except DomainError as error:
        if error.status == 429:
            return _too_many(error)
        form_add_domain_error(form, error)
        return None
    token = signing.dumps(comment.pk, salt=COMMENT_SALT)
    return redirect("disclosure:comment-confirm", token=token)


def _comment_form(request: HttpRequest, consultation: Any, data: Any = None) -> CommentForm:
    if not request.user.is_authenticated:
        return WithoutAccountCommentForm(consultation, data)
    units = None if request.user.is_public else services.agency_units(request.user)
    return CommentForm(consultation, data, agency_units=units)


@require_POST
def comment_create(request: HttpRequest, pk: int) -> HttpResponse:
    """A comment on a section, as the consultation's audience allows: by a logged-in citizen
    or business (published at once), without an account (held until the code sent to the
    contact given is typed back), or, when agencies are asked, by an officer for their unit.
    Otherwise officers comment only through the meeting records of their consultations."""
    consultation = selectors.consultation_get_public(pk)
    actor = request.user if request.user.is_authenticated else None
    if actor is not None and services.audience_refusal(consultation, actor):
        raise PermissionDenied
    if actor is None:
        form = WithoutAccountCommentForm(consultation, request.POST)
        if form.is_valid() and (answer := _send_without_account(request, consultation, form)):
            return answer
        return _consultation_page(request, consultation, form, status=400)
    form = _comment_form(request, consultation, request.POST)
    if form.is_valid():
        try:
            comment_throttle(request)
            services.comment_send(
                actor=request.user, consultation=consultation, **form.comment_values()
            )
        except DomainError as error:
            if error.status == 429:
                return _too_many(error)
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("Your comment is published."))
            return redirect("disclosure:consultation-detail", pk=pk)
    return _consultation_page(request, consultation, form, status=400)
