"""Schemas of the surveys API. No `from __future__ import annotations`: ninja reads them."""

from datetime import date
from decimal import Decimal
from typing import Any

from ninja import Field, Schema


class OptionOut(Schema):
    value: str
    vi: str
    en: str = ""


class RowOut(Schema):
    code: str
    vi: str
    en: str = ""


class ShowIfOut(Schema):
    question: str
    values: list[str]


class QuestionOut(Schema):
    code: str
    kind: str
    text_vi: str
    text_en: str
    is_required: bool
    is_scored: bool
    options: list[OptionOut]
    rows: list[RowOut]
    min_value: int | None
    max_value: int | None
    show_if: ShowIfOut | None = None


class SectionOut(Schema):
    code: str
    title_vi: str
    title_en: str
    weight: Decimal
    questions: list[QuestionOut]


class SurveyOut(Schema):
    id: int
    unit_id: int
    unit_name: str
    version: int
    status: str
    title_vi: str
    title_en: str
    intro_vi: str
    intro_en: str
    sections: list[SectionOut]


class AnswerIn(Schema):
    """Answers keyed by question code: a choice value, a list of values, a level 1–5, a number,
    a text, or for a matrix ``{row code: level}``."""

    answers: dict[str, Any]
    procedure_code: str = Field("", max_length=60)
    channel: str = Field("", max_length=10)


class AnswerOut(Schema):
    recorded: bool
    overall_score: Decimal | None


class ShareOut(Schema):
    value: Decimal | None
    total: int
    low: Decimal | None
    high: Decimal | None


class FactorOut(Schema):
    code: str
    title_vi: str
    weight: Decimal
    index: ShareOut


class IndexOut(Schema):
    survey_id: int
    title_vi: str
    first: date
    last: date
    responses: int
    too_few: bool
    overall_index: Decimal | None
    satisfied: ShareOut
    factors: list[FactorOut]
    ratio_766: Decimal | None
    points_766: Decimal | None


class PublishingUnitOut(Schema):
    unit_id: int
    name: str
