"""Schemas of the data-sharing API. No `from __future__ import annotations`: ninja reads the
annotations at import."""

from ninja import Field, Schema

from egov.common.api_types import ZonedDatetime


class DossierStatusQuery(Schema):
    code: str = Field("", max_length=40, description="The dossier code (required).")
    purpose: str = Field(
        "",
        max_length=300,
        description=(
            "Why the consumer reads it (kept in the access log; the registered purpose when empty)."
        ),
    )


class SharedDossierStatusOut(Schema):
    dossier_code: str
    national_status: str = Field(..., description="The national portal's status code (1–10).")
    status_label: str
    changed_at: ZonedDatetime
    is_acknowledged: bool = Field(..., description="The national portal acknowledged it.")
