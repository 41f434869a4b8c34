"""The plans of the feedback public list, map and search (issue 17) on the database of
``DATABASE_URL``, read-only, for the filters and queries of the ``feedback_public`` and
``feedback_search`` scenarios (``bench.run.feedback``):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/egov_bench \\
        python -m bench.feedback_plans results OUT.json   # ids of pages 1 and 2, count, pins
    ... python -m bench.feedback_plans compare BEFORE.json AFTER.json
    ... python -m bench.feedback_plans explain OUT.json [REGEX]   # EXPLAIN (ANALYZE, BUFFERS)
    ... python -m bench.feedback_plans time OUT.json [REPEATS]    # as feedback_measure times

``results`` run on two checkouts (``PYTHONPATH``) and ``compare`` prove that a change of plan
returns the same rows in the same order. ``explain`` runs each statement a page sends under
``EXPLAIN (ANALYZE, BUFFERS)`` (SELECTs only) and prints their execution times, steadier than
wall-clock times on a shared machine. Not a timed test: the numbers depend on the machine."""

from __future__ import annotations

import json
import os
import re
import statistics
import sys
import time
from pathlib import Path


def _cases():
    from bench.run.feedback import public_queries, search_queries
    from egov.feedback.models import Category
    from egov.orgs.models import OrgUnit

    out = []
    for query in public_queries():
        unit = OrgUnit.objects.filter(pk=query["unit"]).first() if "unit" in query else None
        code = query.get("category")
        category = Category.objects.filter(code=code).first() if code else None
        name = "list " + " ".join(f"{k}={v}" for k, v in sorted(query.items()))
        out.append((name, "list", {"unit": unit, "category": category}, int(query.get("page", 1))))
    for text in search_queries():
        out.append((f"answers q={text!r}", "answers", {"text": text}, 1))
        out.append((f"reports q={text!r}", "reports", {"text": text}, 1))
    return out


def _read(kind, filters, number, *, count=True):
    """What the page reads: a page of the list (and the count when asked), and the pins."""
    from egov.common.pagination import CappedPaginator
    from egov.feedback import selectors
    from egov.feedback.views import PAGE_CAP, PAGE_SIZE

    if kind == "answers":
        rows = selectors.answer_search(**filters)
    else:
        rows = selectors.report_list_public(**filters)
    page = CappedPaginator(rows, PAGE_SIZE, cap=PAGE_CAP).get_page(number)
    out = {"page": [row.pk for row in page.object_list]}
    if count:
        out["count"] = page.paginator.count
    if kind != "answers":
        out["pins"] = [pin.pk for pin in selectors.report_map_pins(rows)]
    return out


def _explain(pattern):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    data = {}
    for name, kind, filters, number in _cases():
        if pattern and not re.search(pattern, name):
            continue
        with CaptureQueriesContext(connection) as sent:
            _read(kind, filters, number, count=False)
        statements = []
        for query in sent.captured_queries:
            if not query["sql"].lstrip().upper().startswith("SELECT"):
                continue
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query["sql"])
                plan = "\n".join(row[0] for row in cursor.fetchall())
            ms = float(re.search(r"Execution Time: ([\d.]+) ms", plan).group(1))
            statements.append({"sql": query["sql"], "ms": ms, "plan": plan})
        data[name] = statements
        times = " + ".join(f"{s['ms']:.1f}" for s in statements)
        print(f"{sum(s['ms'] for s in statements):8.1f} ms  {name}: {times}", flush=True)
    return data


def _time(repeats):
    from egov.common.pagination import CappedPaginator
    from egov.feedback import selectors
    from egov.feedback.views import PAGE_CAP, PAGE_SIZE

    cases = _cases()
    lists, searches = [], []
    for _name, kind, filters, _number in cases:
        if kind != "list":
            continue
        for _ in range(repeats):
            started = time.perf_counter()
            rows = selectors.report_list_public(**filters)
            list(CappedPaginator(rows, PAGE_SIZE, cap=PAGE_CAP).get_page(1).object_list)
            selectors.report_map_pins(rows)
            lists.append(time.perf_counter() - started)
    texts = [filters["text"] for _name, kind, filters, _number in cases if kind == "answers"]
    for _ in range(repeats):
        for text in texts:
            started = time.perf_counter()
            answers, reports = (
                selectors.answer_search(text=text),
                selectors.report_list_public(text=text),
            )
            for rows in (answers, reports):
                list(CappedPaginator(rows, PAGE_SIZE, cap=PAGE_CAP).get_page(1).object_list)
            searches.append((time.perf_counter() - started) / 2)
    data = {}
    for label, values in (("list", lists), ("search", searches)):
        values.sort()
        data[label] = {
            "n": len(values),
            "p50_ms": round(statistics.median(values) * 1000, 1),
            "p95_ms": round(values[int(0.95 * (len(values) - 1))] * 1000, 1),
            "max_ms": round(values[-1] * 1000, 1),
        }
        print(label, data[label], flush=True)
    return data


def main() -> None:
    mode, path = sys.argv[1], sys.argv[2]
    if mode == "compare":
        before, after = (json.loads(Path(p).read_text(encoding="utf-8")) for p in sys.argv[2:4])
        differ = [k for k in before.keys() | after.keys() if before.get(k) != after.get(k)]
        print(f"{len(before)} cases compared, {len(differ)} differ: {sorted(differ)[:10]}")
        raise SystemExit(1 if differ else 0)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.benchsite.settings")
    import django

    django.setup()
    if mode == "results":
        data = {}
        for name, kind, filters, number in _cases():
            data[name] = _read(kind, filters, number)
            if kind != "answers":
                data[f"{name} next page"] = _read(kind, filters, number + 1)["page"]
    elif mode == "explain":
        data = _explain(sys.argv[3] if len(sys.argv) > 3 else "")
    elif mode == "time":
        data = _time(int(sys.argv[3]) if len(sys.argv) > 3 else 3)
    else:
        raise SystemExit(__doc__)
    Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
