"""Keeping the figures roll-up (:class:`~egov.onestop.models.DossierDayFigure`) up to date.

A day's rows are recomputed from the dossiers whose receipt, finishing, refusal, return or
rating falls on that local day (Asia/Ho_Chi_Minh): indexed range queries on ``received_at``,
``finished_at``, ``returned_at``, ``DossierNotice(kind, issued_at)`` and ``rated_at``, grouped
in the database. The day's rows are then replaced in one transaction, so a refresh is idempotent
and may run as often as wanted (the ``figures_refresh`` job, ``egov figures_refresh``).
With its month and year rows, the refresh rewrites the rows per unit and procedure
(:class:`~egov.onestop.models.DossierProcedureFigure`) of the day's month and year for the units
whose dossiers received that day it counted before or after (:func:`procedure_figures_write`).

Rows are derived data, not a change of any record's state: refreshing is not audited.

What the roll-up relies on from the dossier services: ``received_at`` is the valid receipt,
``finished_at`` is set whenever a received dossier leaves processing (result ready, refusal
after appraisal, stop, withdrawal), ``returned_at`` when the result is handed back, and a
refusal issues a ``DossierNotice`` of kind ``refusal`` or ``decision_refusal``.
"""

from __future__ import annotations

import datetime
import logging
from collections import Counter
from collections.abc import Iterable, Iterator

from django.db import connection, transaction
from django.db.models import Count, DateField, F, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce, TruncMonth, TruncYear
from django.utils import timezone

from egov.common.periods import PeriodKind, month_end, month_start, period_end, period_start
from egov.common.progress import ProgressCallback, counted
from egov.documents.choices import SigningMethod
from egov.integration.choices import ConnectorCode
from egov.onestop.choices import ApplicantKind, Channel, DossierStatus, FigureGrain, NoticeKind
from egov.onestop.models import (
    Dossier,
    DossierDayFigure,
    DossierMonthOpen,
    DossierNotice,
    DossierProcedureFigure,
    DossierRating,
    FigureDayRefresh,
)
from egov.workdays.rules import VN_TZ

logger = logging.getLogger(__name__)

# A result was produced (Decree 61/2018/NĐ-CP art. 19-20): graded early / on time / late.
FINISHED_STATUSES = (DossierStatus.RESULT_READY, DossierStatus.RETURNED)
# Refusal to receive (TT 01/2018 Form 03) and refusal after appraisal (Decree 61 art. 19).
REFUSAL_KINDS = (NoticeKind.REFUSAL, NoticeKind.DECISION_REFUSAL)
DOSSIER_COUNTERS = (
    "received",
    "closed",
    "finished_early",
    "finished_on_time",
    "finished_late",
    "returned",
)
COUNTERS = (*DOSSIER_COUNTERS, "refused", "rating_count", "rating_sum")
Key = tuple[int, str, str]  # unit id, channel, procedure level
# The FigureDayRefresh row locked while the month-start counts are rewritten: earlier than any
# day, so it is always taken last (see _lock) and two rewrites run one after the other.
MONTH_OPEN_LOCK = datetime.date(1900, 1, 1)
BUSINESS_REGISTRY_SOURCE = str(ConnectorCode.BUSINESS_REGISTRY)
_ONLINE = Q(channel=Channel.ONLINE)
_ONLINE_BUSINESS = _ONLINE & Q(applicant_kind=ApplicantKind.ORGANISATION)
# The counts of DossierProcedureFigure: among a unit's dossiers of a procedure received in the
# month or year, all of them (None) and those of each condition (egov.onestop.figures'
# procedures_*): online; online from a business; of those, the business's fields as the
# national business registry gave them (Dossier.prefilled); online with the application signed
# from a phone.
PROCEDURE_COUNTS: dict[str, Q | None] = {
    "received": None,
    "online": _ONLINE,
    "online_business": _ONLINE_BUSINESS,
    "business_registry": _ONLINE_BUSINESS & Q(prefilled__source=BUSINESS_REGISTRY_SOURCE),
    "signed_remote": _ONLINE & Q(application_signing_method=SigningMethod.REMOTE),
}


