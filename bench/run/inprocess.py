"""Measurements made inside the harness process, on the same database as the HTTP run:

- SQL queries per request of the main pages (Django test client + ``CaptureQueriesContext``);
- the figures of the city for periods of one month to five years read from the roll-up
  (``figures_for``), against the naive GROUP BY over the dossier tables for the same periods,
  and whether both give exactly the same totals per unit;
- the incremental refresh of the busiest day of the last year;
- the legacy import (:mod:`egov.onestop.services.dossier_import`) against COPY of the same rows.
"""

from __future__ import annotations

import datetime
import re
import statistics
import time
import uuid
from collections import Counter

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bench.run import prepare
from bench.run.complaints import complaints_inbox_measure, complaints_inbox_targets
from bench.run.dashboards import dashboards_targets, snapshot_close_measure
from bench.run.feedback import feedback_measure, feedback_targets
from bench.run.report import Target
from bench.run.reporting import reporting_measure, reporting_targets
from egov.onestop.services.figures import day_bounds, figures_refresh_day


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def _count(client: Client, method: str, path: str, **data: object) -> tuple[int, int]:
    """The page's own queries: the rate limits' reads and writes of the cache table are left
    out (with the default database cache a public look-up adds about ten; Redis adds none)."""
    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(path, data or None)
    return app_queries(queries), response.status_code


def app_queries(queries: CaptureQueriesContext) -> int:
    """Queries of ``queries`` that are neither the cache table's (``egov_cache``) nor the
    transaction control its writes send: savepoints inside the tests' transaction, and
    BEGIN/COMMIT/ROLLBACK outside one (Django logs them; the look-up's two rate-limit writes
    send two such pairs), and the scan count's ``SET LOCAL synchronous_commit TO OFF``
    (``traceability.services.scan_count``: a setting of its transaction, sent only outside
    one)."""
    return sum(
        1
        for q in queries.captured_queries
        if "egov_cache" not in q["sql"] and not TRANSACTION_CONTROL.match(q["sql"])
    )


TRANSACTION_CONTROL = re.compile(
    r"(RELEASE |ROLLBACK TO )?SAVEPOINT |(BEGIN|COMMIT|ROLLBACK)\s*$|SET LOCAL synchronous_commit"
)


def query_counts(until: datetime.date) -> dict[str, dict]:
    """Queries per request of the main pages at this data size (the tiny test pins the same
    pages on a few hundred dossiers: equal counts mean no page grows with the data)."""
    code = prepare.track_codes(1)[0]
    anonymous = Client()
    head, specialist = Client(), Client()
    head.force_login(prepare.city_head())
    specialist.force_login(prepare.busy_specialist())
    start, end = prepare.figures_periods(until)[4]
    pages = {
        "track_api": (anonymous, "get", f"/api/v1/onestop/track/{code}", {}),
        "track_page": (anonymous, "get", "/track/", {"code": code}),
        "inbox": (specialist, "get", "/workflow/inbox/", {}),
        "figures_5_years": (
            head,
            "get",
            "/figures/",
            {"period_from": start.isoformat(), "period_to": end.isoformat()},
        ),
        "scoreboard_5_years": (
            head,
            "get",
            "/workspace/directives/scoreboard/",
            {"period_from": start.isoformat(), "period_to": end.isoformat()},
        ),
        "search": (head, "get", "/workspace/documents/", {"q": "chuyển đổi số"}),
    }
    links = prepare.trace_links(1)
    if links:  # a database generated before traceability was added has no batches
        # a phone's scan: counted, so the page's write is in the count
        pages["trace_scan"] = (Client(HTTP_USER_AGENT=prepare.PHONE_UA), "get", links[0], {})
    counts = {}
    for name, (client, method, path, data) in pages.items():
        getattr(client, method)(path, data or None)  # warm caches (calendar, content types)
        queries, status = _count(client, method, path, **data)
        counts[name] = {"queries": queries, "status": status}
    return counts


