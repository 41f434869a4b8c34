"""What every survey write checks first: the actor acts for the survey's unit, and a change of
questions or scoring is made on a draft that has no answers; and, after a change of the
structure, that every conditional question still comes after the question it depends on."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from egov.audit.services import event_record
from egov.audit.versioned import row_lock
from egov.common.exceptions import PermissionDenied
from egov.orgs.access import can_act_for_unit
from egov.orgs.models import OrgUnit
from egov.surveys.choices import SurveyAuditAction
from egov.surveys.exceptions import SurveyRefused
from egov.surveys.models import Question, Response, Survey

CODE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


def require_unit(actor: Any, unit: OrgUnit) -> None:
    """Refuse an actor who does not act for ``unit`` (or a unit above it)."""
    if not can_act_for_unit(actor, unit):
        raise PermissionDenied(_("You do not act for this unit."))


def require_draft(survey: Survey) -> None:
    """Refuse a change to a published or closed version, or to one that has answers: the
    answers were given to these questions, so they stay as they were."""
    if survey.is_frozen:
        raise SurveyRefused(
            _("A published survey is frozen: make a new version to change it."),
            code="survey_frozen",
        )
    if Response.objects.filter(survey=survey).exists():
        raise SurveyRefused(
            _("This version has answers: make a new version to change it."),
            code="survey_answered",
        )


def order_check(survey: Survey) -> None:
    """Refuse a structure in which a question shown on another's answer comes before it: the
    answer is checked in order, so the condition could never hold (``rules.is_shown``)."""
    seen: set[str] = set()
    questions = Question.objects.filter(section__survey=survey).order_by(
        "section__order", "section__pk", "order", "pk"
    )
    for question in questions:
        depends_on = (question.show_if or {}).get("question")
        if depends_on and depends_on not in seen:
            raise SurveyRefused(
                _(
                    "Question %(code)s would come before question %(depends_on)s, on whose "
                    "answer it is shown."
                )
                % {"code": question.code, "depends_on": depends_on},
                code="survey_order",
            )
        seen.add(question.code)


def neighbours_swap(rows: Sequence[Any], index: int, direction: str) -> list[Any] | None:
    """``rows`` renumbered 1…n with the row at ``index`` swapped with its neighbour above
    (``up``) or below (``down``); None when there is none."""
    other = index - 1 if direction == "up" else index + 1
    if direction not in ("up", "down") or not 0 <= other < len(rows):
        return None
    ordered = list(rows)
    ordered[index], ordered[other] = ordered[other], ordered[index]
    for number, row in enumerate(ordered, start=1):
        row.order = number
    return ordered


def sibling_move(
    *,
    actor: Any,
    survey: Survey,
    siblings: Any,
    row: Any,
    direction: str,
    refused: str,
    change: str,
) -> None:
    """Move ``row`` one place ``up`` or ``down`` among ``siblings`` (a queryset of its model
    with an ``order`` field) of a draft of ``survey``: permission, the survey's row lock, the
    orders renumbered, the conditions checked, one audit entry naming ``change``."""
    require_unit(actor, survey.unit)
    require_draft(survey)
    with transaction.atomic():
        row_lock(Survey.objects, survey.pk)
        rows = list(siblings.order_by("order", "pk"))
        index = next(i for i, each in enumerate(rows) if each.pk == row.pk)
        ordered = neighbours_swap(rows, index, direction)
        if ordered is None:
            raise SurveyRefused(refused)
        siblings.model.objects.bulk_update(ordered, ["order"])
        order_check(survey)
        event_record(
            actor=actor,
            action=SurveyAuditAction.SURVEY_CHANGED,
            obj=survey,
            changes={change: row.code, "direction": direction},
        )