def day_bounds(day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The local day as a half-open range of aware moments: [00:00, next day 00:00)."""
    start = datetime.datetime.combine(day, datetime.time(0, 0), tzinfo=VN_TZ)
    return start, start + datetime.timedelta(days=1)


def _on(field: str, day: datetime.date) -> Q:
    start, end = day_bounds(day)
    return Q(**{f"{field}__gte": start, f"{field}__lt": end})


def _finished_grades(day: datetime.date) -> dict[str, Q]:
    """Early / on time / late among the dossiers finished on ``day``: the grade stored on the
    dossier (workflow ``Timeliness``) or, when none was stored, the finishing moment against the
    appointment (late only after the due moment)."""
    finished = _on("finished_at", day) & Q(status__in=FINISHED_STATUSES)
    ungraded_late = Q(timeliness="", due_at__isnull=False, finished_at__gt=F("due_at"))
    late = Q(timeliness="late") | ungraded_late
    on_time = (Q(timeliness="") & ~ungraded_late) | ~Q(timeliness__in=["early", "late", ""])
    return {
        "finished_early": finished & Q(timeliness="early"),
        "finished_on_time": finished & on_time,
        "finished_late": finished & late,
    }


def _dossier_counts(day: datetime.date) -> QuerySet:
    touched = _on("received_at", day) | _on("finished_at", day) | _on("returned_at", day)
    grades = _finished_grades(day)
    return (
        Dossier.objects.filter(touched)
        .annotate(figure_unit=Coalesce("competent_unit", "receiving_unit"))
        .filter(figure_unit__isnull=False)
        .values_list("figure_unit", "channel", "procedure__level")
        .annotate(
            received=Count("pk", filter=_on("received_at", day)),
            closed=Count("pk", filter=_on("finished_at", day) & Q(received_at__isnull=False)),
            finished_early=Count("pk", filter=grades["finished_early"]),
            finished_on_time=Count("pk", filter=grades["finished_on_time"]),
            finished_late=Count("pk", filter=grades["finished_late"]),
            returned=Count("pk", filter=_on("returned_at", day)),
        )
        .order_by()
    )


def _refusal_counts(day: datetime.date) -> QuerySet:
    return (
        DossierNotice.objects.filter(_on("issued_at", day), kind__in=REFUSAL_KINDS)
        .annotate(figure_unit=Coalesce("dossier__competent_unit", "dossier__receiving_unit"))
        .filter(figure_unit__isnull=False)
        .values_list("figure_unit", "dossier__channel", "dossier__procedure__level")
        .annotate(refused=Count("dossier", distinct=True))
        .order_by()
    )


def _rating_counts(day: datetime.date) -> QuerySet:
    return (
        DossierRating.objects.filter(_on("rated_at", day))
        .values_list("unit", "dossier__channel", "dossier__procedure__level")
        .annotate(rating_count=Count("pk"), rating_sum=Sum("score"))
        .order_by()
    )


def _merge(
    into: dict[Key, Counter], rows: Iterable[tuple], names: tuple[str, ...]
) -> dict[Key, Counter]:
    for unit_id, channel, level, *values in rows:
        into.setdefault((unit_id, channel, level), Counter()).update(
            dict(zip(names, values, strict=True))
        )
    return into


def figures_day_compute(day: datetime.date) -> dict[Key, Counter]:
    """The day's counters per (unit, channel, procedure level), read from the dossier tables
    with three grouped queries; keys whose counters are all zero are left out."""
    buckets: dict[Key, Counter] = {}
    _merge(buckets, _dossier_counts(day), DOSSIER_COUNTERS)
    _merge(buckets, _refusal_counts(day), ("refused",))
    _merge(buckets, _rating_counts(day), ("rating_count", "rating_sum"))
    return {key: counts for key, counts in buckets.items() if any(counts.values())}


def _lock(day: datetime.date) -> FigureDayRefresh:
    """The :class:`FigureDayRefresh` row of ``day``, locked. A month and a year are locked
    through the row of their first day; a refresh locks its day, then its month, then its
    year (never a later day after an earlier one), so refreshes cannot deadlock."""
    FigureDayRefresh.objects.get_or_create(day=day, defaults={"refreshed_at": timezone.now()})
    return FigureDayRefresh.objects.select_for_update().get(day=day)


def figures_refresh_day(*, day: datetime.date, rollup: bool = True) -> int:
    """Replace the roll-up rows of ``day`` with freshly computed ones, then (``rollup``) the
    rows of its month and year, in one transaction; returns the number of day rows written.
    Idempotent; two refreshes of one day run one after the other (the day's
    :class:`FigureDayRefresh` row is locked first)."""
    with transaction.atomic():
        marker = _lock(day)
        if connection.vendor == "postgresql":
            # Short statements over a few thousand rows: compiling them (JIT, which the
            # planner's estimates trigger) took longer than running them.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL jit = off")
        buckets = figures_day_compute(day)
        # Every unit with a day row, before or after: their later month-start counts follow.
        touched = {unit for (unit, _c, _l) in buckets}
        if rollup:
            touched.update(
                DossierDayFigure.objects.filter(grain=FigureGrain.DAY, day=day)
                .values_list("unit_id", flat=True)
                .order_by()
                .distinct()
            )
        # The units whose dossiers received that day were counted, before and after: a
        # dossier moved to another unit leaves the first one's procedure rows too.
        units = {unit for (unit, _c, _l), counts in buckets.items() if counts.get("received")}
        if rollup:
            units.update(
                DossierDayFigure.objects.filter(grain=FigureGrain.DAY, day=day, received__gt=0)
                .values_list("unit_id", flat=True)
                .order_by()
                .distinct()
            )
        DossierDayFigure.objects.filter(grain=FigureGrain.DAY, day=day).delete()
        DossierDayFigure.objects.bulk_create(
            DossierDayFigure(
                unit_id=unit_id,
                grain=FigureGrain.DAY,
                day=day,
                channel=channel,
                procedure_level=level,
                **{name: counts.get(name, 0) for name in COUNTERS},
            )
            for (unit_id, channel, level), counts in sorted(buckets.items())
        )
        if rollup:
            _rollup(FigureGrain.MONTH, month_start(day))
            _rollup(FigureGrain.YEAR, period_start(PeriodKind.YEAR, day))
            if units:  # under the locks of the month and the year
                month = month_start(day)
                procedure_figures_write(connection, first=month, last=month, unit_ids=units)
            _month_open_follow(month_start(day), touched)
        marker.refreshed_at = timezone.now()
        marker.save(update_fields=["refreshed_at"])
    logger.info("onestop.figures_refreshed", extra={"day": day.isoformat(), "rows": len(buckets)})
    return len(buckets)


def _rollup(grain: str, start: datetime.date) -> None:
    """Recompute the month (from its day rows) or year (from its month rows) starting on
    ``start``. Runs inside the caller's transaction."""
    _lock(start)
    if grain == FigureGrain.MONTH:
        source, end = FigureGrain.DAY, month_end(start)
    else:
        source, end = FigureGrain.MONTH, period_end(PeriodKind.YEAR, start)
    sums = (
        DossierDayFigure.objects.filter(grain=source, day__gte=start, day__lte=end)
        .values_list("unit", "channel", "procedure_level")
        .annotate(*[Sum(name) for name in COUNTERS])
        .order_by()
    )
    rows = [
        DossierDayFigure(
            unit_id=unit_id,
            grain=grain,
            day=start,
            channel=channel,
            procedure_level=level,
            **dict(zip(COUNTERS, values, strict=True)),
        )
        for unit_id, channel, level, *values in sums
    ]
    DossierDayFigure.objects.filter(grain=grain, day=start).delete()
    DossierDayFigure.objects.bulk_create(rows)


def figures_rollup_range(*, day_from: datetime.date, day_to: datetime.date) -> None:
    """Recompute the month and year rows of every month and year the range touches (one
    transaction each), e.g. after the days were refreshed with ``rollup=False``."""
    months = sorted({month_start(day) for day in days_between(day_from, day_to)})
    for start in months:
        with transaction.atomic():
            _rollup(FigureGrain.MONTH, start)
            procedure_months_write(connection, first=start, last=start)
    for year in sorted({start.year for start in months}):
        with transaction.atomic():
            _rollup(FigureGrain.YEAR, datetime.date(year, 1, 1))
            start = datetime.date(year, 1, 1)
            procedure_years_write(connection, first=start, last=start)
    if months:
        with transaction.atomic():
            _lock(MONTH_OPEN_LOCK)
            month_open_refresh(since=months[0])


def _month_open_follow(month: datetime.date, unit_ids: set[int]) -> None:
    """After the month rows of ``month`` of ``unit_ids`` changed: rewrite the month-start
    counts they change (those units' of later months), and every unit's of ``month`` if it has
    none yet (a new month). A refresh of the current month, the usual one, finds neither and
    writes nothing."""
    if not DossierMonthOpen.objects.filter(month=month).exists():
        _lock(MONTH_OPEN_LOCK)
        month_open_refresh(since=month)
    elif unit_ids and (
        DossierDayFigure.objects.filter(grain=FigureGrain.MONTH, day__gt=month).exists()
    ):
        _lock(MONTH_OPEN_LOCK)
        month_open_refresh(since=month, unit_ids=unit_ids)


# Per key (unit, channel, level): one cell for each month of the roll-up after the key's first
# month, and the key's month rows as received - closed; a running sum in month order, the cell
# before the month row of its month, gives each cell the sum of the month rows before it. No
# join of the cells with the rows: one sort of both.
MONTH_OPEN_SQL = """
INSERT INTO {open} (unit_id, month, channel, procedure_level, open_count)
SELECT unit_id, month, channel, procedure_level, open_count FROM (
    SELECT unit_id, month, channel, procedure_level, is_cell,
        SUM(delta) OVER (
            PARTITION BY unit_id, channel, procedure_level ORDER BY month, is_cell DESC
            ROWS UNBOUNDED PRECEDING
        ) AS open_count
    FROM (
        SELECT keyed.unit_id, keyed.channel, keyed.procedure_level, months.day AS month,
            1 AS is_cell, 0 AS delta
        FROM (
            SELECT unit_id, channel, procedure_level, MIN(day) AS first_month FROM {figure}
            WHERE grain = %s{only} GROUP BY unit_id, channel, procedure_level
        ) keyed
        JOIN (SELECT DISTINCT day FROM {figure} WHERE grain = %s) months
            ON months.day > keyed.first_month
        UNION ALL
        SELECT unit_id, channel, procedure_level, day, 0, received - closed FROM {figure}
        WHERE grain = %s{only}
    ) cells_and_rows
) running
WHERE is_cell = 1 AND month >= %s AND open_count <> 0
"""


def month_open_refresh(
    *, since: datetime.date | None = None, unit_ids: Iterable[int] | None = None
) -> None:
    """Rewrite the month-start counts of open dossiers
    (:class:`~egov.onestop.models.DossierMonthOpen`) of ``since`` and every later month (all
    when None), of ``unit_ids`` (all units when None: each unit's counts depend on its own
    month rows only), from the roll-up's month rows, set-based (one DELETE, one INSERT …
    SELECT). The caller holds the ``MONTH_OPEN_LOCK`` row in its transaction; the migration
    that created the table calls it too."""
    month_open_write(connection, since=since, unit_ids=unit_ids)


def month_open_write(
    conn, *, since: datetime.date | None = None, unit_ids: Iterable[int] | None = None
) -> None:
    """:func:`month_open_refresh` on the connection ``conn`` (a migration's schema editor's)."""
    since = conn.ops.adapt_datefield_value(since or datetime.date(1, 1, 1))
    quote = conn.ops.quote_name
    units = sorted(set(unit_ids)) if unit_ids is not None else None
    only = f" AND unit_id IN ({', '.join(['%s'] * len(units))})" if units else ""
    tables = {
        "open": quote(DossierMonthOpen._meta.db_table),
        "figure": quote(DossierDayFigure._meta.db_table),
        "only": only,
    }
    month = str(FigureGrain.MONTH)
    keyed = units or []
    with conn.cursor() as cursor:
        if conn.vendor == "postgresql" and conn.in_atomic_block:
            # The planner overestimates the cells a hundredfold and would compile the
            # statement (JIT) for longer than it runs.
            cursor.execute("SET LOCAL jit = off")
        cursor.execute(
            f"DELETE FROM {tables['open']} WHERE month >= %s{only}",  # noqa: S608
            [since, *keyed],
        )
        cursor.execute(
            MONTH_OPEN_SQL.format(**tables), [month, *keyed, month, month, *keyed, since]
        )


def procedure_month_dossiers(
    start: datetime.datetime | None = None,
    end: datetime.datetime | None = None,
    unit_ids: Iterable[int] | None = None,
) -> QuerySet:
    """The received dossiers that :class:`~egov.onestop.models.DossierProcedureFigure` counts
    (received from ``start`` to before ``end`` when given, of ``unit_ids`` when given), with
    the unit they count for as ``owner``: the competent unit, or the receiving desk while none
    is set; without ordering."""
    qs = Dossier.objects.filter(received_at__isnull=False)
    if start is not None:
        qs = qs.filter(received_at__gte=start, received_at__lt=end)
    qs = qs.annotate(owner=Coalesce("competent_unit_id", "receiving_unit_id"))
    qs = qs.filter(owner__isnull=False)
    if unit_ids is not None:
        qs = qs.filter(owner__in=list(unit_ids))
    return qs.order_by()


def _insert_select(conn, columns: dict[str, str], grouped: QuerySet) -> None:
    """``INSERT INTO`` the procedure figures' columns (the keys of ``columns``) the rows of
    ``grouped`` (each column from the value named by ``columns``), in one statement."""
    select, params = grouped.query.get_compiler(connection=conn).as_sql()
    quote = conn.ops.quote_name
    names = ", ".join(map(quote, columns))
    values = ", ".join(map(quote, columns.values()))
    with conn.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(DossierProcedureFigure._meta.db_table)} ({names}) "  # noqa: S608
            f"SELECT {values} FROM ({select}) counted",
            params,
        )


