"""Contract tests of the population and business adapters against their simulators, and the
other side being slow, down, answering garbage or answering for someone else."""

from __future__ import annotations

import httpx
import pytest

from egov.audit.models import AuditEvent
from egov.integration.choices import CallOutcome, IntegrationAuditAction, Purpose
from egov.integration.exceptions import ConnectorUnavailable, IntegrationError, NotFoundThere
from egov.integration.models import ConnectorCall
from egov.integration.services import business_lookup, citizen_lookup
from egov.integration.services import client as connector_client
from egov.integration.tests.conftest import Recording

pytestmark = pytest.mark.django_db

ID = "001085012345"


def _lookup(officer, world, citizen_id=ID, **kw):
    return citizen_lookup(
        actor=officer,
        citizen_id=citizen_id,
        purpose=kw.pop("purpose", Purpose.FORM_FILL),
        unit=world.desk_a,
        issue=kw.pop("issue", "000.00.20.H26-250122-0001"),
        autofill=True,
        **kw,
    )


def test_citizen_lookup_fills_the_record_and_is_logged_and_audited(simulators, world, desk_officer):
    recording = Recording(inner=simulators)
    connector_client.transport_set(recording)

    record = _lookup(desk_officer, world)

    assert (record.full_name, str(record.birth_date), record.sex) == (
        "Nguyễn Văn An",
        "1985-03-12",
        "Nam",
    )
    assert record.permanent_address.startswith("Số 12 phố Hàng Bông")
    call = ConnectorCall.objects.get()
    assert (call.connector, call.outcome, call.status_code, call.attempts) == (
        "population",
        CallOutcome.SUCCESS,
        200,
        1,
    )
    assert (call.actor, call.unit, call.purpose, call.subject) == (
        desk_officer,
        world.desk_a,
        "form_fill",
        "0010******45",
    )
    assert call.is_personal_data and call.is_autofill
    headers = recording.requests[0].headers
    assert headers["X-Road-Client"] == "VN/GOV/000.00.00.H26/EGOV"
    assert headers["X-Road-Issue"] == "000.00.20.H26-250122-0001"
    assert headers["X-Road-UserId"] == f"VN{desk_officer.pk}"
    assert headers["X-Road-Id"] == call.x_road_id
    event = AuditEvent.objects.get(action=IntegrationAuditAction.PERSONAL_DATA_LOOKED_UP)
    assert event.changes["subject"] == "0010******45"
    assert event.changes["purpose"] == "form_fill"
    assert ID not in str(event.changes)


def test_unknown_citizen_is_not_found_logged_and_not_audited(simulators, world, desk_officer):
    with pytest.raises(NotFoundThere):
        _lookup(desk_officer, world, citizen_id="001099999999")

    assert ConnectorCall.objects.get().outcome == CallOutcome.NOT_FOUND
    assert not AuditEvent.objects.filter(
        action=IntegrationAuditAction.PERSONAL_DATA_LOOKED_UP
    ).exists()


@pytest.mark.parametrize("bad", ["12345", "00108501234X", ""])
def test_a_malformed_id_is_refused_before_any_call(simulators, world, desk_officer, bad):
    with pytest.raises(IntegrationError):
        _lookup(desk_officer, world, citizen_id=bad)

    assert not ConnectorCall.objects.exists()


def test_a_lookup_without_purpose_is_refused(simulators, world, desk_officer):
    with pytest.raises(IntegrationError) as refused:
        _lookup(desk_officer, world, purpose="")

    assert "purpose" in refused.value.fields
    assert not ConnectorCall.objects.exists()


def test_a_unit_outside_the_officers_reach_is_refused(simulators, world, desk_officer):
    with pytest.raises(IntegrationError):
        citizen_lookup(
            actor=desk_officer, citizen_id=ID, purpose=Purpose.FORM_FILL, unit=world.commune_b
        )


def test_a_citizen_account_cannot_look_up(simulators, citizen):
    from egov.common.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        citizen_lookup(actor=citizen, citizen_id=ID, purpose=Purpose.FORM_FILL)


def test_a_system_that_times_out_is_retried_then_given_up(settings, world, desk_officer):
    settings.EGOV_INTEGRATION_SIMULATORS = True

    def slow(request):
        raise httpx.ReadTimeout("slow", request=request)

    recording = Recording(reply=slow)
    connector_client.transport_set(recording)

    with pytest.raises(ConnectorUnavailable):
        _lookup(desk_officer, world)

    call = ConnectorCall.objects.get()
    assert (call.outcome, call.status_code) == (CallOutcome.FAILED, None)
    assert len(recording.requests) == settings.EGOV_INTEGRATION_RETRIES == 3
    assert "ReadTimeout" in call.error


