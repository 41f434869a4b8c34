"""Survey pages. Officers (workspace): the list, starting a survey from the SIPAS template, the
builder page with its small POST actions, the index page (xlsx too) and the QR poster. Anyone:
answering by the public link or a signed invitation link (no login, progress kept in the
session), and the agencies' published results. A refusal re-renders with the reason (4xx)."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from egov.common.exceptions import DomainError
from egov.common.forms import form_add_domain_error
from egov.common.qr import qr_svg
from egov.common.tables import table_response
from egov.orgs.access import reach_of, scope_to_units
from egov.orgs.decorators import officer_required
from egov.orgs.models import OrgUnit
from egov.surveys import services
from egov.surveys.choices import AnswerSource, ServiceChannel, SurveyStatus
from egov.surveys.exceptions import AnswerInvalid, InvitationUsed
from egov.surveys.forms import (
    AnswerForm,
    QuestionForm,
    SectionForm,
    SurveyCreateForm,
    SurveySettingsForm,
    WeightForm,
)
from egov.surveys.models import Question, Section, Survey
from egov.surveys.presenting import index_workbook, public_workbook, report_charts
from egov.surveys.selectors import (
    procedures_answered,
    published_surveys_of,
    published_units,
    survey_current_of_family,
    survey_get_for_user,
    survey_index,
    survey_list_for_user,
    survey_open_get,
    survey_structure,
)
from egov.surveys.selectors_combined import (
    CombinedSatisfaction,
    satisfaction_combined,
    satisfaction_overview,
)
from egov.surveys.throttle import answer_throttle


@require_GET
@officer_required
def survey_list(request: HttpRequest) -> HttpResponse:
    surveys = list(
        survey_list_for_user(request.user).order_by("unit__name", "family", "-version")[:300]
    )
    return render(request, "surveys/survey_list.html", {"surveys": surveys})


@require_http_methods(["GET", "POST"])
@officer_required
def survey_create(request: HttpRequest) -> HttpResponse:
    units = scope_to_units(OrgUnit.objects.active(), request.user, unit_field="self")
    form = SurveyCreateForm(units, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["start"] == "sipas":
                survey = services.survey_create_from_template(actor=request.user, unit=data["unit"])
            else:
                survey = services.survey_create_blank(
                    actor=request.user, unit=data["unit"], title_vi=data["title_vi"]
                )
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("The survey was created as a draft."))
            return redirect("surveys:survey-detail", pk=survey.pk)
    status = 400 if form.errors else 200
    return render(request, "surveys/survey_create.html", {"form": form}, status=status)


def _detail(request: HttpRequest, survey: Survey, **forms: Any) -> dict[str, Any]:
    return {
        "survey": survey,
        "sections": survey_structure(survey),
        "settings_form": forms.get("settings_form") or SurveySettingsForm(instance=survey),
        "question_form": forms.get("question_form") or QuestionForm(survey),
        "section_form": forms.get("section_form") or SectionForm(prefix="section"),
        "public_url": request.build_absolute_uri(
            reverse("surveys:survey-answer", args=[survey.pk])
        ),
    }


@require_GET
@officer_required
def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    survey = survey_get_for_user(request.user, pk)
    return render(request, "surveys/survey_detail.html", _detail(request, survey))


def _action_settings(request: HttpRequest, survey: Survey) -> Any:
    form = SurveySettingsForm(request.POST, instance=Survey.objects.get(pk=survey.pk))
    if not form.is_valid():
        return {"settings_form": form}
    services.survey_update(
        actor=request.user, survey=survey, **{k: form.cleaned_data[k] for k in form.fields}
    )
    return _("The settings were saved.")


def _action_question_add(request: HttpRequest, survey: Survey) -> Any:
    form = QuestionForm(survey, request.POST)
    if not form.is_valid():
        return {"question_form": form}
    data = dict(form.cleaned_data)
    try:
        services.question_add(actor=request.user, **data)
    except DomainError as error:
        form_add_domain_error(form, error)
        return {"question_form": form}
    return _("The question was added.")


def _posted_id(request: HttpRequest, name: str) -> int:
    value = request.POST.get(name, "")
    return int(value) if value.isdigit() else 0


def _posted_question(request: HttpRequest, survey: Survey) -> Question:
    return get_object_or_404(
        Question.objects.select_related("section__survey__unit"),
        section__survey=survey,
        pk=_posted_id(request, "question"),
    )


def _posted_section(request: HttpRequest, survey: Survey) -> Section:
    return get_object_or_404(
        Section.objects.select_related("survey__unit"),
        survey=survey,
        pk=_posted_id(request, "section"),
    )


def _action_question_remove(request: HttpRequest, survey: Survey) -> Any:
    services.question_remove(actor=request.user, question=_posted_question(request, survey))
    return _("The question was removed.")


def _action_question_move(request: HttpRequest, survey: Survey) -> Any:
    services.question_move(
        actor=request.user,
        question=_posted_question(request, survey),
        direction=request.POST.get("direction", ""),
    )
    return _("The question was moved.")


def _action_section_add(request: HttpRequest, survey: Survey) -> Any:
    form = SectionForm(request.POST, prefix="section")
    if not form.is_valid():
        return {"section_form": form}
    try:
        services.section_add(actor=request.user, survey=survey, **form.cleaned_data)
    except DomainError as error:
        form_add_domain_error(form, error)
        return {"section_form": form}
    return _("The section was added.")


def _action_section_move(request: HttpRequest, survey: Survey) -> Any:
    services.section_move(
        actor=request.user,
        section=_posted_section(request, survey),
        direction=request.POST.get("direction", ""),
    )
    return _("The section was moved.")


def _action_section_remove(request: HttpRequest, survey: Survey) -> Any:
    services.section_remove(actor=request.user, section=_posted_section(request, survey))
    return _("The section and its questions were removed.")


def _action_weight(request: HttpRequest, survey: Survey) -> Any:
    section = _posted_section(request, survey)
    form = WeightForm(request.POST)
    if not form.is_valid():
        raise DomainError(_("A weight is from 0 to 100."))
    services.section_weight_set(
        actor=request.user, section=section, weight=form.cleaned_data["weight"]
    )
    return _("The weight was saved.")


ACTIONS = {
    "settings": _action_settings,
    "question-add": _action_question_add,
    "question-remove": _action_question_remove,
    "question-move": _action_question_move,
    "section-add": _action_section_add,
    "section-move": _action_section_move,
    "section-remove": _action_section_remove,
    "weight": _action_weight,
    "publish": lambda r, s: (
        services.survey_publish(actor=r.user, survey=s)
        and _("The survey was published: it is frozen and takes answers.")
    ),
    "close": lambda r, s: (
        services.survey_close(actor=r.user, survey=s) and _("The survey was closed.")
    ),
    "results-publish": lambda r, s: (
        services.survey_results_publish(actor=r.user, survey=s)
        and _("The results are shown on the public page.")
    ),
    "results-withdraw": lambda r, s: (
        services.survey_results_publish(actor=r.user, survey=s, published=False)
        and _("The results were withdrawn from the public page.")
    ),
}


@require_POST
@officer_required
def survey_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    survey = survey_get_for_user(request.user, pk)
    if action == "new-version":
        try:
            draft = services.survey_new_version(actor=request.user, survey=survey)
        except DomainError as error:
            return _refused(request, survey, error)
        messages.success(request, _("A new draft version was made."))
        return redirect("surveys:survey-detail", pk=draft.pk)
    handler = ACTIONS.get(action)
    if handler is None:
        raise Http404
    try:
        outcome = handler(request, survey)
    except DomainError as error:
        return _refused(request, survey, error)
    if isinstance(outcome, dict):
        context = _detail(request, Survey.objects.select_related("unit").get(pk=pk), **outcome)
        return render(request, "surveys/survey_detail.html", context, status=400)
    messages.success(request, outcome)
    return redirect("surveys:survey-detail", pk=pk)


def _refused(request: HttpRequest, survey: Survey, error: DomainError) -> HttpResponse:
    if error.status == 403:
        raise PermissionDenied from error
    context = _detail(request, Survey.objects.select_related("unit").get(pk=survey.pk))
    context["refusal"] = error.message
    return render(request, "surveys/survey_detail.html", context, status=error.status)


def _date(value: str | None, default: datetime.date) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value) if value else default
    except ValueError:
        return default


def _filters(request: HttpRequest) -> dict[str, Any]:
    today = timezone.localdate()
    first = _date(request.GET.get("first"), today.replace(day=1, month=1))
    last = _date(request.GET.get("last"), today)
    if last < first:
        first, last = last, first
    channel = request.GET.get("channel")
    return {
        "first": first,
        "last": last,
        "procedure_code": request.GET.get("procedure", "").strip()[:60],
        "channel": channel if channel in ServiceChannel.values else None,
    }


@require_GET
@officer_required
def survey_index_page(request: HttpRequest, pk: int) -> HttpResponse:
    survey = survey_get_for_user(request.user, pk)
    filters = _filters(request)
    unit = survey.unit
    unit_id = request.GET.get("unit")
    if unit_id and unit_id.isdigit():
        picked = OrgUnit.objects.filter(pk=unit_id).first()
        if picked is not None and reach_of(request.user).covers(picked):
            unit = picked
    report = survey_index(survey, unit=unit, **filters)
    if request.GET.get("format") == "xlsx":
        return table_response(index_workbook(survey, report), filename=f"khao-sat-{survey.pk}.xlsx")
    combined, units_below = satisfaction_overview(
        unit, first=filters["first"], last=filters["last"]
    )
    return render(
        request,
        "surveys/survey_index.html",
        {
            "survey": survey,
            "report": report,
            "charts": report_charts(report),
            "filters": filters,
            "unit": unit,
            "channels": ServiceChannel.choices,
            "procedures": procedures_answered(survey, unit),
            "combined_rows": _combined_rows(combined),
            "units_below": units_below,
        },
    )


def _combined_rows(combined: CombinedSatisfaction) -> list[tuple[str, Any]]:
    return [
        (_("Survey answers"), combined.answers),
        (_("One-stop ratings"), combined.ratings),
        (_("Both together"), combined.combined),
    ]


def _poster_svg(url: str) -> str:
    return qr_svg(url, scale=8, title=str(_("Survey QR code")))


@require_GET
@officer_required
def survey_poster(request: HttpRequest, pk: int) -> HttpResponse:
    survey = survey_get_for_user(request.user, pk)
    url = request.build_absolute_uri(reverse("surveys:survey-answer", args=[survey.pk]))
    return render(
        request,
        "surveys/survey_poster.html",
        {"survey": survey, "url": url, "qr": _poster_svg(url)},
    )


# --- answering (anyone, no login) -------------------------------------------------------


def _progress_key(survey: Survey, suffix: str = "") -> str:
    return f"surveys.progress.{survey.family}{suffix}"


def _answer(
    request: HttpRequest, survey: Survey, *, invitation: Any = None, token: str = ""
) -> HttpResponse:
    if survey.status != SurveyStatus.PUBLISHED:
        return render(request, "surveys/answer_closed.html", {"survey": survey}, status=409)
    answered_key = f"surveys.answered.{survey.family}"
    if invitation is None and request.session.get(answered_key):
        return render(
            request, "surveys/answer_done.html", {"survey": survey, "again": True}, status=409
        )
    sections = survey_structure(survey)
    key = _progress_key(survey, f".{token[-12:]}" if token else "")
    problems: dict[str, str] = {}
    if request.method == "POST":
        form = AnswerForm(sections, request.POST)
        if form.is_valid():
            answers = form.answers()
            if "save" in request.POST:
                request.session[key] = answers
                messages.success(
                    request,
                    _("Your answers are kept on this device: open the same link to finish."),
                )
                return redirect(request.path)
            try:
                answer_throttle(request)
                services.response_submit(
                    survey=survey,
                    answers=answers,
                    invitation=invitation,
                    source=AnswerSource.PUBLIC_LINK,
                )
            except AnswerInvalid as error:
                problems = error.fields
            except DomainError as error:
                return render(
                    request,
                    "surveys/answer_closed.html",
                    {"survey": survey, "reason": error.message},
                    status=error.status,
                )
            else:
                request.session.pop(key, None)
                if invitation is None:
                    request.session[answered_key] = True
                return render(request, "surveys/answer_done.html", {"survey": survey})
    else:
        saved = request.session.get(key) or {}
        form = AnswerForm(sections, initial=AnswerForm.data_from_answers(saved))
    context = {"survey": survey, "form": form, "groups": form.bound_groups(), "problems": problems}
    return render(
        request, "surveys/answer.html", context, status=422 if problems or form.errors else 200
    )


@require_http_methods(["GET", "POST"])
def survey_answer(request: HttpRequest, pk: int) -> HttpResponse:
    return _answer(request, survey_open_get(pk))


@require_http_methods(["GET", "POST"])
def invitation_answer(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = services.invitation_from_token(token)
    except InvitationUsed as error:
        return render(request, "surveys/answer_closed.html", {"reason": error.message}, status=410)
    survey = survey_current_of_family(invitation.survey)
    return _answer(request, survey, invitation=invitation, token=token)


@require_GET
def public_home(request: HttpRequest) -> HttpResponse:
    return render(request, "surveys/public_home.html", {"units": published_units()})


@require_GET
def public_unit(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = get_object_or_404(OrgUnit, pk=unit_id)
    surveys = published_surveys_of(unit)
    if not surveys:
        raise Http404
    filters = _filters(request)
    filters["channel"] = None
    filters["procedure_code"] = ""
    reports = [(survey, survey_index(survey, unit=unit, **filters)) for survey in surveys]
    combined_rows = _combined_rows(
        satisfaction_combined(unit, first=filters["first"], last=filters["last"])
    )
    if request.GET.get("format") == "xlsx":
        workbook = public_workbook(
            unit, reports, combined_rows, first=filters["first"], last=filters["last"]
        )
        return table_response(workbook, filename=f"hai-long-{unit.pk}.xlsx")
    return render(
        request,
        "surveys/public_unit.html",
        {
            "unit": unit,
            "reports": [(survey, report, report_charts(report)) for survey, report in reports],
            "filters": filters,
            "combined_rows": combined_rows,
        },
    )
