"""EPCIS capture in bulk, measured on a database of one's own (issue 21: ≥ 2,000 events/s).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/egov_mine \\
        python -m bench.trace_capture --producers 5000

The database must be migrated (``manage.py migrate``). Unless it has producers already, the
Hà Nội org tree is loaded and ``--producers`` producers are written by the benchmark
generator's own traceability writer (``bench.generate.traceability``: twenty batches and ten
sealed events each, by COPY on PostgreSQL). Then, on the first approved producer:

- ``service``: documents of 100 and 1,000 ObjectEvents captured by the capture job's service
  (``bench.run.inprocess.capture_measure``, each rolled back): events/s of the median of three;
- ``job``: the whole path of a producer's system, ``POST /capture`` → the capture job →
  ``GET /capture/{id}``, with a 1,000-event document (kept), then the same document again
  (a retry: every event found stored, nothing written).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")


def _fill(producers: int) -> None:
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone

    from bench.generate import traceability
    from bench.generate.sink import Sink
    from bench.generate.world import Unit
    from egov.accounts.models import User
    from egov.orgs.loaders import orgs_dataset_load
    from egov.orgs.models import OrgUnit
    from egov.traceability.models import Producer

    if Producer.objects.exists():
        return
    if not OrgUnit.objects.exists():
        orgs_dataset_load(actor=None, name="hanoi-2020")
    units = {
        u.id: Unit(u.id, u.kind, u.name, u.parent_id, u.path, u.agency_code)
        for u in OrgUnit.objects.active()
    }
    world = argparse.Namespace(
        units=units, communes=[u.id for u in units.values() if u.kind == "commune"]
    )
    sink = Sink()
    started = time.perf_counter()
    with transaction.atomic():
        plan = traceability.traceability_create(
            sink,
            world,
            random.Random(21),
            producers,
            timezone.localdate(),
            make_password("bench-password"),
        )
        sink.sequences_reset([User, *traceability.MODELS])
    print(
        f"written: {plan.producers} producers, {plan.batches} batches, {plan.events} events "
        f"in {time.perf_counter() - started:.0f} s",
        flush=True,
    )


def _breakdown(size: int, repeats: int) -> list[dict]:
    """Where a capture's time goes: wall clock, this process's CPU (the Python side) and the
    SQL statements' time as the client saw it (each capture rolled back)."""
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from bench.run.inprocess import capture_document
    from egov.traceability.models import Producer
    from egov.traceability.services_epcis import epcis_capture

    producer = Producer.objects.filter(status="approved").select_related("account").first()
    document = capture_document(producer.pk, size)
    runs = []
    for _ in range(repeats):
        with transaction.atomic(), CaptureQueriesContext(connection) as queries:
            wall, cpu = time.perf_counter(), time.process_time()
            epcis_capture(actor=producer.account, document=document)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            transaction.set_rollback(True)
        sql = sum(float(q["time"]) for q in queries.captured_queries)
        runs.append(
            {
                "wall": wall,
                "cpu": cpu,
                "sql": sql,
                "queries": len(queries),
                "load": os.getloadavg()[0],
            }
        )
    return runs


def _job_path(size: int) -> dict:
    """POST a document, run its capture job as the worker does, GET the job; then again."""
    from django.test import Client
    from django.urls import reverse

    from bench.run.inprocess import capture_document
    from egov.accounts.services import api_token_create
    from egov.jobs.services import job_run
    from egov.traceability.models import Producer
    from egov.traceability.services_capture import epcis_capture_work

    producer = (
        Producer.objects.filter(status="approved", products__batches__isnull=False)
        .select_related("account")
        .order_by("pk")
        .first()
    )
    token = api_token_create(
        actor=producer.account, user=producer.account, name="bench", apps=["traceability"]
    ).secret
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}", HTTP_HOST="localhost")
    body = json.dumps(capture_document(producer.pk, size))
    # the first request of a process builds the API (routers, schemas): not the capture's time
    client.post(
        reverse("api:epcis_capture"),
        data=json.dumps(capture_document(producer.pk, 1)),
        content_type="application/ld+json",
        secure=True,
    )
    out = {}
    for label in ("first", "retry"):
        started = time.perf_counter()
        posted = client.post(
            reverse("api:epcis_capture"),
            data=body,
            content_type="application/ld+json",
            secure=True,
        )
        job_id = int(posted.json()["captureID"])
        job_run(job_id, epcis_capture_work)
        state = client.get(posted["Location"], secure=True).json()
        seconds = time.perf_counter() - started
        out[label] = {
            "seconds": seconds,
            "events_per_s": size / seconds,
            "success": state["success"],
        }
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.trace_capture", description=__doc__)
    parser.add_argument("--producers", type=int, default=5000)
    parser.add_argument("--repeats", type=int, default=3)
    options = parser.parse_args(argv)
    import django

    django.setup()
    from django.db import connection

    from bench.run import inprocess
    from egov.traceability.models import Event

    _fill(options.producers)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE traceability_event, traceability_batch")
    print(f"database: {connection.vendor}, {Event.objects.count()} events stored", flush=True)
    service = inprocess.capture_measure(repeats=options.repeats)
    for size in inprocess.CAPTURE_SIZES:
        print(f"service, {size}-event documents: {service[f'events_per_s_{size}']:,.0f} events/s")
    for run in _breakdown(1000, options.repeats):
        print(
            f"1,000 events: wall {run['wall']:.2f} s ({1000 / run['wall']:,.0f} events/s), "
            f"Python CPU {run['cpu']:.2f} s ({1000 / run['cpu']:,.0f} events/s), "
            f"SQL {run['sql']:.2f} s in {run['queries']} queries, load average {run['load']:.1f}"
        )
    job = _job_path(1000)
    for label, figures in job.items():
        print(
            f"job path ({label}), 1,000 events: {figures['seconds']:.2f} s, "
            f"{figures['events_per_s']:,.0f} events/s, success={figures['success']}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
