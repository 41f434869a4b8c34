"""Measure the CPU time of the public scan page (issue 21) in process, on the data of
``bench.generate`` in the database of ``DATABASE_URL``: each scan is a phone's GET of a batch's
Digital Link (so it is counted, as every request of the HTTP scenario ``trace_scan``), of a
batch drawn from a repeatable sample of the table, without the cookies of the scan before (wrk
sends none). Reported: this process's CPU per scan (``time.process_time``: the app's Python,
not the database's), median and p95, the wall time, the page's queries, and the same for the
benchmark's hello view (the framework's floor).

    DJANGO_SETTINGS_MODULE=bench.benchsite.settings \
        DATABASE_URL=postgres://postgres@127.0.0.1:5432/egov_bench \
        PYTHONPATH=$PWD python -m bench.trace_scan_page [--scans 2000] [--profile]

Without ``EGOV_DEBUG`` the settings are those gunicorn runs in the benchmark (``DEBUG`` off:
no debug template engine, no logged queries); with ``EGOV_DEBUG=1`` the figures are higher.
``--profile`` runs the scans under cProfile, timed by this process's CPU clock (waiting for the
database is not counted), and prints where that time goes, by function (own time) and by
cumulative time. Not a timed test: the numbers depend on the machine."""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import statistics
import time


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered) + 0.5) - 1))]


def _scans(client, paths: list[str], count: int) -> tuple[list[float], list[float]]:
    """CPU and wall milliseconds of ``count`` GETs of ``paths`` in turn."""
    cpu_ms, wall_ms = [], []
    for n in range(count):
        path = paths[n % len(paths)]
        client.cookies.clear()
        wall, cpu = time.perf_counter(), time.process_time()
        answer = client.get(path)
        cpu_ms.append((time.process_time() - cpu) * 1000)
        wall_ms.append((time.perf_counter() - wall) * 1000)
        assert answer.status_code == 200, (path, answer.status_code)
    return cpu_ms, wall_ms


def _line(name: str, values: list[float]) -> str:
    return (
        f"{name:>14}: median {statistics.median(values):6.2f} ms, "
        f"p95 {_percentile(values, 95):6.2f} ms, mean {statistics.fmean(values):6.2f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scans", type=int, default=2000, help="scans measured (2000)")
    parser.add_argument("--links", type=int, default=2000, help="batches sampled (2000)")
    parser.add_argument("--profile", action="store_true", help="cProfile the scans")
    parser.add_argument("--top", type=int, default=30, help="functions listed by --profile")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.benchsite.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.run.inprocess import app_queries
    from bench.run.prepare import PHONE_UA, trace_links

    links = trace_links(args.links)
    if not links:
        raise SystemExit("No batches: run bench.generate first.")
    phone = Client(HTTP_USER_AGENT=PHONE_UA)  # "testserver", allowed by the benchmark settings
    _scans(phone, links, 100)  # warm-up: templates, translations, URL resolver, connection
    with CaptureQueriesContext(connection) as captured:
        phone.get(links[0])
    print(
        f"DEBUG={settings.DEBUG}, {len(links)} batches, {args.scans} scans, "
        f"{app_queries(captured)} queries a scan, "
        f"{len(phone.get(links[0]).content)} bytes a page"
    )
    hello = Client()
    _scans(hello, ["/bench/hello/"], 100)
    profiler = cProfile.Profile(time.process_time) if args.profile else None
    if profiler is not None:
        profiler.enable()
    cpu, wall = _scans(phone, links, args.scans)
    if profiler is not None:
        profiler.disable()
    hello_cpu, _hello_wall = _scans(hello, ["/bench/hello/"], args.scans)
    print(_line("scan CPU", cpu))
    print(_line("scan wall", wall))
    print(_line("hello CPU", hello_cpu))
    if profiler is not None:
        for order in ("tottime", "cumulative"):
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats(order).print_stats(args.top)
            print(out.getvalue())


if __name__ == "__main__":
    main()
