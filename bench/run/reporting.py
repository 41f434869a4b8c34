"""Periodic reporting in a run (issue 16): the request files of the two HTTP scenarios and an
in-process measure.

- ``reporting_city``: the regime's completeness page as the city office reads it, for every
  generated month at both levels — who reported (600 units named) and the consolidated table
  of the 200 indicators, read from the running totals (target p95 ≤ 150 ms);
- ``reporting_form``: a unit's report page (its 200 indicators with their values, editable for
  a draft or a returned report) as the unit's own officer sees it (target p95 ≤ 200 ms);
- in process: the consolidated table's selector timed for every month, and its running
  totals compared with the raw sums of the values (GROUP BY over the 2.9 M values) — equal,
  or the target is missed.
"""

from __future__ import annotations

import random
import statistics
import time
from decimal import Decimal
from pathlib import Path

from django.db import connection

from bench.run.prepare import _write, city_head, session_for
from bench.run.report import Target
from egov.orgs.choices import Role
from egov.orgs.models import Membership
from egov.reporting import rules
from egov.reporting.models import Regime, Submission, ValueTotal

REGIME_CODE = "bench-kt-xh-thang"
RAW_SQL = """
SELECT s.period_first, s.level, v.indicator_id, SUM(v.number), COUNT(v.number)
FROM reporting_value v JOIN reporting_submission s ON s.id = v.submission_id
WHERE s.regime_id = %s AND s.status IN ('submitted', 'accepted') AND v.number IS NOT NULL
GROUP BY 1, 2, 3
"""


def bench_regime() -> Regime | None:
    return Regime.objects.filter(code=REGIME_CODE).first()


def _officer_of(unit_id: int):
    membership = (
        Membership.objects.current()
        .filter(unit_id=unit_id, role=Role.SPECIALIST)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return membership.user if membership else None


def report_sample(regime: Regime, count: int = 60, seed: int = 16) -> list[Submission]:
    """Reports of the communes spread over the months and states (each with its own unit's
    officer to read it)."""
    ids = list(Submission.objects.filter(regime=regime, level=0).values_list("pk", flat=True))
    rng = random.Random(seed)
    chosen = sorted(rng.sample(ids, min(count, len(ids))))
    return list(Submission.objects.filter(pk__in=chosen).order_by("pk"))


def reporting_files(directory: Path) -> dict[str, Path]:
    regime = bench_regime()
    if regime is None:
        return {}
    head = session_for(city_head())
    periods = sorted(
        set(Submission.objects.filter(regime=regime).values_list("period_first", flat=True))
    )
    city = [
        f"GET\t/workspace/reporting/regimes/{regime.pk}/?period={day.isoformat()}&level={level}"
        f"\t{head.headers()}\t"
        for day in periods
        for level in (0, 1)
    ]
    sessions: dict[int, object] = {}
    form = []
    for report in report_sample(regime):
        officer = _officer_of(report.unit_id)
        if officer is None:
            continue
        session = sessions.get(officer.pk) or session_for(officer)
        sessions[officer.pk] = session
        form.append(f"GET\t/workspace/reporting/reports/{report.pk}/\t{session.headers()}\t")
    return {
        "reporting_city": _write(directory / "reporting_city.txt", city),
        "reporting_form": _write(directory / "reporting_form.txt", form),
    }


def raw_sums(regime_id: int) -> dict[tuple, tuple[Decimal, int]]:
    """Per (month, level, indicator): the sum and count of the sent reports' numbers, from
    the values themselves."""
    with connection.cursor() as cursor:
        cursor.execute(RAW_SQL, [regime_id])
        rows = cursor.fetchall()
    return {
        (period, level, indicator): (Decimal(str(total)).quantize(Decimal("0.0001")), count)
        for period, level, indicator, total, count in rows
    }


def kept_sums(regime_id: int) -> dict[tuple, tuple[Decimal, int]]:
    return {
        (row.period_first, row.level, row.indicator_id): (row.total, row.units)
        for row in ValueTotal.objects.filter(regime_id=regime_id, units__gt=0)
    }


def reporting_measure() -> dict:
    """The consolidated table's selector for every month (the city office), and whether the
    running totals equal the raw sums; the GROUP BY the totals save is timed too."""
    from egov.reporting.selectors import completeness, rollup, submissions_for_user

    regime = bench_regime()
    if regime is None:
        return {}
    head = city_head()
    within = submissions_for_user(head)
    periods = sorted(
        set(Submission.objects.filter(regime=regime).values_list("period_first", flat=True))
    )
    timings = []
    for day in periods:
        started = time.perf_counter()
        completeness(regime, day, within=within)
        rollup(regime, day, within=within)
        timings.append(time.perf_counter() - started)
    started = time.perf_counter()
    raw = raw_sums(regime.pk)
    raw_seconds = time.perf_counter() - started
    return {
        "periods": len(periods),
        "values": sum(count for _total, count in raw.values()),
        "table_p50_ms": statistics.median(timings) * 1000,
        "table_max_ms": max(timings) * 1000,
        "raw_group_by_ms": raw_seconds * 1000,
        "totals_equal": kept_sums(regime.pk) == raw,
        "sent_statuses": sorted(rules.SENT),
    }


def reporting_targets(data: dict) -> list[Target]:
    measured = data.get("reporting")
    if not measured:
        return []
    return [
        Target(
            "Reporting: running totals = raw sums of the values",
            "equal",
            f"{measured['values']:,} values over {measured['periods']} months: "
            f"{'equal' if measured['totals_equal'] else 'DIFFER'}",
            f"table p50 {measured['table_p50_ms']:.1f} ms vs GROUP BY "
            f"{measured['raw_group_by_ms']:.1f} ms",
            measured["totals_equal"],
        )
    ]
