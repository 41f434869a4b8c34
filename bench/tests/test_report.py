"""The report of a run (table, targets, docs page) from fixed figures: no database, no load."""

from __future__ import annotations

from bench.run.docs import render
from bench.run.report import Results, _baseline_of, targets
from bench.run.scenarios import BY_NAME
from bench.run.wrk import WrkResult

LINE = (
    'BENCH_JSON {"requests": 36000, "duration_us": 30000000, "bytes": 1, "connect_errors": 0, '
    '"read_errors": 0, "write_errors": 0, "status_errors": 2, "timeouts": 0, "p50_us": 8000, '
    '"p90_us": 20000, "p95_us": 30000, "p99_us": 45000, "mean_us": 9000.5, "max_us": 90000}'
)


def _run(rps: float, p99: float) -> WrkResult:
    return WrkResult(
        requests=int(rps * 30),
        seconds=30.0,
        rps=rps,
        p50=5.0,
        p90=9.0,
        p95=12.0,
        p99=p99,
        mean=6.0,
        max=99.0,
        errors=0,
        non_2xx_3xx=0,
    )


def test_wrk_summary_line_is_read():
    result = WrkResult.parse("Running 30s test\n" + LINE + "\n")

    assert (result.requests, result.rps, result.p95, result.p99, result.non_2xx_3xx) == (
        36000,
        1200.0,
        30.0,
        45.0,
        2,
    )


def test_targets_and_docs_from_medians():
    results = Results(
        meta={
            "date": "2026-11-22 03:00 UTC",
            "cpu": "Test CPU",
            "cores": 2,
            "memory": "24 GB",
            "os": "Linux",
            "python": "3.11",
            "postgresql": "15.0",
            "pg_settings": {"work_mem": "4MB"},
            "load_average": (0.5, 0.4, 0.3),
            "gunicorn": "5 sync workers",
            "wrk": "2 threads",
            "duration": 30.0,
            "repeats": 3,
            "warmup": 5.0,
            "fixed_duration": 60.0,
            "command": "python -m bench.run",
            "note": "Development run, machine shared.",
            "data": {"onestop_dossier": 100_000, "database_bytes": 2 * 1024**3},
        }
    )
    results.http = {
        "track_raw": [_run(2000, 20), _run(1800, 22), _run(1900, 21)],
        "track_api": [_run(1200, 40), _run(1100, 60), _run(1150, 45)],
    }
    results.inprocess = {
        "query_counts": {"track_api": {"queries": 1, "status": 200}},
        "refresh": {"median_s": 0.4, "received_that_day": 900, "day": "2026-03-02"},
    }

    found = {(t.area, t.target): (t.measured, t.ratio, t.met) for t in targets(results)}
    page = render(results, targets(results), _baseline_of, BY_NAME)

    assert found[("Status look-up (JSON API)", "≥ 1,000 req/s and ≥ 0.6 × raw cursor")] == (
        "1,150 req/s",
        "0.61 × raw cursor",
        True,
    )
    assert found[("Status look-up (JSON API)", "p99 ≤ 50 ms")][2] is True
    assert found[("Status look-up", "≤ 2 SQL queries per request")][2] is True
    assert found[("A day's incremental refresh", "≤ 1 s")][2] is True
    assert "**Development run, machine shared.**" in page
    assert "| Public status look-up by code (JSON API) | 1,150.0 |" in page
    assert "0.61 × track_raw (req/s)" in page


def test_a_saved_run_writes_the_same_page_again(tmp_path):
    results = Results(meta={"date": "2026-11-22"})
    results.http = {"track_raw": [_run(2000, 20)], "track_api": [_run(1200, 40)]}
    results.inprocess = {"query_counts": {"track_api": {"queries": 1, "status": 200}}}
    results.save(tmp_path / "run.json")

    loaded = Results.load(tmp_path / "run.json")

    assert loaded.http == results.http
    assert loaded.inprocess == results.inprocess
    assert [t.measured for t in targets(loaded)] == [t.measured for t in targets(results)]
