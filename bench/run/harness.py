"""One benchmark run: prepare requests, serve the app, warm up, measure, and measure in
process what HTTP cannot show (query counts, roll-up against GROUP BY, import against COPY)."""

from __future__ import annotations

import argparse
import shutil
import statistics
import time
from pathlib import Path

from django.db import connection

from bench.benchsite.views import insert_table_create
from bench.run import prepare
from bench.run.dashboards import dashboard_files
from bench.run.feedback import feedback_files
from bench.run.report import Results, machine_info
from bench.run.reporting import reporting_files
from bench.run.scenarios import PAGE_CONNECTIONS, SCENARIOS, Scenario
from bench.run.server import Server, worker_count
from bench.run.wrk import WrkResult, wrk_run

ROOT = Path(__file__).resolve().parents[2]
WORK = ROOT / "var" / "bench" / "run"
BURST_DRAIN = 12.0  # seconds after a burst's window for its last answers (wrk's timeout: 10 s)


class Harness:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.workers = args.workers or worker_count()
        wanted = set(args.only) if args.only else None
        self.scenarios = [s for s in SCENARIOS if wanted is None or s.name in wanted]
        self.results = Results(meta=machine_info())
        if self.results.meta["pg_settings"].get("autovacuum") == "off":
            print("warning: autovacuum is off on this server: hot rows bloat and repeats slow down")
        self.conference = None
        self.bursts: list[dict] = []

    # -- preparation ----------------------------------------------------------------------
    def _files(self) -> dict[str, Path]:
        if WORK.exists():
            shutil.rmtree(WORK)
        WORK.mkdir(parents=True)
        deploy_steps()
        insert_table_create()
        until = self.until = last_day()
        files: dict[str, Path] = {}
        files.update(prepare.track_files(WORK, prepare.track_codes()))
        files.update(prepare.desk_files(WORK))
        files.update(prepare.officer_files(WORK, until))
        files.update(prepare.upload_files(WORK))
        self._conference()
        files.update(prepare.trace_files(WORK, prepare.trace_links()))
        files.update(reporting_files(WORK))
        files.update(feedback_files(WORK))
        files.update(dashboard_files(WORK, until))
        return files

    def _conference(self) -> None:
        """The conference of the meeting bursts and its participants' sessions; without one
        (a database generated before it existed) the bursts are left out."""
        if not any(s.burst for s in self.scenarios):
            return
        from bench.run import meetings

        self.conference = meetings.conference()
        if self.conference is None:
            print("  no conference in the database: the meeting bursts are left out", flush=True)
            self.scenarios = [s for s in self.scenarios if not s.burst]
            return
        meetings.sessions_make(self.conference)

    def _burst(self, server: Server, scenario: Scenario) -> WrkResult:
        """A conference burst: fresh state, every request once within the window, then the
        exactly-once check against the database."""
        from bench.run import meetings

        burst = meetings.burst_prepare(scenario.name, WORK, self.conference)
        window = self.args.burst_seconds
        threads = min(self.args.wrk_threads, scenario.connections or 1)
        result = wrk_run(
            url=server.url,
            script=scenario.script,
            args=[
                str(burst.path),
                f"{meetings.burst_rate(self.conference, window):g}",
                str(threads),
            ],
            duration=window + BURST_DRAIN,
            threads=threads,
            connections=scenario.connections or self.args.connections,
        )
        server.wait_idle(self.workers)
        check = meetings.burst_check(burst, self.conference, result)
        self.bursts.append(check.as_dict())
        print(
            f"      {scenario.name}: sent {check.sent}, accepted {check.accepted}, refused "
            f"{check.refused}, failed {check.failed}, unanswered {check.unanswered}; in the "
            f"database {check.counted}, audited "
            f"{check.audited}, twice {check.doubled}"
            + ("" if check.tally_equal is None else f", tally equal {check.tally_equal}")
            + f" -> exactly once: {check.exactly_once}",
            flush=True,
        )
        return result

    def _args_for(self, scenario: Scenario, files: dict[str, Path]) -> list[str]:
        if scenario.script == "upload.lua":
            return [str(files["upload"]), str(files["upload_body"])]
        args = [str(files[scenario.file])]
        if scenario.rate:
            args += [f"{scenario.rate:g}", str(self.args.wrk_threads)]
        return args

    def _wrk(
        self, server: Server, scenario: Scenario, files: dict[str, Path], duration: float
    ) -> WrkResult:
        if scenario.burst:
            return self._burst(server, scenario)
        connections = scenario.connections or self.args.connections
        if scenario.rate:
            # Enough connections that pacing, not the server, sets the rate.
            connections = max(connections, 64)
        result = wrk_run(
            url=server.url,
            script=scenario.script,
            args=self._args_for(scenario, files),
            duration=duration,
            threads=min(self.args.wrk_threads, connections),
            connections=connections,
        )
        server.wait_idle(self.workers)
        return result

    # -- the run --------------------------------------------------------------------------
    def run(self) -> Results:
        args = self.args
        files = self._files()
        self.results.meta.update(self._config())
        self.results.meta["note"] = args.note
        self.results.meta["data"] = _data_summary()
        log = WORK / "gunicorn.log"
        with Server(
            database_url=args.database_url,
            port=args.port,
            workers=self.workers,
            worker_class=args.worker_class,
            threads=args.threads,
            log=log,
        ) as server:
            for scenario in self.scenarios:
                if args.warmup > 0 and not scenario.rate and not scenario.burst:
                    self._wrk(server, scenario, files, args.warmup)
            for repeat in range(args.repeats):
                for scenario in self.scenarios:
                    duration = args.fixed_duration if scenario.rate else args.duration
                    result = self._wrk(server, scenario, files, duration)
                    self.results.http.setdefault(scenario.name, []).append(result)
                    failed = result.errors + result.non_2xx_3xx
                    print(
                        f"  [{repeat + 1}/{args.repeats}] {scenario.name:13} "
                        f"{result.rps:9.1f} req/s  p50 {result.p50:7.1f} ms  "
                        f"p95 {result.p95:7.1f} ms  p99 {result.p99:7.1f} ms"
                        f"{f'  errors {failed}' if failed else ''}",
                        flush=True,
                    )
        if not args.skip_inprocess:
            from bench.run import inprocess

            _pending_figures_jobs(self.until)
            self.results.inprocess = inprocess.measure_all(
                until=self.until, import_rows=args.import_rows
            )
        if self.bursts:
            self.results.inprocess["meeting_bursts"] = self.bursts
        media = Path("/tmp/egov-bench-media")  # noqa: S108 - bench settings' MEDIA_ROOT
        if media.exists():
            shutil.rmtree(media)
        return self.results

    def _config(self) -> dict:
        args = self.args
        return {
            "gunicorn": f"{self.workers} {args.worker_class} workers"
            + (f" × {args.threads} threads" if args.worker_class == "gthread" else ""),
            "wrk": f"{args.wrk_threads} threads, {args.connections} connections "
            f"(officer pages {PAGE_CONNECTIONS}, uploads 4, fixed rate 64)",
            "duration": args.duration,
            "repeats": args.repeats,
            "warmup": args.warmup,
            "fixed_duration": args.fixed_duration,
            "command": "python -m bench.run "
            + " ".join(
                f"--{k.replace('_', '-')} {v}"
                for k, v in (
                    ("duration", f"{args.duration:g}"),
                    ("repeats", args.repeats),
                    ("fixed_duration", f"{args.fixed_duration:g}"),
                )
            ),
        }


