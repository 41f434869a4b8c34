"""Where a report goes and on which internal procedure: the unit responsible for its category
at its place, and the published procedure of its time limit (created on first use)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from egov.feedback.choices import Routing
from egov.feedback.models import Category, CategoryRoute
from egov.orgs.choices import Role
from egov.orgs.models import OrgUnit
from egov.workflow.models import ProcessDefinition
from egov.workflow.selectors import process_definition_current
from egov.workflow.services import StepSpec, process_definition_create, process_definition_publish

STEP_RECEIVE, STEP_PROCESS = "receive", "process"
RECEIVE_DAYS = Decimal("1")
EFFECTIVE_FROM = datetime.date(2008, 3, 3)  # Decree 20/2008/NĐ-CP in force


def report_definition(days: Decimal) -> ProcessDefinition:
    """The published procedure for reports answered within ``days`` working days, created (as
    the system) on first use: one definition per time limit, so each category's limit is the
    legal time of its instances."""
    code = f"feedback.report.{format(days.normalize(), 'f')}d"
    found = process_definition_current(code, on=timezone.localdate())
    if found is not None:
        return found
    steps = (
        StepSpec(1, STEP_RECEIVE, "Tiếp nhận, phân loại phản ánh", Role.CLERK, RECEIVE_DAYS),
        StepSpec(2, STEP_PROCESS, "Xử lý, trả lời phản ánh", Role.SPECIALIST, days - RECEIVE_DAYS),
    )
    try:
        with transaction.atomic():
            definition = process_definition_create(
                actor=None,
                code=code,
                name="Xử lý phản ánh, kiến nghị",
                version=1,
                effective_from=EFFECTIVE_FROM,
                total_days=days,
                steps=steps,
                source="Nghị định 20/2008/NĐ-CP; Quyết định 766/QĐ-TTg (PAKN ≤ 15 ngày làm việc)",
            )
            return process_definition_publish(actor=None, definition=definition)
    except IntegrityError:
        found = process_definition_current(code, on=timezone.localdate())
        if found is None:
            raise
        return found


def category_route(category: Category, area: OrgUnit) -> OrgUnit:
    """The unit responsible for a report of ``category`` at ``area``: the deepest route whose
    area contains it, else the fixed unit, else the area itself (a ward answers its potholes)."""
    routes = (
        CategoryRoute.objects.filter(category=category, unit__status="active")
        .select_related("area", "unit")
        .order_by("-area__depth")
    )
    for route in routes:
        if area.path.startswith(route.area.path):
            return route.unit
    if category.routing == Routing.UNIT and category.unit is not None:
        return category.unit
    return area
