"""The running totals of the sent reports (``ValueTotal``): per regime, period, level and
indicator, the sum of the numbers of the reports sent (submitted or accepted) and how many.

A report's numbers are added when it is sent and taken away when it is returned (the only
ways in and out of ``rules.SENT``; values cannot change while sent), in the transaction of
that change, by one upsert (``INSERT … ON CONFLICT DO UPDATE SET total = total + …``: two
units sending at once both count, rows taken in indicator order). Whatever writes reports in
bulk (the demo's history, the benchmark's generator) calls :func:`totals_rebuild`, which
computes them from the values (one ``INSERT … SELECT … GROUP BY``); the property test checks
that the running totals always equal that."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import connection, transaction

from egov.reporting import rules
from egov.reporting.models import Submission, Value, ValueTotal

KEY = ("regime_id", "period_first", "level", "indicator_id")


def totals_apply(submission: Submission, sign: int) -> None:
    """Add (``sign`` 1) or take away (-1) the report's numbers; in the caller's transaction."""
    rows = list(
        Value.objects.filter(submission=submission, number__isnull=False)
        .order_by("indicator_id")
        .values_list("indicator_id", "number")
    )
    if not rows:
        return
    table = connection.ops.quote_name(ValueTotal._meta.db_table)
    values = ", ".join(["(%s, %s, %s, %s, %s, %s)"] * len(rows))
    params: list[object] = []
    for indicator_id, number in rows:
        params += [
            submission.regime_id,
            submission.period_first,
            submission.level,
            indicator_id,
            number * sign,
            sign,
        ]
    # Table and column names are the models' own; every value is a parameter.
    sql = (
        f"INSERT INTO {table} ({', '.join(KEY)}, total, units) VALUES {values} "  # noqa: S608
        f"ON CONFLICT ({', '.join(KEY)}) DO UPDATE SET "
        f"total = {table}.total + excluded.total, units = {table}.units + excluded.units"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def totals_rebuild(*, regime_ids: list[int] | None = None) -> int:
    """Compute the totals from the values of the sent reports (all regimes, or those of
    ``regime_ids``), replacing what was kept; returns the rows written."""
    table = connection.ops.quote_name(ValueTotal._meta.db_table)
    value = connection.ops.quote_name(Value._meta.db_table)
    report = connection.ops.quote_name(Submission._meta.db_table)
    where, params = "s.status IN (%s, %s)", sorted(rules.SENT)
    if regime_ids is not None:
        if not regime_ids:
            return 0
        where += f" AND s.regime_id IN ({', '.join(['%s'] * len(regime_ids))})"
        params += list(regime_ids)
    with transaction.atomic():
        old = ValueTotal.objects.all()
        if regime_ids is not None:
            old = old.filter(regime_id__in=regime_ids)
        old.delete()
        with connection.cursor() as cursor:
            cursor.execute(  # names are the models' own, every value a parameter
                f"INSERT INTO {table} ({', '.join(KEY)}, total, units) "  # noqa: S608
                "SELECT s.regime_id, s.period_first, s.level, v.indicator_id, "
                "SUM(v.number), COUNT(v.number) "
                f"FROM {value} v JOIN {report} s ON s.id = v.submission_id "
                f"WHERE {where} AND v.number IS NOT NULL "
                "GROUP BY s.regime_id, s.period_first, s.level, v.indicator_id",
                params,
            )
            return cursor.rowcount


def totals_of(
    regime_id: int, period_first: datetime.date, level: int
) -> dict[int, tuple[Decimal, int]]:
    """Indicator id → (total, how many numbers) of one level and period. One query."""
    return {
        indicator_id: (total, units)
        for indicator_id, total, units in ValueTotal.objects.filter(
            regime_id=regime_id, period_first=period_first, level=level, units__gt=0
        ).values_list("indicator_id", "total", "units")
    }
