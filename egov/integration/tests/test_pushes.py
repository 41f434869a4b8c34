"""Dossier statuses to the national portal: queued, delivered with the national code, retried
until acknowledged, exactly once after a lost acknowledgement; reconciliation; the onestop
wiring."""

from __future__ import annotations

import datetime

import httpx
import pytest
from django.utils import timezone

from egov.audit.models import AuditEvent
from egov.integration.choices import IntegrationAuditAction, PushState
from egov.integration.exceptions import IntegrationError
from egov.integration.models import ConnectorCall, StatusPush
from egov.integration.services import client as connector_client
from egov.integration.services import (
    dossier_status_push,
    dossier_status_push_after_commit,
    status_pushes_deliver_due,
    status_pushes_paused,
    status_reconcile,
)
from egov.integration.simulators.views import portal_received
from egov.integration.tests.conftest import Recording

pytestmark = pytest.mark.django_db

CODE = "000.00.20.H26-250122-0001"


def _push(status="2", **kw):
    return dossier_status_push(
        actor=None,
        dossier_code=kw.pop("dossier_code", CODE),
        national_status=status,
        procedure_code="1.001731",
        procedure_is_national=kw.pop("procedure_is_national", True),
        **kw,
    )


def _due_now():
    StatusPush.objects.update(next_attempt_at=timezone.now() - datetime.timedelta(seconds=1))


def test_a_status_is_queued_then_acknowledged_by_the_portal(
    simulators, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        push = _push("2")

    push.refresh_from_db()
    assert (push.state, push.attempts, push.delivered_at is not None) == (
        PushState.DELIVERED,
        1,
        True,
    )
    received = portal_received(CODE)
    assert [(r["MaHoSo"], r["TrangThai"], r["MaTTHC"]) for r in received] == [
        (CODE, "2", "1.001731")
    ]
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        IntegrationAuditAction.STATUS_PUSH_QUEUED,
        IntegrationAuditAction.STATUS_PUSH_DELIVERED,
    } <= actions


def test_what_the_portal_does_not_know_is_not_queued(simulators):
    assert _push("2", procedure_is_national=False) is None
    assert _push("2", dossier_code=None) is None
    assert _push("") is None
    assert not StatusPush.objects.exists()


def test_nothing_is_queued_when_the_national_portal_is_not_connected(db):
    assert _push("2") is None
    assert not StatusPush.objects.exists()


def test_nothing_is_queued_while_pushes_are_paused(simulators, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, status_pushes_paused():
        dossier_status_push_after_commit(
            actor=None,
            dossier_code=CODE,
            national_status="2",
            procedure_code="1.001731",
            procedure_is_national=True,
        )
    assert callbacks == []
    assert _push("2") is not None


def test_an_unknown_national_code_is_refused(simulators):
    with pytest.raises(IntegrationError):
        _push("11")


def test_a_portal_that_is_down_leaves_the_push_waiting_then_it_goes_once(
    simulators, django_capture_on_commit_callbacks
):
    connector_client.transport_set(Recording(reply=lambda request: httpx.Response(503)))
    with django_capture_on_commit_callbacks(execute=True):
        push = _push("2")
    push.refresh_from_db()
    assert (push.state, push.attempts) == (PushState.PENDING, 1)
    assert push.next_attempt_at > timezone.now()
    assert push.last_error
    assert ConnectorCall.objects.filter(connector="dvcqg").get().status_code == 503

    connector_client.transport_set(simulators)
    connector_client.breakers_reset()
    assert status_pushes_deliver_due() == 0  # not due yet
    _due_now()
    assert status_pushes_deliver_due() == 1
    assert status_pushes_deliver_due() == 0
    assert [r["TrangThai"] for r in portal_received(CODE)] == ["2"]


def test_a_push_whose_answer_was_lost_is_applied_exactly_once(
    simulators, django_capture_on_commit_callbacks
):
    """The portal received the first try but the answer never came back: the retry carries the
    same idempotency key, so the portal applies it once and acknowledges."""
    lost = []

    def lose_first_answer(request):
        response = simulators.handle_request(request)
        if not lost:
            lost.append(request)
            raise httpx.ReadTimeout("answer lost", request=request)
        return response

    connector_client.transport_set(Recording(reply=lose_first_answer))
    with django_capture_on_commit_callbacks(execute=True):
        push = _push("4")
    push.refresh_from_db()
    # the client's own retry already went through with the same key
    assert push.state == PushState.DELIVERED
    assert [r["TrangThai"] for r in portal_received(CODE)] == ["4"]


def test_pushes_of_one_dossier_go_in_order(simulators, django_capture_on_commit_callbacks):
    connector_client.transport_set(Recording(reply=lambda request: httpx.Response(503)))
    with django_capture_on_commit_callbacks(execute=True):
        _push("2")
    connector_client.transport_set(simulators)
    connector_client.breakers_reset()
    with django_capture_on_commit_callbacks(execute=True):
        later = _push("4")
    later.refresh_from_db()
    assert later.state == PushState.PENDING  # waits for the older one

    _due_now()
    with django_capture_on_commit_callbacks(execute=True):
        assert status_pushes_deliver_due() == 2  # the older one first, then the next

    assert [r["TrangThai"] for r in portal_received(CODE)] == ["2", "4"]
    assert set(StatusPush.objects.values_list("state", flat=True)) == {PushState.DELIVERED}


def test_reconcile_lists_dossiers_whose_portal_status_differs(
    simulators, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _push("2")
        _push("2", dossier_code="OTHER-1")
    StatusPush.objects.filter(dossier_code="OTHER-1").update(national_status="9")

    differences = status_reconcile()

    assert [(d.dossier_code, d.ours, d.theirs) for d in differences] == [("OTHER-1", "9", "2")]
