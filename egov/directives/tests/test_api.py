"""The task API: the officer's tasks with their state, writing and sending a report. Other
units' tasks are 404 whatever the body; bad input is a 422 naming the field."""

from __future__ import annotations

import datetime
import json

import pytest

from egov.directives.models import TaskReport
from egov.directives.services import TaskData, task_create

D = datetime.date


@pytest.fixture
def task(world, office, directive):
    return task_create(
        actor=office,
        document=directive,
        data=TaskData(
            content="Phủ sóng 5G khu công nghiệp",
            lead_unit=world.dept,
            expected_result="100% khu",
            deadline_on=D(2026, 12, 31),
        ),
    )


def post(client, url: str, body: dict | str):
    data = body if isinstance(body, str) else json.dumps(body)
    return client.post(url, data=data, content_type="application/json")


def test_task_list_gives_the_state_today(client, task, dept_specialist, clock):
    client.force_login(dept_specialist)

    response = client.get("/api/v1/directives/tasks")

    assert response.status_code == 200
    [item] = response.json()["items"]
    assert (
        item["id"],
        item["lead_unit_name"],
        item["state"],
        item["deadline_on"],
        item["target_value"],
        item["target_unit"],
    ) == (task.pk, "Sở Thông tin và Truyền thông", "not_due", "2026-12-31", "100.0000", "% khu")


@pytest.mark.parametrize(("persona", "status"), [(None, 401), ("citizen", 403)])
def test_task_list_is_for_officers(request, client, task, persona, status):
    if persona:
        client.force_login(request.getfixturevalue(persona))

    assert client.get("/api/v1/directives/tasks").status_code == status


def test_write_then_send_a_report(client, task, dept_specialist, dept_head, clock):
    client.force_login(dept_specialist)
    response = post(
        client,
        f"/api/v1/directives/tasks/{task.pk}/reports",
        {
            "progress": "in_progress",
            "percent": 40,
            "done_text": "Đã lắp 12/30 trạm",
            "actual_value": "40",
        },
    )
    assert response.status_code == 201
    report = response.json()
    assert (report["status"], report["percent"], report["due_on"]) == ("draft", 40, "2026-12-31")

    refused = post(
        client,
        f"/api/v1/directives/reports/{report['id']}/submit",
        {"expected_version": report["version"]},
    )
    assert (refused.status_code, refused.json()["code"]) == (403, "permission_denied")

    client.force_login(dept_head)
    stale = post(
        client,
        f"/api/v1/directives/reports/{report['id']}/submit",
        {"expected_version": report["version"] + 5},
    )
    assert stale.status_code == 409
    sent = post(
        client,
        f"/api/v1/directives/reports/{report['id']}/submit",
        {"expected_version": report["version"]},
    )
    assert (sent.status_code, sent.json()["status"]) == (200, "submitted")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"progress": "in_progress", "percent": 140, "done_text": "x"}, "percent"),
        ({"progress": "finished", "percent": 10, "done_text": "x"}, "progress"),
        ({"progress": "in_progress", "percent": 10}, "done_text"),
        ("not json", "body"),
    ],
)
def test_bad_reports_are_422_with_the_field(client, task, dept_specialist, body, field):
    client.force_login(dept_specialist)

    response = post(client, f"/api/v1/directives/tasks/{task.pk}/reports", body)

    assert response.status_code == 422
    assert field in [e["field"] for e in response.json()["errors"]]
    assert TaskReport.objects.get(task=task).done_text == ""


def test_another_units_task_is_404_whatever_the_body(client, task, other_district_officer):
    client.force_login(other_district_officer)

    response = post(client, f"/api/v1/directives/tasks/{task.pk}/reports", "not json")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_the_api_schema_documents_the_bodies(client):
    schema = client.get("/api/v1/openapi.json").json()

    body = schema["paths"]["/api/v1/directives/tasks/{task_id}/reports"]["post"]["requestBody"]
    properties = body["content"]["application/json"]["schema"]["properties"]
    assert properties["progress"]["enum"] == ["not_started", "in_progress", "done", "blocked"]
