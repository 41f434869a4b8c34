"""Figures the city watches: the daily roll-up equals raw counts of the dossier table, refreshing
is idempotent, scoping follows the org tree, the page and the xlsx show the same numbers."""

from __future__ import annotations

import datetime
import importlib
import random
from collections import Counter
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Sum
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from openpyxl import load_workbook

from conftest import make_officer
from egov.onestop.models import (
    Dossier,
    DossierDayFigure,
    DossierMonthOpen,
    DossierNotice,
    DossierRating,
    Procedure,
)
from egov.onestop.selectors.figures import figures_for, procedures_online_offer
from egov.onestop.services.figures import (
    figures_refresh_day,
    figures_refresh_range,
    month_open_refresh,
)
from egov.onestop.tasks_figures import figures_refresh
from egov.onestop.tests.factories import ProcedureFactory
from egov.onestop.tests.figures_factories import (
    DossierFactory,
    at,
    notice_issue,
    rating_give,
)
from egov.onestop.views.figures import COLUMNS
from egov.workdays.rules import VN_TZ

FIRST_DAY, LAST_DAY = datetime.date(2025, 6, 1), datetime.date(2025, 8, 31)
NOW = at(2025, 8, 20, 10, 0)
OPEN = ("received", "processing", "supplement_requested", "payment_requested")
CLOSED = ("result_ready", "returned", "refused", "withdrawn", "stopped")
COUNTED = (
    "received",
    "received_online",
    "carried_over",
    "finished_early",
    "finished_on_time",
    "finished_late",
    "refused",
    "returned",
    "in_progress_on_time",
    "in_progress_overdue",
    "waiting_completion",
    "rating_count",
    "rating_sum",
)


@pytest.fixture
def city_head(world):
    """The city office: head over the whole city subtree."""
    return make_officer("chanhvanphong@example.vn", world.city, "unit_head", subtree=True)


@pytest.fixture
def procedures(db):
    return {
        level: ProcedureFactory(level=level, online_level=online)
        for level, online in (("province", "full"), ("district", "partial"), ("commune", "full"))
    }


def _moment(rng: random.Random, after: datetime.datetime | None = None) -> datetime.datetime:
    start = after or datetime.datetime.combine(FIRST_DAY, datetime.time(7), tzinfo=VN_TZ)
    end = datetime.datetime.combine(LAST_DAY, datetime.time(18), tzinfo=VN_TZ)
    seconds = int((end - start).total_seconds())
    return start + datetime.timedelta(seconds=rng.randint(0, max(seconds, 0)))


def _random_dossier(rng: random.Random, world, procedures) -> Dossier:
    """A dossier in any state, its moments consistent (received ≤ finished ≤ returned)."""
    status = rng.choice(OPEN + CLOSED)
    refused_at_intake = status == "refused" and rng.random() < 0.5
    received_at = None if refused_at_intake else _moment(rng)
    finished_at = returned_at = None
    if status in CLOSED and received_at is not None:
        finished_at = _moment(rng, received_at)
    if status == "returned":
        returned_at = _moment(rng, finished_at)
    competent = rng.choice(
        [
            world.district_a,
            world.commune_a,
            world.district_b,
            world.commune_b,
            world.dept,
            world.city,
            world.division_a,
            None,
        ]
    )
    return DossierFactory(
        procedure=procedures[rng.choice(["province", "district", "commune"])],
        channel=rng.choice(["direct", "online", "postal"]),
        status=status,
        receiving_unit=world.desk_a,
        competent_unit=competent,
        received_at=received_at,
        due_at=None if received_at is None or rng.random() < 0.1 else _moment(rng, received_at),
        finished_at=finished_at,
        returned_at=returned_at,
        timeliness=rng.choice(["", "", "early", "on_time", "late"]) if finished_at else "",
    )


