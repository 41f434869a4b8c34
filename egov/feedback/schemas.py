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
