"""The dossier phase: the lives of every dossier written in batches, by one process or, on
PostgreSQL at scale, by several worker processes that share the receiving agencies (desks)
between them.

Results do not depend on the number of workers: what each dossier is comes from one stream
read by every worker, how its life goes from its agency's own stream, and ids derive from the
dossier's global index. Audit entries must form one hash chain, so workers stage them
(``bench_audit_stage``) and the parent chains them afterwards in the order one process would
have written them.
"""

from __future__ import annotations

import datetime
import multiprocessing
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from django.db import connection, connections, transaction

from bench.generate import audit as audit_mod
from bench.generate.dossiers import (
    DOSSIER_COLUMNS,
    INSTANCE_COLUMNS,
    NOTICE_COLUMNS,
    PAUSE_COLUMNS,
    RATING_COLUMNS,
    STEP_COLUMNS,
    Batch,
    DossierMill,
    Ids,
)
from bench.generate.sink import Sink, table_spec
from egov.audit.models import AuditEvent
from egov.common.progress import WRITE, command_progress
from egov.onestop.models import Dossier, DossierCodeCounter, DossierNotice, DossierRating
from egov.workflow.models import Pause, ProcessInstance, StepInstance

BATCH_DOSSIERS = 20_000


@dataclass
class Plan:
    """Everything a worker needs (inherited through ``fork``)."""

    world: Any
    clock: Any
    staff: Any
    citizens: Any
    ids: Ids
    seed: int
    now: datetime.datetime
    audit_level: str
    days: list[datetime.date]
    counts: list[int]
    quiet: bool
    workfiles: Any = None  # bench.generate.workfiles.WorkFilePlan, once written
    complaints: Any = None  # bench.generate.complaints.ComplaintsPlan, once written
    conference: Any = None  # bench.generate.meetings.ConferencePlan, once written
    surveys: Any = None  # bench.generate.surveys.SurveyPlan, once written
    traceability: Any = None  # bench.generate.traceability.TracePlan, once written
    reporting: Any = None  # bench.generate.reporting.ReportingPlan, once written
    feedback: Any = None  # bench.generate.feedback.FeedbackPlan, once written


_PLAN: Plan | None = None


def _specs() -> dict:
    return {
        "dossiers": table_spec(Dossier, DOSSIER_COLUMNS),
        "instances": table_spec(ProcessInstance, INSTANCE_COLUMNS),
        "steps": table_spec(StepInstance, STEP_COLUMNS),
        "pauses": table_spec(Pause, PAUSE_COLUMNS),
        "notices": table_spec(DossierNotice, NOTICE_COLUMNS),
        "ratings": table_spec(DossierRating, RATING_COLUMNS),
        "audit": table_spec(AuditEvent, audit_mod.COLUMNS),
    }


def _mill(plan: Plan, audit_out: Any, agencies: frozenset[str] | None) -> DossierMill:
    return DossierMill(
        world=plan.world,
        clock=plan.clock,
        staff=plan.staff,
        citizens=plan.citizens,
        audit=audit_out,
        ids=plan.ids,
        seed=plan.seed,
        now=plan.now,
        audit_level=plan.audit_level,
        agencies=agencies,
    )


def _flush(sink: Sink, specs: dict, batch: Batch, staged: bool) -> None:
    with transaction.atomic():
        for name, spec in specs.items():
            rows = getattr(batch, name)
            if not rows:
                continue
            if name == "audit" and staged:
                sink.copy_raw(audit_mod.STAGE, audit_mod.STAGE_COLUMNS, rows)
            else:
                sink.copy(spec, rows)


def _run(plan: Plan, sink: Sink, mill: DossierMill, staged: bool, label: str) -> None:
    specs = _specs()
    batch, pending = Batch(), 0
    total = sum(plan.counts)
    # A worker process (``label`` names its agencies) writes lines: bars of several processes
    # on one terminal would overwrite each other.
    with command_progress(
        f"{label}dossiers looked at", quiet=plan.quiet, interval=10, allow_bar=not label
    ) as progress:
        progress(WRITE, 0, total)
        for day, count in zip(plan.days, plan.counts, strict=True):
            mill.day(batch, day, count)
            pending += count
            if pending >= BATCH_DOSSIERS:
                _flush(sink, specs, batch, staged)
                pending, batch = 0, Batch()
                progress(WRITE, mill.index, total)
        _flush(sink, specs, batch, staged)
        progress(WRITE, total, total)