NAIVE_SQL = """
SELECT COALESCE(d.competent_unit_id, d.receiving_unit_id) AS unit,
  count(*) FILTER (WHERE d.received_at >= %(a)s AND d.received_at < %(b)s) AS received,
  count(*) FILTER (WHERE d.finished_at >= %(a)s AND d.finished_at < %(b)s
                   AND d.status IN ('result_ready', 'returned') AND d.timeliness = 'early')
    AS finished_early,
  count(*) FILTER (WHERE d.finished_at >= %(a)s AND d.finished_at < %(b)s
                   AND d.status IN ('result_ready', 'returned')
                   AND (d.timeliness = 'late' OR (d.timeliness = '' AND d.due_at IS NOT NULL
                        AND d.finished_at > d.due_at))) AS finished_late,
  count(*) FILTER (WHERE d.finished_at >= %(a)s AND d.finished_at < %(b)s
                   AND d.status IN ('result_ready', 'returned')) AS finished,
  count(*) FILTER (WHERE d.returned_at >= %(a)s AND d.returned_at < %(b)s) AS returned
FROM onestop_dossier d
WHERE (d.received_at >= %(a)s AND d.received_at < %(b)s)
   OR (d.finished_at >= %(a)s AND d.finished_at < %(b)s)
   OR (d.returned_at >= %(a)s AND d.returned_at < %(b)s)
GROUP BY 1
"""
NAIVE_REFUSED_SQL = """
SELECT COALESCE(d.competent_unit_id, d.receiving_unit_id), count(DISTINCT n.dossier_id)
FROM onestop_dossiernotice n JOIN onestop_dossier d ON d.id = n.dossier_id
WHERE n.kind IN ('refusal', 'decision_refusal') AND n.issued_at >= %(a)s AND n.issued_at < %(b)s
GROUP BY 1
"""


def naive_totals(start: datetime.date, end: datetime.date) -> dict[int, Counter]:
    """The period's figures per unit straight from the dossier tables (GROUP BY)."""
    bounds = {"a": day_bounds(start)[0], "b": day_bounds(end)[1]}
    totals: dict[int, Counter] = {}
    with connection.cursor() as cursor:
        cursor.execute(NAIVE_SQL, bounds)
        for unit, received, early, late, finished, returned in cursor.fetchall():
            totals[unit] = Counter(
                received=received,
                finished_early=early,
                finished_late=late,
                finished_on_time=finished - early - late,
                returned=returned,
            )
        cursor.execute(NAIVE_REFUSED_SQL, bounds)
        for unit, refused in cursor.fetchall():
            totals.setdefault(unit, Counter())["refused"] = refused
    return {u: +c for u, c in totals.items() if +c}


def rollup_totals(start: datetime.date, end: datetime.date) -> dict[int, Counter]:
    from django.db.models import Sum

    from egov.onestop.models import DossierDayFigure

    names = (
        "received",
        "finished_early",
        "finished_late",
        "finished_on_time",
        "returned",
        "refused",
    )
    rows = (
        DossierDayFigure.objects.filter(grain="day", day__gte=start, day__lte=end)
        .values("unit")
        .annotate(**{f"s_{n}": Sum(n) for n in names})
        .order_by()
    )
    totals = {row["unit"]: Counter({n: row[f"s_{n}"] for n in names}) for row in rows}
    return {u: +c for u, c in totals.items() if +c}


def figures_measure(until: datetime.date, repeats: int = 3) -> dict:
    """The figures page's selector over every period, and the naive GROUP BY for the five-year
    periods, timed in the same run; totals compared per unit."""
    from egov.onestop.selectors.figures import figures_for

    head = prepare.city_head()
    periods = prepare.figures_periods(until)
    timings, five_year, naive = [], [], []
    for _ in range(repeats):
        for start, end in periods:
            started = time.perf_counter()
            figures_for(user=head, period_from=start, period_to=end)
            elapsed = time.perf_counter() - started
            timings.append(elapsed)
            if (end - start).days > 1800:
                five_year.append(elapsed)
    equal = True
    for start, end in [p for p in periods if (p[1] - p[0]).days > 1800]:
        started = time.perf_counter()
        raw = naive_totals(start, end)
        naive.append(time.perf_counter() - started)
        equal = equal and raw == rollup_totals(start, end)
    return {
        "rollup_p50_ms": statistics.median(timings) * 1000,
        "rollup_p95_ms": _percentile(timings, 95) * 1000,
        "rollup_5y_median_ms": statistics.median(five_year) * 1000,
        "naive_5y_median_ms": statistics.median(naive) * 1000,
        "periods": len(periods),
        "totals_equal": equal,
    }


