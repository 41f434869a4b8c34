"""The complaints figures page and its workbook: numbers of the period from the roll-up equal
to the cases behind them, the series of periods, the named late units linking to their cases,
each officer's reach (their unit's subtree; the city office every unit; another unit 404), bad
filters answered 400, and a flat number of queries."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from egov.common.tables import sheet_rows, xlsx_open
from egov.complaints.selectors_figures import complaints_figures, period_asked, period_label
from egov.complaints.tests.conftest import at, petition_made

D = datetime.date
pytestmark = pytest.mark.django_db
FIGURES = reverse("complaints:figures")


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield


def test_the_period_series_and_units_equal_the_cases(client, cases, people, world):
    client.force_login(people.chairman)

    response = client.get(FIGURES, {"kind": "quarter", "on": "2026-09-15"})

    assert response.status_code == 200
    figures = response.context["figures"]
    assert figures.unit == world.district_a
    assert figures.label == "Quarter 3/2026"
    assert (figures.total.received, figures.total.accepted, figures.total.settled) == (2, 2, 1)
    assert [row.label for row in figures.series] == [
        "Quarter 2/2025",
        "Quarter 3/2025",
        "Quarter 4/2025",
        "Quarter 1/2026",
        "Quarter 2/2026",
        "Quarter 3/2026",
    ]
    assert (figures.open, figures.overdue) == (1, 1)
    assert [(row.unit, row.numbers.received, row.open, row.overdue) for row in figures.units] == [
        (world.district_a, 2, 1, 1)
    ]


def test_settled_on_time_in_its_month_and_its_chart(client, cases, people):
    client.force_login(people.chairman)

    response = client.get(FIGURES, {"kind": "month", "on": "2026-09-30"})

    figures = response.context["figures"]
    assert (figures.total.settled, figures.total.settled_on_time) == (1, 1)
    assert figures.total.found_partly == 1
    assert figures.total.settled_late == 0
    body = response.content.decode()
    assert 'class="figures-chart"' in body
    assert 'class="bar-on-time"' in body


def test_late_units_are_named_with_their_count_and_link_to_their_cases(
    client, cases, people, inspectorate, world
):
    late, settled, other = cases
    client.force_login(inspectorate)

    response = client.get(FIGURES, {"kind": "month", "on": "2026-12-07"})

    figures = response.context["figures"]
    assert figures.unit == world.city
    assert [(row.unit, row.overdue, row.open) for row in figures.late_units] == [
        (world.district_a, 1, 1)
    ]
    link = f"{reverse('complaints:petition-list')}?unit={world.district_a.pk}&amp;overdue=1"
    assert link in response.content.decode()
    listed = client.get(
        reverse("complaints:petition-list"), {"unit": world.district_a.pk, "overdue": "1"}
    )
    assert listed.status_code == 200
    assert [p.pk for p in listed.context["petitions"]] == [late.pk]
    unfiltered = client.get(reverse("complaints:petition-list"))
    assert {p.pk for p in unfiltered.context["petitions"]} == {late.pk, settled.pk, other.pk}


def test_an_officer_reads_their_subtree_only(client, cases, people, world):
    client.force_login(people.outsider)

    own = client.get(FIGURES, {"kind": "year", "on": "2026-01-01"})
    other = client.get(FIGURES, {"unit": world.district_a.pk})

    assert own.context["figures"].unit == world.district_b
    assert own.context["figures"].total.received == 1
    assert own.context["units"][0] == world.district_b
    assert world.district_a not in own.context["units"]
    assert other.status_code == 404
    xlsx = client.get(reverse("complaints:figures-xlsx"), {"unit": world.city.pk})
    assert xlsx.status_code == 404


def test_a_division_head_sees_nothing_of_the_district(client, cases, people, world):
    client.force_login(people.division_head)

    response = client.get(FIGURES, {"kind": "year", "on": "2026-06-01"})

    assert response.context["figures"].unit == world.division_a
    assert response.context["figures"].total.received == 0
    assert response.context["figures"].late_units == []


@pytest.mark.parametrize(
    "query",
    [{"kind": "decade"}, {"on": "2026-13-01"}, {"unit": "abc"}, {"unit": "0"}],
)
def test_bad_filters_answer_400(client, people, query):
    client.force_login(people.chairman)

    assert client.get(FIGURES, query).status_code == 400
    assert client.get(reverse("complaints:figures-xlsx"), query).status_code == 400


def test_a_bad_list_filter_answers_400(client, people):
    client.force_login(people.chairman)

    response = client.get(reverse("complaints:petition-list"), {"unit": "x"})

    assert response.status_code == 400
    assert "The filter is not valid." in response.content.decode()


def test_citizens_and_visitors_are_refused(client, world):
    response = client.get(FIGURES)

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_workbook_has_the_pages_numbers(client, cases, people, inspectorate, world):
    client.force_login(inspectorate)

    response = client.get(
        reverse("complaints:figures-xlsx"), {"kind": "quarter", "on": "2026-09-01"}
    )

    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('20260701-20260930.xlsx"')
    book = xlsx_open(response.content)
    assert book.sheetnames == ["Figures", "By period", "By unit", "Late units"]
    summary = list(sheet_rows(book["Figures"]))
    assert summary[0][:4] == ("Unit", world.city.name, "Period", "Quarter 3/2026")
    assert summary[3] == (2, 2, 1, 1, 0, 0, 1, 0, 0, 2, 1)
    series = list(sheet_rows(book["By period"]))
    assert [row[0] for row in series[1:]] == [
        "Quarter 2/2025",
        "Quarter 3/2025",
        "Quarter 4/2025",
        "Quarter 1/2026",
        "Quarter 2/2026",
        "Quarter 3/2026",
    ]
    late = list(sheet_rows(book["Late units"]))
    assert late[1:] == [(world.district_a.name, 1, 1)]
    book.close()


def test_the_page_runs_the_same_queries_however_many_cases(
    client, cases, people, inspectorate, world, django_assert_num_queries
):
    client.force_login(inspectorate)
    client.get(FIGURES)  # warm the session and the sites' caches

    with django_assert_num_queries(QUERIES):
        client.get(FIGURES, {"kind": "year", "on": "2026-01-01"})
    for _index in range(3):
        petition_made(people, world.commune_b, at(2026, 12, 1), f"Người {_index}", accept=False)
    with django_assert_num_queries(QUERIES):
        client.get(FIGURES, {"kind": "year", "on": "2026-01-01"})


QUERIES = 19


def test_period_labels():
    assert period_label(period_asked("month", D(2026, 2, 14))) == "02/2026"
    assert period_label(period_asked("half_year", D(2026, 8, 1))) == "Second half of 2026"
    assert period_label(period_asked("half_year", D(2026, 2, 1))) == "First half of 2026"
    assert period_label(period_asked("year", D(2026, 2, 1))) == "2026"
    assert period_asked("bogus", D(2026, 2, 14)).kind == "month"


def test_the_selector_counts_a_unit_and_the_units_below_it(cases, world):
    figures = complaints_figures(unit=world.city, period=period_asked("year", D(2026, 5, 1)))

    assert figures.total.received == 3
    assert [row.unit for row in figures.units] == [world.district_a, world.district_b]
    assert figures.total.settled_on_time == 1