def _random_world(rng: random.Random, world, procedures, count: int = 70) -> None:
    for _ in range(count):
        dossier = _random_dossier(rng, world, procedures)
        if dossier.status == "refused":
            kind = "refusal" if dossier.received_at is None else "decision_refusal"
            notice_issue(dossier, kind, issued_at=dossier.finished_at or _moment(rng))
        if dossier.status == "returned" and rng.random() < 0.7:
            unit = dossier.competent_unit or dossier.receiving_unit
            rating_give(dossier, unit, score=rng.randint(1, 5), rated_at=dossier.returned_at)


def _local(moment: datetime.datetime) -> datetime.date:
    return moment.astimezone(VN_TZ).date()


def _raw(scope, period_from, period_to, level=None) -> Counter:
    """Counts straight from the dossier tables, written independently of the roll-up."""

    def within(moment):
        return moment is not None and period_from <= _local(moment) <= period_to

    counts = Counter()
    for d in Dossier.objects.select_related("procedure", "competent_unit", "receiving_unit"):
        unit = d.competent_unit or d.receiving_unit
        if not scope(unit) or (level and d.procedure.level != level):
            continue
        counts["received"] += within(d.received_at)
        counts["received_online"] += within(d.received_at) and d.channel == "online"
        counts["carried_over"] += bool(
            d.received_at
            and _local(d.received_at) < period_from
            and not (d.finished_at and _local(d.finished_at) < period_from)
        )
        if within(d.finished_at) and d.status in ("result_ready", "returned"):
            late = d.due_at is not None and d.finished_at > d.due_at
            grade = d.timeliness or ("late" if late else "on_time")
            counts[f"finished_{grade}"] += 1
        counts["returned"] += within(d.returned_at)
        if d.status in OPEN:
            if d.status == "supplement_requested":
                counts["waiting_completion"] += 1
            elif d.due_at is not None and d.due_at < NOW:
                counts["in_progress_overdue"] += 1
            else:
                counts["in_progress_on_time"] += 1
    refusals = DossierNotice.objects.filter(kind__in=["refusal", "decision_refusal"])
    for notice in refusals.select_related("dossier__procedure", "dossier__competent_unit"):
        d = notice.dossier
        unit = d.competent_unit or d.receiving_unit
        if scope(unit) and within(notice.issued_at) and not (level and d.procedure.level != level):
            counts["refused"] += 1
    for rating in DossierRating.objects.select_related("unit", "dossier__procedure"):
        level_ok = not level or rating.dossier.procedure.level == level
        if scope(rating.unit) and within(rating.rated_at) and level_ok:
            counts["rating_count"] += 1
            counts["rating_sum"] += rating.score
    return counts


def _row_counts(row) -> Counter:
    return Counter({name: getattr(row, name) for name in COUNTED})


def _scope_of(row, top):
    if row.kind == "own":
        return lambda unit: unit.pk == top.pk
    return lambda unit: unit.path.startswith(row.unit.path)


@pytest.mark.parametrize("seed", [7, 2025, 118])
def test_rolled_up_figures_equal_raw_counts(seed, world, procedures, city_head):
    rng = random.Random(seed)
    _random_world(rng, world, procedures)
    figures_refresh_range(day_from=FIRST_DAY, day_to=LAST_DAY)

    for _ in range(8):
        # Periods of a day to four months: single days, whole months and their ends.
        start = FIRST_DAY + datetime.timedelta(days=rng.randint(-20, 80))
        end = start + datetime.timedelta(days=rng.randint(0, 120))
        level = rng.choice([None, None, "province", "district", "commune"])
        rows = figures_for(user=city_head, period_from=start, period_to=end, level=level, now=NOW)

        assert [row.kind for row in rows] == ["total", "own", "child", "child", "child", "child"]
        for row in rows:
            expected = _raw(_scope_of(row, world.city), start, end, level)
            assert _row_counts(row) == expected, (row.unit.name, row.kind, start, end, level)
        own_and_children = sum((_row_counts(row) for row in rows[1:]), Counter())
        assert own_and_children == _row_counts(rows[0])


