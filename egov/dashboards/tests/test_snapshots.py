"""Closing a period: every unit's values frozen with the definitions in force; a later
correction shows beside the frozen value and never rewrites it; who may close, and when."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from conftest import make_officer
from egov.audit.models import AuditEvent
from egov.common.periods import period_of
from egov.dashboards.exceptions import SnapshotRefused
from egov.dashboards.models import Snapshot, SnapshotValue, Target
from egov.dashboards.services import snapshot_close
from egov.dashboards.tests.conftest import Q3
from egov.onestop.models import Dossier
from egov.onestop.services.figures import figures_refresh_range

pytestmark = pytest.mark.django_db
QUARTER = period_of("quarter", datetime.date(2026, 7, 15))
AFTER = datetime.date(2026, 10, 5)


def _frozen(unit, code="settled-on-time") -> SnapshotValue:
    return SnapshotValue.objects.get(unit=unit, indicator_code=code)


def _correct_one_late_dossier(district) -> None:
    late = Dossier.objects.filter(receiving_unit=district, timeliness="late").first()
    late.timeliness, late.finished_at = "on_time", late.submitted_at
    late.save(update_fields=["timeliness", "finished_at"])
    figures_refresh_range(day_from=datetime.date(2026, 7, 1), day_to=datetime.date(2026, 7, 31))


def test_the_city_leader_closes_a_quarter_and_a_later_correction_shows_beside_it(
    client, scene
) -> None:
    client.force_login(scene.leader)
    page = client.get(reverse("dashboards:dashboard"), Q3)
    assert b'id="close-period"' in page.content

    answer = client.post(reverse("dashboards:snapshot-close"), Q3, follow=True)

    snapshot = Snapshot.objects.get()
    assert (snapshot.kind, snapshot.first, snapshot.closed_by) == (
        "quarter",
        datetime.date(2026, 7, 1),
        scene.leader,
    )
    district_b = scene.world.district_b
    assert _frozen(district_b).value == Decimal("25.00")
    assert _frozen(scene.world.city).value == Decimal("50.00")
    assert AuditEvent.objects.filter(action="dashboards.snapshot_closed").count() == 1
    assert 'id="closed-period"' in answer.content.decode()
    # The target changes and a late dossier is corrected after the close.
    Target.objects.filter(indicator__code="settled-on-time").update(value=Decimal(10))
    _correct_one_late_dossier(district_b)

    page = client.get(reverse("dashboards:dashboard-unit", args=[district_b.pk]), Q3)

    row = page.context["board"].top.cells["settled-on-time"]
    assert (row.value, row.live, row.changed) == (Decimal("25.00"), Decimal("50.00"), True)
    assert (row.numerator, row.denominator) == (1, 4)  # counts, as the live page shows them
    assert row.target != Decimal(10)  # the target in force when it closed
    assert _frozen(district_b).value == Decimal("25.00")
    assert "data-live" in page.content.decode() and 'id="close-period"' not in page.content.decode()


def test_a_period_closes_only_once_only_when_ended_and_only_by_the_city(client, scene) -> None:
    with pytest.raises(SnapshotRefused):
        snapshot_close(actor=scene.leader, period=QUARTER, today=datetime.date(2026, 9, 30))
    snapshot_close(actor=scene.leader, period=QUARTER, today=AFTER)
    with pytest.raises(SnapshotRefused):
        snapshot_close(actor=scene.leader, period=QUARTER, today=AFTER)
    assert Snapshot.objects.count() == 1

    district_head = make_officer("truong@example.vn", scene.world.district_a, "unit_head")
    client.force_login(district_head)
    answer = client.post(
        reverse("dashboards:snapshot-close"), {"kind": "month", "on": "2026-07-01"}
    )
    assert answer.status_code == 403
    client.force_login(scene.leader)
    answer = client.post(reverse("dashboards:snapshot-close"), {"kind": "month"}, follow=True)
    assert "Chọn kỳ cần chốt" in answer.content.decode()
    assert Snapshot.objects.count() == 1


def test_the_daily_run_closes_the_month_quarter_and_year_that_ended_once(scene) -> None:
    call_command("dashboards_close", "--date", "2026-10-01", "--quiet")
    call_command("dashboards_close", "--date", "2026-10-02", "--quiet")

    closed = set(Snapshot.objects.values_list("kind", "first"))
    assert closed == {
        ("month", datetime.date(2026, 9, 1)),
        ("quarter", datetime.date(2026, 7, 1)),
        ("year", datetime.date(2025, 1, 1)),
    }
    assert Snapshot.objects.filter(closed_by__isnull=True).count() == 3
    # every active unit has every indicator frozen
    quarter = Snapshot.objects.get(kind="quarter")
    kept = SnapshotValue.objects.filter(snapshot=quarter)
    assert kept.get(unit=scene.world.district_a, indicator_code="settled-on-time").value == 75
    assert kept.values("unit").distinct().count() >= 3
    assert (
        kept.values("indicator_code").distinct().count() == quarter.indicator_set.indicators.count()
    )


def test_the_trend_uses_frozen_values_of_closed_periods_and_live_values_of_the_others(
    client, scene
) -> None:
    from egov.dashboards.models import IndicatorSet
    from egov.dashboards.selectors import indicators_of, trend_for

    july = period_of("month", datetime.date(2026, 7, 1))
    snapshot_close(actor=scene.leader, period=july, today=AFTER)
    _correct_one_late_dossier(scene.world.district_b)
    indicators = indicators_of(IndicatorSet.objects.get(), kind="rate")
    september = period_of("month", datetime.date(2026, 9, 1))

    trend = trend_for(top=scene.world.district_b, period=september, indicators=indicators)

    points = trend["settled-on-time"]
    assert len(points) == 12 and points[-1].period == september
    by_month = {p.period.first.month: p for p in points}
    assert (by_month[7].value, by_month[7].frozen) == (Decimal("25.00"), True)
    assert (by_month[8].value, by_month[8].frozen) == (None, False)
    client.force_login(scene.leader)
    url = reverse("dashboards:dashboard-trends", args=[scene.world.district_b.pk])
    fragment = client.get(url, {"kind": "month", "on": "2026-09-01"}, HTTP_HX_REQUEST="true")
    assert b"<polyline" in fragment.content and b"<html" not in fragment.content
    page = client.get(url, {"kind": "month", "on": "2026-09-01"})
    assert b'id="trend-table"' in page.content and b"<html" in page.content


def test_the_dashboard_prints_as_a_report_in_the_official_layout(client, scene) -> None:
    from egov.dashboards.models import IndicatorSet
    from egov.dashboards.render import board_layout
    from egov.dashboards.selectors import board_for, indicators_of

    snapshot_close(actor=scene.leader, period=QUARTER, today=AFTER)
    indicator_set = IndicatorSet.objects.get()
    board = board_for(
        top=scene.world.city,
        period=QUARTER,
        indicators=indicators_of(indicator_set, kind="rate"),
        indicator_set=indicator_set,
    )
    board.snapshot = Snapshot.objects.get()

    layout = board_layout(board)

    assert layout.type_name == "BÁO CÁO"
    assert "01/07/2026" in layout.subject and "30/09/2026" in layout.subject
    assert "đã chốt" in layout.body[0]
    online = next(s for s in layout.sections if "trực tuyến" in s.headline.lower())
    assert online.paragraphs[0].startswith("Kết quả: 50,00 %")
    assert "Quận Hoàn Kiếm" in " ".join(
        p for s in layout.sections for p in s.paragraphs if "thấp nhất" in p
    )
    client.force_login(scene.leader)
    url = reverse("dashboards:dashboard-pdf", args=[scene.world.city.pk])
    answer = client.get(url, Q3)
    assert answer.status_code in (200, 503)  # 503: no Pango on this machine
    if answer.status_code == 200:
        assert answer["Content-Type"] == "application/pdf" and answer.content[:5] == b"%PDF-"
