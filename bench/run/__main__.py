"""``python -m bench.run``: measure the app and its baselines on the benchmark database.

    python -m bench.run --database-url postgres://postgres@127.0.0.1:5432/egov_bench \\
        --duration 30 --repeats 3

Starts the app under gunicorn on 127.0.0.1 (sync workers, 2 × cores + 1, unless told
otherwise), warms every scenario up, then runs each scenario ``--repeats`` times for
``--duration`` seconds with wrk, interleaved so that drift hits app and baselines alike, and
takes medians. In the same run it measures, in process, the query counts per request, the
figures roll-up against a naive GROUP BY, a day's incremental refresh and the legacy import
against COPY. Prints the table and writes ``docs/benchmarks.md`` (``--no-docs`` to skip).
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/egov_bench"


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    from bench.run.scenarios import BY_NAME

    parser = argparse.ArgumentParser(
        prog="python -m bench.run",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--duration", type=float, default=30.0)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--warmup", type=float, default=5.0)
    parser.add_argument(
        "--fixed-duration",
        type=float,
        default=60.0,
        help="seconds of the fixed-rate run (800 req/s)",
    )
    parser.add_argument(
        "--burst-seconds",
        type=float,
        default=60.0,
        help="window in which a conference burst sends its 2,000 requests (default 60)",
    )
    parser.add_argument("--workers", type=int, default=None, help="gunicorn workers")
    parser.add_argument("--worker-class", default="sync")
    parser.add_argument("--threads", type=int, default=1, help="threads per gthread worker")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--import-rows", type=int, default=100_000)
    parser.add_argument(
        "--only",
        nargs="*",
        choices=sorted(BY_NAME),
        default=None,
        help="run only these HTTP scenarios",
    )
    parser.add_argument("--skip-inprocess", action="store_true")
    parser.add_argument("--note", default="", help="a line printed above the table in the docs")
    parser.add_argument("--no-docs", action="store_true")
    parser.add_argument(
        "--docs-from",
        type=Path,
        help="write docs/benchmarks.md again from a saved run (var/bench/results-*.json), "
        "e.g. after editing bench/NOTES.md; measures nothing",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    from bench.run.wrk import INSTALL_HINT, wrk_path

    args = _arguments(argv)
    if wrk_path() is None:
        print(INSTALL_HINT, file=sys.stderr)
        return 2
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.benchsite.settings")
    import django

    django.setup()
    from bench.run.harness import Harness
    from bench.run.report import Results, docs_write, table_print

    docs = ROOT / "docs" / "benchmarks.md"
    if args.docs_from:
        print(f"Written: {docs_write(Results.load(args.docs_from), docs)}")
        return 0
    harness = Harness(args)
    results = harness.run()

    table_print(results)
    if not args.no_docs:
        path = docs_write(results, docs)
        print(f"\nWritten: {path}")
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    out = ROOT / "var" / "bench" / f"results-{stamp}.json"
    results.save(out)
    print(f"Results: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
