"""The demo's surveys: published, with a year of answers whose indices differ between units,
the results on the public page, a draft version being edited; and the city's PAPI and PCI
standings with the 2020 targets."""

from __future__ import annotations

import datetime

from conftest import make_officer
from egov.surveys.demo import standings_demo_load, surveys_demo_load
from egov.surveys.models import Response, Survey
from egov.surveys.selectors import published_units, survey_index
from egov.surveys.selectors_standings import standings_table


def test_demo_surveys_have_different_indices(world, unit_head):
    today = datetime.date(2026, 11, 30)

    counts = surveys_demo_load(
        actor=unit_head,
        units=[(world.district_a, 4.2, 80), (world.division_a, 3.0, 60)],
        today=today,
    )

    assert counts == {"surveys": 2, "survey answers": 140}
    assert set(published_units()) == {world.district_a, world.division_a}
    first, last = datetime.date(2025, 12, 1), today
    good, poor = (
        survey_index(Survey.objects.get(unit=unit, version=1), unit=unit, first=first, last=last)
        for unit in (world.district_a, world.division_a)
    )
    assert good.responses == 80
    assert poor.responses == 60
    assert good.overall > poor.overall + 20
    assert good.response_rate == 50
    assert Response.objects.filter(submitted_on__gt=today).count() == 0
    assert Response.objects.filter(submitted_on__lt=first).count() == 0
    draft = Survey.objects.get(unit=world.district_a, version=2)
    assert draft.status == "draft"
    assert list(draft.sections.values_list("code", flat=True)) == [
        "access",
        "procedure",
        "civil_servant",
        "result",
        "digital",
        "feedback",
    ]


def test_demo_standings_compare_years_against_the_2020_targets(world):
    office = make_officer("vanphong.papi@example.vn", world.city, "unit_head", subtree=True)

    counts = standings_demo_load(actor=office, province=world.city)

    assert counts == {"index standings": 140, "responsible units": 2}
    papi = standings_table(world.city, "papi")
    rows = {row.code: row for row in papi.rows}
    assert papi.years == list(range(2018, 2025))
    assert rows[""].latest.rank == 17
    assert rows[""].target.target_rank == 27
    assert rows[""].is_weak is False
    assert [row.code for row in papi.weak] == ["corruption", "services", "environment"]
    assert rows["transparency"].owner == world.city_office
    assert standings_table(world.city, "pci").rows[0].target.target_rank == 8