def deploy_steps() -> None:
    """What a deployment does before serving: translations compiled, static files collected
    (into the benchmark's own STATIC_ROOT)."""
    from django.core.management import call_command

    from egov.portal.translations import compile_catalogs

    compile_catalogs()
    call_command("collectstatic", interactive=False, verbosity=0)


def _pending_figures_jobs(until) -> None:
    """Do what the job queue holds after the HTTP run (no ``db_worker`` runs during it): the
    refresh of the figures of the days the submissions landed on."""
    from django.utils import timezone

    from egov.onestop.services.figures import figures_refresh_range

    figures_refresh_range(day_from=min(until, timezone.localdate()), day_to=timezone.localdate())


def last_day():
    from django.db.models import Max

    from egov.onestop.models import Dossier

    last = Dossier.objects.aggregate(last=Max("received_at"))["last"]
    from django.utils import timezone

    return timezone.localtime(last).date() if last else timezone.localdate()


def _data_summary() -> dict:
    tables = (
        "onestop_dossier",
        "workflow_processinstance",
        "workflow_stepinstance",
        "onestop_procedure",
        "accounts_user",
        "documents_document",
        "directives_task",
        "directives_taskreport",
        "audit_auditevent",
        "onestop_dossierdayfigure",
    )
    counts = {}
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
        cursor.execute("SELECT pg_database_size(current_database())")
        counts["database_bytes"] = cursor.fetchone()[0]
    return counts


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def timed(fn, *args, **kwargs) -> tuple[float, object]:
    started = time.perf_counter()
    value = fn(*args, **kwargs)
    return time.perf_counter() - started, value