def _top_procedure(survey) -> str:
    """The procedure most answered in ``survey``'s family (blank when none is named)."""
    from django.db.models import Count

    from egov.surveys.models import Response

    top = (
        Response.objects.filter(survey__family=survey.family)
        .exclude(procedure_code="")
        .values("procedure_code")
        .annotate(n=Count("pk"))
        .order_by("-n", "procedure_code")
        .first()
    )
    return top["procedure_code"] if top else ""


def survey_index_measure(until: datetime.date, surveys: int = 5) -> dict:
    """The index of several units' surveys (their whole subtree) over every period read from
    the roll-up, timed, for every procedure and for the family's most answered procedure (whose
    partial months are counted from the answers), and the same indices counted from the raw
    answers for the five-year periods: reports compared (issue 20: roll-ups equal to raw
    counts)."""
    from egov.surveys.models import Survey
    from egov.surveys.selectors import survey_index

    picked = list(
        Survey.objects.select_related("unit").filter(pk__in=prepare.survey_sample(surveys))
    )
    periods = prepare.figures_periods(until)
    timings: dict[str, list[float]] = {"all": [], "procedure": []}
    raw_times, equal, answers = [], True, 0
    for survey in picked:
        for kind, procedure in (("all", ""), ("procedure", _top_procedure(survey))):
            for start, end in periods:
                scope = {"unit": survey.unit, "first": start, "last": end}
                scope["procedure_code"] = procedure
                started = time.perf_counter()
                report = survey_index(survey, **scope)
                timings[kind].append(time.perf_counter() - started)
                if (end - start).days > 1800 and end == until:
                    started = time.perf_counter()
                    raw = survey_index(survey, raw=True, **scope)
                    if kind == "all":
                        raw_times.append(time.perf_counter() - started)
                        answers += report.responses
                    equal = equal and raw == report
    return {
        "rollup_p50_ms": _ms(statistics.median, timings["all"]),
        "rollup_p95_ms": _ms(lambda t: _percentile(t, 95), timings["all"]),
        "procedure_p50_ms": _ms(statistics.median, timings["procedure"]),
        "procedure_p95_ms": _ms(lambda t: _percentile(t, 95), timings["procedure"]),
        "raw_5y_median_ms": _ms(statistics.median, raw_times),
        "surveys": len(picked),
        "periods": len(periods),
        "answers_5y": answers,
        "reports_equal": equal,
    }


def _ms(statistic, timings: list[float]) -> float:
    return statistic(timings) * 1000 if timings else 0.0


def refresh_measure(until: datetime.date) -> dict:
    """A day's incremental refresh: the busiest day of the last year, three times."""
    since = day_bounds(until - datetime.timedelta(days=365))[0]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT (received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS day, count(*) "
                "FROM onestop_dossier WHERE received_at >= %s GROUP BY 1 ORDER BY 2 DESC, 1 "
                "LIMIT 1",
                [since],
            )
            day, received = cursor.fetchone()
    else:
        from egov.onestop.models import Dossier

        days = Counter(
            timezone.localtime(m).date()
            for m in Dossier.objects.filter(received_at__gte=since).values_list(
                "received_at", flat=True
            )
        )
        day, received = max(days.items(), key=lambda kv: (kv[1], kv[0]))
    seconds = []
    for _ in range(3):
        started = time.perf_counter()
        figures_refresh_day(day=day)
        seconds.append(time.perf_counter() - started)
    return {
        "day": day.isoformat(),
        "received_that_day": received,
        "median_s": statistics.median(seconds),
    }


def measure_all(*, until: datetime.date, import_rows: int) -> dict:
    out = {"query_counts": query_counts(until)}
    print("  query counts measured", flush=True)
    out["figures"] = figures_measure(until)
    print("  figures roll-up vs GROUP BY measured", flush=True)
    out["refresh"] = refresh_measure(until)
    print("  incremental refresh measured", flush=True)
    out["scoreboard"] = scoreboard_measure(until)
    print("  scoreboard roll-up vs GROUP BY measured", flush=True)
    out["search"] = search_measure()
    print("  search forms compared", flush=True)
    out["workfile_export"] = workfile_export_measure()
    print("  500-document work file exported", flush=True)
    out["complaints_figures"] = complaints_figures_measure(until)
    print("  complaints figures measured", flush=True)
    out["complaints_inbox"] = complaints_inbox_measure()
    print("  complaints inbox page measured", flush=True)
    out["survey_index"] = survey_index_measure(until)
    print("  survey index roll-up vs raw answers measured", flush=True)
    out["trace_capture"] = capture_measure()
    print("  EPCIS capture measured", flush=True)
    out["reporting"] = reporting_measure()
    print("  reporting totals compared with the raw sums", flush=True)
    out["feedback"] = feedback_measure()
    print("  feedback public list measured", flush=True)
    out["snapshot_close"] = snapshot_close_measure(until)
    print("  a month's snapshot closed (rolled back)", flush=True)
    if import_rows:
        from bench.run.importing import import_measure

        out["import"] = import_measure(import_rows)
        print("  legacy import vs COPY measured", flush=True)
    out["measured_at"] = timezone.now().isoformat()
    return out


