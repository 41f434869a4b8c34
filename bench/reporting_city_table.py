"""Measure the city's completeness page of a regime with 609 reporting units named (issue 16:
the city table) in process, on the database of ``DATABASE_URL``: its SQL queries and its time
as the city office reads it, at both levels of the chain.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/egov_x EGOV_DEBUG=1 \
        python -m bench.reporting_city_table [--repeats 30]

The first run writes its data once into that (migrated) database: a province "Thành phố đo
thử" with 30 districts of 19 or 20 communes (609 units), a monthly regime reported by the
communes and consolidated by the districts, one period opened, a third of the reports in
draft; later runs reuse it. Not a timed test: the numbers depend on the machine."""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import time


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

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
