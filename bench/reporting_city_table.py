"""Measure the city's completeness page of a regime with 609 reporting units named (issue 16:
the city table) in process, on the database of ``DATABASE_URL``: its SQL queries and its time
as the city office reads it, at both levels of the chain.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/egov_x EGOV_DEBUG=1 \
        python -m bench.reporting_city_table [--repeats 30]

The first run writes its data once into that (migrated) database: a province "Thành phố đo
thử" with 30 districts of 19 or 20 communes (609 units), a monthly regime reported by the
communes and consolidated by the districts, one period opened, a third of the reports in
draft; later runs reuse it. Not a timed test: the numbers depend on the machine.

With ``--generated`` it writes nothing and reads the data of ``bench.generate`` instead (the
regime ``bench-kt-xh-thang``: 609 units, 200 indicators, 24 months): the request of the HTTP
scenario ``reporting_city`` (the city head, every month at both levels, in turn), each
request's time split into its SQL (the time spent executing queries) and its template
rendering less the SQL run while rendering, and the CPU time of this process (the app's
Python, not the database's) — steadier than the total on a shared machine.

    DJANGO_SETTINGS_MODULE=bench.benchsite.settings EGOV_DEBUG=1 \
        DATABASE_URL=postgres://postgres@127.0.0.1:5432/egov_bench \
        python -m bench.reporting_city_table --generated [--repeats 2]"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import time
from contextlib import contextmanager


def _setup():
    import datetime

    from egov.accounts.models import User
    from egov.accounts.services import officer_account_create
    from egov.common.periods import period_of
    from egov.orgs.models import OrgUnit
    from egov.orgs.services import membership_grant, orgunit_create
    from egov.reporting import services
    from egov.reporting.choices import Aggregation, DataType, Frequency
    from egov.reporting.models import Regime, Submission

    regime = Regime.objects.filter(code="bench-city-table").first()
    head = User.objects.filter(email="do.thu.city@example.vn").first()
    if regime is not None and head is not None:
        return regime, head
    city = orgunit_create(actor=None, name="Thành phố đo thử", kind="province")
    for d in range(30):
        district = orgunit_create(actor=None, name=f"Huyện đo {d}", kind="district", parent=city)
        for c in range(20 if d < 9 else 19):  # 9 × 20 + 21 × 19 = 579 communes
            orgunit_create(actor=None, name=f"Xã đo {d}.{c}", kind="commune", parent=district)
    indicators = [
        services.IndicatorIn(f"{n:02d}", f"Chỉ tiêu {n}", "tỷ đồng", DataType.DECIMAL)
        for n in range(1, 11)
    ]
    regime = services.regime_create(
        actor=None,
        indicators=[
            *indicators[:-1],
            services.IndicatorIn("10", "Tỷ lệ", "%", aggregation=Aggregation.AVERAGE),
        ],
        levels=[services.LevelIn("district", 4)],
        code="bench-city-table",
        name="Báo cáo đo thử",
        legal_basis="Nghị định 09/2019/NĐ-CP",
        frequency=Frequency.MONTH,
        reporter_kind="commune",
        reporter_root=city,
        receiving_unit=city,
        deadline_days=2,
    )
    services.period_open(
        actor=None, regime=regime, period=period_of("month", datetime.date(2026, 5, 1))
    )
    ids = list(Submission.objects.filter(regime=regime).values_list("pk", flat=True))
    Submission.objects.filter(pk__in=ids[::3]).update(status="draft")
    head = officer_account_create(
        actor=None,
        full_name="Đo Thử",
        email="do.thu.city@example.vn",
        password=secrets.token_urlsafe(16),
    )
    membership_grant(
        actor=None,
        user=head,
        unit=city,
        role="unit_head",
        includes_subtree=True,
        started_on=datetime.date(2020, 1, 1),
    )
    assert OrgUnit.objects.filter(path__startswith=city.path).count() == 610
    return regime, head


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered) + 0.5) - 1))]


@contextmanager
def _split_clock(clock: dict[str, float]):
    """Adds up into ``clock`` the time of the queries (``sql``), of template rendering
    (``render``) and of the queries run while rendering (``sql_in_render``)."""
    from django.db import connection
    from django.template.backends import django as backend

    def timed_query(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent = time.perf_counter() - started
            clock["sql"] += spent
            if clock["rendering"]:
                clock["sql_in_render"] += spent

    render = backend.Template.render

    def timed_render(template, context=None, request=None):
        clock["rendering"] += 1
        started = time.perf_counter()
        try:
            return render(template, context, request)
        finally:
            clock["render"] += time.perf_counter() - started
            clock["rendering"] -= 1

    backend.Template.render = timed_render
    try:
        with connection.execute_wrapper(timed_query):
            yield
    finally:
        backend.Template.render = render


def _generated(rounds: int) -> None:
    """The city's table of the generated regime, every month at both levels, ``rounds``
    times: p50/p95 of each request's total, SQL and rendering (less its SQL)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.run.prepare import city_head
    from bench.run.reporting import bench_regime
    from egov.reporting.models import Submission

    regime = bench_regime()
    if regime is None:
        raise SystemExit("No regime bench-kt-xh-thang: run bench.generate first.")
    months = sorted(
        set(Submission.objects.filter(regime=regime).values_list("period_first", flat=True))
    )
    urls = [
        f"/workspace/reporting/regimes/{regime.pk}/?period={month.isoformat()}&level={level}"
        for month in months
        for level in (0, 1)
    ]
    client = Client()  # "testserver", allowed by the benchmark settings
    client.force_login(city_head())
    for url in urls[:4]:  # warm-up
        client.get(url)
    spent: dict[str, list[float]] = {"total": [], "sql": [], "render": [], "app CPU": []}
    for url in urls * rounds:
        clock = dict.fromkeys(("sql", "render", "sql_in_render", "rendering"), 0.0)
        with _split_clock(clock):
            started, cpu = time.perf_counter(), time.process_time()
            answer = client.get(url)
            spent["total"].append((time.perf_counter() - started) * 1000)
            spent["app CPU"].append((time.process_time() - cpu) * 1000)
        assert answer.status_code == 200, (url, answer.status_code)
        spent["sql"].append(clock["sql"] * 1000)
        spent["render"].append((clock["render"] - clock["sql_in_render"]) * 1000)
    with CaptureQueriesContext(connection) as captured:
        client.get(urls[0])
    print(f"{len(urls) * rounds} requests ({len(urls)} pages), {len(captured)} queries a page")
    for name, values in spent.items():
        print(
            f"{name:>8}: p50 {statistics.median(values):6.1f} ms, "
            f"p95 {_percentile(values, 95):6.1f} ms"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--repeats", type=int, default=None, help="30 requests a level; 2 rounds with --generated"
    )
    parser.add_argument(
        "--generated",
        action="store_true",
        help="read the regime of bench.generate (writes nothing); repeats = rounds of its months",
    )
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    if args.generated:
        _generated(args.repeats or 2)
        return
    args.repeats = args.repeats or 30
    regime, head = _setup()
    client = Client(SERVER_NAME="127.0.0.1")  # an allowed host
    client.force_login(head)
    url = reverse("reporting:regime-completeness", args=[regime.pk])
    for level in (0, 1):
        params = {"period": "2026-05-01", "level": level}
        client.get(url, params)  # warm-up
        times = []
        for _ in range(args.repeats):
            started = time.perf_counter()
            answer = client.get(url, params)
            times.append((time.perf_counter() - started) * 1000)
        with CaptureQueriesContext(connection) as queries:
            client.get(url, params)
        assert answer.status_code == 200
        times.sort()
        print(
            f"level {level}: {answer.content.count(b'<li><a ')} units named, "
            f"{len(queries)} queries, median {statistics.median(times):.1f} ms, "
            f"p95 {times[int(0.95 * (len(times) - 1))]:.1f} ms"
        )


if __name__ == "__main__":
    main()
