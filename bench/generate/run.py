"""The generation run: services for the reference data, then bulk rows, then the app's own
roll-up rebuild. Works on PostgreSQL (COPY, secondary indexes dropped around the load) and on
SQLite (plain bulk INSERTs; used by the tiny test)."""

from __future__ import annotations

import datetime
import json
import multiprocessing
import random
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.db import connection, connections

from bench.generate import (
    catalog,
    complaints,
    documents,
    feedback,
    meetings,
    people,
    reporting,
    surveys,
    tasks,
    traceability,
    workfiles,
)
from bench.generate.clock import WorkClock
from bench.generate.dossiers import Ids, daily_counts
from bench.generate.phase_dossiers import Plan, dossiers_write
from bench.generate.sink import Sink, execute_all, pg_bulk_ddl
from bench.generate.world import world_load
from egov.accounts.models import User
from egov.audit.models import AuditEvent
from egov.common.progress import command_progress
from egov.complaints.models import Petition
from egov.complaints.services_rollup import rollup_rebuild as complaints_rollup_rebuild
from egov.dashboards.services import library_install
from egov.directives.models import Task, TaskReport, TaskUnit
from egov.documents.models import (
    Document,
    FileList,
    FileListEntry,
    NumberRegister,
    WorkFile,
    WorkFileItem,
)
from egov.onestop.models import (
    Dossier,
    DossierCodeCounter,
    DossierNotice,
    DossierRating,
)
from egov.onestop.services.figures import (
    days_between,
    figures_refresh_day,
    figures_refresh_range,
    figures_rollup_range,
)
from egov.orgs.loaders import orgs_dataset_load
from egov.orgs.models import Membership
from egov.reporting.models import Value
from egov.workdays.rules import VN_TZ
from egov.workdays.selectors import work_calendar_get
from egov.workflow.models import Pause, ProcessInstance, StepInstance

FULL = {
    "dossiers": 10_000_000,
    "citizens": 1_000_000,
    "documents": 1_000_000,
    "tasks": 200_000,
    "petitions": 500_000,
    "answers": 2_000_000,
    "producers": 100_000,  # traceability: × 20 batches × 10 events
    "report_periods": 24,  # issue 16: 600 reporting units x 24 months x 200 indicators
    "report_indicators": 200,
    "feedback": 1_000_000,  # issue 17: reports on local problems
    "feedback_answers": 200_000,  # and published answers to questions
}
LEAST = {"citizens": 50, "report_periods": 2, "report_indicators": 10}
REPORTING = ("report_periods", "report_indicators")
REPORTING_UNITS = 609  # hanoi-2020: 579 communes report, 30 districts consolidate
BULK_MODELS = (
    User,
    Membership,
    Dossier,
    DossierNotice,
    DossierRating,
    DossierCodeCounter,
    ProcessInstance,
    StepInstance,
    Pause,
    AuditEvent,
    Document,
    NumberRegister,
    Task,
    TaskUnit,
    TaskReport,
    FileList,
    FileListEntry,
    WorkFile,
    WorkFileItem,
    Petition,
    *meetings.MODELS,
    *traceability.MODELS,
    *feedback.MODELS,
)


@dataclass
class Options:
    """What to generate. Counts default to ``scale`` × the full run (10 M dossiers...)."""

    scale: float = 0.01
    seed: int = 20261122
    until: datetime.date = datetime.date(2026, 11, 20)
    years: int = 10
    procedures: int = 1500
    dossiers: int | None = None
    citizens: int | None = None
    documents: int | None = None
    tasks: int | None = None
    petitions: int | None = None
    participants: int = meetings.PARTICIPANTS  # of the conference (check-in and vote bursts)
    answers: int | None = None  # satisfaction survey answers
    producers: int | None = None
    report_periods: int | None = None
    report_indicators: int | None = None
    # Periodic reporting's own scale (issue 16), apart from ``scale``: 1.0 = 24 months × 200
    # indicators over the 609 units (≈ 2.9 M values) whatever the rest; None: ``scale``.
    report_scale: float | None = None
    feedback: int | None = None
    feedback_answers: int | None = None
    audit: str = "receipt"  # "all" dossier-level entries, "receipt" one per dossier, "none"
    drop_indexes: bool | None = None  # default: PostgreSQL and 50k dossiers or more
    workers: int = 2  # worker processes (PostgreSQL, outside a transaction)
    quiet: bool = False

    def count(self, name: str) -> int:
        given = getattr(self, name)
        if given is not None:
            return given
        scale = self.scale
        if name in REPORTING and self.report_scale is not None:
            scale = self.report_scale
        return max(LEAST.get(name, 0), round(FULL[name] * scale))

    def report_values(self) -> int:
        """About how many values the reporting regime gets: the 609 units of the Hà Nội tree
        (579 communes, 30 districts) × months × indicators, less the reports never filled."""
        return REPORTING_UNITS * self.count("report_periods") * self.count("report_indicators")