def _worker(agencies: frozenset[str]) -> tuple[dict, dict, dict]:
    """One worker process: the dossiers of ``agencies`` (own database connection)."""
    plan = _PLAN
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit = off")
    sink = Sink()
    mill = _mill(plan, audit_mod.stage_row if plan.audit_level != "none" else None, agencies)
    _run(plan, sink, mill, staged=True, label=f"[{len(agencies)} agencies] ")
    connection.close()
    return mill.counters, sink.tally.rows, sink.tally.seconds


def _shares(plan: Plan, workers: int) -> list[frozenset[str]]:
    """Agencies shared out so each worker gets about the same number of dossiers (counted
    from the sampling stream over the first 200,000 dossiers)."""
    probe = _mill(plan, None, frozenset())
    seen: Counter[str] = Counter()
    for count in plan.counts:
        for _ in range(count):
            unit_id = _sample(probe)
            seen[probe.agency[probe.world.units[unit_id].desk_id]] += 1
        if probe.index >= 200_000:
            break
    loads, shares = [0] * workers, [set() for _ in range(workers)]
    for agency in sorted(set(probe.agency.values()), key=lambda a: (-seen[a], a)):
        lightest = loads.index(min(loads))
        shares[lightest].add(agency)
        loads[lightest] += seen[agency]
    return [frozenset(s) for s in shares if s]


def _sample(mill: DossierMill) -> int:
    """Advance the sampling stream by one dossier; return its competent unit."""
    from bench.generate.world import pick

    mill.index += 1
    proc = pick(mill.sampler, mill.world.procedures, mill.world.weights["procedure"])
    return mill._unit_for(proc)


def dossiers_write(sink: Sink, plan: Plan, workers: int) -> None:
    """Write every dossier of ``plan``; ``workers`` > 1 needs PostgreSQL."""
    if workers <= 1:
        chain = (
            audit_mod.AuditChain(sink.next_id(AuditEvent)) if plan.audit_level != "none" else None
        )
        mill = _mill(plan, chain.row if chain else None, None)
        _run(plan, sink, mill, staged=False, label="")
        counters = mill.counters
        if chain is not None:
            chain.head_save()
    else:
        counters = _parallel(sink, plan, workers)
    first = sink.next_id(DossierCodeCounter)
    sink.copy(
        table_spec(DossierCodeCounter, ("id", "agency_code", "day", "last_sequence")),
        (
            (first + i, agency, day, last)
            for i, ((agency, day), last) in enumerate(sorted(counters.items()))
        ),
    )


def _parallel(sink: Sink, plan: Plan, workers: int) -> dict:
    global _PLAN
    _PLAN = plan
    stage = connection.ops.quote_name(audit_mod.STAGE)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {stage}")
        cursor.execute(f"CREATE UNLOGGED TABLE {stage} ({audit_mod.STAGE_DDL})")
    shares = _shares(plan, workers)
    connections.close_all()
    counters: dict = {}
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=len(shares), mp_context=context) as pool:
        for found, rows, seconds in pool.map(_worker, shares):
            counters.update(found)
            for table, count in rows.items():
                sink.tally.add(table, count, seconds.get(table, 0.0))
    if plan.audit_level != "none":
        _chain(sink)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {stage}")
    return counters


def _chain(sink: Sink) -> None:
    """Chain the staged entries in key order into the audit table (a second connection reads
    the stage, the default one writes)."""
    import psycopg

    chain = audit_mod.AuditChain(sink.next_id(AuditEvent))
    params = connection.get_connection_params()
    columns = ", ".join(audit_mod.STAGE_COLUMNS)
    with psycopg.connect(**{k: v for k, v in params.items() if k != "cursor_factory"}) as reader:
        reader.execute("SET work_mem = '512MB'")
        with reader.cursor().copy(
            f"COPY (SELECT {columns} FROM {audit_mod.STAGE} ORDER BY key) TO STDOUT"  # noqa: S608
        ) as copy:
            copy.set_types(["text"] * len(audit_mod.STAGE_COLUMNS))
            sink.copy_raw(
                AuditEvent._meta.db_table, audit_mod.COLUMNS, chain.rows_from_stage(copy.rows())
            )
    chain.head_save()