def _procedure_rows(conn, grain: str, first, last, unit_ids) -> QuerySet:
    rows = DossierProcedureFigure.objects.using(conn.alias).filter(grain=grain)
    if first is not None:
        rows = rows.filter(day__gte=first, day__lte=last)
    if unit_ids is not None:
        rows = rows.filter(unit_id__in=unit_ids)
    return rows


def procedure_months_write(
    conn,
    *,
    first: datetime.date | None = None,
    last: datetime.date | None = None,
    unit_ids: Iterable[int] | None = None,
) -> None:
    """Rewrite the month rows of :class:`~egov.onestop.models.DossierProcedureFigure` of the
    months ``first`` to ``last`` (their first days; all months when None) and of ``unit_ids``
    (all units when None) from the dossiers, set-based: one DELETE, one INSERT … SELECT grouped
    by month, unit and procedure. On the connection ``conn``: the refresh's, inside its
    transaction holding the month's lock, or a migration's schema editor's."""
    start = end = None
    if first is not None:
        start, end = day_bounds(first)[0], day_bounds(month_end(last))[1]
    if unit_ids is not None:
        unit_ids = sorted(set(unit_ids))
    counts = {
        name: Count("pk", filter=where) if where is not None else Count("pk")
        for name, where in PROCEDURE_COUNTS.items()
    }
    grouped = (
        procedure_month_dossiers(start, end, unit_ids)
        .using(conn.alias)
        .annotate(
            unit_id=F("owner"),
            grain=Value(str(FigureGrain.MONTH)),
            day=TruncMonth("received_at", output_field=DateField(), tzinfo=VN_TZ),
        )
        .values("unit_id", "grain", "day", "procedure_id")
        .annotate(**counts)
        .order_by()
    )
    _procedure_rows(conn, FigureGrain.MONTH, first, last, unit_ids).delete()
    columns = ["unit_id", "grain", "day", "procedure_id", *counts]
    _insert_select(conn, {name: name for name in columns}, grouped)


