"""Factories of catalog rows, with Vietnamese test data."""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory
from django.core.files.base import ContentFile

from egov.onestop.models import Field, Procedure, ProcedureFee, RequiredDocument
from egov.onestop.rules import procedure_search_text


class FieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Field
        django_get_or_create = ("code",)

    code = "hoat-dong-xay-dung"
    name = "Hoạt động xây dựng"


class ProcedureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Procedure

    code = factory.Sequence(lambda n: f"1.{900000 + n:06d}")
    version = 1
    name = "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ"
    field = factory.SubFactory(FieldFactory)
    level = "commune"
    catalog_era = "2025-two-level"
    competent_authority = "UBND cấp xã"
    legal_basis = factory.LazyFunction(lambda: ["50/2014/QH13", "175/2024/NĐ-CP"])
    calendar_days = Decimal("15.0")
    counted_from = "receipt_of_complete_valid_dossier"
    channels = factory.LazyFunction(lambda: ["direct", "online", "postal"])
    online_level = "partial"
    results = factory.LazyFunction(lambda: [{"name": "Giấy phép xây dựng", "code": None}])
    effective_from = datetime.date(2025, 7, 1)
    confidence = factory.LazyFunction(lambda: {"code": "high"})
    search_text = factory.LazyAttribute(
        lambda o: procedure_search_text(o.code, o.name, o.field.name)
    )


class ProcedureFeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProcedureFee

    procedure = factory.SubFactory(ProcedureFactory)
    order = 1
    kind = "charge"
    amount_vnd = 75000
    unit = "giấy phép"
    note = "Nhà ở riêng lẻ (NQ 06/2020/NQ-HĐND)"


class RequiredDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RequiredDocument

    procedure = factory.SubFactory(ProcedureFactory)
    order = 1
    name = "Đơn đề nghị cấp giấy phép xây dựng"
    originals_count = 1
    copies_count = 0
    submit_mode = "submit"


def document_with_template() -> RequiredDocument:
    """A published procedure's document with a template file in storage."""
    document = RequiredDocumentFactory()
    document.template_file.save("to-khai.docx", ContentFile(b"PK template"))
    return document


def public_route_kwargs(route: str) -> dict[str, object]:
    """URL arguments of the public catalog routes, for the permission matrix."""
    if route == "onestop:document-template":
        document = document_with_template()
        return {"code": document.procedure.code, "document_id": document.pk}
    return {"code": ProcedureFactory().code}


def catalog_delete_all() -> None:
    """Empty the catalog (versions with their fees and documents, then the fields)."""
    Procedure.objects.all().delete()
    Field.objects.all().delete()
