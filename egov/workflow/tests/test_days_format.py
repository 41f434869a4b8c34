"""Working days print in the reader's locale: a decimal comma in Vietnamese, so that 4.007
days never reads as four thousand."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation

from egov.workflow.templatetags.workflow_tags import days


@pytest.mark.parametrize(
    ("language", "value", "shown"),
    [
        ("vi", "4.007", "4,007"),
        ("vi", "0.500", "0,5"),
        ("vi", "10.000", "10"),
        ("vi", "1234.5", "1.234,5"),
        ("en", "0.500", "0.5"),
    ],
)
def test_days_are_localised(language, value, shown):
    with translation.override(language):
        assert days(Decimal(value)) == shown
