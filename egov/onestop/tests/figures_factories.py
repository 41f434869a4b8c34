"""Dossiers for the forms and figures tests, built directly through the ORM (the desk and
citizen services are written in parallel); Vietnamese test data."""

from __future__ import annotations

import datetime

import factory

from egov.onestop.models import Dossier, DossierNotice, DossierRating
from egov.onestop.tests.factories import ProcedureFactory, RequiredDocumentFactory
from egov.orgs.models import OrgUnit
from egov.workdays.rules import VN_TZ


def at(year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> datetime.datetime:
    """A moment in Vietnam time."""
    return datetime.datetime(year, month, day, hour, minute, tzinfo=VN_TZ)


class DossierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dossier

    code = factory.Sequence(lambda n: f"000.00.01.H26-250714-{n + 1:04d}")
    procedure = factory.SubFactory(ProcedureFactory)
    channel = "direct"
    status = "processing"
    applicant_name = "Nguyễn Văn An"
    applicant_id_number = "001085012345"
    applicant_phone = "0912345678"
    applicant_email = "an.nguyen@example.vn"
    applicant_address = "Số 12 phố Phúc Xá, quận Ba Đình, Hà Nội"
    submitted_at = factory.LazyFunction(lambda: at(2025, 7, 14, 8, 30))
    received_at = factory.LazyFunction(lambda: at(2025, 7, 14, 9, 15))
    due_at = factory.LazyFunction(lambda: at(2025, 7, 21, 16, 0))


def notice_issue(
    dossier: Dossier,
    kind: str,
    *,
    issued_at: datetime.datetime,
    reason: str = "",
    new_due_at: datetime.datetime | None = None,
) -> DossierNotice:
    return DossierNotice.objects.create(
        dossier=dossier, kind=kind, reason=reason, new_due_at=new_due_at, issued_at=issued_at
    )


def rating_give(
    dossier: Dossier, unit: OrgUnit, *, score: int, rated_at: datetime.datetime
) -> DossierRating:
    rating = DossierRating.objects.create(dossier=dossier, unit=unit, score=score)
    DossierRating.objects.filter(pk=rating.pk).update(rated_at=rated_at)  # auto_now_add
    rating.refresh_from_db()
    return rating


def received_dossier(world, *, applicant=None, **fields) -> Dossier:
    """A dossier received at the district A desk for district A, with its receipt (Form 01)
    and two required documents on its procedure."""
    procedure = ProcedureFactory(
        name="Đăng ký khai sinh", level="district", working_days="5", calendar_days=None
    )
    RequiredDocumentFactory(procedure=procedure, order=1, name="Tờ khai đăng ký khai sinh")
    RequiredDocumentFactory(
        procedure=procedure, order=2, name="Giấy chứng sinh", originals_count=0, copies_count=1
    )
    dossier = DossierFactory(
        procedure=procedure,
        applicant=applicant,
        receiving_unit=world.desk_a,
        competent_unit=world.district_a,
        **fields,
    )
    notice_issue(dossier, "receipt", issued_at=dossier.received_at)
    return dossier


def form_route_kwargs(unit: OrgUnit) -> dict[str, object]:
    """URL arguments of the form routes for the permission matrix: the receipt of a dossier
    received by and for ``unit`` (no applicant account)."""
    dossier = DossierFactory(receiving_unit=unit, competent_unit=unit)
    notice_issue(dossier, "receipt", issued_at=dossier.received_at)
    return {"pk": dossier.pk, "kind": "receipt"}


# route -> URL kwargs for a scoped unit (merged into the matrix's OBJECT_KWARGS)
FORM_ROUTE_KWARGS = {
    "onestop:dossier-form": form_route_kwargs,
    "onestop:dossier-form-preview": form_route_kwargs,
}