def _stored() -> list[tuple]:
    return list(
        DossierDayFigure.objects.filter(grain="day")
        .order_by("day", "unit", "channel", "procedure_level")
        .values_list(
            "unit",
            "day",
            "channel",
            "procedure_level",
            "received",
            "closed",
            "finished_early",
            "finished_on_time",
            "finished_late",
            "refused",
            "returned",
            "rating_count",
            "rating_sum",
        )
    )


def test_refresh_is_idempotent_and_follows_changes(world, procedures):
    _random_world(random.Random(3), world, procedures, count=30)
    figures_refresh_range(day_from=FIRST_DAY, day_to=LAST_DAY)
    first = _stored()

    figures_refresh_range(day_from=FIRST_DAY, day_to=LAST_DAY)

    assert _stored() == first
    assert sum(row[4] for row in first) == Dossier.objects.exclude(received_at=None).count()


def test_refresh_of_one_day_replaces_that_day_only(world, procedures):
    dossier = DossierFactory(
        procedure=procedures["district"],
        competent_unit=world.district_a,
        received_at=at(2025, 7, 14),
        channel="online",
    )
    figures_refresh_day(day=datetime.date(2025, 7, 14))
    Dossier.objects.filter(pk=dossier.pk).update(received_at=at(2025, 7, 15))

    written = figures_refresh_day(day=datetime.date(2025, 7, 14))

    assert written == 0
    assert DossierDayFigure.objects.count() == 0
    assert figures_refresh_day(day=datetime.date(2025, 7, 15)) == 1
    row = DossierDayFigure.objects.get(grain="day")
    assert sorted(
        DossierDayFigure.objects.exclude(grain="day").values_list("grain", "day", "received")
    ) == [("month", datetime.date(2025, 7, 1), 1), ("year", datetime.date(2025, 1, 1), 1)]
    assert (row.unit, row.day, row.channel, row.procedure_level, row.received) == (
        world.district_a,
        datetime.date(2025, 7, 15),
        "online",
        "district",
        1,
    )


def test_carried_over_counts_dossiers_open_at_the_start(world, procedures, city_head):
    DossierFactory(
        procedure=procedures["district"],
        competent_unit=world.district_a,
        received_at=at(2025, 6, 20),
        status="processing",
    )
    DossierFactory(
        procedure=procedures["district"],
        competent_unit=world.district_a,
        received_at=at(2025, 6, 21),
        finished_at=at(2025, 7, 3),
        status="result_ready",
        due_at=at(2025, 7, 2),
        timeliness="",
    )
    DossierFactory(
        procedure=procedures["district"],
        competent_unit=world.district_a,
        received_at=at(2025, 6, 22),
        finished_at=at(2025, 6, 25),
        status="result_ready",
    )
    figures_refresh_range(day_from=datetime.date(2025, 6, 1), day_to=datetime.date(2025, 7, 31))

    total = figures_for(
        user=city_head,
        period_from=datetime.date(2025, 7, 1),
        period_to=datetime.date(2025, 7, 31),
        now=NOW,
    )[0]

    assert (total.carried_over, total.received, total.finished_late, total.finished) == (2, 0, 1, 1)
    assert (total.in_progress_on_time, total.in_progress_overdue) == (0, 1)


def test_shares_and_average_rating(world, procedures, city_head):
    for channel in ("online", "online", "direct"):
        dossier = DossierFactory(
            procedure=procedures["commune"],
            competent_unit=world.commune_a,
            channel=channel,
            received_at=at(2025, 7, 14),
            finished_at=at(2025, 7, 15),
            returned_at=at(2025, 7, 15),
            status="returned",
            timeliness="early",
        )
        rating_give(
            dossier,
            world.commune_a,
            score=4 if channel == "online" else 5,
            rated_at=at(2025, 7, 16),
        )
    figures_refresh_range(day_from=datetime.date(2025, 7, 14), day_to=datetime.date(2025, 7, 16))

    total = figures_for(
        user=city_head,
        period_from=datetime.date(2025, 7, 1),
        period_to=datetime.date(2025, 7, 31),
        now=NOW,
    )[0]
    # Both "full" procedures are end-to-end in the catalog, but only the province one can be
    # processed: its limit is in working days, so the default internal procedure applies; the
    # commune one (days only, no internal procedure) is not offered online at all.
    Procedure.objects.filter(pk=procedures["province"].pk).update(
        working_days=Decimal("5"), calendar_days=None
    )
    offer = procedures_online_offer(on=datetime.date(2025, 8, 1))

    assert str(total.online_share) == "66.7"
    assert str(total.average_rating) == "4.3"
    assert (offer.full, offer.total, str(offer.share)) == (1, 3, "33.3")


