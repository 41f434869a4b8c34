"""Fixtures of the survey tests: a published SIPAS survey of district A and a full answer."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from egov.surveys import services


@pytest.fixture(autouse=True)
def _english() -> None:
    """Messages of services and rules in English (pages follow the request's language)."""
    translation.activate("en")


@pytest.fixture
def survey(world, unit_head):
    draft = services.survey_create_from_template(actor=unit_head, unit=world.district_a)
    return services.survey_publish(actor=unit_head, survey=draft)


def full_answers(level: int = 4, **overrides: Any) -> dict[str, Any]:
    answers: dict[str, Any] = {
        "info_channel": "portal",
        "access_place": level,
        "access_online": level,
        "procedure_public": level,
        "procedure_papers": level,
        "trips": 1,
        "servant": {"attitude": level, "guidance": level, "competence": level},
        "extra_payment": "no",
        "result_on_time": level,
        "result_correct": level,
        "feedback_channel": level,
        "feedback_handled": level,
    }
    answers.update(overrides)
    return answers
