"""URL arguments of the officer dossier routes for the permission matrix
(egov/portal/tests/test_permission_matrix.py): a dossier received and handled by the scoped
unit, with one file."""

from __future__ import annotations

from collections.abc import Callable

from django.core.files.base import ContentFile

from egov.onestop.choices import Channel, DossierStatus
from egov.onestop.models import Dossier, DossierFile
from egov.onestop.tests.factories import ProcedureFactory
from egov.orgs.models import OrgUnit


def dossier_of(unit: OrgUnit) -> Dossier:
    """A dossier in processing whose receiving desk and competent authority are ``unit``."""
    return Dossier.objects.create(
        procedure=ProcedureFactory(),
        channel=Channel.DIRECT,
        status=DossierStatus.PROCESSING,
        applicant_name="Nguyễn Văn An",
        applicant_id_number="001085012345",
        receiving_unit=unit,
        competent_unit=unit,
        code=f"000.00.20.H26-250122-{unit.pk:04d}",
    )


def _file_of(unit: OrgUnit) -> dict[str, object]:
    dossier = dossier_of(unit)
    stored = DossierFile(
        dossier=dossier,
        kind="application",
        original_name="to-khai.pdf",
        content_type="application/pdf",
        size=9,
        sha256="0" * 64,
    )
    stored.file.save("to-khai.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    return {"pk": dossier.pk, "file_id": stored.pk}


DESK_OBJECT_KWARGS: dict[str, Callable[[OrgUnit], dict[str, object]]] = {
    "onestop:officer-dossier-detail": lambda unit: {"pk": dossier_of(unit).pk},
    "onestop:officer-dossier-action": lambda unit: {"pk": dossier_of(unit).pk, "action": "forward"},
    "onestop:officer-dossier-file": _file_of,
}
