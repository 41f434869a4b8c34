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


def test_figures_sharing_a_read_are_read_in_one_call():
    calls = []

    def together(*, codes, first, last, unit_ids):
        calls.append(list(codes))
        return {code: {7: len(code)} for code in codes if code != "demo.none"}

    def alone(*, first, last, unit_ids):
        return together(codes=["demo.x"], first=first, last=last, unit_ids=unit_ids)["demo.x"]

    figures_register(
        Figure("demo.aa", "A", "", Measure.COUNT, alone, together=together),
        Figure("demo.none", "None", "", Measure.COUNT, alone, together=together),
        Figure("demo.days", "Days", "", Measure.COUNT, _values),
    )
    first, last = datetime.date(2026, 1, 1), datetime.date(2026, 1, 31)

    read = figures.figures_read(
        ["demo.aa", "demo.days", "demo.unknown", "demo.none", "demo.aa"],
        first=first,
        last=last,
        unit_ids=[7],
    )

    assert read == {"demo.aa": {7: 7}, "demo.days": {7: 31}, "demo.unknown": None, "demo.none": {}}
    assert calls == [["demo.aa", "demo.none"]]