def inprocess_targets(data: dict) -> list[Target]:
    out = []
    counts = data.get("query_counts", {})
    if "track_api" in counts:
        n = counts["track_api"]["queries"]
        out.append(
            Target(
                "Status look-up",
                "≤ 2 SQL queries per request",
                f"{n} queries",
                f"page: {counts.get('track_page', {}).get('queries', '—')} queries",
                n <= 2,
            )
        )
    fig = data.get("figures")
    if fig:
        ratio = fig["rollup_5y_median_ms"] / fig["naive_5y_median_ms"]
        out.append(
            Target(
                "Figures from the roll-up (selector, any period ≤ 5 years)",
                "p95 ≤ 150 ms",
                f"p95 {fig['rollup_p95_ms']:.1f} ms, p50 {fig['rollup_p50_ms']:.1f} ms",
                "—",
                fig["rollup_p95_ms"] <= 150,
            )
        )
        out.append(
            Target(
                "Figures: roll-up vs naive GROUP BY (5 years)",
                "≤ 0.05 × GROUP BY, totals equal",
                f"{fig['rollup_5y_median_ms']:.1f} ms vs "
                f"{fig['naive_5y_median_ms']:.1f} ms; totals "
                f"{'equal' if fig['totals_equal'] else 'DIFFER'}",
                f"{ratio:.3f} × GROUP BY",
                ratio <= 0.05 and fig["totals_equal"],
            )
        )
    refresh = data.get("refresh")
    if refresh:
        out.append(
            Target(
                "A day's incremental refresh",
                "≤ 1 s",
                f"{refresh['median_s']:.3f} s ({refresh['received_that_day']:,} "
                f"dossiers received on {refresh['day']})",
                "—",
                refresh["median_s"] <= 1,
            )
        )
    board = data.get("scoreboard")
    if board:
        ratio = board["rollup_5y_median_ms"] / board["naive_5y_median_ms"]
        out.append(
            Target(
                "Scoreboard: roll-up vs naive GROUP BY (5 years)",
                "≤ 0.05 × GROUP BY, totals equal",
                f"{board['rollup_5y_median_ms']:.1f} ms vs "
                f"{board['naive_5y_median_ms']:.1f} ms; tasks and reports "
                f"{'equal' if board['totals_equal'] else 'DIFFER'}",
                f"{ratio:.3f} × GROUP BY",
                ratio <= 0.05 and board["totals_equal"],
            )
        )
    search = data.get("search")
    if search:
        out.append(
            Target(
                "Search: accented, unaccented, NFC/NFD, đ/d forms",
                "identical results",
                f"{search['queries']} queries × {search['forms_each']} forms: "
                f"{'identical' if search['identical'] else 'DIFFERENT'}",
                f"selector p50 {search['selector_p50_ms']:.1f} ms",
                search["identical"],
            )
        )
    complaints = data.get("complaints_figures")
    if complaints:
        out.append(
            Target(
                "Complaints figures, every unit (any period ≤ 5 years)",
                "p95 ≤ 150 ms, equal to raw counts",
                f"p95 {complaints['p95_ms']:.1f} ms, p50 {complaints['p50_ms']:.1f} ms; "
                f"{'equal' if complaints['totals_equal'] else 'DIFFER'}",
                f"{complaints['petitions']:,} petitions",
                complaints["p95_ms"] <= 150 and complaints["totals_equal"],
            )
        )
    export = data.get("workfile_export")
    if export:
        out.append(
            Target(
                "A 500-document work file exported as one PDF (signatures verified)",
                "≤ 30 s",
                f"{export['seconds']:.1f} s ({export['pdf_bytes'] / 1e6:.1f} MB)",
                "—",
                export["seconds"] <= 30,
            )
        )
    surveys = data.get("survey_index")
    if surveys:
        out.append(
            Target(
                "Survey index from the roll-up (selector, a unit's subtree, any period)",
                "p95 ≤ 150 ms, equal to counting the answers",
                f"p95 {surveys['rollup_p95_ms']:.1f} ms, p50 {surveys['rollup_p50_ms']:.1f} ms; "
                f"one procedure p95 {surveys.get('procedure_p95_ms', 0):.1f} ms; "
                f"reports {'equal' if surveys['reports_equal'] else 'DIFFER'}",
                f"raw 5 years {surveys['raw_5y_median_ms']:.1f} ms "
                f"({surveys['answers_5y']:,} answers)",
                max(surveys["rollup_p95_ms"], surveys.get("procedure_p95_ms", 0)) <= 150
                and surveys["reports_equal"],
            )
        )
    out.extend(capture_targets(data.get("trace_capture", {})))
    out.extend(reporting_targets(data))
    out.extend(feedback_targets(data))
    out.extend(complaints_inbox_targets(data))
    out.extend(dashboards_targets(data))
    imp = data.get("import")
    if imp:
        from bench.run.importing import import_targets

        out.extend(import_targets(imp))
    return out


