"""Schemas of the reporting API (/api/v1/reporting/)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from ninja import Field, Schema

from egov.reporting.choices import SubmissionStatus


class ReportingIndicatorOut(Schema):
    code: str
    name: str
    unit_of_measure: str
    data_type: str
    aggregation: str
    required: bool
    min_value: Decimal | None
    max_value: Decimal | None
    source_figure: str
    breakdown: str = Field(description="The dimension a total is broken down by (or empty).")
    option: str = Field(description="The option this row is of its total's breakdown (or empty).")


class ReportingRegimeOut(Schema):
    id: int
    code: str
    name: str
    kind: str
    frequency: str
    legal_basis: str
    status: str
    version: int
    reporter_kind: str
    receiving_unit_id: int
    levels: list[str] = Field(description="Kinds of the consolidating levels, lowest first.")
    indicators: list[ReportingIndicatorOut]


class ReportingReportOut(Schema):
    id: int
    regime_id: int
    regime_name: str
    unit_id: int
    unit_name: str
    receiver_id: int
    level: int
    period_first: datetime.date
    period_last: datetime.date
    cutoff_first: datetime.date
    cutoff_last: datetime.date
    due_on: datetime.date
    status: SubmissionStatus
    timeliness: str = Field(description="on_time, late or missing (by the first sending).")
    return_reason: str
    version: int
    signed_at: datetime.datetime | None = Field(
        description="When the head of the reporting unit signed the report's document (PAdES)."
    )
    stale_since: datetime.datetime | None = Field(
        description=(
            "A consolidated report: since when a report below whose numbers it used was "
            "reopened for correction or accepted again corrected (null: none since it was "
            "last consolidated)."
        )
    )


class ReportingValueOut(Schema):
    code: str
    number: Decimal | None
    text: str
    source: str
    prefilled: Decimal | None
    note: str


class ReportingReportDetailOut(ReportingReportOut):
    narrative: str
    values: list[ReportingValueOut]


class ReportingReportFilter(Schema):
    status: SubmissionStatus | None = None
    regime: int | None = None


class ReportingValuesIn(Schema):
    values: dict[str, str | int | float | None] = Field(
        description="Values by indicator code; numbers as JSON numbers or Vietnamese-style text."
    )
    notes: dict[str, str] = Field(
        default_factory=dict, description="Why a computed value was changed, by indicator code."
    )
    narrative: str = Field("", max_length=20000)
    expected_version: int = Field(ge=1)


class ReportingVersionIn(Schema):
    expected_version: int = Field(ge=1)


class ReportingCorrectIn(Schema):
    reason: str = Field(
        min_length=1, max_length=2000, description="Why the accepted report is corrected."
    )
    expected_version: int = Field(ge=1, description="The report's version the caller saw.")
