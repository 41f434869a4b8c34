"""Officer pages of disclosure and consultation: the unit's duties with their status, the late
units within reach (the city office's list), publishing an item and confirming its postings,
and running a consultation (comments from meetings, answers, moderation with reasons, closing
with the synthesis, the adopted version). Writes are refused with 403 before any form is read
when the officer cannot publish for the unit."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from egov.common.exceptions import DomainError
from egov.common.forms import form_add_domain_error
from egov.disclosure import selectors, services
from egov.disclosure.choices import DutyStatus
from egov.disclosure.forms import (
    AdoptForm,
    AnswerForm,
    CloseForm,
    ConsultationForm,
    HideForm,
    IssueForm,
    ItemForm,
    MeetingCommentForm,
    PostingForm,
)
from egov.disclosure.models import Consultation, Item
from egov.disclosure.services._common import PUBLISHERS
from egov.documents.models import Document
from egov.documents.selectors import document_get_for_user
from egov.documents.services import FileIn
from egov.orgs.access import can_act_for_unit, scope_to_units
from egov.orgs.decorators import officer_required
from egov.orgs.models import OrgUnit

LATE_PAGE_SIZE = 50


def _publisher_units(user: Any) -> Any:
    return scope_to_units(OrgUnit.objects.active(), user, unit_field="pk", roles=PUBLISHERS)


def _require_publisher(user: Any, unit: OrgUnit) -> None:
    if not can_act_for_unit(user, unit, roles=PUBLISHERS):
        raise PermissionDenied


def _document(user: Any, pk: int | None) -> Document | None:
    if not pk:
        return None
    try:
        return document_get_for_user(user, pk)
    except Http404:
        return None


PICKER_FIELDS = ("draft_id", "document_id", "adopt-document_id")


def _document_choices(request: HttpRequest) -> list[Document]:
    """What the document picker offers: the registry searched with the text typed in it (its
    HTMX request sends the field), else the newest documents the officer may see."""
    query = next((request.GET[name] for name in PICKER_FIELDS if request.GET.get(name)), "")
    return selectors.document_choices(request.user, query)


def _upload(file: Any) -> FileIn | None:
    if not file:
        return None
    return FileIn(name=file.name, content=file.read(), content_type=file.content_type or "")


@require_GET
@officer_required
def duty_board(request: HttpRequest) -> HttpResponse:
    """The duties of one unit within reach for the periods they are judged on."""
    units = list(selectors.units_with_duties_for_user(request.user)[:500])
    chosen = next((u for u in units if str(u.pk) == request.GET.get("unit")), None)
    chosen = chosen or (units[0] if units else None)
    today = timezone.localdate()
    rows = selectors.duty_rows([chosen], today) if chosen else []
    context = {"units": units, "unit": chosen, "rows": rows, "today": today}
    return render(request, "disclosure/duty_board.html", context)


@require_GET
@officer_required
def late_list(request: HttpRequest) -> HttpResponse:
    """Units within reach late with a duty, or with nothing published after the due day."""
    today = timezone.localdate()
    rows = selectors.late_rows_for_user(request.user, today)
    duties = sorted({row.duty for row in rows}, key=lambda duty: duty.name)
    duty = next((d for d in duties if d.code == request.GET.get("duty")), None)
    status = request.GET.get("status") if request.GET.get("status") in selectors.LATE else ""
    shown = [
        row
        for row in rows
        if (duty is None or row.duty == duty) and (not status or row.status == status)
    ]
    query = urlencode({"duty": duty.code if duty else "", "status": status})
    context = {
        "page": Paginator(shown, LATE_PAGE_SIZE).get_page(request.GET.get("page")),
        "duties": duties,
        "duty": duty,
        "status": status,
        "statuses": [(value, DutyStatus(value).label) for value in selectors.LATE],
        "units_count": len({row.unit.pk for row in shown}),
        "late_count": sum(row.status == DutyStatus.LATE for row in shown),
        "missing_count": sum(row.status == DutyStatus.MISSING for row in shown),
        "query": query,
        "today": today,
    }
    return render(request, "disclosure/late_list.html", context)


@require_http_methods(["GET", "POST"])
@officer_required
def item_create(request: HttpRequest) -> HttpResponse:
    units = _publisher_units(request.user)
    if not units.exists():
        raise PermissionDenied
    initial = {k: request.GET[k] for k in ("unit", "duty") if k in request.GET}
    form = ItemForm(units, request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        document_id, upload = data.pop("document_id"), _upload(data.pop("file"))
        try:
            item = services.item_publish(
                actor=request.user,
                document=_document(request.user, document_id),
                upload=upload,
                **data,
            )
        except DomainError as error:
            if error.status == 403:
                raise PermissionDenied from error
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("The item is published."))
            return redirect("disclosure_officer:item-detail", pk=item.pk)
    status = 400 if request.method == "POST" else 200
    context = {
        "form": form,
        "title": _("Publish an item"),
        "document_choices": _document_choices(request),
    }
    return render(request, "disclosure/officer_form.html", context, status=status)


def _item_page(
    request: HttpRequest, item: Item, form: PostingForm | None = None, status: int = 200
) -> HttpResponse:
    context = {"item": item, "form": form or PostingForm(), "postings": list(item.postings.all())}
    return render(request, "disclosure/officer_item.html", context, status=status)


@require_GET
@officer_required
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _item_page(request, selectors.item_get_for_user(request.user, pk))


@require_POST
@officer_required
def posting_create(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.item_get_for_user(request.user, pk)
    _require_publisher(request.user, item.unit)
    form = PostingForm(request.POST, request.FILES)
    if form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.posting_confirm(
                actor=request.user, item=item, photo=_upload(data.pop("photo")), **data
            )
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("The posting is confirmed."))
            return redirect("disclosure_officer:item-detail", pk=item.pk)
    return _item_page(request, item, form, status=400)


@require_GET
@officer_required
def posting_photo(request: HttpRequest, pk: int, posting_pk: int) -> FileResponse:
    item = selectors.item_get_for_user(request.user, pk)
    posting = item.postings.filter(pk=posting_pk).first()
    if posting is None:
        raise Http404
    return FileResponse(posting.photo.open("rb"), content_type=posting.content_type)


@require_GET
@officer_required
def consultation_list(request: HttpRequest) -> HttpResponse:
    consultations = list(selectors.consultation_list_for_user(request.user)[:200])
    return render(
        request, "disclosure/officer_consultations.html", {"consultations": consultations}
    )


@require_http_methods(["GET", "POST"])
@officer_required
def consultation_create(request: HttpRequest) -> HttpResponse:
    units = _publisher_units(request.user)
    if not units.exists():
        raise PermissionDenied
    form = ConsultationForm(units, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        draft = _document(request.user, data.pop("draft_id"))
        data["sections"] = data["sections"].splitlines()
        try:
            consultation = services.consultation_open(actor=request.user, draft=draft, **data)
        except DomainError as error:
            if error.status == 403:
                raise PermissionDenied from error
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("The consultation is open."))
            return redirect("disclosure_officer:consultation-detail", pk=consultation.pk)
    status = 400 if request.method == "POST" else 200
    context = {
        "form": form,
        "title": _("Open a consultation on a draft"),
        "document_choices": _document_choices(request),
    }
    return render(request, "disclosure/officer_form.html", context, status=status)


def _consultation_forms(consultation: Consultation, data: Any = None, bound: str = "") -> dict:
    def make(name: str, cls: Any, *args: Any) -> Any:
        return cls(*args, data if bound == name else None, prefix=name)

    return {
        "answer": make("answer", AnswerForm, consultation),
        "meeting": make("meeting", MeetingCommentForm, consultation),
        "close": make("close", CloseForm),
        "issue": make("issue", IssueForm),
        "adopt": make("adopt", AdoptForm),
        "hide": make("hide", HideForm),
    }


def _consultation_page(
    request: HttpRequest, consultation: Consultation, forms: dict, status: int = 200
) -> HttpResponse:
    context = {
        "consultation": consultation,
        "comments": list(selectors.comments_of(consultation)),
        "forms": forms,
        "may_act": can_act_for_unit(request.user, consultation.unit, roles=PUBLISHERS),
        "document_choices": _document_choices(request),
    }
    return render(request, "disclosure/officer_consultation.html", context, status=status)


@require_GET
@officer_required
def consultation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = selectors.consultation_get_for_user(request.user, pk)
    return _consultation_page(request, consultation, _consultation_forms(consultation))


def _act(request: HttpRequest, consultation: Consultation, action: str, form: Any) -> None:
    data = form.cleaned_data
    user = request.user
    if action == "answer":
        services.comments_answer(actor=user, comments=list(data["comments"]), answer=data["answer"])
    elif action == "meeting":
        services.comment_record_meeting(
            actor=user,
            consultation=consultation,
            author_name=data["author_name"],
            **form.comment_values(),
        )
    elif action == "close":
        services.consultation_close(
            actor=user, consultation=consultation, synthesis=data["synthesis"]
        )
    elif action == "issue":
        services.synthesis_issue(actor=user, consultation=consultation)
    elif action == "adopt":
        adopted = _document(user, data["document_id"])
        services.consultation_adopt(actor=user, consultation=consultation, adopted=adopted)
    else:
        comment = consultation.comments.filter(pk=data["comment"]).first()
        if comment is None:
            raise Http404
        services.comment_hide(actor=user, comment=comment, reason=data["reason"], note=data["note"])


DONE = {
    "answer": gettext_lazy("The answer is recorded."),
    "meeting": gettext_lazy("The comment from the meeting is recorded."),
    "close": gettext_lazy("The consultation is closed; its synthesis is drafted in the registry."),
    "issue": gettext_lazy("The synthesis is signed, issued and published."),
    "adopt": gettext_lazy("The adopted version is linked to the draft and the synthesis."),
    "hide": gettext_lazy("The comment is hidden; its reason is shown in its place."),
}


@require_POST
@officer_required
def consultation_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    consultation = selectors.consultation_get_for_user(request.user, pk)
    if action not in DONE:
        raise Http404
    _require_publisher(request.user, consultation.unit)
    forms = _consultation_forms(consultation, request.POST, action)
    form = forms[action]
    if form.is_valid():
        try:
            _act(request, consultation, action, form)
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, str(DONE[action]))
            return redirect("disclosure_officer:consultation-detail", pk=consultation.pk)
    return _consultation_page(request, consultation, forms, status=400)