def test_district_head_sees_their_district_and_the_units_below(world, unit_head):
    rows = figures_for(
        user=unit_head, period_from=datetime.date(2025, 7, 1), period_to=datetime.date(2025, 7, 31)
    )

    assert [(row.unit.name, row.kind) for row in rows] == [
        ("Quận Ba Đình", "total"),
        ("Quận Ba Đình", "own"),
        ("Bộ phận một cửa quận Ba Đình", "child"),
        ("Phòng Văn hóa và Thông tin", "child"),
        ("Phường Phúc Xá", "child"),
    ]
    with pytest.raises(Http404):
        figures_for(
            user=unit_head,
            unit=world.district_b,
            period_from=datetime.date(2025, 7, 1),
            period_to=datetime.date(2025, 7, 31),
        )


def test_division_head_without_subtree_sees_only_their_unit(world, division_head):
    rows = figures_for(
        user=division_head,
        period_from=datetime.date(2025, 7, 1),
        period_to=datetime.date(2025, 7, 31),
    )

    assert [(row.unit, row.kind) for row in rows] == [(world.division_a, "total")]


def test_officer_without_a_leading_role_gets_no_figures(specialist):
    with pytest.raises(Http404):
        figures_for(
            user=specialist,
            period_from=datetime.date(2025, 7, 1),
            period_to=datetime.date(2025, 7, 31),
        )


def _page_queries(client, params: dict) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("onestop:figures"), params)
    return len(queries), response


def test_page_shows_the_table_and_chart_in_a_constant_number_of_queries(
    client, world, procedures, city_head
):
    params = {"period_from": "2025-06-01", "period_to": "2025-08-31"}
    client.force_login(city_head)
    _random_world(random.Random(5), world, procedures, count=10)
    figures_refresh_range(day_from=FIRST_DAY, day_to=LAST_DAY)
    few, response = _page_queries(client, params)
    _random_world(random.Random(6), world, procedures, count=60)
    figures_refresh_range(day_from=FIRST_DAY, day_to=LAST_DAY)

    many, response = _page_queries(client, params)

    assert response.status_code == 200
    assert (few, many) == (18, 18)  # the workspace menu's roles and the unread count included
    content = response.content.decode()
    with translation.override("vi"):
        own = gettext("%(unit)s (own dossiers)") % {"unit": "Thành phố Hà Nội"}
    assert [bar.label for bar in response.context["chart"]] == [
        own,
        "Quận Ba Đình",
        "Quận Hoàn Kiếm",
        "Sở Thông tin và Truyền thông",
        "Văn phòng UBND Thành phố",
    ]
    assert '<svg viewBox="0 0 640 248" role="img"' in content
    assert content.count('class="bar-received"') == 5


def test_page_ignores_a_unit_out_of_reach(client, world, unit_head):
    client.force_login(unit_head)

    response = client.get(reverse("onestop:figures"), {"unit": world.district_b.pk})

    assert response.status_code == 200
    assert "unit" in response.context["form"].errors
    assert response.context["rows"][0][0].unit == world.district_a


def test_page_refuses_bad_period_without_error(client, city_head):
    client.force_login(city_head)

    response = client.get(
        reverse("onestop:figures"), {"period_from": "2025-08-01", "period_to": "2025-07-01"}
    )

    assert response.status_code == 200
    with translation.override("vi"):
        message = gettext("The start of the period comes after its end.")
    assert response.context["form"].non_field_errors() == [message]
    today = timezone.localdate()
    assert response.context["filters"]["period_from"] == today.replace(day=1)
    assert response.context["filters"]["period_to"] == today


