"""Citizen feedback in a run (issue 17: 1 M reports, 200,000 published answers): the request
files of the two public HTTP scenarios and an in-process measure.

- ``feedback_public``: the public list and map of answered reports (``/feedback/reports/``:
  a page of the list, its count and the latest 500 pins), without a filter, for each category,
  for wards (the busiest one, and others spread over the table), for departments (the units of
  the fixed-unit categories) and for unit × category (target p95 ≤ 200 ms for any filter);
- ``feedback_search``: accent-insensitive search in every written form of 12 queries, over the
  published answers (``/feedback/``) and the reports' list (target p95 ≤ 300 ms);
- in process: the SQL queries of each page (fixed, whatever the number of rows) and the
  public list's selector timed for every filter of the file.
"""

from __future__ import annotations

import random
import statistics
import time
from pathlib import Path
from urllib.parse import urlencode

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.run.prepare import _write, search_variants
from bench.run.report import Target
from egov.common.pagination import CappedPaginator
from egov.feedback import selectors
from egov.feedback.models import Category, Report
from egov.feedback.views import PAGE_CAP, PAGE_SIZE
from egov.orgs.models import OrgUnit

SEARCH_WORDS = (
    "đèn đường",
    "ổ gà",
    "rác thải tồn đọng",
    "xây dựng không phép",
    "karaoke",
    "ngập úng",
    "giấy phép xây dựng",
    "khai sinh",
    "kết hôn",
    "thường trú",
    "chứng thực bản sao",
    "trợ cấp người cao tuổi",
)


def _units(count: int = 40, seed: int = 17) -> list[int]:
    """The unit of the most reports, the fixed-unit categories' units and wards spread over
    the table."""
    rows = Report.objects.values_list("unit_id", flat=True).order_by("unit_id").distinct()
    units = list(rows)
    if not units:
        return []
    rng = random.Random(seed)
    fixed = set(Category.objects.exclude(unit=None).values_list("unit_id", flat=True))
    picked = sorted(set(rng.sample(units, min(count, len(units)))) | fixed)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT unit_id FROM feedback_report GROUP BY unit_id ORDER BY count(*) DESC LIMIT 1"
        )
        busiest = cursor.fetchone()[0]
    return [busiest, *[u for u in picked if u != busiest]]


def public_queries() -> list[dict[str, str]]:
    """The filters of the public list measured: none, each category, each unit, unit ×
    category, and a second page."""
    categories = list(Category.objects.filter(is_active=True).values_list("code", flat=True))
    units = _units()
    if not units:
        return []
    rng = random.Random(18)
    queries: list[dict[str, str]] = [{}, {"page": "2"}]
    queries += [{"category": code} for code in categories]
    queries += [{"unit": str(unit)} for unit in units]
    queries += [{"unit": str(unit), "category": rng.choice(categories)} for unit in units[:20]]
    return queries


def search_queries() -> list[str]:
    return [v for word in SEARCH_WORDS for v in search_variants(word)]


def feedback_files(directory: Path) -> dict[str, Path]:
    queries = public_queries()
    if not queries:
        return {}
    public = [f"GET\t/feedback/reports/?{urlencode(q)}\t\t" for q in queries]
    search = [f"GET\t/feedback/?{urlencode({'q': q})}\t\t" for q in search_queries()]
    search += [f"GET\t/feedback/reports/?{urlencode({'q': q})}\t\t" for q in search_queries()]
    return {
        "feedback_public": _write(directory / "feedback_public.txt", public),
        "feedback_search": _write(directory / "feedback_search.txt", search),
    }


def _queries_of(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    if response.status_code != 200:
        raise AssertionError(f"{path}: {response.status_code}")
    return len(captured)


def feedback_measure(repeats: int = 3) -> dict:
    """Queries per page (no filter, a unit and a category, a search) and the public list's
    selector (a page, as the page reads it, and the pins) timed for each filter."""
    queries = public_queries()
    if not queries:
        return {}
    client = Client()
    unit = next(q for q in queries if "unit" in q and "category" in q)
    counts = {
        "list": _queries_of(client, "/feedback/reports/"),
        "list_filtered": _queries_of(client, f"/feedback/reports/?{urlencode(unit)}"),
        "answers_search": _queries_of(client, f"/feedback/?{urlencode({'q': 'den duong'})}"),
    }
    timings = []
    for query in queries:
        unit_pk, code = query.get("unit"), query.get("category")
        unit_row = OrgUnit.objects.filter(pk=unit_pk).first() if unit_pk else None
        category = Category.objects.filter(code=code).first() if code else None
        for _ in range(repeats):
            started = time.perf_counter()
            reports = selectors.report_list_public(unit=unit_row, category=category)
            list(
                CappedPaginator(reports, PAGE_SIZE, cap=PAGE_CAP).get_page(1).object_list
            )  # as the page reads it: one row more than it shows, no count
            selectors.report_map_pins(reports)
            timings.append(time.perf_counter() - started)
    timings.sort()
    searched = []
    for text in search_queries():
        started = time.perf_counter()
        for found in (selectors.answer_search(text=text), selectors.report_list_public(text=text)):
            list(CappedPaginator(found, PAGE_SIZE, cap=PAGE_CAP).get_page(1).object_list)
        searched.append((time.perf_counter() - started) / 2)
    searched.sort()
    return {
        "answers": selectors.answer_search().count(),
        "search_p50_ms": statistics.median(searched) * 1000,
        "search_p95_ms": searched[int(0.95 * (len(searched) - 1))] * 1000,
        "reports": Report.objects.count(),
        "filters": len(queries),
        "queries": counts,
        "p50_ms": statistics.median(timings) * 1000,
        "p95_ms": timings[int(0.95 * (len(timings) - 1))] * 1000,
    }


def feedback_targets(data: dict) -> list[Target]:
    measured = data.get("feedback")
    if not measured:
        return []
    counts = measured["queries"]
    return [
        Target(
            "Feedback public list and map: selector (a page, 500 pins), any filter",
            "p95 ≤ 200 ms",
            f"p95 {measured['p95_ms']:.1f} ms, p50 {measured['p50_ms']:.1f} ms",
            f"{measured['reports']:,} reports, {measured['filters']} filters; queries per page "
            f"{counts['list']} / {counts['list_filtered']} / search {counts['answers_search']}",
            measured["p95_ms"] <= 200,
        ),
        Target(
            "Feedback accent-insensitive search (answers, reports): selector, every written form",
            "p95 ≤ 300 ms",
            f"p95 {measured['search_p95_ms']:.1f} ms, p50 {measured['search_p50_ms']:.1f} ms",
            f"{measured['answers']:,} published answers",
            measured["search_p95_ms"] <= 300,
        ),
    ]
