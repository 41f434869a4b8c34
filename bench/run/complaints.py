"""The complaints inbox in process (issue 18: 500,000 petitions; target p95 ≤ 200 ms): the
page of the busiest unit's specialist and of the city head, timed through the Django test
client with its SQL queries, beside the HTTP scenario ``complaints_inbox``."""

from __future__ import annotations

import statistics
import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.run import prepare
from bench.run.report import Target
from egov.complaints.models import Petition

PATH = "/complaints/petitions/"


def complaints_inbox_measure(repeats: int = 20) -> dict:
    """p50/p95 of the inbox page per user, its queries and their SQL time (last request)."""
    if not Petition.objects.exists():
        return {}
    out: dict = {"petitions": Petition.objects.count(), "users": {}}
    for label, user in (
        ("specialist", prepare.busy_inspector()),
        ("city head", prepare.city_head()),
    ):
        client = Client()
        client.force_login(user)
        client.get(PATH)  # warm-up
        timings = []
        for _ in range(repeats):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                status = client.get(PATH).status_code
            timings.append((time.perf_counter() - started) * 1000)
        assert status == 200, status
        out["users"][label] = {
            "p50_ms": statistics.median(timings),
            "p95_ms": statistics.quantiles(timings, n=20)[18],
            "queries": len(queries.captured_queries),
            "sql_ms": sum(float(q["time"]) for q in queries.captured_queries) * 1000,
        }
    return out


def complaints_inbox_targets(data: dict) -> list[Target]:
    measured = data.get("complaints_inbox")
    if not measured:
        return []
    users = measured["users"]
    worst = max(u["p95_ms"] for u in users.values())
    detail = "; ".join(
        f"{label} p95 {u['p95_ms']:.1f} ms, p50 {u['p50_ms']:.1f} ms, {u['queries']} queries "
        f"({u['sql_ms']:.1f} ms SQL)"
        for label, u in users.items()
    )
    return [
        Target(
            "Inspectorate inbox in process (page of 200, specialist and city head)",
            "p95 ≤ 200 ms",
            detail,
            f"{measured['petitions']:,} petitions",
            worst <= 200,
        )
    ]
