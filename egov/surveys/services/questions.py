"""The questions of a draft survey: adding, changing (checked against the version the editor
saw), moving and removing. Every change keeps each conditional question after the question it
depends on (``common.order_check``)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from egov.audit.services import event_record
from egov.audit.versioned import row_lock, version_check, versioned_update
from egov.surveys.choices import QuestionKind, SurveyAuditAction
from egov.surveys.exceptions import SurveyRefused
from egov.surveys.models import Question, Section, Survey
from egov.surveys.services.common import (
    CODE,
    order_check,
    require_draft,
    require_unit,
    sibling_move,
)

CHOICE_KINDS = ("single", "multiple")


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


def options_text_of(question: Question) -> str:
    """The lines ``value | Vietnamese | English`` of a question's options or matrix rows, as
    the builder's form shows them for a change."""
    if question.kind == QuestionKind.MATRIX:
        items = [(r["code"], r["vi"], r.get("en", "")) for r in question.rows]
    else:
        items = [(o["value"], o["vi"], o.get("en", "")) for o in question.options]
    return "\n".join(" | ".join(part for part in item if part) for item in items)


def _question_values(
    survey: Survey,
    *,
    code: str,
    kind: str,
    text_vi: str,
    text_en: str,
    is_required: bool,
    options_text: str,
    min_value: int | None,
    max_value: int | None,
    show_if_question: str,
    show_if_values: str,
) -> tuple[dict[str, Any], dict[str, str]]:
    """The question's columns from the builder's input, and the problems by field."""
    problems: dict[str, str] = {}
    if kind not in QuestionKind.values:
        problems["kind"] = _("Pick a kind of question.")
    if not text_vi.strip():
        problems["text_vi"] = _("Write the question in Vietnamese.")
    items = _lines(options_text)
    if kind in ("single", "multiple", "matrix") and len(items) < (1 if kind == "matrix" else 2):
        problems["options_text"] = _("List the options (or matrix rows), one per line.")
    if min_value is not None and max_value is not None and min_value > max_value:
        problems["max_value"] = _("The largest number is below the smallest.")
    show_if: dict[str, Any] = {}
    if show_if_question:
        if show_if_question == code:
            problems["show_if_question"] = _("A question cannot depend on itself.")
        elif not Question.objects.filter(section__survey=survey, code=show_if_question).exists():
            problems["show_if_question"] = _("There is no question with this code.")
        values = [v.strip() for v in show_if_values.split(",") if v.strip()]
        if not values:
            problems["show_if_values"] = _("Name the answers that show this question.")
        show_if = {"question": show_if_question, "values": values}
    values = {
        "kind": kind,
        "text_vi": text_vi.strip(),
        "text_en": text_en.strip(),
        "is_required": is_required,
        "is_scored": kind in ("likert", "matrix"),
        "options": [{"value": v, "vi": vi, "en": en} for v, vi, en in items]
        if kind in CHOICE_KINDS
        else [],
        "rows": [{"code": v, "vi": vi, "en": en} for v, vi, en in items]
        if kind == QuestionKind.MATRIX
        else [],
        "min_value": min_value if kind == QuestionKind.NUMBER else None,
        "max_value": max_value if kind == QuestionKind.NUMBER else None,
        "show_if": show_if,
    }
    return values, problems


def _dependents(survey: Survey, code: str) -> list[Question]:
    return [
        q
        for q in Question.objects.filter(section__survey=survey)
        if (q.show_if or {}).get("question") == code
    ]


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
    """Add a question at the end of a draft's section. Choices and matrix rows come as lines
    ``value | Vietnamese | English``; a Likert or matrix question counts in the index."""
    survey = section.survey
    require_unit(actor, survey.unit)
    require_draft(survey)
    values, problems = _question_values(
        survey,
        code=code,
        kind=kind,
        text_vi=text_vi,
        text_en=text_en,
        is_required=is_required,
        options_text=options_text,
        min_value=min_value,
        max_value=max_value,
        show_if_question=show_if_question,
        show_if_values=show_if_values,
    )
    if not CODE.match(code or ""):
        problems["code"] = _("Lower-case letters, digits and _, starting with a letter.")
    elif Question.objects.filter(section__survey=survey, code=code).exists():
        problems["code"] = _("Another question of this survey has this code.")
    if problems:
        raise SurveyRefused(_("The question was not added."), fields=problems)
    with transaction.atomic():
        row_lock(Survey.objects, survey.pk)
        order = (section.questions.aggregate(top=Max("order"))["top"] or 0) + 1
        question = Question.objects.create(section=section, order=order, code=code, **values)
        order_check(survey)
        event_record(
            actor=actor,
            action=SurveyAuditAction.SURVEY_CHANGED,
            obj=survey,
            changes={"question_added": code, "kind": kind},
        )
    return question


