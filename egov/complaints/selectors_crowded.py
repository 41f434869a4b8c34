"""Reads of crowded and long-running cases on the five-step plan, scoped to the actor: the
cases of units within reach (the city inspectorate, reaching over the city, sees every one),
each with its milestones and which are late."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from egov.complaints.models import CrowdedCase, CrowdedMilestone, CrowdedPlan
from egov.complaints.selectors import HANDLERS
from egov.orgs.access import get_for_user_or_404, reach_of, scope_to_units
from egov.orgs.models import OrgUnit


def may_edit_plans(user: Any) -> bool:
    """The city inspectorate: a handling role (specialist or head) over the top unit."""
    reach = reach_of(user, roles=HANDLERS)
    if reach.is_empty:
        return False
    return OrgUnit.objects.filter(reach.q("self"), parent__isnull=True).exists()


def _cases() -> QuerySet[CrowdedCase]:
    return CrowdedCase.objects.select_related("plan", "petition__unit").prefetch_related(
        Prefetch("milestones", queryset=CrowdedMilestone.objects.order_by("position"))
    )


def crowded_cases_for_user(user: Any, *, year: int | None = None) -> QuerySet[CrowdedCase]:
    cases = scope_to_units(_cases(), user, unit_field="petition__unit")
    if year is not None:
        cases = cases.filter(plan__year=year)
    return cases.order_by("petition__unit__name", "petition__received_at", "pk")


def crowded_case_get_for_user(user: Any, pk: int) -> CrowdedCase:
    return get_for_user_or_404(_cases(), user, pk=pk, unit_field="petition__unit")


def crowded_case_of(petition_id: int) -> CrowdedCase | None:
    return _cases().filter(petition_id=petition_id).first()


@dataclass(frozen=True)
class MilestoneRow:
    milestone: CrowdedMilestone
    late: bool


@dataclass(frozen=True)
class CaseRow:
    case: CrowdedCase
    milestones: list[MilestoneRow]

    @property
    def late_count(self) -> int:
        return sum(row.late for row in self.milestones)


def case_rows(cases: Any, today: datetime.date | None = None) -> list[CaseRow]:
    today = today or timezone.localdate()
    return [
        CaseRow(case, [MilestoneRow(m, m.is_late(today)) for m in case.milestones.all()])
        for case in cases
    ]


def plan_years() -> list[int]:
    return list(CrowdedPlan.objects.order_by("-year").values_list("year", flat=True))
