"""Schemas of the feedback API. No `from __future__ import annotations`: ninja reads them."""

import datetime
from decimal import Decimal

from ninja import Field, Schema


class FeedbackReportIn(Schema):
    category: str = Field(..., max_length=40, description="Category code")
    area_id: int = Field(..., description="Ward or commune where the problem is")
    title: str = Field(..., max_length=200)
    description: str = Field(..., max_length=5000)
    address: str = Field(..., max_length=300)
    latitude: Decimal | None = Field(None, ge=-90, le=90, max_digits=9, decimal_places=6)
    longitude: Decimal | None = Field(None, ge=-180, le=180, max_digits=9, decimal_places=6)
    request_key: str = Field("", max_length=64, description="Same key again: the same report")


class RegulationFeedbackIn(Schema):
    """Feedback on an administrative regulation (Decree 20/2008/NĐ-CP)."""

    category: str = Field(..., max_length=40, description="Code of a category about regulations")
    issuer_id: int = Field(..., description="The unit that issued the regulation")
    regulation: str = Field(..., max_length=300, description="Its number, date and title")
    regulation_content: str = Field(
        ...,
        max_length=16,
        description="What it is about (art. 5): implementation, unsuited, inconsistent, "
        "unlawful, treaty, proposal, other",
    )
    title: str = Field(..., max_length=200)
    description: str = Field(..., max_length=5000)
    request_key: str = Field("", max_length=64, description="Same key again: the same feedback")


class RegulationReviewOut(Schema):
    """How feedback on a regulation was handled (Decree 20/2008 arts. 9, 14, 15, 19)."""

    receiving_unit_name: str
    classification: str
    forward_due_at: datetime.datetime
    forwarded_at: datetime.datetime | None
    basis: str
    findings: dict[str, str]
    outcome: str
    publish_due_at: datetime.datetime | None
    published_at: datetime.datetime | None


class FeedbackReportOut(Schema):
    id: int
    code: str
    status: str
    category: str
    unit_name: str
    title: str
    description: str
    address: str
    submitted_at: datetime.datetime
    due_at: datetime.datetime
    answer: str
    answered_at: datetime.datetime | None
    rating: str
    regulation: str = ""
    regulation_content: str = ""
    review: RegulationReviewOut | None = None


class FeedbackReportFilter(Schema):
    status: str = Field("", max_length=12, description="Only reports in this state")


class PublishedAnswerOut(Schema):
    id: int
    code: str
    unit_name: str
    procedure_code: str
    procedure_name: str
    title: str
    question: str
    answer: str
    published_at: datetime.datetime | None


class PublishedAnswerFilter(Schema):
    q: str = Field("", max_length=200)
    unit_id: int | None = None


# Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2): field names as the spec has
# them, so existing clients read them unchanged.


class Open311ServiceOut(Schema):
    service_code: str
    service_name: str
    description: str
    metadata: bool
    type: str
    keywords: str
    group: str


class Open311AttributeValueOut(Schema):
    key: str
    name: str


class Open311AttributeOut(Schema):
    variable: bool
    code: str
    datatype: str
    required: bool
    datatype_description: str
    order: int
    description: str
    values: list[Open311AttributeValueOut]


class Open311ServiceDefinitionOut(Schema):
    service_code: str
    attributes: list[Open311AttributeOut]


class Open311RequestOut(Schema):
    service_request_id: str
    status: str = Field(..., description="open or closed")
    status_notes: str | None
    service_name: str
    service_code: str
    description: str | None = Field(None, description="Only once the report is answered")
    agency_responsible: str
    service_notice: str | None
    requested_datetime: datetime.datetime
    updated_datetime: datetime.datetime | None
    expected_datetime: datetime.datetime | None
    address: str | None
    address_id: str | None
    zipcode: str | None
    lat: float | None
    long: float | None
    media_url: str | None


class Open311RequestFilter(Schema):
    service_request_id: str = Field("", max_length=1000, description="Comma-separated ids")
    service_code: str = Field("", max_length=1000, description="Comma-separated codes")
    start_date: datetime.datetime | None = None
    end_date: datetime.datetime | None = None
    status: str = Field("", max_length=20, description="open, closed or open,closed")
    page: int = Field(1, ge=1, le=10000, description="Extension: page number")
    page_size: int = Field(50, ge=1, le=200, description="Extension: requests per page")


class Open311RequestIn(Schema):
    """The form fields of a POST (application/x-www-form-urlencoded, as the spec says); the
    ward is the required attribute ``attribute[ward]`` of every service."""

    api_key: str = Field(..., max_length=200)
    service_code: str = Field(..., max_length=40)
    lat: Decimal | None = Field(None, ge=-90, le=90)
    long: Decimal | None = Field(None, ge=-180, le=180)
    address_string: str = Field("", max_length=300)
    description: str = Field(..., max_length=5000)
    first_name: str = Field("", max_length=100)
    last_name: str = Field("", max_length=100)
    phone: str = Field("", max_length=15)
    email: str = Field("", max_length=200)
    ward: int = Field(..., alias="attribute[ward]")


class Open311CreatedOut(Schema):
    service_request_id: str
    service_notice: str | None
    account_id: str | None
