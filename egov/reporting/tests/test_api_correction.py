"""Reopening an accepted report for correction through the API
(``POST /api/v1/reporting/reports/{id}/correct``): the page's permission, a reason required
(422 in the API's error shape, naming ``reason``), a retry answered as the first, a report
not accepted or changed since: 409; the consolidations above marked as on the page."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from conftest import make_officer
from egov.audit.models import AuditEvent
from egov.integration.services import client as connector_client
from egov.integration.simulators.national_reporting import reports_forget
from egov.reporting import services
from egov.reporting.models import Submission, SubmissionVersion
from egov.reporting.tests.conftest import MAY, Setup
from egov.reporting.tests.test_services import fill, send
from egov.reporting.tests.test_stale import Chain

pytestmark = pytest.mark.django_db
BASE = "/api/v1/reporting/reports"
REASON = "Số thu ngân sách điều chỉnh theo số liệu của Kho bạc."


@pytest.fixture(autouse=True)
def _fresh() -> Iterator[None]:
    connector_client.breakers_reset()
    reports_forget()
    yield
    connector_client.breakers_reset()
    reports_forget()


def _post(client, report_id: int, body: object):
    return client.post(
        f"{BASE}/{report_id}/correct", data=json.dumps(body), content_type="application/json"
    )


def _accepted(setup: Setup) -> Submission:
    report = send(fill(setup, setup.a, setup.filler_a), setup.filler_a)
    report.refresh_from_db()
    services.submission_accept(
        actor=setup.receiver, submission=report, expected_version=report.version
    )
    report.refresh_from_db()
    return report


def test_reopened_with_a_reason_and_a_retry_answers_as_the_first(client, setup: Setup) -> None:
    report = _accepted(setup)
    client.force_login(setup.filler_a)
    body = {"reason": REASON, "expected_version": report.version}

    first = _post(client, report.pk, body)
    assert first.status_code == 200
    answer = first.json()
    assert (answer["status"], answer["return_reason"]) == ("returned", REASON)
    assert answer["version"] == report.version + 1 and answer["stale_since"] is None
    events = AuditEvent.objects.count()

    retry = _post(client, report.pk, body)  # the answer was lost: the same request again
    assert (retry.status_code, retry.json()) == (200, answer)
    assert AuditEvent.objects.count() == events
    assert SubmissionVersion.objects.filter(submission=report).count() == 1

    other = _post(client, report.pk, {**body, "reason": "Lý do khác"})  # not a retry
    assert other.status_code == 409 and other.json()["code"] == "concurrent_change"
    current = _post(client, report.pk, {**body, "expected_version": answer["version"]})
    assert current.status_code == 409 and current.json()["code"] == "wrong_state"
    assert set(current.json()) <= {"detail", "code", "errors"}  # the API's one error shape


def test_the_reason_is_required_in_the_error_shape(client, setup: Setup) -> None:
    report = _accepted(setup)
    client.force_login(setup.filler_a)
    for body, field in (
        ({"expected_version": report.version}, "reason"),
        ({"reason": "", "expected_version": report.version}, "reason"),
        ({"reason": "   ", "expected_version": report.version}, "reason"),
        ({"reason": REASON}, "expected_version"),
        ({"reason": "x" * 2001, "expected_version": report.version}, "reason"),
    ):
        refused = _post(client, report.pk, body)
        assert refused.status_code == 422, body
        error = refused.json()
        assert error["code"] == "invalid_input" and error["detail"]
        assert [item["field"] for item in error["errors"]] == [field], body
    assert _post(client, report.pk, ["not", "an", "object"]).status_code == 422
    form = client.post(f"{BASE}/{report.pk}/correct", {"reason": REASON, "expected_version": 1})
    assert form.status_code == 422  # the API takes JSON
    report.refresh_from_db()
    assert report.status == "accepted" and not SubmissionVersion.objects.exists()


def test_the_same_people_as_the_page_may(client, setup: Setup, world) -> None:
    report = _accepted(setup)
    body = {"reason": REASON, "expected_version": report.version}
    client.force_login(setup.filler_b)  # another commune: does not see it
    assert _post(client, report.pk, body).status_code == 404
    clerk = make_officer("vanthu.phucxa@example.vn", world.commune_a, "clerk")
    client.force_login(clerk)  # sees it, does not fill it
    refused = _post(client, report.pk, body)
    assert refused.status_code == 403 and refused.json()["code"] == "permission_denied"
    client.force_login(setup.receiver)  # the receiving unit may
    assert _post(client, report.pk, body).status_code == 200
    client.logout()
    assert _post(client, report.pk, body).status_code in (401, 403)


def test_a_report_not_accepted_is_a_conflict(client, setup: Setup) -> None:
    report = send(fill(setup, setup.a, setup.filler_a), setup.filler_a)
    report.refresh_from_db()
    client.force_login(setup.filler_a)
    refused = _post(client, report.pk, {"reason": REASON, "expected_version": report.version})
    assert refused.status_code == 409 and refused.json()["code"] == "wrong_state"


def test_reopened_through_the_api_marks_the_consolidations_above(client, world) -> None:
    chain = Chain(world)
    chain.send(world.commune_a, chain.commune_a_officer, "100")
    chain.do(services.submission_accept, world.commune_a, chain.district)
    chain.do(services.submission_prefill, world.district_a, chain.district)
    commune = chain.get(world.commune_a)
    client.force_login(chain.commune_a_officer)
    done = _post(client, commune.pk, {"reason": REASON, "expected_version": commune.version})
    assert done.status_code == 200
    client.force_login(chain.district)
    district = chain.get(world.district_a)
    seen = client.get(f"{BASE}/{district.pk}").json()
    assert seen["stale_since"] is not None and district.period_first == MAY.first