NAIVE_TASKS_SQL = """
SELECT t.lead_unit_id, count(*) AS assigned,
  count(*) FILTER (WHERE t.done_on IS NOT NULL AND (t.deadline_on IS NULL
                   OR t.done_on <= t.deadline_on)) AS done_on_time,
  count(*) FILTER (WHERE t.done_on IS NOT NULL AND t.done_on > t.deadline_on) AS done_late,
  count(*) FILTER (WHERE t.done_on IS NULL AND t.deadline_on < %(today)s) AS overdue
FROM directives_task t WHERE t.assigned_on >= %(a)s AND t.assigned_on <= %(b)s GROUP BY 1
"""
NAIVE_REPORTS_SQL = """
SELECT r.unit_id, count(*) FROM directives_taskreport r
WHERE r.due_on >= %(a)s AND r.due_on <= %(b)s GROUP BY 1
"""


def scoreboard_measure(until: datetime.date) -> dict:
    """The scoreboard of the city for the five-year periods from its roll-up, against GROUP BY
    over the task tables; the numbers of tasks assigned and reports due compared."""
    from egov.directives.scoreboard.selectors import ScoreFilters, scoreboard_for

    head = prepare.city_head()
    today = timezone.localdate()
    rollup, naive, equal = [], [], True
    for start, end in [p for p in prepare.figures_periods(until) if (p[1] - p[0]).days > 1800]:
        filters = ScoreFilters(period_from=start, period_to=end, today=today)
        started = time.perf_counter()
        board = scoreboard_for(user=head, filters=filters)
        rollup.append(time.perf_counter() - started)
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(NAIVE_TASKS_SQL, {"a": start, "b": end, "today": today})
            tasks = cursor.fetchall()
            cursor.execute(NAIVE_REPORTS_SQL, {"a": start, "b": end})
            reports = cursor.fetchall()
        naive.append(time.perf_counter() - started)
        equal = equal and (board.total.assigned, board.total.reports_due) == (
            sum(row[1] for row in tasks),
            sum(row[1] for row in reports),
        )
    return {
        "rollup_5y_median_ms": statistics.median(rollup) * 1000,
        "naive_5y_median_ms": statistics.median(naive) * 1000,
        "totals_equal": equal,
    }


def search_measure() -> dict:
    """Each query in every form (accented, unaccented, NFD, upper case, d for đ) must find the
    same documents; timed through the app's selector (count and first page)."""
    from egov.documents.selectors import document_search

    head = prepare.city_head()
    identical, timings, compared = True, [], 0
    for words in prepare.SEARCH_WORDS:
        answers = []
        for query in prepare.search_variants(words):
            started = time.perf_counter()
            found = document_search(head, query)
            answer = (found.count(), list(found.values_list("pk", flat=True)[:50]))
            timings.append(time.perf_counter() - started)
            answers.append(answer)
        compared += 1
        identical = identical and all(a == answers[0] for a in answers)
    return {
        "queries": compared,
        "forms_each": 5,
        "identical": identical,
        "selector_p50_ms": statistics.median(timings) * 1000,
        "selector_p95_ms": _percentile(timings, 95) * 1000,
    }


