"""URL arguments of the complaints routes for the permission matrix
(egov/portal/tests/test_permission_matrix.py): a visit and a complaint of the scoped unit; a
citizen's petition owned by the persona when a citizen, by someone else otherwise."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils import timezone

from egov.accounts.services import officer_account_create, public_account_register
from egov.complaints.models import CrowdedCase, CrowdedMilestone, CrowdedPlan, Petition, Visit
from egov.complaints.selectors import rule_set_in_force
from egov.complaints.services_crowded import default_days
from egov.orgs.models import OrgUnit


def _officer(unit: OrgUnit) -> Any:
    return officer_account_create(
        actor=None, full_name="Cán bộ tiếp dân", email=f"tcd.{unit.pk}@example.vn", password=None
    )


def _visit(unit: OrgUnit) -> Visit:
    return Visit.objects.create(
        unit=unit,
        number=f"{unit.pk}/2026",
        received_at=timezone.now(),
        visitor_name="Trần Văn Bình",
        content="Khiếu nại",
        officer=_officer(unit),
        outcome="guided",
        outcome_note="Hướng dẫn",
    )


def _petition(unit: OrgUnit, citizen: Any = None) -> Petition:
    return Petition.objects.create(
        unit=unit,
        number=f"{Petition.objects.count() + 1}/2026",
        channel="portal" if citizen else "post",
        received_at=timezone.now(),
        citizen=citizen,
        petitioner_name="Trần Văn Bình",
        subject="Khiếu nại",
        content="Khiếu nại quyết định",
        kind="complaint",
        match_key="x",
        rule_set=rule_set_in_force(timezone.localdate()),
        tracking_code="ABCD1234",
    )


def _own_petition(user: Any, world: Any) -> dict[str, object]:
    owner = user
    if user is None or not getattr(user, "is_public", False):
        owner = public_account_register(
            full_name="Lê Văn Khác",
            password="Egov@2026-test",
            phone="0987000111",
            citizen_id="001099000111",
        )
    return {"pk": _petition(world.district_a, owner).pk}


COMPLAINTS_OBJECT_KWARGS: dict[str, Callable[[OrgUnit], dict[str, object]]] = {
    "complaints:visit-detail": lambda unit: {"pk": _visit(unit).pk},
    "complaints:visit-receipt": lambda unit: {"pk": _visit(unit).pk},
    "complaints:petition-detail": lambda unit: {"pk": _petition(unit).pk},
    "complaints:petition-identity": lambda unit: {"pk": _petition(unit).pk},
    # an empty step: a 400 for those who see the petition, a 404 for anyone else
    "complaints:petition-action": lambda unit: {"pk": _petition(unit).pk, "action": "verify"},
    "complaints:crowded-open": lambda unit: {"pk": _petition(unit).pk},
    "complaints:crowded-detail": lambda unit: {"pk": _crowded(unit).pk},
    # an empty form: a 400 for those who see the case, a 404 for anyone else
    "complaints:crowded-milestone": lambda unit: {"pk": _crowded(unit).pk, "step": "review"},
    "api:case_get": lambda unit: {"case_id": _petition(unit).pk},
    # a plan without a document: back to the case for those who see it, a 404 for anyone else
    "complaints:crowded-tasks": lambda unit: {"pk": _crowded(unit).pk},
}


def _crowded(unit: OrgUnit) -> CrowdedCase:
    petition = _petition(unit)
    petition.status = "accepted"
    petition.save(update_fields=["status"])
    plan, _made = CrowdedPlan.objects.get_or_create(
        year=2026,
        defaults={f"{step}_by": day for step, day in default_days(2026).items()},
    )
    case = CrowdedCase.objects.create(petition=petition, plan=plan, created_by=_officer(unit))
    CrowdedMilestone.objects.create(case=case, step="review", position=1, due_on=plan.review_by)
    return case


COMPLAINTS_CITIZEN_ROUTE_KWARGS: dict[str, Callable[[Any, Any], dict[str, object]]] = {
    "complaints:my-petition-detail": _own_petition,
}
