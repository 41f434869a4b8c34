"""The sections of a draft survey (the factors of the index): adding, changing (title and
weight, checked against the version the editor saw), moving and removing."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from egov.audit.services import event_record
from egov.audit.versioned import row_lock, version_check, versioned_update
from egov.surveys.choices import SurveyAuditAction
from egov.surveys.exceptions import SurveyRefused
from egov.surveys.models import Question, Section, Survey
from egov.surveys.services.common import (
    CODE,
    require_draft,
    require_unit,
    sibling_move,
)

WEIGHT_MAX = Decimal(100)


def _weight_problem(weight: Decimal | None) -> str | None:
    if weight is not None and not Decimal(0) <= weight <= WEIGHT_MAX:
        return _("From 0 to 100.")
    return None


def section_add(
    *,
    actor: Any,
    survey: Survey,
    code: str,
    title_vi: str,
    title_en: str = "",
    weight: Decimal = Decimal(1),
) -> Section:
    """Add a section (a factor, weighted in the index) at the end of a draft."""
    require_unit(actor, survey.unit)
    require_draft(survey)
    problems = {}
    if not CODE.match(code or ""):
        problems["code"] = _("Lower-case letters, digits and _, starting with a letter.")
    elif survey.sections.filter(code=code).exists():
        problems["code"] = _("Another section of this survey has this code.")
    if not title_vi.strip():
        problems["title_vi"] = _("Write the title in Vietnamese.")
    if problem := _weight_problem(weight):
        problems["weight"] = problem
    if problems:
        raise SurveyRefused(_("The section was not added."), fields=problems)
    with transaction.atomic():
        row_lock(Survey.objects, survey.pk)
        order = (survey.sections.aggregate(top=Max("order"))["top"] or 0) + 1
        section = Section.objects.create(
            survey=survey,
            order=order,
            code=code,
            title_vi=title_vi.strip(),
            title_en=title_en.strip(),
            weight=weight,
        )
        event_record(
            actor=actor,
            action=SurveyAuditAction.SURVEY_CHANGED,
            obj=survey,
            changes={"section_added": code},
        )
    return section


def section_update(
    *,
    actor: Any,
    section: Section,
    expected_version: int | None,
    title_vi: str | None = None,
    title_en: str | None = None,
    weight: Decimal | None = None,
) -> Section:
    """Change a draft's section: its titles and its weight in the overall index (None leaves
    a field as it is). Refused when someone changed it since the editor looked."""
    survey = section.survey
    with transaction.atomic():
        locked = row_lock(Section.objects, section.pk)
        version_check(locked, expected_version, item=locked.title_vi)
        require_unit(actor, survey.unit)
        require_draft(survey)
        problems = {}
        if title_vi is not None and not title_vi.strip():
            problems["title_vi"] = _("Write the title in Vietnamese.")
        if problem := _weight_problem(weight):
            problems["weight"] = problem
        if problems:
            raise SurveyRefused(_("The section was not changed."), fields=problems)
        given = {"title_vi": title_vi, "title_en": title_en, "weight": weight}
        fields = {
            name: value.strip() if isinstance(value, str) else value
            for name, value in given.items()
            if value is not None
        }
        versioned_update(
            actor=actor,
            row=locked,
            action=SurveyAuditAction.SECTION_CHANGED,
            fields=fields,
            changes={"survey": survey.pk, "code": locked.code},
        )
    return locked


def section_weight_set(*, actor: Any, section: Section, weight: Decimal) -> Section:
    """Set a factor's weight in the overall index (a draft only)."""
    return section_update(actor=actor, section=section, expected_version=None, weight=weight)


def section_move(*, actor: Any, section: Section, direction: str) -> Section:
    """Move a section one place up or down (its questions with it)."""
    sibling_move(
        actor=actor,
        survey=section.survey,
        siblings=section.survey.sections.all(),
        row=section,
        direction=direction,
        refused=_("The section cannot move further that way."),
        change="section_moved",
    )
    return Section.objects.get(pk=section.pk)


def section_remove(*, actor: Any, section: Section) -> None:
    """Remove a section of a draft with its questions. Refused for the last section, and while
    a question of another section is shown on the answer of one of its questions."""
    survey = section.survey
    require_unit(actor, survey.unit)
    require_draft(survey)
    if not survey.sections.exclude(pk=section.pk).exists():
        raise SurveyRefused(_("A survey keeps at least one section."))
    codes = list(section.questions.values_list("code", flat=True))
    dependent = [
        q.code
        for q in Question.objects.filter(section__survey=survey).exclude(section=section)
        if (q.show_if or {}).get("question") in codes
    ]
    if dependent:
        raise SurveyRefused(
            _("Other questions are shown depending on this one: %(codes)s.")
            % {"codes": ", ".join(dependent)}
        )
    with transaction.atomic():
        row_lock(Survey.objects, survey.pk)
        code = section.code
        section.delete()
        event_record(
            actor=actor,
            action=SurveyAuditAction.SURVEY_CHANGED,
            obj=survey,
            changes={"section_removed": code, "questions_removed": codes},
        )
