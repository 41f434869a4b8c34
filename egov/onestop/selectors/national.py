"""Reads of the dossiers from the national portal for the officer's page (city office)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Min

from egov.onestop.choices import NationalIntakeState
from egov.onestop.models import NationalDossierIntake, NationalProcedureMapping
from egov.onestop.services.national_intake import mapper_require


@dataclass(frozen=True)
class NationalIntakeOverview:
    unmapped: list[dict[str, Any]]  # national_procedure_code, waiting, oldest
    mappings: list[NationalProcedureMapping]
    latest: list[NationalDossierIntake]
    failed: int


def national_intake_overview(*, actor: Any, latest: int = 50) -> NationalIntakeOverview:
    """The national codes waiting for a mapping (how many dossiers wait, since when), the
    mappings, the latest dossiers pulled, and how many could not be registered."""
    mapper_require(actor)
    unmapped = list(
        NationalDossierIntake.objects.filter(state=NationalIntakeState.UNMAPPED)
        .values("national_procedure_code")
        .annotate(waiting=Count("pk"), oldest=Min("submitted_at"))
        .order_by("oldest")
    )
    return NationalIntakeOverview(
        unmapped=unmapped,
        mappings=list(NationalProcedureMapping.objects.order_by("national_code")),
        latest=list(
            NationalDossierIntake.objects.select_related("dossier").order_by(
                "-first_pulled_at", "-pk"
            )[:latest]
        ),
        failed=NationalDossierIntake.objects.filter(state=NationalIntakeState.FAILED).count(),
    )