@pytest.mark.parametrize("persona", ["citizen", "specialist", "front_desk_officer"])
def test_page_is_for_leaders_only(request, client, persona):
    client.force_login(request.getfixturevalue(persona))

    assert client.get(reverse("onestop:figures")).status_code == 403
    assert client.get(reverse("onestop:figures-xlsx")).status_code == 403


def test_xlsx_has_the_same_numbers_as_the_page(client, world, procedures, city_head):
    _random_world(random.Random(9), world, procedures, count=40)
    figures_refresh_range(day_from=FIRST_DAY, day_to=LAST_DAY)
    params = {"period_from": "2025-07-01", "period_to": "2025-07-31", "level": "district"}
    client.force_login(city_head)

    response = client.get(reverse("onestop:figures-xlsx"), params)

    assert response.status_code == 200
    assert (
        response["Content-Disposition"] == 'attachment; filename="figures-20250701-20250731.xlsx"'
    )
    sheet = load_workbook(BytesIO(response.content)).active
    lines = [list(line) for line in sheet.iter_rows(values_only=True)]
    page_rows = client.get(reverse("onestop:figures"), params).context["rows"]
    assert len(lines) == 1 + len(page_rows) + 2
    with translation.override("vi"):
        headers = [gettext("Unit"), *[str(label) for _name, label in COLUMNS]]
        period = gettext("Period")
    assert lines[0] == headers
    assert lines[-1][0] == period
    assert [moment.date() for moment in lines[-1][1:3]] == [
        datetime.date(2025, 7, 1),
        datetime.date(2025, 7, 31),
    ]
    for line, (row, values) in zip(lines[1 : 1 + len(page_rows)], page_rows, strict=True):
        assert line[0].startswith(row.unit.name)
        assert line[1:] == [v if v is None or isinstance(v, int) else float(v) for v in values]
    assert sum(line[1] for line in lines[2 : 1 + len(page_rows)]) == lines[1][1]


def test_management_command_and_job_refresh_the_days(world, procedures):
    DossierFactory(
        procedure=procedures["district"],
        competent_unit=world.district_a,
        received_at=at(2025, 7, 14),
    )

    call_command("figures_refresh", "--from", "2025-07-13", "--to", "2025-07-15")
    assert DossierDayFigure.objects.get(grain="day").received == 1
    DossierDayFigure.objects.all().delete()
    written = figures_refresh.enqueue("2025-07-14", "2025-07-14").return_value
    assert written == 1
    with pytest.raises(CommandError):
        call_command("figures_refresh", "--from", "2025-07-15", "--to", "2025-07-13")
    with pytest.raises(CommandError):
        call_command("figures_refresh", "--from", "14/07/2025")


def _sums(grain: str, start: datetime.date, end: datetime.date) -> dict:
    rows = (
        DossierDayFigure.objects.filter(grain=grain, day__gte=start, day__lte=end)
        .values_list("unit", "channel", "procedure_level")
        .annotate(
            received=Sum("received"),
            closed=Sum("closed"),
            refused=Sum("refused"),
            returned=Sum("returned"),
            rating_sum=Sum("rating_sum"),
        )
        .order_by()
    )
    return {tuple(row[:3]): row[3:] for row in rows}


