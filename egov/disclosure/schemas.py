"""Schemas of the disclosure API. No `from __future__ import annotations`: ninja reads them."""

from datetime import date

from ninja import Schema


class DisclosureFileOut(Schema):
    id: int
    name: str
    url: str


class DisclosureItemOut(Schema):
    id: int
    title: str
    summary: str
    duty_code: str
    duty_name: str
    unit_id: int
    unit_name: str
    period_first: date
    period_last: date
    places: list[str]
    display_from: date
    display_until: date
    published_on: date
    ended: bool
    url: str
    files: list[DisclosureFileOut]


class ConsultationSectionOut(Schema):
    id: int
    number: int
    heading: str


class ConsultationQuestionOut(Schema):
    id: int
    number: int
    text: str
    options: list[str]


class ConsultationSynthesisOut(Schema):
    number_notation: str
    subject: str
    issued_on: date | None
    pdf_url: str | None


class ConsultationOut(Schema):
    id: int
    title: str
    summary: str
    unit_id: int
    unit_name: str
    draft_subject: str
    audience: str
    sector: str
    opens_on: date
    closes_on: date
    status: str
    is_open: bool
    comment_count: int
    url: str
    sections: list[ConsultationSectionOut]
    questions: list[ConsultationQuestionOut]
    synthesis: ConsultationSynthesisOut | None
