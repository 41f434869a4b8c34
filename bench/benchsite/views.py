"""Baseline views of the benchmark: the floor each app figure is compared with, measured on the
same stack in the same run. Served only by ``bench.benchsite.urls``, never in production.

- ``hello``: Django answering a constant JSON object (framework and server overhead only);
- ``track_raw``: the public status look-up by code as one raw SQL query and a JSON answer
  (what the look-up costs without the ORM, the rate limiter or the schema);
- ``insert``: one INSERT in its own transaction (the write floor of a submission).
"""

from __future__ import annotations

import json

from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

INSERT_TABLE = "bench_baseline_insert"
TRACK_SQL = """
SELECT d.code, p.name, d.status, sd.name, d.received_at, d.due_at, d.finished_at,
       d.returned_at, d.timeliness
FROM onestop_dossier d
JOIN onestop_procedure p ON p.id = d.procedure_id
LEFT JOIN workflow_processinstance i ON i.id = d.process_id
LEFT JOIN workflow_stepinstance s ON s.id = i.current_step_id
LEFT JOIN workflow_stepdefinition sd ON sd.id = s.step_definition_id
WHERE d.code = %s AND d.status <> 'draft'
"""


@require_GET
def hello(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"hello": "world"})


@require_GET
def track_raw(request: HttpRequest, code: str) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute(TRACK_SQL, [code.strip().upper()])
        row = cursor.fetchone()
    if row is None:
        return JsonResponse({"detail": "Not found."}, status=404)
    keys = (
        "code",
        "procedure_name",
        "status",
        "step_name",
        "received_at",
        "due_at",
        "finished_at",
        "returned_at",
        "timeliness",
    )
    return JsonResponse(dict(zip(keys, row, strict=True)))


@csrf_exempt
@require_POST
def insert(request: HttpRequest) -> JsonResponse:
    body = json.loads(request.body or b"{}")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {INSERT_TABLE} (key, body, created_at) VALUES (%s, %s, now()) "  # noqa: S608
            "RETURNING id",
            [str(body.get("key", ""))[:64], json.dumps(body)],
        )
        (row_id,) = cursor.fetchone()
    return JsonResponse({"id": row_id}, status=201)


def insert_table_create() -> None:
    """The baseline's table (created by the harness before the run; PostgreSQL)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {INSERT_TABLE} (id bigserial PRIMARY KEY, "
            "key varchar(64) NOT NULL UNIQUE, body jsonb NOT NULL, created_at timestamptz NOT NULL)"
        )