@dataclass
class Report:
    """What was written and how fast."""

    options: dict
    rows: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    phases: dict[str, float] = field(default_factory=dict)
    total_seconds: float = 0.0

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


class _Phases:
    def __init__(self, report: Report, quiet: bool) -> None:
        self.report, self.quiet, self.started = report, quiet, time.perf_counter()

    def done(self, name: str, since: float) -> float:
        now = time.perf_counter()
        self.report.phases[name] = round(now - since, 2)
        if not self.quiet:
            print(f"  {name}: {now - since:.1f} s (at {now - self.started:.0f} s)", flush=True)
        return now


def generate(options: Options) -> Report:
    """Fill the current database (already migrated and empty of benchmark data)."""
    report = Report(options={k: str(v) for k, v in asdict(options).items()})
    phases = _Phases(report, options.quiet)
    seed = options.seed
    t = time.perf_counter()
    orgs_dataset_load(actor=None, name="hanoi-2020")
    t = phases.done("org tree (service)", t)
    catalog.catalog_load(rng=random.Random(f"{seed}:catalog"), procedures=options.procedures)
    t = phases.done("catalog and internal procedures (services)", t)
    survey_plan = surveys.surveys_publish()
    t = phases.done("published surveys (services)", t)
    library_install(actor=None)
    t = phases.done("indicator library of the dashboards (service)", t)
    is_pg = connection.vendor == "postgresql"
    drop = (
        options.drop_indexes
        if options.drop_indexes is not None
        else (is_pg and options.count("dossiers") >= 50_000)
    )
    ddl = pg_bulk_ddl([m._meta.db_table for m in BULK_MODELS]) if drop else ([], [])
    execute_all(ddl[0])
    if is_pg:
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit = off")
            cursor.execute("SET maintenance_work_mem = '1GB'")
    sink = Sink()
    report.plan = _bulk(sink, options, phases, t)  # kept for the tests, not saved
    t = time.perf_counter()
    report.plan.surveys = surveys.answers_create(
        sink,
        report.plan.world,
        random.Random(f"{seed}:surveys"),
        survey_plan,
        options.count("answers"),
        report.plan.days,
    )
    t = phases.done("survey answers and invitations (COPY)", t)
    t = time.perf_counter()
    execute_all(ddl[1])
    t = phases.done("indexes and constraints rebuilt", t)
    sink.sequences_reset(BULK_MODELS)
    # Reporting goes through the app's services (audit entries): after the sequences are set.
    report.plan.reporting = reporting.reporting_create(
        sink,
        random.Random(f"{seed}:reporting"),
        periods=options.count("report_periods"),
        indicators=options.count("report_indicators"),
        until=options.until,
    )
    sink.sequences_reset([Value])
    t = phases.done("reporting regime, reports and values (services, COPY), totals rebuilt", t)
    if is_pg:
        # Only the loaded tables: a database-wide ANALYZE also locks the shared catalogs.
        tables = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in BULK_MODELS)
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {tables}")
        t = phases.done("ANALYZE", t)
    first_day = _first_day(options)
    _figures_rebuild(
        first_day,
        options.until,
        options.workers if is_pg and not connection.in_atomic_block else 1,
        quiet=options.quiet,
    )
    t = phases.done("figures roll-up rebuilt (app's figures_refresh_range)", t)
    surveys.rollup()
    t = phases.done("survey answers roll-up rebuilt (app's rollup_rebuild)", t)
    complaints_rollup_rebuild()
    t = phases.done("complaints roll-up rebuilt (app's rollup_rebuild)", t)
    if is_pg:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE onestop_dossierdayfigure")
            cursor.execute("ANALYZE surveys_answerfigure")
            cursor.execute("ANALYZE complaints_petitionfigure")
    report.rows, report.seconds = (
        sink.tally.rows,
        {k: round(v, 2) for k, v in sink.tally.seconds.items()},
    )
    report.total_seconds = round(time.perf_counter() - phases.started, 1)
    return report


