"""The reporting API: regimes with their form, my reports, a report's values, saving values
(field errors 422, stale version 409) and sending; another unit's report is a 404."""

from __future__ import annotations

import json

import pytest

from egov.reporting.tests.conftest import Setup

pytestmark = pytest.mark.django_db
BASE = "/api/v1/reporting"


def _put(client, url: str, body: dict):
    return client.put(url, data=json.dumps(body), content_type="application/json")


def test_list_read_save_with_field_errors_and_send(client, setup: Setup, world) -> None:
    client.force_login(setup.filler_a)
    regimes = client.get(f"{BASE}/regimes").json()
    assert [r["code"] for r in regimes] == ["kt-xh"]
    assert [i["code"] for i in regimes[0]["indicators"]] == ["01", "02", "03", "04"]
    reports = client.get(f"{BASE}/reports").json()["items"]
    assert [r["id"] for r in reports] == [setup.a.pk]
    assert reports[0]["cutoff_first"] == "2026-04-15" and reports[0]["status"] == "not_started"
    url = f"{BASE}/reports/{setup.a.pk}"
    wrong = _put(client, f"{url}/values", {"values": {"01": "abc"}, "expected_version": 1})
    assert wrong.status_code == 422
    assert [e["field"] for e in wrong.json()["errors"]] == ["value_01"]
    malformed = _put(client, f"{url}/values", {"values": {}})
    assert malformed.status_code == 422
    saved = _put(
        client,
        f"{url}/values",
        {"values": {"01": 1250.5, "02": "7,2", "03": 12}, "expected_version": 1},
    )
    assert saved.status_code == 200
    body = saved.json()
    assert {v["code"]: v["number"] for v in body["values"]}["01"] in ("1250.5000", 1250.5)
    stale = _put(client, f"{url}/values", {"values": {"01": 1}, "expected_version": 1})
    assert stale.status_code == 409
    sent = client.post(
        f"{url}/submit",
        data=json.dumps({"expected_version": body["version"]}),
        content_type="application/json",
    )
    assert sent.status_code == 200 and sent.json()["status"] == "submitted"
    client.force_login(setup.filler_b)
    assert client.get(url).status_code == 404
    assert _put(client, f"{url}/values", {"values": {}, "expected_version": 1}).status_code == 404


def test_the_receiver_reads_but_does_not_write(client, setup: Setup, world) -> None:
    client.force_login(setup.receiver)
    url = f"{BASE}/reports/{setup.a.pk}"
    assert client.get(url).status_code == 200
    refused = _put(client, f"{url}/values", {"values": {"01": 1}, "expected_version": 1})
    assert refused.status_code == 403
