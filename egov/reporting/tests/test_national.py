"""The city's accepted reports to the national reporting system through the integration
layer's connector: queued at acceptance, tried as a job, acknowledged with a receipt number;
a system that is down is tried again later, a refusal is failed with its reason and may be
sent again by the receiving unit; nothing is queued without a connector; the figure."""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator

import httpx
import pytest
from django.urls import reverse
from django.utils import timezone

from egov.audit.models import AuditEvent
from egov.common.exceptions import PermissionDenied
from egov.integration.models import ConnectorCall
from egov.integration.services import client as connector_client
from egov.integration.simulators.national_reporting import reports_forget, reports_received
from egov.integration.tests.conftest import Recording, simulators  # noqa: F401 - fixture
from egov.reporting import figures, services
from egov.reporting.choices import NationalSendingState
from egov.reporting.models import NationalSending
from egov.reporting.services import ReportError
from egov.reporting.services_national import (
    MAX_ATTEMPTS,
    national_sending_again,
    national_sendings_try_due,
)
from egov.reporting.tests.conftest import Setup
from egov.reporting.tests.test_services import GOOD, fill, send

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh() -> Iterator[None]:
    connector_client.breakers_reset()
    reports_forget()
    yield
    connector_client.transport_set(None)
    connector_client.breakers_reset()
    reports_forget()


def _accepted(setup: Setup, capture) -> object:
    sent = send(fill(setup, setup.a, setup.filler_a, GOOD), setup.filler_a)
    with capture(execute=True):
        services.submission_accept(
            actor=setup.receiver, submission=sent, expected_version=sent.version
        )
    sent.refresh_from_db()
    return sent


def _refusing(request: httpx.Request) -> httpx.Response:
    return httpx.Response(422, json={"error_code": "422", "message": "Sai mã đơn vị báo cáo"})


def test_an_accepted_city_report_is_acknowledged_with_its_receipt_number(
    setup: Setup,
    simulators,  # noqa: F811 - the fixture imported above
    django_capture_on_commit_callbacks,
    client,
) -> None:
    report = _accepted(setup, django_capture_on_commit_callbacks)

    sending = NationalSending.objects.get(submission=report)
    assert sending.state == NationalSendingState.ACKNOWLEDGED
    assert (sending.attempts, sending.receipt) == (1, "TN00000001")
    [received] = reports_received()
    message = received["message"]
    assert message["CheDoBaoCao"]["Ma"] == "kt-xh"
    assert message["DonViBaoCao"]["Ten"] == report.unit.name
    assert message["KyBaoCao"] == {
        "TuNgay": "2026-05-01",
        "DenNgay": "2026-05-31",
        "ChotSoLieuTu": "2026-04-15",
        "ChotSoLieuDen": "2026-05-14",
    }
    assert [(c["Ma"], c["GiaTri"], c["NoiDung"]) for c in message["ChiTieu"]] == [
        ("01", "1250.5", ""),
        ("02", "7.2", ""),
        ("03", "12", ""),
        ("04", None, "Ổn định"),
    ]
    assert {
        "reporting.national_sending_queued",
        "reporting.national_sending_acknowledged",
    } <= set(AuditEvent.objects.values_list("action", flat=True))
    assert ConnectorCall.objects.get(connector="national_reporting").outcome == "success"

    client.force_login(setup.receiver)
    page = client.get(reverse("reporting:submission-detail", args=[report.pk]))
    assert 'id="national-sendings"' in page.content.decode()
    assert "TN00000001" in page.content.decode()

    exported = client.get(f"/api/v1/reporting/reports/{report.pk}/national").json()
    assert exported["MaBaoCao"] == message["MaBaoCao"]
    assert exported["GuiHeThongQuocGia"] == [
        {
            "TrangThai": "acknowledged",
            "MaTiepNhan": "TN00000001",
            "LyDo": "",
            "SoLanGui": 1,
            "PhienBan": 1,
            "HieuChinhMaTiepNhan": "",
        }
    ]
    other = client.get(f"/api/v1/reporting/reports/{setup.b.pk}/national")
    assert other.status_code == 409  # not accepted

    day = datetime.date(2026, 5, 1), datetime.date(2026, 5, 31)
    shared = figures.reports_shared_nationally(first=day[0], last=day[1], unit_ids=None)
    of_city = figures.reports_of_the_city(first=day[0], last=day[1], unit_ids=None)
    assert shared == {report.unit_id: 1}
    assert of_city == {setup.a.unit_id: 1, setup.b.unit_id: 1}


def test_without_a_connector_the_report_is_accepted_and_nothing_is_queued(
    setup: Setup, django_capture_on_commit_callbacks
) -> None:
    report = _accepted(setup, django_capture_on_commit_callbacks)
    assert report.status == "accepted"
    assert not NationalSending.objects.exists()