def workfile_export_measure() -> dict:
    """The generated 500-document file exported as one PDF, each document carrying a signed
    original that the export verifies with pyHanko and embeds unchanged (the work of a real
    export). The 500 file rows point at one signed PDF kept in a throw-away media folder, and
    are removed afterwards."""
    import hashlib
    import io
    import shutil
    import tempfile
    from pathlib import Path

    from django.core.files.base import ContentFile
    from django.core.management import call_command
    from django.test import override_settings

    from bench.generate.workfiles import BIG_FILE
    from egov.common.pdf import html_to_pdf
    from egov.documents.models import DocumentFile, WorkFile
    from egov.documents.services.workfile_export import work_file_export_pdf
    from egov.documents.signing import pdf_sign

    work_file = WorkFile.objects.filter(doc_total=BIG_FILE, status="closed").first()
    if work_file is None:
        return {}
    root = Path(tempfile.mkdtemp(prefix="egov-bench-export-"))
    keys = root / "pki"
    with override_settings(
        MEDIA_ROOT=str(root / "media"),
        EGOV_SIGNING_KEY_DIR=keys,
        EGOV_TRUSTED_ROOTS=[str(keys / "root-ca.pem")],
    ):
        call_command("pki_demo_init", unit=[work_file.unit_id], stdout=io.StringIO())
        page = html_to_pdf("<h1>Công văn</h1><p>Nội dung văn bản.</p>")
        signed = pdf_sign(
            page, unit=work_file.unit, signer_name="Bench", reason="Ban hành", location="Hà Nội"
        )
        document_ids = list(work_file.items.values_list("document_id", flat=True))
        first = DocumentFile(document_id=document_ids[0], kind="signed", name="vb.pdf")
        first.file.save("vb.pdf", ContentFile(signed), save=False)
        digest = hashlib.sha256(signed).hexdigest()
        rows = DocumentFile.objects.bulk_create(
            DocumentFile(
                document_id=pk,
                kind="signed",
                file=first.file.name,
                name="vb.pdf",
                content_type="application/pdf",
                size=len(signed),
                sha256=digest,
            )
            for pk in document_ids
        )
        try:
            started = time.perf_counter()
            pdf = work_file_export_pdf(actor=prepare.city_head(), work_file=work_file)
            seconds = time.perf_counter() - started
        finally:
            DocumentFile.objects.filter(pk__in=[r.pk for r in rows]).delete()
            shutil.rmtree(root, ignore_errors=True)
    return {"documents": len(document_ids), "seconds": seconds, "pdf_bytes": len(pdf)}


def complaints_raw_counts(first: datetime.date, last: datetime.date) -> dict[str, Counter]:
    """The complaints figures of a period per unit counted row by row in Python, the way
    nobody should: the reference the figures' grouped queries must equal."""
    from egov.complaints.models import Petition
    from egov.workdays.rules import VN_TZ

    out: dict[str, Counter] = {
        "complaints.petitions_received": Counter(),
        "complaints.cases_accepted": Counter(),
        "complaints.cases_settled": Counter(),
        "complaints.cases_settled_on_time": Counter(),
    }
    rows = Petition.objects.values_list(
        "unit_id", "received_at", "accepted_on", "settled_on", "settlement_due_on"
    ).iterator(chunk_size=20_000)
    for unit_id, received_at, accepted, settled, due in rows:
        if first <= timezone.localtime(received_at, VN_TZ).date() <= last:
            out["complaints.petitions_received"][unit_id] += 1
        if accepted and first <= accepted <= last:
            out["complaints.cases_accepted"][unit_id] += 1
        if settled and first <= settled <= last:
            out["complaints.cases_settled"][unit_id] += 1
            if due and settled <= due:
                out["complaints.cases_settled_on_time"][unit_id] += 1
    return out


