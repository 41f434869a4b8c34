"""Governance-index standings: the city enters each year's scores with their source and the
plans' targets, corrections checked against the version seen; the table compares the years,
marks weak dimensions and names their responsible units; the figures count dimensions on
target."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from conftest import make_officer
from egov.audit.models import AuditEvent
from egov.common.exceptions import ConcurrentChange, PermissionDenied
from egov.common.figures import figure_get
from egov.surveys import services
from egov.surveys.exceptions import SurveyRefused
from egov.surveys.models import Standing
from egov.surveys.rules import standing_is_weak
from egov.surveys.selectors_standings import standings_table

D = Decimal
SOURCE = "Báo cáo PAPI"


@pytest.fixture
def city_officer(world):
    return make_officer("papi.vp@example.vn", world.city, "specialist")


def _record(actor, world, year, dimension="", **values):
    return services.standing_record(
        actor=actor,
        province=world.city,
        index="papi",
        year=year,
        dimension=dimension,
        source=SOURCE if values.get("score") is not None else "",
        **values,
    )


@pytest.fixture
def papi(world, city_officer):
    _record(city_officer, world, 2019, score=D("42.5"), rank=20)
    _record(city_officer, world, 2020, score=D("43.1"), rank=16)
    _record(city_officer, world, 2019, "e_governance", score=D("3.10"))
    _record(
        city_officer,
        world,
        2020,
        "e_governance",
        score=D("3.60"),
        target_score=D("4"),
        target_plan="KH 2020",
    )
    _record(city_officer, world, 2019, "procedures", score=D("7.20"))
    _record(city_officer, world, 2020, "procedures", score=D("7.05"))
    _record(city_officer, world, 2020, "services", score=D("7.40"), target_score=D("7.2"))
    services.dimension_owner_set(
        actor=city_officer,
        province=world.city,
        index="papi",
        dimension="e_governance",
        unit=world.dept,
    )


def test_weak_is_below_target_behind_the_rank_or_falling():
    assert standing_is_weak(score=D(5), previous=D(4), target_score=D(6)) is True
    assert standing_is_weak(score=D(5), previous=D(6)) is True
    assert standing_is_weak(score=D(5), previous=D(4), rank=12, target_rank=10) is True
    assert (
        standing_is_weak(score=D(5), previous=D(5), target_score=D(5), rank=9, target_rank=10)
        is False
    )
    assert standing_is_weak(score=None, previous=D(5)) is False


def test_the_table_compares_years_and_names_the_weak_dimensions(world, papi):
    table = standings_table(world.city, "papi")
    rows = {row.code: row for row in table.rows}

    assert table.years == [2019, 2020]
    assert [c.score if c else None for c in rows[""].cells] == [D("42.5"), D("43.1")]
    assert rows[""].change == D("0.6")
    assert (rows["e_governance"].is_weak, rows["e_governance"].owner) == (True, world.dept)
    assert rows["e_governance"].target.target_score == D(4)
    assert (rows["procedures"].is_weak, rows["procedures"].change) == (True, D("-0.15"))
    assert rows["services"].is_weak is False
    assert [row.code for row in table.weak] == ["procedures", "e_governance"]
    assert table.sources == [(2019, SOURCE), (2020, SOURCE)]


def test_a_correction_is_checked_against_the_version_seen(world, city_officer, papi):
    standing = Standing.objects.get(year=2020, dimension="")
    services.standing_record(
        actor=city_officer,
        province=world.city,
        index="papi",
        year=2020,
        score=D("43.2"),
        rank=15,
        source="Báo cáo PAPI 2020 (đính chính)",
        expected_version=1,
    )

    with pytest.raises(ConcurrentChange):
        _record(city_officer, world, 2020, score=D("40"), expected_version=1)

    standing.refresh_from_db()
    assert (standing.score, standing.rank, standing.version) == (D("43.2"), 15, 2)
    event = AuditEvent.objects.filter(action="surveys.standing_recorded").latest("pk")
    assert event.changes["rank"] == [16, 15]


def test_bad_standings_are_refused(world, city_officer):
    with pytest.raises(SurveyRefused) as refused:
        services.standing_record(
            actor=city_officer,
            province=world.city,
            index="papi",
            year=1990,
            dimension="procedures",
            score=D(11),
            rank=70,
        )
    with pytest.raises(SurveyRefused) as dimension:
        _record(city_officer, world, 2020, "nothing", score=D(5))
    with pytest.raises(SurveyRefused):
        services.standing_record(
            actor=city_officer, province=world.district_a, index="papi", year=2020, rank=3
        )

    assert set(refused.value.fields) == {"year", "score", "rank", "source"}
    assert set(dimension.value.fields) == {"dimension"}
    assert not Standing.objects.exists()


def test_only_who_acts_for_the_province_records(world, unit_head):
    with pytest.raises(PermissionDenied):
        _record(unit_head, world, 2020, score=D(40))

    assert not Standing.objects.exists()
    assert not AuditEvent.objects.filter(action="surveys.standing_recorded").exists()


def test_figures_count_dimensions_on_target(world, papi):
    first, last = datetime.date(2020, 1, 1), datetime.date(2020, 12, 31)

    targeted = figure_get("surveys.index_dimensions_targeted").read(first=first, last=last)
    on_target = figure_get("surveys.index_dimensions_on_target").read(first=first, last=last)
    before = figure_get("surveys.index_dimensions_targeted").read(
        first=datetime.date(2020, 1, 1), last=datetime.date(2020, 12, 30)
    )

    assert targeted == {world.city.pk: 2}
    assert on_target == {world.city.pk: 1}
    assert before == {}


def test_the_standings_page(client, world, city_officer, unit_head, papi):
    client.force_login(city_officer)
    url = reverse("surveys:standing-record", args=[world.city.pk, "papi"])

    page = client.get(reverse("surveys:standing-list"), {"index": "papi"})
    recorded = client.post(
        url, {"year": "2021", "dimension": "", "score": "44", "rank": "12", "source": SOURCE}
    )
    bad = client.post(url, {"year": "2021", "dimension": "procedures", "score": "44"})
    owner = client.post(
        reverse("surveys:dimension-owner", args=[world.city.pk, "papi"]),
        {"dimension": "procedures", "unit": world.city_office.pk},
    )
    client.force_login(unit_head)
    read_only = client.get(reverse("surveys:standing-list"), {"province": world.city.pk})
    denied = client.post(url, {"year": "2022", "score": "45", "source": SOURCE})

    text = page.content.decode()
    assert page.status_code == 200
    assert "Quản trị điện tử" in text and "Sở Thông tin và Truyền thông" in text
    assert recorded.status_code == 302
    assert Standing.objects.get(year=2021).score == D(44)
    assert bad.status_code == 400
    assert owner.status_code == 302
    assert read_only.status_code == 200
    assert f"/standings/{world.city.pk}/papi/record/" not in read_only.content.decode()
    assert denied.status_code == 403
    assert not Standing.objects.filter(year=2022).exists()
