"""Adding and removing the questions of a draft survey."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from egov.audit.services import event_record
from egov.surveys.choices import QuestionKind, SurveyAuditAction
from egov.surveys.exceptions import SurveyRefused
from egov.surveys.models import Question, Section
from egov.surveys.services.common import CODE, require_draft, require_unit


def _lines(text: str) -> list[tuple[str, str, str]]:
    """``value | Vietnamese | English`` lines (or just the Vietnamese text)."""
    out = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        parts = [p.strip() for p in line.split("|")]
        if not parts[0]:
            continue
        if len(parts) == 1:
            parts = [str(number), parts[0], ""]
        elif len(parts) == 2:
            parts = [parts[0], parts[1], ""]
        out.append((parts[0], parts[1], parts[2]))
    return out


def question_add(
    *,
    actor: Any,
    section: Section,
    code: str,
    kind: str,
    text_vi: str,
    text_en: str = "",
    is_required: bool = False,
    options_text: str = "",
    min_value: int | None = None,
    max_value: int | None = None,
    show_if_question: str = "",
    show_if_values: str = "",
) -> Question:
    """Add a question to a draft's section. Choices and matrix rows come as lines
    ``value | Vietnamese | English``; a Likert or matrix question counts in the index."""
    survey = section.survey
    require_unit(actor, survey.unit)
    require_draft(survey)
    problems = {}
    if not CODE.match(code or ""):
        problems["code"] = _("Lower-case letters, digits and _, starting with a letter.")
    elif Question.objects.filter(section__survey=survey, code=code).exists():
        problems["code"] = _("Another question of this survey has this code.")
    if kind not in QuestionKind.values:
        problems["kind"] = _("Pick a kind of question.")
    if not text_vi.strip():
        problems["text_vi"] = _("Write the question in Vietnamese.")
    items = _lines(options_text)
    if kind in ("single", "multiple", "matrix") and len(items) < (1 if kind == "matrix" else 2):
        problems["options_text"] = _("List the options (or matrix rows), one per line.")
    if min_value is not None and max_value is not None and min_value > max_value:
        problems["max_value"] = _("The largest number is below the smallest.")
    show_if = {}
    if show_if_question:
        if not Question.objects.filter(section__survey=survey, code=show_if_question).exists():
            problems["show_if_question"] = _("There is no question with this code.")
        values = [v.strip() for v in show_if_values.split(",") if v.strip()]
        if not values:
            problems["show_if_values"] = _("Name the answers that show this question.")
        show_if = {"question": show_if_question, "values": values}
    if problems:
        raise SurveyRefused(_("The question was not added."), fields=problems)
    with transaction.atomic():
        order = (section.questions.aggregate(top=Max("order"))["top"] or 0) + 1
        question = Question.objects.create(
            section=section,
            order=order,
            code=code,
            kind=kind,
            text_vi=text_vi.strip(),
            text_en=text_en.strip(),
            is_required=is_required,
            is_scored=kind in ("likert", "matrix"),
            options=[{"value": v, "vi": vi, "en": en} for v, vi, en in items]
            if kind in ("single", "multiple")
            else [],
            rows=[{"code": v, "vi": vi, "en": en} for v, vi, en in items]
            if kind == "matrix"
            else [],
            min_value=min_value,
            max_value=max_value,
            show_if=show_if,
        )
        event_record(
            actor=actor,
            action=SurveyAuditAction.SURVEY_CHANGED,
            obj=survey,
            changes={"question_added": code, "kind": kind},
        )
    return question


def question_remove(*, actor: Any, question: Question) -> None:
    """Remove a question from a draft (refused while another question depends on it)."""
    survey = question.section.survey
    require_unit(actor, survey.unit)
    require_draft(survey)
    dependent = [
        q.code
        for q in Question.objects.filter(section__survey=survey)
        if q.show_if.get("question") == question.code
    ]
    if dependent:
        raise SurveyRefused(
            _("Other questions are shown depending on this one: %(codes)s.")
            % {"codes": ", ".join(dependent)}
        )
    with transaction.atomic():
        code = question.code
        question.delete()
        event_record(
            actor=actor,
            action=SurveyAuditAction.SURVEY_CHANGED,
            obj=survey,
            changes={"question_removed": code},
        )