def procedure_years_write(
    conn,
    *,
    first: datetime.date | None = None,
    last: datetime.date | None = None,
    unit_ids: Iterable[int] | None = None,
) -> None:
    """Rewrite the year rows of :class:`~egov.onestop.models.DossierProcedureFigure` of the
    years starting ``first`` to ``last`` (all when None) and of ``unit_ids`` (all units when
    None) as the sums of their month rows: one DELETE, one INSERT … SELECT."""
    if unit_ids is not None:
        unit_ids = sorted(set(unit_ids))
    months = _procedure_rows(
        conn, FigureGrain.MONTH, first, last and period_end(PeriodKind.YEAR, last), unit_ids
    )
    grouped = (
        months.annotate(
            year_grain=Value(str(FigureGrain.YEAR)),
            year=TruncYear("day", output_field=DateField()),
        )
        .values("unit_id", "year_grain", "year", "procedure_id")
        .annotate(**{f"{name}_sum": Sum(name) for name in PROCEDURE_COUNTS})
        .order_by()
    )
    _procedure_rows(conn, FigureGrain.YEAR, first, last, unit_ids).delete()
    columns = {"unit_id": "unit_id", "grain": "year_grain", "day": "year"}
    columns["procedure_id"] = "procedure_id"
    columns.update({name: f"{name}_sum" for name in PROCEDURE_COUNTS})
    _insert_select(conn, columns, grouped)