def test_server_errors_are_retried_and_a_later_success_counts(settings, world, desk_officer):
    settings.EGOV_INTEGRATION_SIMULATORS = True
    answers = [httpx.Response(503), httpx.Response(502)]

    def flaky(request):
        if answers:
            return answers.pop(0)
        return httpx.Response(200, json=_person())

    connector_client.transport_set(Recording(reply=flaky))

    assert _lookup(desk_officer, world).full_name == "Nguyễn Văn An"
    assert ConnectorCall.objects.get().attempts == 3


def _person(**overrides):
    from egov.integration.simulators.data import CITIZENS

    return {**CITIZENS[ID], **overrides}


@pytest.mark.parametrize(
    "answer",
    [
        httpx.Response(200, text="<html>Bảo trì hệ thống</html>"),
        httpx.Response(200, json=["not", "an", "object"]),
        httpx.Response(200, json={"soDinhDanh": ID}),
        httpx.Response(200, json=_person(ngaySinh="12/03/1985")),
        httpx.Response(200, json=_person(soDinhDanh="001190004567")),
        httpx.Response(403, json={"error_code": "403"}),
    ],
    ids=["html", "list", "missing-fields", "bad-date", "another-person", "refused"],
)
def test_garbage_answers_make_the_connector_unavailable(settings, world, desk_officer, answer):
    settings.EGOV_INTEGRATION_SIMULATORS = True
    connector_client.transport_set(Recording(reply=lambda request: answer))

    with pytest.raises(ConnectorUnavailable):
        _lookup(desk_officer, world)

    assert not AuditEvent.objects.filter(
        action=IntegrationAuditAction.PERSONAL_DATA_LOOKED_UP
    ).exists()


def test_the_circuit_opens_after_repeated_failures_and_calls_stop(settings, world, desk_officer):
    settings.EGOV_INTEGRATION_SIMULATORS = True
    settings.EGOV_INTEGRATION_RETRIES = 1
    settings.EGOV_INTEGRATION_BREAKER_FAILURES = 2
    recording = Recording(reply=lambda request: httpx.Response(500))
    connector_client.transport_set(recording)

    for _ in range(3):
        with pytest.raises(ConnectorUnavailable):
            _lookup(desk_officer, world)

    outcomes = list(ConnectorCall.objects.order_by("pk").values_list("outcome", flat=True))
    assert outcomes == [CallOutcome.FAILED, CallOutcome.CIRCUIT_OPEN, CallOutcome.CIRCUIT_OPEN]
    assert len(recording.requests) == 2


def test_a_connector_without_address_is_not_tried(world, desk_officer):
    recording = Recording(reply=lambda request: httpx.Response(200, json=_person()))
    connector_client.transport_set(recording)

    with pytest.raises(ConnectorUnavailable):
        _lookup(desk_officer, world)

    assert ConnectorCall.objects.get().outcome == CallOutcome.NOT_CONFIGURED
    assert recording.requests == []


def test_business_lookup_fills_name_address_and_representative(simulators, world, desk_officer):
    record = business_lookup(
        actor=desk_officer, tax_code="0101234567", purpose=Purpose.FORM_FILL, unit=world.desk_a
    )

    assert (record.name, record.legal_representative) == (
        "Công ty TNHH Sen Vàng Hà Nội",
        "Phạm Thị Dung",
    )
    call = ConnectorCall.objects.get()
    assert (call.connector, call.is_personal_data, call.subject) == (
        "business",
        False,
        "0101****67",
    )
    assert AuditEvent.objects.filter(action=IntegrationAuditAction.BUSINESS_DATA_LOOKED_UP).exists()


def test_a_bad_tax_code_is_refused(simulators, world, desk_officer):
    with pytest.raises(IntegrationError):
        business_lookup(actor=desk_officer, tax_code="01-23", purpose=Purpose.FORM_FILL)


def test_the_looked_up_id_stays_out_of_the_logs(simulators, world, desk_officer, caplog):
    caplog.set_level("DEBUG", logger="egov")
    _lookup(desk_officer, world)

    assert ID not in caplog.text
