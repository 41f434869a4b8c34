"""The public calendar page: the calculator (full page and HTMX partial) and the year's list."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from egov.workdays.tests.calendars import at

URL = reverse("workdays:calendar")
EN = {"accept-language": "en"}
TET_2025 = {"start_on": "2025-01-24", "start_time": "16:00", "days": "1", "apply_cutoff": "on"}


def _templates(response) -> list[str]:
    return [t.name for t in response.templates if t.name.startswith("workdays/")]


def test_page_is_public_and_lists_the_current_year(client, db):
    response = client.get(URL, headers=EN)

    assert response.status_code == 200
    assert _templates(response) == ["workdays/calendar.html", "workdays/_deadline_result.html"]
    assert response.context["year"] == timezone.localdate().year
    assert response.context["deadline"] is None
    assert not response.context["form"].is_bound


def test_year_list_of_2025(client, db):
    response = client.get(URL, {"year": "2025"}, headers=EN)

    days = response.context["days"]
    assert [d.on.strftime("%d/%m") for d in days] == [
        "01/01",
        "27/01",
        "28/01",
        "29/01",
        "30/01",
        "31/01",
        "08/02",
        "07/04",
        "26/04",
        "30/04",
        "01/05",
        "02/05",
        "01/09",
        "02/09",
    ]
    html = response.content.decode()
    assert "<td>08/02/2025</td>" in html
    assert '<span class="badge badge-makeup">Make-up working day</span>' in html
    assert "Make-up working day for 27/01/2025" in html
    assert '<span class="badge badge-off">Day off</span>' in html


def test_calculator_on_the_full_page(client, db):
    response = client.get(URL, TET_2025, headers=EN)

    deadline = response.context["deadline"]
    assert (deadline.start_counted_at, deadline.due_at) == (at(2025, 2, 3, 8), at(2025, 2, 3, 17))
    html = response.content.decode()
    assert "<strong>17:00 03/02/2025</strong>" in html
    assert "<dd>08:00 03/02/2025</dd>" in html
    assert "<code>h0.109-r1</code>" in html


def test_calculator_without_cutoff(client, db):
    response = client.get(URL, {**TET_2025, "apply_cutoff": ""}, headers=EN)

    assert response.context["deadline"].due_at == at(2025, 2, 3, 16)


def test_htmx_request_gets_only_the_partial(client, db):
    response = client.get(URL, TET_2025, headers={**EN, "HX-Request": "true"})

    assert _templates(response) == ["workdays/_deadline_result.html"]
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="deadline"')
    assert "<strong>17:00 03/02/2025</strong>" in html
    assert "<html" not in html


@pytest.mark.parametrize(
    ("params", "errors"),
    [
        ({"days": "1.3"}, {"days": ["Enter whole or half days (a multiple of 0.5)."]}),
        ({"days": "400"}, {"days": ["Ensure this value is less than or equal to 365."]}),
        ({"days": "abc"}, {"days": ["Enter a number."]}),
        ({"start_on": "1999-12-31"}, {"start_on": ["Enter a date between 2000 and 2099."]}),
        ({"start_on": "31/02/2025"}, {"start_on": ["Enter a valid date."]}),
        ({"start_time": "25:00"}, {"start_time": ["Enter a valid time."]}),
        (
            {"start_on": "2099-12-01", "days": "365"},
            {"start_on": ["The calendar covers the years 2000 to 2099 only."]},
        ),
    ],
)
def test_bad_input_is_shown_in_the_form(client, db, params, errors):
    response = client.get(URL, {**TET_2025, **params}, headers={**EN, "HX-Request": "true"})

    assert response.status_code == 200
    assert response.context["form"].errors == errors
    assert response.context["deadline"] is None
    assert 'class="error-summary" role="alert"' in response.content.decode()


def test_dates_in_dd_mm_yyyy_are_accepted(client, db):
    response = client.get(URL, {**TET_2025, "start_on": "24/01/2025"}, headers=EN)

    assert response.context["deadline"].due_at == at(2025, 2, 3, 17)


def test_bad_year_falls_back_to_the_current_year(client, db):
    response = client.get(URL, {"year": "1990"}, headers=EN)

    assert response.context["year"] == timezone.localdate().year
    assert response.context["year_form"].errors["year"] == [
        "Select a valid choice. 1990 is not one of the available choices."
    ]


def test_vietnamese_page_shows_vietnamese_holiday_names(client, db):
    response = client.get(URL, {"year": "2026"}, headers={"accept-language": "vi"})

    assert "Ngày Văn hóa Việt Nam" in response.content.decode()


def test_page_query_count(client, db, django_assert_num_queries):
    client.get(URL, TET_2025)  # warms the per-process calendar cache

    with django_assert_num_queries(2):  # the revision row, read by each of the two selectors
        client.get(URL, TET_2025)
