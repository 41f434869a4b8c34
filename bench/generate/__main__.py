"""``python -m bench.generate``: (re)create the benchmark database and fill it.

    python -m bench.generate --database-url postgres://postgres@127.0.0.1:5432/egov_bench \\
        --scale 1.0 --seed 20261122

The database is dropped and created again (its name must start with ``egov_bench``: no other
database is ever touched), migrated, then filled by :func:`bench.generate.run.generate`. The
report (rows and rates per table, phases) is printed and saved to
``var/bench/generate-<database>.json`` for ``bench.run`` to quote.
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/egov_bench"


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.generate",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument(
        "--scale",
        type=float,
        default=0.01,
        help="1.0 = 10 M dossiers, 1 M documents, 200 k tasks, 500 k petitions, 2 M survey "
        "answers, 100 k producers with 2 M batches and 20 M events, 1 M feedback reports and 200 k "
        "published answers (default 0.01)",
    )
    parser.add_argument("--seed", type=int, default=20261122)
    parser.add_argument(
        "--until",
        type=datetime.date.fromisoformat,
        default=datetime.date(2026, 11, 20),
        help="last day of history",
    )
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--procedures", type=int, default=1500)
    for name in (
        "dossiers",
        "citizens",
        "documents",
        "tasks",
        "petitions",
        "answers",
        "producers",
        "report_periods",
        "report_indicators",
        "feedback",
        "feedback_answers",
    ):
        parser.add_argument(
            f"--{name.replace('_', '-')}", type=int, default=None, help="override the scaled count"
        )
    parser.add_argument(
        "--report-scale",
        type=float,
        default=None,
        help="periodic reporting's own scale, apart from --scale: 1.0 = 24 months x 200 "
        "indicators over the 609 units, about 2.9 M values (months and indicators each scale "
        "with it, so the values with its square; default: --scale)",
    )
    parser.add_argument(
        "--participants",
        type=int,
        default=2000,
        help="participants of the conference the meeting bursts use (default 2000)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=2,
        help="worker processes for the dossiers and the roll-up (default 2)",
    )
    parser.add_argument(
        "--audit",
        choices=("all", "receipt", "none"),
        default="receipt",
        help="dossier audit entries: every one the one-stop services write (about 4.3 per "
        "dossier), only the receipt / refusal / withdrawal (default), or none",
    )
    return parser.parse_args(argv)


def database_recreate(url: str) -> str:
    """Drop and create the benchmark database named in ``url``; return its name."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name.startswith("egov_bench"):
        raise SystemExit(f"Refusing to recreate {name!r}: the name must start with egov_bench.")
    admin = parts._replace(path="/postgres").geturl().replace("postgres://", "postgresql://", 1)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return name


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    name = database_recreate(args.database_url)
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.benchsite.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from bench.generate.run import Options, generate, report_save

    started = time.perf_counter()
    print(f"Migrating {name} ...", flush=True)
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)  # the rate limits count in it
    print(f"  migrate: {time.perf_counter() - started:.1f} s", flush=True)
    options = Options(
        scale=args.scale,
        seed=args.seed,
        until=args.until,
        years=args.years,
        procedures=args.procedures,
        dossiers=args.dossiers,
        citizens=args.citizens,
        documents=args.documents,
        tasks=args.tasks,
        petitions=args.petitions,
        participants=args.participants,
        answers=args.answers,
        producers=args.producers,
        report_periods=args.report_periods,
        report_indicators=args.report_indicators,
        report_scale=args.report_scale,
        feedback=args.feedback,
        feedback_answers=args.feedback_answers,
        audit=args.audit,
        workers=args.workers,
    )
    print(
        f"  reporting: {options.count('report_periods')} months x "
        f"{options.count('report_indicators')} indicators, at most "
        f"{options.report_values():,} values",
        flush=True,
    )
    report = generate(options)
    path = ROOT / "var" / "bench" / f"generate-{name}.json"
    report_save(report, path)
    _print(report)
    print(f"Report saved to {path}")
    return 0


def _print(report) -> None:
    print(f"\n{'table':32} {'rows':>12} {'COPY s':>8} {'rows/s':>10}")
    for table, rows in sorted(report.rows.items(), key=lambda kv: -kv[1]):
        seconds = report.seconds.get(table, 0.0)
        rate = f"{rows / seconds:,.0f}" if seconds else "-"
        print(f"{table:32} {rows:>12,} {seconds:>8.1f} {rate:>10}")
    print(
        f"{'total':32} {report.total_rows:>12,}   in {report.total_seconds:.0f} s "
        f"({report.total_rows / max(report.total_seconds, 0.001):,.0f} rows/s end to end)"
    )


if __name__ == "__main__":
    sys.exit(main())