def test_a_system_that_is_down_is_tried_again_later_and_records_the_report_once(
    setup: Setup,
    simulators,  # noqa: F811 - the fixture imported above
    django_capture_on_commit_callbacks,
    clock,
) -> None:
    connector_client.transport_set(Recording(reply=lambda request: httpx.Response(503)))
    report = _accepted(setup, django_capture_on_commit_callbacks)
    sending = NationalSending.objects.get(submission=report)
    assert (sending.state, sending.attempts) == (NationalSendingState.QUEUED, 1)
    assert sending.last_error  # the connector's message: cannot be reached now
    assert ConnectorCall.objects.filter(connector="national_reporting").get().status_code == 503
    assert sending.next_attempt_at > timezone.now()
    assert national_sendings_try_due() == {"acknowledged": 0, "waiting": 0, "failed": 0}

    # the system took it but its answer was lost: the retry carries the same key
    recording = Recording(inner=simulators)
    connector_client.transport_set(recording)
    clock.set(sending.next_attempt_at + datetime.timedelta(seconds=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert national_sendings_try_due() == {"acknowledged": 1, "waiting": 0, "failed": 0}
    keys = [r.headers["Idempotency-Key"] for r in recording.requests]
    assert keys == [sending.idempotency_key]
    NationalSending.objects.filter(pk=sending.pk).update(state=NationalSendingState.QUEUED)
    clock.set(clock.moment + datetime.timedelta(hours=2))
    NationalSending.objects.filter(pk=sending.pk).update(next_attempt_at=clock.moment)
    national_sendings_try_due()
    assert len(reports_received()) == 1  # applied once by the system
    sending.refresh_from_db()
    assert (sending.state, sending.receipt) == (NationalSendingState.ACKNOWLEDGED, "TN00000001")


def test_after_the_last_try_the_sending_is_failed_with_the_last_error(
    setup: Setup,
    simulators,  # noqa: F811 - the fixture imported above
    django_capture_on_commit_callbacks,
    clock,
) -> None:
    connector_client.transport_set(Recording(reply=lambda request: httpx.Response(503)))
    report = _accepted(setup, django_capture_on_commit_callbacks)
    sending = NationalSending.objects.get(submission=report)
    NationalSending.objects.filter(pk=sending.pk).update(attempts=MAX_ATTEMPTS - 1)
    connector_client.breakers_reset()
    clock.set(clock.moment + datetime.timedelta(days=1))
    assert national_sendings_try_due()["failed"] == 1
    sending.refresh_from_db()
    assert sending.state == NationalSendingState.FAILED and sending.last_error


def test_a_refused_report_is_failed_with_the_reason_and_the_receiver_sends_it_again(
    setup: Setup,
    simulators,  # noqa: F811 - the fixture imported above
    django_capture_on_commit_callbacks,
    client,
) -> None:
    connector_client.transport_set(Recording(reply=_refusing))
    report = _accepted(setup, django_capture_on_commit_callbacks)
    failed = NationalSending.objects.get(submission=report)
    assert failed.state == NationalSendingState.FAILED
    assert "Sai mã đơn vị báo cáo" in failed.last_error
    assert failed.attempts == 1
    assert "reporting.national_sending_failed" in set(
        AuditEvent.objects.values_list("action", flat=True)
    )

    with pytest.raises(PermissionDenied):
        national_sending_again(actor=setup.filler_a, submission=report)

    client.force_login(setup.receiver)
    url = reverse("reporting:submission-detail", args=[report.pk])
    page = client.get(url).content.decode()
    assert "Sai mã đơn vị báo cáo" in page
    assert reverse("reporting:submission-national-send", args=[report.pk]) in page
    connector_client.transport_set(simulators)
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(
            reverse("reporting:submission-national-send", args=[report.pk]),
            {"expected_version": report.version},
        )
    assert answer.status_code == 302
    states = list(
        NationalSending.objects.filter(submission=report).order_by("pk").values_list("state")
    )
    assert states == [(NationalSendingState.FAILED,), (NationalSendingState.ACKNOWLEDGED,)]
    with pytest.raises(ReportError):  # acknowledged: nothing to send again
        national_sending_again(actor=setup.receiver, submission=report)


def test_a_report_sent_below_the_city_is_not_sent_to_the_national_system(
    setup: Setup,
    simulators,  # noqa: F811 - the fixture imported above
    django_capture_on_commit_callbacks,
) -> None:
    setup.a.receiver = setup.b.unit  # as if the commune reported to a district
    setup.a.save(update_fields=["receiver"])
    sent = send(fill(setup, setup.a, setup.filler_a, GOOD), setup.filler_a)
    with django_capture_on_commit_callbacks(execute=True):
        services.submission_accept(
            actor=setup.filler_b, submission=sent, expected_version=sent.version
        )
    assert not NationalSending.objects.exists()
    assert json.dumps(reports_received()) == "[]"