def procedure_figures_write(
    conn,
    *,
    first: datetime.date | None = None,
    last: datetime.date | None = None,
    unit_ids: Iterable[int] | None = None,
) -> None:
    """:func:`procedure_months_write` of the months ``first`` to ``last``, then
    :func:`procedure_years_write` of their years (all of both when None): what a day's refresh
    rewrites for the units it touched, and what the migration that created the table fills."""
    procedure_months_write(conn, first=first, last=last, unit_ids=unit_ids)
    procedure_years_write(
        conn,
        first=first and period_start(PeriodKind.YEAR, first),
        last=last and period_start(PeriodKind.YEAR, last),
        unit_ids=unit_ids,
    )


def days_between(day_from: datetime.date, day_to: datetime.date) -> Iterator[datetime.date]:
    """Every day from ``day_from`` to ``day_to`` included."""
    for offset in range((day_to - day_from).days + 1):
        yield day_from + datetime.timedelta(days=offset)


def figures_refresh_range(
    *,
    day_from: datetime.date,
    day_to: datetime.date,
    progress: ProgressCallback | None = None,
) -> int:
    """Refresh each day of the range, one transaction per day, then the months and years it
    touches; returns the day rows written. ``progress`` hears the days done."""
    days = counted(
        days_between(day_from, day_to), progress, "days", total=(day_to - day_from).days + 1
    )
    written = sum(figures_refresh_day(day=day, rollup=False) for day in days)
    figures_rollup_range(day_from=day_from, day_to=day_to)
    return written


def figures_default_range(today: datetime.date | None = None) -> tuple[datetime.date, ...]:
    """Yesterday and today: almost every change lands on today's row, and yesterday catches
    what happened between the last run before midnight and midnight."""
    today = today or timezone.localdate()
    return today - datetime.timedelta(days=1), today