def complaints_figures(first: datetime.date, last: datetime.date) -> dict[str, dict[int, int]]:
    """The complaints figures of every unit for a period, as the dashboards read them (the
    figures registry's ``figures_read``: the roll-up ``PetitionFigure`` read once for all of
    them, the crowded cases on their own table)."""
    from egov.common.figures import figures_read
    from egov.complaints.figures import FIGURES

    codes = [f.code for f in FIGURES if f.code != "complaints.receptions"]
    return figures_read(codes, first=first, last=last, unit_ids=None)


def complaints_figures_measure(until: datetime.date, repeats: int = 3) -> dict:
    """Every period of one month to five years (``prepare.figures_periods``): the complaints
    figures of every unit, timed; the five-year periods compared with the raw counts."""
    from egov.complaints.models import Petition

    timings = []
    periods = prepare.figures_periods(until)
    for _ in range(repeats):
        for first, last in periods:
            started = time.perf_counter()
            complaints_figures(first, last)
            timings.append((time.perf_counter() - started) * 1000)

    def compared(first: datetime.date, last: datetime.date) -> bool:
        raw = {
            code: {u: n for u, n in counts.items() if n}
            for code, counts in complaints_raw_counts(first, last).items()
        }
        read = complaints_figures(first, last)
        return {code: read[code] for code in raw} == raw

    equal = all(compared(first, last) for first, last in periods if (last - first).days > 1800)
    return {
        "petitions": Petition.objects.count(),
        "periods": len(periods),
        "p50_ms": _percentile(timings, 50),
        "p95_ms": _percentile(timings, 95),
        "totals_equal": equal,
    }


CAPTURE_SIZES = (100, 1000)


def capture_document(producer_id: int, size: int) -> dict:
    """An EPCIS 2.0 document of ``size`` ObjectEvents over the producer's batches (observed in
    the shop, in turn), each with its own ``eventID``, as a producer's own system sends them."""
    from django.conf import settings

    from egov.traceability import rules
    from egov.traceability.models import Batch

    links = [
        rules.digital_link(settings.SITE_URL, gtin=gtin or code, lot=lot)
        for gtin, code, lot in Batch.objects.filter(product__producer_id=producer_id)
        .order_by("pk")
        .values_list("product__gtin", "product__platform_code", "lot")
    ]
    moment = (timezone.now() - datetime.timedelta(minutes=5)).isoformat()
    events = [
        {
            "type": "ObjectEvent",
            "action": "OBSERVE",
            "bizStep": "retail_selling",
            "eventTime": moment,
            "eventTimeZoneOffset": "+07:00",
            "epcList": [links[n % len(links)]],
            "eventID": f"urn:uuid:{uuid.uuid4()}",
        }
        for n in range(size)
    ]
    return {
        "@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],
        "type": "EPCISDocument",
        "schemaVersion": "2.0",
        "creationDate": moment,
        "epcisBody": {"eventList": events},
    }


def capture_measure(repeats: int = 3) -> dict:
    """EPCIS capture in batches: documents of 100 and 1,000 events captured by the capture
    job's service (``services_epcis.epcis_capture``: schema check, the lots locked together,
    every event sealed onto its batch's chain in memory and inserted in bulk, one transaction,
    the audit entry), each rolled back afterwards. Events/s of the median run per size."""
    from django.db import transaction

    from egov.traceability.models import Producer
    from egov.traceability.services_epcis import epcis_capture

    producer = (
        Producer.objects.filter(status="approved", products__batches__isnull=False)
        .select_related("account")
        .order_by("pk")
        .first()
    )
    if producer is None:
        return {}
    out: dict = {"producer": producer.pk}
    for size in CAPTURE_SIZES:
        document = capture_document(producer.pk, size)
        timings = []
        for _ in range(repeats):
            with transaction.atomic():
                started = time.perf_counter()
                result = epcis_capture(actor=producer.account, document=document)
                timings.append(time.perf_counter() - started)
                assert result.stored == size
                transaction.set_rollback(True)
        out[f"events_per_s_{size}"] = size / statistics.median(timings)
    return out


def capture_targets(data: dict) -> list[Target]:
    if not data:
        return []
    best = max(CAPTURE_SIZES)
    rate = data[f"events_per_s_{best}"]
    return [
        Target(
            "EPCIS capture in batches (1,000 events a document)",
            "≥ 2,000 events/s",
            f"{rate:,.0f} events/s",
            f"100-event documents: {data[f'events_per_s_{min(CAPTURE_SIZES)}']:,.0f} events/s",
            rate >= 2000,
        )
    ]