def question_update(
    *,
    actor: Any,
    question: Question,
    expected_version: int | None,
    section: Section,
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
    """Change a question of a draft: its texts, kind, options, range, condition, or section
    (it goes to the end of the new one). Refused when someone changed it since the editor
    looked, and when a question shown on its answer names an option it no longer has. The code
    stays: it is the answer's key and other questions' conditions name it."""
    survey = question.section.survey
    with transaction.atomic():
        row_lock(Survey.objects, survey.pk)
        locked = row_lock(Question.objects, question.pk)
        version_check(locked, expected_version, item=locked.code)
        require_unit(actor, survey.unit)
        require_draft(survey)
        values, problems = _question_values(
            survey,
            code=locked.code,
            kind=kind,
            text_vi=text_vi,
            text_en=text_en,
            is_required=is_required,
            options_text=options_text,
            min_value=min_value,
            max_value=max_value,
            show_if_question=show_if_question,
            show_if_values=show_if_values,
        )
        if section.survey_id != survey.pk:
            problems["section"] = _("Pick a section of this survey.")
        _dependent_values_check(survey, locked.code, values, problems)
        if problems:
            raise SurveyRefused(_("The question was not changed."), fields=problems)
        if section.pk != locked.section_id:
            values["section_id"] = section.pk
            values["order"] = (section.questions.aggregate(top=Max("order"))["top"] or 0) + 1
        versioned_update(
            actor=actor,
            row=locked,
            action=SurveyAuditAction.QUESTION_CHANGED,
            fields=values,
            changes={"survey": survey.pk, "code": locked.code},
        )
        order_check(survey)
    return locked


def _dependent_values_check(
    survey: Survey, code: str, values: dict[str, Any], problems: dict[str, str]
) -> None:
    """A question shown on this one's answer must still name answers this one can give (a
    choice or a rating; a number or a text is compared as typed, so it is not checked)."""
    if values["kind"] in CHOICE_KINDS:
        possible = {o["value"] for o in values["options"]}
    elif values["kind"] == QuestionKind.LIKERT:
        possible = {"1", "2", "3", "4", "5"}
    else:
        possible = None
    for dependent in _dependents(survey, code):
        wanted = {str(v) for v in dependent.show_if.get("values", [])}
        if possible is None or wanted <= possible:
            continue
        problems["options_text"] = _(
            "Question %(code)s is shown on answers this question would no longer have."
        ) % {"code": dependent.code}
        return


def question_move(*, actor: Any, question: Question, direction: str) -> Question:
    """Move a question one place up or down within its section (the orders renumbered)."""
    sibling_move(
        actor=actor,
        survey=question.section.survey,
        siblings=Question.objects.filter(section_id=question.section_id),
        row=question,
        direction=direction,
        refused=_("The question cannot move further that way."),
        change="question_moved",
    )
    return Question.objects.get(pk=question.pk)


def question_remove(*, actor: Any, question: Question) -> None:
    """Remove a question from a draft (refused while another question depends on it)."""
    survey = question.section.survey
    require_unit(actor, survey.unit)
    require_draft(survey)
    dependent = [q.code for q in _dependents(survey, question.code)]
    if dependent:
        raise SurveyRefused(
            _("Other questions are shown depending on this one: %(codes)s.")
            % {"codes": ", ".join(dependent)}
        )
    with transaction.atomic():
        row_lock(Survey.objects, survey.pk)
        code = question.code
        question.delete()
        event_record(
            actor=actor,
            action=SurveyAuditAction.SURVEY_CHANGED,
            obj=survey,
            changes={"question_removed": code},
        )