def _refresh_days(days: list[datetime.date]) -> int:
    """A worker process: the app's own refresh, one transaction per day (days are
    independent, each locked by its own ``FigureDayRefresh`` row)."""
    written = sum(figures_refresh_day(day=day, rollup=False) for day in days)
    connection.close()
    return written


def _figures_rebuild(
    first: datetime.date, last: datetime.date, workers: int, *, quiet: bool = False
) -> None:
    """Rebuild the roll-up of every day with ``figures_refresh_day``, in ``workers``
    processes for a full load."""
    days = list(days_between(first, last))
    if workers <= 1:
        with command_progress("figures", quiet=quiet) as progress:
            figures_refresh_range(day_from=first, day_to=last, progress=progress)
        return
    connections.close_all()
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        list(pool.map(_refresh_days, [days[i::workers] for i in range(workers)]))
    figures_rollup_range(day_from=first, day_to=last)


def _first_day(options: Options) -> datetime.date:
    until = options.until
    return until.replace(year=until.year - options.years) + datetime.timedelta(days=1)


def _bulk(sink: Sink, options: Options, phases: _Phases, t: float) -> Plan:
    seed = options.seed
    password = people.bench_password_hash()
    staff = people.officers_create(sink, random.Random(f"{seed}:officers"), password)
    citizens = people.citizens_create(
        sink, random.Random(f"{seed}:citizens"), options.count("citizens"), password
    )
    t = phases.done("officers and citizens (COPY)", t)
    first_day = _first_day(options)
    now = datetime.datetime.combine(options.until, datetime.time(18, 0), tzinfo=VN_TZ)
    clock = WorkClock(
        work_calendar_get(),
        first_day - datetime.timedelta(days=10),
        options.until + datetime.timedelta(days=3 * 366),
    )
    world = world_load(random.Random(f"{seed}:world"))
    days = [d for d in clock.days if first_day <= d <= options.until]
    total = options.count("dossiers")
    plan = Plan(
        world=world,
        clock=clock,
        staff=staff,
        citizens=citizens,
        ids=Ids(
            dossier=sink.next_id(Dossier),
            instance=sink.next_id(ProcessInstance),
            step=sink.next_id(StepInstance),
            pause=sink.next_id(Pause),
            notice=sink.next_id(DossierNotice),
            rating=sink.next_id(DossierRating),
        ),
        seed=seed,
        now=now,
        audit_level=options.audit,
        days=days,
        counts=daily_counts(total, days),
        quiet=options.quiet,
    )
    # Worker processes need their own connections: not inside a caller's transaction.
    workers = options.workers if sink.is_postgres and not connection.in_atomic_block else 1
    dossiers_write(sink, plan, workers)
    t = phases.done("dossiers with steps, forms, ratings, audit (COPY)", t)
    directives = documents.documents_create(
        sink, world, random.Random(f"{seed}:documents"), options.count("documents"), days, now
    )
    t = phases.done("documents (COPY)", t)
    tasks.tasks_create(
        sink,
        world,
        staff,
        random.Random(f"{seed}:tasks"),
        directives,
        options.count("tasks"),
        options.until,
    )
    t = phases.done("directive tasks and reports (COPY)", t)
    plan.workfiles = workfiles.workfiles_create(
        sink, world, random.Random(f"{seed}:workfiles"), options.until
    )
    t = phases.done("file lists, work files and filed documents (COPY)", t)
    plan.complaints = complaints.petitions_create(
        sink,
        world,
        random.Random(f"{seed}:complaints"),
        options.count("petitions"),
        days,
        options.until,
    )
    t = phases.done("complaints petitions (COPY)", t)
    plan.conference = meetings.conference_create(
        sink, staff, random.Random(f"{seed}:meetings"), options.until, options.participants
    )
    t = phases.done("the conference to every commune, its invitees and points (COPY)", t)
    plan.traceability = traceability.traceability_create(
        sink,
        world,
        random.Random(f"{seed}:traceability"),
        options.count("producers"),
        options.until,
        password,
    )
    t = phases.done("traceability producers, products, batches, events (COPY)", t)
    plan.feedback = feedback.feedback_create(
        sink,
        world,
        random.Random(f"{seed}:feedback"),
        citizens,
        options.count("feedback"),
        options.count("feedback_answers"),
        days,
        options.until,
    )
    phases.done("feedback reports and published answers (COPY)", t)
    return plan


def report_save(report: Report, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {
        **asdict(report),
        "total_rows": report.total_rows,
        "rows_per_second": round(report.total_rows / max(report.total_seconds, 0.001)),
    }
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
