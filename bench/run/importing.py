"""The legacy import against COPY of the same rows, on the benchmark database.

A CSV of ``rows`` closed dossiers from before the platform (2014–2016, the communes' and
districts' most used procedures) is imported by the app's service (parse, check every row,
write with COPY, audit) inside a transaction that is then rolled back, so the database is left
as it was; the baseline COPYs the very rows the service wrote, also rolled back. A second file
with one wrong row at the end must leave nothing behind and report that row.
"""

from __future__ import annotations

import csv
import datetime
import io
import random
import time

from django.db import connection, transaction

from bench.run.report import Target
from egov.onestop.models import Dossier, Procedure
from egov.onestop.services import dossier_import as service
from egov.orgs.models import OrgUnit
from egov.workdays.rules import VN_TZ

HEADER = [
    "code",
    "procedure_code",
    "channel",
    "status",
    "applicant_name",
    "applicant_id_number",
    "applicant_phone",
    "applicant_address",
    "competent_unit",
    "received_at",
    "due_at",
    "finished_at",
    "returned_at",
    "result_note",
]


def legacy_csv(rows: int, seed: int = 5) -> bytes:
    rng = random.Random(seed)
    procedures = list(
        Procedure.objects.filter(is_active=True, level="commune", code__startswith="HNS").order_by(
            "code"
        )[:40]
    )
    communes = list(
        OrgUnit.objects.active()
        .filter(kind="commune")
        .exclude(admin_code="")
        .values_list("admin_code", flat=True)
    )
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    start = datetime.datetime(2014, 1, 2, 8, 0, tzinfo=VN_TZ)
    for n in range(rows):
        received = start + datetime.timedelta(minutes=rng.randrange(0, 3 * 365 * 24 * 60))
        due = received + datetime.timedelta(days=rng.randint(1, 15))
        finished = received + datetime.timedelta(hours=rng.randint(2, 400))
        returned = finished + datetime.timedelta(hours=rng.randint(1, 72))
        writer.writerow(
            [
                f"LEGACY-{received:%Y}-{n:08d}",
                rng.choice(procedures).code,
                rng.choice(("direct", "direct", "postal")),
                "returned",
                f"Nguyễn Văn {rng.choice(('An', 'Bình', 'Cường', 'Dũng', 'Hà'))}",
                f"001{rng.randint(10**8, 10**9 - 1)}",
                f"09{rng.randint(10**7, 10**8 - 1)}",
                f"Số {rng.randint(1, 200)} Kim Mã, Hà Nội",
                rng.choice(communes),
                f"{received:%Y-%m-%d %H:%M}",
                f"{due:%Y-%m-%d %H:%M}",
                f"{finished:%Y-%m-%d %H:%M}",
                f"{returned:%Y-%m-%d %H:%M}",
                "",
            ]
        )
    return out.getvalue().encode("utf-8")


def _import_rolled_back(content: bytes) -> tuple[float, service.DossierImportReport, list]:
    written: list[tuple] = []
    original = service._values

    def keep(*args, **kwargs):
        value = original(*args, **kwargs)
        written.append(value)
        return value

    with transaction.atomic():
        service._values = keep
        try:
            started = time.perf_counter()
            report = service.dossiers_import(actor=None, file=content, format="csv", source="bench")
            elapsed = time.perf_counter() - started
        finally:
            service._values = original
        transaction.set_rollback(True)
    return elapsed, report, written


def _copy_rolled_back(rows: list[tuple]) -> float:
    names = ", ".join(service.COPY_COLUMNS)
    with transaction.atomic():
        started = time.perf_counter()
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY onestop_dossier ({names}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
        elapsed = time.perf_counter() - started
        transaction.set_rollback(True)
    return elapsed


def import_measure(rows: int) -> dict:
    content = legacy_csv(rows)
    seconds, report, written = _import_rolled_back(content)
    if not report.is_ok:
        raise RuntimeError(f"the benchmark's legacy file was refused: {report.errors[:3]}")
    copy_seconds = min(_copy_rolled_back(written) for _ in range(2))
    bad = content + b"LEGACY-2016-BAD,9.999999,direct,returned,A,1,,,00001,x,,,,\n"
    # Not rolled back: the service itself must leave nothing behind.
    bad_report = service.dossiers_import(actor=None, file=bad, format="csv", source="bench")
    left = Dossier.objects.filter(code__startswith="LEGACY-").count()
    return {
        "rows": rows,
        "bytes": len(content),
        "import_s": seconds,
        "import_rows_per_s": rows / seconds,
        "copy_s": copy_seconds,
        "copy_rows_per_s": rows / copy_seconds,
        "failed_batch_rows_left": left,
        "failed_batch_errors": [(e.row, e.field) for e in bad_report.errors],
    }


def import_targets(data: dict) -> list[Target]:
    ratio = data["import_rows_per_s"] / data["copy_rows_per_s"]
    failed_ok = data["failed_batch_rows_left"] == 0 and bool(data["failed_batch_errors"])
    return [
        Target(
            "Legacy import, CSV (parse, validate, write)",
            "≥ 40,000 rows/s and ≥ 0.33 × COPY",
            f"{data['import_rows_per_s']:,.0f} rows/s ({data['rows']:,} rows); COPY "
            f"{data['copy_rows_per_s']:,.0f} rows/s",
            f"{ratio:.2f} × COPY",
            data["import_rows_per_s"] >= 40_000 and ratio >= 0.33,
        ),
        Target(
            "Legacy import: a failed batch",
            "no partial rows, per-row error report",
            f"{data['failed_batch_rows_left']} rows left; errors reported "
            f"{data['failed_batch_errors'][:4]}",
            "—",
            failed_ok,
        ),
    ]
