"""What the desk and processing services share: who counts as the desk of a dossier, issuing
an official form, and copying the clock of the workflow instance onto the dossier."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from egov.common.exceptions import PermissionDenied
from egov.common.text import fold
from egov.onestop.models import Dossier, DossierNotice
from egov.onestop.selectors.dossiers_officer import desks_of, served_q
from egov.orgs.access import can_act_for_unit
from egov.orgs.choices import Role, UnitKind
from egov.orgs.models import OrgUnit
from egov.workflow.models import ProcessInstance

DESK_ROLES = (Role.FRONT_DESK_OFFICER,)
# Heads over the desk may also hand results back (Decree 61/2018 art. 20: the desk returns them).
RETURN_ROLES = (Role.FRONT_DESK_OFFICER, Role.UNIT_HEAD)


def require_desk(actor: Any, desk: OrgUnit | None) -> OrgUnit:
    """``desk`` if it is an active one-stop desk where ``actor`` is a front-desk officer."""
    if (
        desk is None
        or desk.kind != UnitKind.ONE_STOP_DESK
        or not desk.is_active
        or not can_act_for_unit(actor, desk, roles=DESK_ROLES)
    ):
        raise PermissionDenied(_("Only a front-desk officer of this one-stop desk can do this."))
    return desk


def desk_of(actor: Any, dossier: Dossier, desk: OrgUnit | None = None) -> OrgUnit:
    """The desk acting on ``dossier``: the desk that registered it, else the one given, else
    the first of the actor's desks serving its competent unit; the actor must work there."""
    if dossier.receiving_unit_id is not None:
        return require_desk(actor, OrgUnit.objects.get(pk=dossier.receiving_unit_id))
    if desk is None:
        serving = [
            d
            for d in desks_of(actor)
            if Dossier.objects.filter(pk=dossier.pk).filter(served_q(d)).exists()
        ]
        desk = serving[0] if serving else None
    return require_desk(actor, desk)


def notice_issue(
    *, actor: Any, dossier: Dossier, kind: str, reason: str = "", new_due_at: Any = None
) -> DossierNotice:
    """Record an official form issued for the dossier (printed from this row)."""
    return DossierNotice.objects.create(
        dossier=dossier,
        kind=kind,
        reason=reason,
        new_due_at=new_due_at,
        issued_at=timezone.now(),
        issued_by=actor if getattr(actor, "is_authenticated", False) else None,
    )


def search_text(dossier: Dossier, code: str | None = None) -> str:
    """The folded text the officer list searches: code, applicant, procedure."""
    parts = [
        code or dossier.code or "",
        dossier.applicant_name,
        dossier.applicant_id_number,
        dossier.applicant_phone,
        dossier.procedure.code,
        dossier.procedure.name,
    ]
    return fold(" ".join(p for p in parts if p))[:500]


def clock_mirror(instance: ProcessInstance) -> dict[str, Any]:
    """The dossier columns that mirror the workflow clock (ADR 0009): the appointment and its
    calendar version, and once processing ends, when and how timely. Every onestop action that
    calls the engine copies them in the same transaction; nothing else changes a dossier's
    instance, so the copy cannot fall behind. The figures and the inbox query these columns."""
    return {
        "due_at": instance.due_at,
        "calendar_version": instance.calendar_version,
        "finished_at": instance.finished_at,
        "timeliness": instance.timeliness,
    }
