"""Editing a draft survey's sections and questions (officers): one page each, the form
carrying the version the editor saw, so a change made meanwhile by someone else is refused
(409) instead of overwritten. Adding, moving and removing are the builder's small POST actions
(``views.survey_action``)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from egov.common.exceptions import DomainError
from egov.common.forms import form_add_domain_error
from egov.orgs.decorators import officer_required
from egov.surveys import services
from egov.surveys.forms import QuestionEditForm, SectionEditForm
from egov.surveys.models import Question, Section
from egov.surveys.selectors import survey_get_for_user


def _edit_refused(error: DomainError) -> int:
    if error.status == 403:
        raise PermissionDenied from error
    return error.status


@require_http_methods(["GET", "POST"])
@officer_required
def section_edit(request: HttpRequest, pk: int, section_id: int) -> HttpResponse:
    """Change a draft's section (titles, weight), checked against the version shown."""
    survey = survey_get_for_user(request.user, pk)
    section = get_object_or_404(
        Section.objects.select_related("survey__unit"), survey=survey, pk=section_id
    )
    if survey.is_frozen:
        return redirect("surveys:survey-detail", pk=pk)
    initial = {
        "title_vi": section.title_vi,
        "title_en": section.title_en,
        "weight": section.weight,
        "expected_version": section.version,
    }
    form = SectionEditForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.section_update(actor=request.user, section=section, **form.cleaned_data)
        except DomainError as error:
            status = _edit_refused(error)
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("The section was saved."))
            return redirect("surveys:survey-detail", pk=pk)
    elif form.errors:
        status = 400
    context = {"survey": survey, "section": section, "form": form}
    return render(request, "surveys/section_edit.html", context, status=status)


def _question_initial(question: Question) -> dict[str, Any]:
    return {
        "section": question.section_id,
        "kind": question.kind,
        "text_vi": question.text_vi,
        "text_en": question.text_en,
        "is_required": question.is_required,
        "options_text": services.options_text_of(question),
        "min_value": question.min_value,
        "max_value": question.max_value,
        "show_if_question": (question.show_if or {}).get("question", ""),
        "show_if_values": ", ".join((question.show_if or {}).get("values", [])),
        "expected_version": question.version,
    }


@require_http_methods(["GET", "POST"])
@officer_required
def question_edit(request: HttpRequest, pk: int, question_id: int) -> HttpResponse:
    """Change a draft's question (all but its code), checked against the version shown."""
    survey = survey_get_for_user(request.user, pk)
    question = get_object_or_404(
        Question.objects.select_related("section__survey__unit"),
        section__survey=survey,
        pk=question_id,
    )
    if survey.is_frozen:
        return redirect("surveys:survey-detail", pk=pk)
    form = QuestionEditForm(survey, request.POST or None, initial=_question_initial(question))
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.question_update(actor=request.user, question=question, **form.cleaned_data)
        except DomainError as error:
            status = _edit_refused(error)
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("The question was saved."))
            return redirect("surveys:survey-detail", pk=pk)
    elif form.errors:
        status = 400
    context = {"survey": survey, "question": question, "form": form}
    return render(request, "surveys/question_edit.html", context, status=status)