def test_month_and_year_rows_add_up_the_days(world, procedures):
    _random_world(random.Random(11), world, procedures, count=40)
    figures_refresh_range(day_from=FIRST_DAY, day_to=LAST_DAY)
    Dossier.objects.filter(received_at__isnull=False).order_by("pk").first().delete()
    figures_refresh_range(day_from=FIRST_DAY, day_to=LAST_DAY)

    months = sorted(
        set(DossierDayFigure.objects.filter(grain="month").values_list("day", flat=True))
    )
    assert months
    for month in months:
        end = (month + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
        assert _sums("month", month, month) == _sums("day", month, end)
    for year in {m.year for m in months}:
        first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        assert _sums("year", first, first) == _sums("day", first, last)


def test_grains_filled_by_the_migration(world, procedures):
    from django.apps import apps

    fill = importlib.import_module("egov.onestop.migrations.0007_fill_figure_grains").fill
    _random_world(random.Random(5), world, procedures, count=20)
    figures_refresh_range(day_from=FIRST_DAY, day_to=LAST_DAY)
    expected = sorted(
        DossierDayFigure.objects.exclude(grain="day").values_list(
            "grain", "day", "unit", "channel", "procedure_level", "received", "rating_sum"
        )
    )
    DossierDayFigure.objects.exclude(grain="day").delete()

    fill(apps, None)

    assert (
        sorted(
            DossierDayFigure.objects.exclude(grain="day").values_list(
                "grain", "day", "unit", "channel", "procedure_level", "received", "rating_sum"
            )
        )
        == expected
    )


def _month_open_rows() -> list[tuple]:
    return sorted(
        DossierMonthOpen.objects.values_list(
            "month", "unit", "channel", "procedure_level", "open_count"
        )
    )


def _assert_carried_over_exact(rng, world, city_head) -> None:
    starts = [FIRST_DAY, datetime.date(2025, 7, 1), datetime.date(2025, 9, 1)]
    starts += [FIRST_DAY + datetime.timedelta(days=rng.randint(-10, 100)) for _ in range(6)]
    for start in starts:
        level = rng.choice([None, "district"])
        rows = figures_for(user=city_head, period_from=start, period_to=start, level=level, now=NOW)
        for row in rows:
            expected = _raw(_scope_of(row, world.city), start, start, level)["carried_over"]
            assert row.carried_over == expected, (row.unit.name, row.kind, start, level)


def test_carried_over_equals_raw_count_after_corrections(world, procedures, city_head):
    """Carried over = dossiers received before the period and not closed before it, read from
    the month-start counts; still after past days are refreshed one by one (corrections), and
    the counts kept by those refreshes equal a rewrite from scratch."""
    rng = random.Random(41)
    _random_world(rng, world, procedures, count=50)
    figures_refresh_range(day_from=FIRST_DAY, day_to=LAST_DAY)
    assert DossierMonthOpen.objects.filter(month=datetime.date(2025, 8, 1)).exists()
    _assert_carried_over_exact(rng, world, city_head)

    received = list(Dossier.objects.exclude(received_at=None).order_by("pk")[:6])
    touched = set()
    for dossier in received[:3]:  # closed earlier, in June
        touched.add(_local(dossier.received_at))
        if dossier.finished_at:
            touched.add(_local(dossier.finished_at))
        moment = dossier.received_at + datetime.timedelta(hours=2)
        Dossier.objects.filter(pk=dossier.pk).update(
            finished_at=moment, status="result_ready", timeliness="early"
        )
        touched.add(_local(moment))
    for dossier in received[3:5]:  # received a month later, still open
        touched.add(_local(dossier.received_at))
        if dossier.finished_at:
            touched.add(_local(dossier.finished_at))
        Dossier.objects.filter(pk=dossier.pk).update(
            received_at=dossier.received_at + datetime.timedelta(days=31),
            finished_at=None,
            returned_at=None,
            status="processing",
        )
        touched.add(_local(dossier.received_at + datetime.timedelta(days=31)))
    touched.add(_local(received[5].received_at))
    received[5].delete()
    for day in sorted(touched, reverse=True):  # any order: each refresh keeps the counts
        figures_refresh_day(day=day)

    _assert_carried_over_exact(rng, world, city_head)
    kept = _month_open_rows()
    month_open_refresh()
    assert _month_open_rows() == kept


def test_month_open_filled_by_the_migration(world, procedures):
    from django.apps import apps

    migration = importlib.import_module("egov.onestop.migrations.0015_month_open")
    _random_world(random.Random(8), world, procedures, count=30)
    figures_refresh_range(day_from=FIRST_DAY, day_to=LAST_DAY)
    expected = _month_open_rows()
    assert expected
    DossierMonthOpen.objects.all().delete()

    migration.fill(apps, connection.schema_editor())

    assert _month_open_rows() == expected
