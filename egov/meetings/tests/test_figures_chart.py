"""The chart of the meetings figures page, drawn through the shared ``common.charts``: one bar
per timed meeting held, its actual minutes within the plan, over it, and the planned minutes
not used."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from egov.meetings import rules, services
from egov.meetings.tests.conftest import at
from egov.meetings.tests.test_session import _invited
from egov.meetings.views.figures import OVER, SAVED, WITHIN, duration_chart


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _held(title, planned, actual):
    duration = None if actual is None else rules.Duration(planned, actual, by_items=False)
    return SimpleNamespace(title=title, duration=duration)


def test_bars_within_over_and_not_used():
    chart = duration_chart(
        [_held("Ngắn", 120, 90), _held("Dài", 60, 75), _held("Chưa ghi giờ", 60, None)]
    )

    short, long = chart.bars
    assert [(s.measure, s.value) for s in short.segments] == [
        ("within", 90),
        ("over", 0),
        ("saved", 30),
    ]
    assert [(s.measure, s.colour, s.value) for s in long.segments] == [
        ("within", WITHIN, 60),
        ("over", OVER, 15),
        ("saved", SAVED, 0),
    ]
    assert (short.total, long.total) == ("90 of 120 min", "75 of 60 min")
    # the longer of planned and actual is the scale: the 120-minute bar is the full width
    assert short.end - short.segments[0].x == 360
    assert long.end - long.segments[0].x == round(360 * 75 / 120)
    assert duration_chart([_held("Chưa ghi giờ", 60, None)]) is None


def test_figures_page_draws_the_chart(client, world, people, clock):
    meeting, _item = _invited(world, people)
    clock.set(at(2026, 3, 10, 8))
    services.meeting_start(actor=people.chairman, meeting=meeting, expected_version=None)
    clock.set(at(2026, 3, 10, 10, 30))  # 150 of 120 planned minutes
    services.meeting_end(actor=people.chairman, meeting=meeting, expected_version=None)
    services.meeting_hold(actor=people.chairman, meeting=meeting, expected_version=None)
    client.force_login(people.office)
    url = reverse("meetings:figures")

    page = client.get(url, {"unit": world.city.pk, "first": "2026-01-01", "last": "2026-12-31"})
    empty = client.get(url, {"unit": world.city.pk, "first": "2025-01-01", "last": "2025-12-31"})

    html = page.content.decode()
    assert 'class="figures-chart" tabindex="0" aria-labelledby="duration-chart-title"' in html
    assert 'class="bar-within"' in html and 'class="bar-over"' in html
    assert 'class="bar-saved"' not in html  # a zero-length part is not drawn
    assert "figures-chart" not in empty.content.decode()
    with translation.override("vi"):  # the page in the site's language
        total = gettext("%(actual)s of %(planned)s min") % {"actual": 150, "planned": 120}
    assert f'class="chart-value">{total}</text>' in html
