"""Officer pages of feedback: the unit's questions and reports, each with the small POST forms
of its actions (answer, publish, send to another unit; receive, refuse, assign, hand over,
answer, close), and entering a report for someone who phoned or came in."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from egov.common.exceptions import DomainError
from egov.common.forms import form_add_domain_error
from egov.common.personal_data import personal_data_warning
from egov.feedback import selectors, services
from egov.feedback.choices import QuestionStatus, ReportStatus
from egov.feedback.forms import (
    AnswerForm,
    AssignForm,
    HandOverForm,
    MergeForm,
    OnBehalfForm,
    PublishForm,
    ReasonForm,
    ReassignForm,
    ReceiveForm,
    SupplementForm,
    request_key_new,
)
from egov.feedback.forms_regulation import ClassifyForm, DecideForm, ResultPublishForm
from egov.feedback.models import Question, RegulationReview, Report
from egov.feedback.rules import QUESTION_TRANSITIONS, REPORT_TRANSITIONS
from egov.feedback.views import map_settings
from egov.orgs.decorators import officer_required


@require_GET
@officer_required
def inbox(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    return render(
        request,
        "feedback/officer_inbox.html",
        {
            "questions": selectors.question_list_for_officer(
                request.user, status=status if status in QuestionStatus.values else ""
            )[:200],
            "reports": selectors.report_list_for_officer(
                request.user, status=status if status in ReportStatus.values else ""
            )[:200],
        },
    )


def _question_page(
    request: HttpRequest, question: Question, *, status: int = 200, **bound: forms.Form
) -> HttpResponse:
    initial = {
        "public_title": question.public_title or question.title,
        "public_body": question.public_body or question.body,
    }
    context = {
        "question": question,
        "escalations": list(question.escalations.select_related("unit")),
        "can": QUESTION_TRANSITIONS.available(question.status),
        "supervisor": selectors.may_supervise(request.user, question.unit),
        "answer_form": bound.get("answer") or AnswerForm(initial={"answer": question.answer}),
        "publish_form": bound.get("publish") or PublishForm(initial=initial),
        "reassign_form": bound.get("reassign") or ReassignForm(),
        "warning": personal_data_warning(question.public_body or question.body, question.answer),
    }
    return render(request, "feedback/officer_question.html", context, status=status)


@require_GET
@officer_required
def question_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _question_page(request, selectors.question_get_for_officer(request.user, pk))


QUESTION_ACTIONS: dict[str, tuple[type[forms.Form], Callable[..., Any], object]] = {
    "answer": (AnswerForm, services.question_answer, gettext_lazy("The answer was saved.")),
    "publish": (PublishForm, services.question_publish, gettext_lazy("The answer was published.")),
    "reassign": (
        ReassignForm,
        services.question_reassign,
        gettext_lazy("The question was sent on."),
    ),
}


@require_POST
@officer_required
def question_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in QUESTION_ACTIONS:
        raise Http404
    question = selectors.question_get_for_officer(request.user, pk)
    form_class, service, done = QUESTION_ACTIONS[action]
    form = form_class(request.POST)
    if form.is_valid():
        try:
            service(actor=request.user, question=question, **form.cleaned_data)
        except DomainError as error:
            if error.status == 403:
                raise PermissionDenied from error
            form_add_domain_error(form, error)
        else:
            messages.success(request, str(done))
            if action == "reassign":
                return redirect("feedback_officer:inbox")
            return redirect("feedback_officer:question-detail", pk=pk)
    question.refresh_from_db()
    return _question_page(request, question, status=400, **{action: form})


def _report_page(
    request: HttpRequest, report: Report, *, status: int = 200, **bound: forms.Form
) -> HttpResponse:
    officers = selectors.unit_officers(report.unit)
    context = {
        "report": report,
        "photos": list(report.photos.all()),
        "escalations": list(report.escalations.select_related("unit")),
        "can": REPORT_TRANSITIONS.available(report.status),
        "receive_form": bound.get("receive") or ReceiveForm(officers=officers),
        "refuse_form": bound.get("refuse") or ReasonForm(),
        "assign_form": bound.get("assign") or AssignForm(officers=officers),
        "hand_over_form": bound.get("hand-over") or HandOverForm(),
        "answer_form": bound.get("answer") or AnswerForm(),
        "merge_form": bound.get("merge") or MergeForm(user=request.user),
        "unmerge_form": bound.get("unmerge") or ReasonForm(),
        "request_supplement_form": bound.get("request-supplement") or ReasonForm(),
        "supplement_form": bound.get("supplement") or SupplementForm(),
        "candidates": selectors.report_duplicate_candidates(request.user, report),
        "duplicates": list(report.duplicates.all()),
        "review": RegulationReview.objects.filter(report_id=report.pk).first(),
        "classify_form": bound.get("classify") or ClassifyForm(officers=officers),
        "decide_form": bound.get("decide") or DecideForm(),
        "publish_result_form": bound.get("publish-result") or ResultPublishForm(),
        "warning": personal_data_warning(report.title, report.description, report.answer)
        if report.regulation and report.answer
        else "",
    }
    return render(request, "feedback/officer_report.html", context, status=status)


@require_GET
@officer_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _report_page(request, selectors.report_get_for_officer(request.user, pk))


def _officers(report: Report) -> dict[str, Any]:
    return {"officers": selectors.unit_officers(report.unit)}


REPORT_ACTIONS: dict[str, tuple[Callable[..., forms.Form], Callable[..., Any], object]] = {
    "receive": (
        lambda r, d, u: ReceiveForm(d, **_officers(r)),
        services.report_receive,
        gettext_lazy("The report was received."),
    ),
    "refuse": (
        lambda r, d, u: ReasonForm(d),
        services.report_refuse,
        gettext_lazy("The report was refused."),
    ),
    "assign": (
        lambda r, d, u: AssignForm(d, **_officers(r)),
        services.report_assign,
        gettext_lazy("The officer was assigned."),
    ),
    "hand-over": (
        lambda r, d, u: HandOverForm(d),
        services.report_hand_over,
        gettext_lazy("The report was handed over."),
    ),
    "answer": (
        lambda r, d, u: AnswerForm(d),
        services.report_answer,
        gettext_lazy("The report was answered."),
    ),
    "classify": (
        lambda r, d, u: ClassifyForm(d, **_officers(r)),
        services.regulation_classify,
        gettext_lazy("The feedback was classified."),
    ),
    "decide": (
        lambda r, d, u: DecideForm(d),
        services.regulation_decide,
        gettext_lazy("The decision was recorded and the answer drafted in the register."),
    ),
    "publish-result": (
        lambda r, d, u: ResultPublishForm(d),
        services.regulation_publish,
        gettext_lazy("The result was published."),
    ),
    "close": (
        lambda r, d, u: forms.Form(d),
        services.report_close,
        gettext_lazy("The report was closed."),
    ),
    "merge": (
        lambda r, d, u: MergeForm(d, user=u),
        services.report_merge,
        gettext_lazy("The report was merged with the report on the same problem."),
    ),
    "unmerge": (
        lambda r, d, u: ReasonForm(d),
        services.report_unmerge,
        gettext_lazy("The report was separated again."),
    ),
    "request-supplement": (
        lambda r, d, u: ReasonForm(d),
        services.report_request_supplement,
        gettext_lazy("The sender was asked to supplement the report."),
    ),
    "supplement": (
        lambda r, d, u: SupplementForm(d),
        services.report_supplement,
        gettext_lazy("The supplement was recorded."),
    ),
}


@require_POST
@officer_required
def report_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in REPORT_ACTIONS:
        raise Http404
    report = selectors.report_get_for_officer(request.user, pk)
    build, service, done = REPORT_ACTIONS[action]
    form = build(report, request.POST, request.user)
    if form.is_valid():
        try:
            service(actor=request.user, report=report, **form.cleaned_data)
        except DomainError as error:
            if error.status == 403:
                raise PermissionDenied from error
            form_add_domain_error(form, error)
        else:
            messages.success(request, str(done))
            if action == "hand-over" or (action == "classify" and form.cleaned_data["to_unit"]):
                return redirect("feedback_officer:inbox")
            return redirect("feedback_officer:report-detail", pk=pk)
    report.refresh_from_db()
    return _report_page(request, report, status=400, **{action: form})


@require_http_methods(["GET", "POST"])
@officer_required
def report_enter(request: HttpRequest) -> HttpResponse:
    """An officer enters a report for someone who phoned or came in (audited as such)."""
    if request.method == "POST":
        form = OnBehalfForm(request.POST, request.FILES)
        if form.is_valid():
            data = dict(form.cleaned_data)
            data.pop("photos", None)
            data.pop("request_key", None)
            try:
                report = services.report_submit(
                    actor=request.user, photos=request.FILES.getlist("photos"), **data
                )
            except DomainError as error:
                form_add_domain_error(form, error)
            else:
                messages.success(
                    request,
                    _("Report %(code)s was sent to %(unit)s.")
                    % {"code": report.code, "unit": report.unit.name},
                )
                return redirect("feedback_officer:inbox")
        context = {"form": form, "map": map_settings()}
        return render(request, "feedback/officer_report_form.html", context, status=400)
    form = OnBehalfForm(initial={"request_key": request_key_new()})
    context = {"form": form, "map": map_settings()}
    return render(request, "feedback/officer_report_form.html", context)
