"""Shapes of the public catalog API. They check the shape of the input; selectors do the rest.

No `from __future__ import annotations` here: django-ninja reads the annotations at import.
"""

import datetime
from decimal import Decimal

from django.urls import reverse
from ninja import Schema
from pydantic import Field

from egov.common.api_types import ZonedTime
from egov.onestop.choices import Level, OnlineLevel
from egov.onestop.models import RequiredDocument


class ProcedureFilter(Schema):
    q: str = Field(
        "", max_length=100, description="Words of the code, name or field; accents are optional."
    )
    level: Level | None = None
    field: str = Field("", max_length=60, description="Field code, e.g. ho-tich.")
    online_level: OnlineLevel | None = None


class FeeOut(Schema):
    kind: str
    amount_vnd: int | None = Field(description="Empty when not fixed or not known: see note.")
    unit: str
    note: str
    confidence: str


class RequiredDocumentOut(Schema):
    order: int
    name: str
    originals_count: int
    copies_count: int
    submit_mode: str
    condition: str
    is_required: bool
    template_name: str
    is_electronic_accepted: bool | None
    note: str
    template_url: str | None = Field(None, description="Download of the template form.")

    @staticmethod
    def resolve_template_url(obj: RequiredDocument) -> str | None:
        if not obj.template_file:
            return None
        return reverse("onestop:document-template", args=[obj.procedure.code, obj.pk])


class ResultOut(Schema):
    name: str
    code: str | None = None


class FormFieldOut(Schema):
    name: str
    label: str
    type: str
    required: bool = False
    choices: list[str] | None = None


class ProcedureSummaryOut(Schema):
    code: str
    version: int
    name: str
    field_code: str = Field(alias="field.code")
    field_name: str = Field(alias="field.name")
    level: str
    online_level: str
    working_days: Decimal | None
    calendar_days: Decimal | None
    effective_from: datetime.date | None
    effective_to: datetime.date | None


class ProcedureOut(ProcedureSummaryOut):
    has_national_code: bool
    catalog_era: str
    competent_authority: str
    competent_unit_kind: str
    legal_basis: list[str]
    is_same_day: bool
    same_day_cutoff: ZonedTime | None
    counted_from: str
    time_limit_text: str
    channels: list[str]
    legacy_level: int | None
    applicants: str
    publishing_decision: str
    results: list[ResultOut]
    form_fields: list[FormFieldOut]
    fees: list[FeeOut]
    documents: list[RequiredDocumentOut]
    confidence: dict[str, str]
