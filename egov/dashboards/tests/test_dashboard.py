"""The leader's dashboard, its drill-down, the 766 scoreboard, exports and the API."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from egov.common.periods import period_of
from egov.dashboards.models import IndicatorSet
from egov.dashboards.selectors import board_for, indicators_of, scoreboard_for
from egov.dashboards.tests.conftest import Q3, dossiers_make
from egov.orgs.services import orgunit_create

pytestmark = pytest.mark.django_db
QUARTER = period_of("quarter", __import__("datetime").date(2026, 7, 15))


def _board(scene):
    indicator_set = IndicatorSet.objects.get()
    return board_for(
        top=scene.world.city,
        period=QUARTER,
        indicators=indicators_of(indicator_set, kind="rate"),
        indicator_set=indicator_set,
    )


def test_values_roll_up_the_tree_with_targets_and_bands(scene, no_feedback_source) -> None:
    board = _board(scene)
    city = board.top.cells
    assert (city["online-dossiers"].numerator, city["online-dossiers"].denominator) == (4, 8)
    assert city["online-dossiers"].value == Decimal("50.00")
    assert city["online-dossiers"].target == Decimal(50)
    assert city["online-dossiers"].band.label == "Đạt"
    assert city["settled-on-time"].value == Decimal("50.00")
    assert city["settled-on-time"].band.label == "Chưa đạt"
    rows = {row.unit.pk: row.cells for row in board.children}
    a, b = rows[scene.world.district_a.pk], rows[scene.world.district_b.pk]
    assert (a["online-dossiers"].value, b["online-dossiers"].value) == (Decimal(75), Decimal(25))
    assert (a["settled-on-time"].value, b["settled-on-time"].value) == (Decimal(75), Decimal(25))
    assert [row.unit for row in board.worst(board.indicators[2])][:1] == [scene.world.district_b]
    # A figure no installed app gives yet: no data source, never zero.
    assert city["questions-answered"].available is False
    assert city["questions-answered"].value is None


def test_the_766_scoreboard_ranks_districts_and_names_what_cost_most(scene) -> None:
    board = scoreboard_for(
        top=scene.world.city, period=QUARTER, indicator_set=IndicatorSet.objects.get()
    )
    rows = {row.unit.pk: row for row in board.peers}
    a, b = rows[scene.world.district_a.pk], rows[scene.world.district_b.pk]
    progress = {g.code: g for g in a.groups}["2"]
    assert progress.points == Decimal("15.00")  # 20 × 75 %
    assert {g.code: g for g in b.groups}["2"].points == Decimal("5.00")
    assert (a.rank, b.rank) == (1, 2)
    assert a.total > b.total
    assert {g.code: g for g in a.groups}["1"].missing == 4  # no catalogue publication data
    assert b.costliest is not None


def test_the_leader_opens_the_dashboard_and_drills_into_a_district(
    scene, client, django_assert_max_num_queries, no_feedback_source
) -> None:
    client.force_login(scene.leader)
    with django_assert_max_num_queries(PINNED_DASHBOARD):
        page = client.get(reverse("dashboards:dashboard"), Q3)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Tỷ lệ hồ sơ thủ tục hành chính tiếp nhận trực tuyến" in html
    assert "chưa có nguồn dữ liệu" in html
    assert 'data-band="Đạt"' in html
    drill = client.get(reverse("dashboards:dashboard-unit", args=[scene.world.district_b.pk]), Q3)
    assert drill.status_code == 200
    assert "Quận Hoàn Kiếm" in drill.content.decode()


def test_query_count_does_not_grow_with_units_or_rows(scene, client) -> None:
    client.force_login(scene.leader)
    url = reverse("dashboards:dashboard")
    client.get(url, Q3)
    with CaptureQueriesContext(connection) as before:
        client.get(url, Q3)
    district = orgunit_create(
        actor=None, name="Quận Tây Hồ", kind="district", parent=scene.world.city
    )
    orgunit_create(actor=None, name="Phường Quảng An", kind="commune", parent=district)
    dossiers_make(scene.world)  # the same quarter again: twice the rows
    with CaptureQueriesContext(connection) as after:
        client.get(url, Q3)
    assert len(before) == len(after) == PINNED_DASHBOARD


def test_the_766_pages_run_a_constant_number_of_queries(scene, client) -> None:
    client.force_login(scene.leader)
    url = reverse("dashboards:scoreboard")
    client.get(url, Q3)
    with CaptureQueriesContext(connection) as before:
        client.get(url, Q3)
    orgunit_create(actor=None, name="Quận Tây Hồ", kind="district", parent=scene.world.city)
    dossiers_make(scene.world)
    with CaptureQueriesContext(connection) as after:
        client.get(url, Q3)
    assert len(before) == len(after) == PINNED_SCOREBOARD
    client.logout()
    public = reverse("dashboards-public:scoreboard")
    client.get(public, Q3)
    with CaptureQueriesContext(connection) as cached:
        client.get(public, Q3)
    assert len(cached) < PINNED_SCOREBOARD  # the computed table is cached a few minutes


# One query per figure an indicator reads (each app registers its own; figures of one source
# read together count once), plus the page's own: constant whatever the number of units or
# rows; it grows only when an indicator is added.
# 31 since the one-stop procedure figures are read together (issue 23); 32 when 766-4-4 began
# to read onestop.dossiers_personal_store (was unregistered).
PINNED_SCOREBOARD = 31
# 54 since the six one-stop procedure figures and the two ratings are read together (issue
# 23); 61 since the plan indicator mobile-signature-services (two more figures; 59 before); 60 since
# the two complaints figures are read together (issue 18); 59 since the survey roll-up's count
# figures are read together (issue 20).
PINNED_DASHBOARD = 54  # session, user, reach, memberships, header, set, indicators, figures,
# the period's close and whether the reader may close it…


def test_a_leader_sees_only_their_reach(scene, client, unit_head, specialist) -> None:
    client.force_login(unit_head)  # head of district A (and below)
    own = client.get(reverse("dashboards:dashboard"), Q3)
    assert own.status_code == 200 and "Quận Ba Đình" in own.content.decode()
    other = reverse("dashboards:dashboard-unit", args=[scene.world.district_b.pk])
    assert client.get(other, Q3).status_code == 404
    assert (
        client.get(reverse("dashboards:scoreboard-unit", args=[scene.world.city.pk])).status_code
        == 404
    )
    client.force_login(specialist)  # no leading role
    assert client.get(reverse("dashboards:dashboard")).status_code == 404
    client.logout()
    assert client.get(reverse("dashboards:dashboard")).status_code == 302


def test_exports_hold_the_same_numbers(scene, client) -> None:
    client.force_login(scene.leader)
    response = client.get(reverse("dashboards:dashboard-xlsx", args=[scene.world.city.pk]), Q3)
    assert response.status_code == 200
    book = load_workbook(BytesIO(response.content))
    rows = (
        list(book["Chỉ số"].iter_rows(values_only=True))
        if "Chỉ số" in book.sheetnames
        else list(book.worksheets[0].iter_rows(values_only=True))
    )
    online = next(r for r in rows if r[0] == "Tỷ lệ hồ sơ thủ tục hành chính tiếp nhận trực tuyến")
    assert online[2] == 50 and online[3] == 50
    score = client.get(reverse("dashboards:scoreboard-xlsx", args=[scene.world.city.pk]), Q3)
    assert score.status_code == 200


def test_the_public_766_page_shows_the_same_totals(scene, client) -> None:
    board = scoreboard_for(
        top=scene.world.city, period=QUARTER, indicator_set=IndicatorSet.objects.get()
    )
    page = client.get(reverse("dashboards-public:scoreboard"), Q3)
    assert page.status_code == 200
    html = page.content.decode()
    for row in board.rows:
        assert f'data-total="{row.total}"' in html
    client.force_login(scene.leader)
    officer = client.get(reverse("dashboards:scoreboard"), Q3).content.decode()
    for row in board.rows:
        assert f'data-total="{row.total}"' in officer


def test_the_api_gives_values_with_definitions(scene, client, no_feedback_source) -> None:
    client.force_login(scene.leader)
    response = client.get("/api/v1/dashboards/values", Q3)
    assert response.status_code == 200
    values = {(v["unit_id"], v["indicator"]): v for v in response.json()}
    city = values[(scene.world.city.pk, "online-dossiers")]
    assert (city["value"], city["target"], city["band"]) == ("50.00", "50.00", "Đạt")
    assert city["source"].startswith("Kế hoạch 190/KH-UBND")
    missing = values[(scene.world.city.pk, "questions-answered")]
    assert (missing["available"], missing["value"]) == (False, None)
    assert (
        client.get("/api/v1/dashboards/values", {"unit": scene.world.city.pk + 999}).status_code
        == 404
    )
    assert client.get("/api/v1/dashboards/values", {"kind": "decade"}).status_code == 422
    client.logout()
    assert client.get("/api/v1/dashboards/values").status_code == 401
