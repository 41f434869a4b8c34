import datetime

import pytest
from django.core.exceptions import ImproperlyConfigured

from egov.common import figures
from egov.common.figures import Figure, Measure, figure_get, figures_register


def _values(*, first, last, unit_ids):
    days = (last - first).days + 1
    return dict.fromkeys(unit_ids or [1], days)


def _other(*, first, last, unit_ids):
    return {}


@pytest.fixture(autouse=True)
def _clean_registry(monkeypatch):
    monkeypatch.setattr(figures, "_registry", {})


def test_a_registered_figure_reads_per_unit():
    figures_register(Figure("demo.days", "Days", "", Measure.COUNT, _values))
    figure = figure_get("demo.days")
    assert figure.read(
        first=datetime.date(2026, 1, 1), last=datetime.date(2026, 1, 31), unit_ids=[7]
    ) == {7: 31}


def test_an_unknown_figure_is_none_not_zero():
    assert figure_get("surveys.answers") is None


def test_a_code_must_name_its_app_and_cannot_be_taken_twice():
    with pytest.raises(ImproperlyConfigured):
        figures_register(Figure("nodot", "x", "", Measure.COUNT, _values))
    figures_register(Figure("demo.days", "Days", "", Measure.COUNT, _values))
    figures_register(Figure("demo.days", "Days", "", Measure.COUNT, _values))
    with pytest.raises(ImproperlyConfigured):
        figures_register(Figure("demo.days", "Days", "", Measure.COUNT, _other))
