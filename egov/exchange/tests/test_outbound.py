"""Sending: a sent document reaches each recipient (inside the platform, or a package posted to
a peer with retries and one message id), and failures are visible on the recipient."""

from __future__ import annotations

import datetime

import httpx
import pytest
from django.utils import timezone

from egov.audit.models import AuditEvent
from egov.documents.choices import Channel, Direction, FileKind, RecipientStatus, Secrecy
from egov.documents.models import Document, DocumentRecipient
from egov.documents.services import RecipientIn, document_recall, document_send
from egov.exchange.choices import MessageKind, OutboundState
from egov.exchange.edxml import DocumentPackage, StatusPackage, package_parse
from egov.exchange.models import OutboundMessage
from egov.exchange.services import (
    conf,
    document_dispatch,
    outbound_messages_retry_due,
    withdrawal_messages_queue,
)
from egov.exchange.tests.conftest import DISTRICT_A, DISTRICT_B
from egov.exchange.tests.factories import issued_document
from egov.exchange.tests.samples import GOVERNMENT_OFFICE, PDF

pytestmark = pytest.mark.django_db


def send(clerk, document, *recipients, capture):
    with capture(execute=True):
        return document_send(actor=clerk, document=document, recipients=recipients)


def to_office():
    return RecipientIn(
        agency_code=GOVERNMENT_OFFICE, name="Văn phòng Chính phủ", channel=Channel.EDXML
    )


def read(payload: str):
    return package_parse(payload.encode(), limits=conf.limits(), today=conf.today())


def test_a_unit_of_the_platform_gets_an_incoming_copy_from_the_package(
    codes, clerk, django_capture_on_commit_callbacks
):
    document = issued_document(unit=codes.district_a)

    [recipient] = send(
        clerk, document, codes.district_b, capture=django_capture_on_commit_callbacks
    )

    copy = Document.objects.get(direction=Direction.INCOMING, unit=codes.district_b)
    recipient.refresh_from_db()
    message = OutboundMessage.objects.get(recipient=recipient)
    assert (copy.source, copy.channel, copy.number_notation) == (
        document,
        Channel.PLATFORM,
        "12/UBND-VP",
    )
    assert copy.exchange_document_id == f"{DISTRICT_A},2026/11/20,12/UBND-VP"
    assert (copy.sender_agency_code, copy.sender_unit) == (DISTRICT_A, codes.district_a)
    assert (copy.urgency, copy.due_on) == (document.urgency, datetime.date(2026, 11, 30))
    assert [(f.kind, f.name, f.sha256) for f in copy.files.order_by("pk")] == [
        (FileKind.SIGNED, f.name, f.sha256) for f in document.files.filter(kind="signed")
    ] + [(FileKind.ATTACHMENT, f.name, f.sha256) for f in document.files.filter(kind="attachment")]
    assert (recipient.status, recipient.received) == (RecipientStatus.ARRIVED, copy)
    assert (message.state, message.kind, message.peer) == (
        OutboundState.SENT,
        MessageKind.DOCUMENT,
        None,
    )
    package = read(message.payload)
    assert isinstance(package, DocumentPackage)
    assert [r.organ_id for r in package.recipients] == [DISTRICT_B]
    assert (
        AuditEvent.objects.filter(
            action="exchange.delivered_in_platform", object_id=str(message.pk)
        ).count()
        == 1
    )


def test_delivering_twice_keeps_one_copy(codes, clerk, django_capture_on_commit_callbacks):
    document = issued_document(unit=codes.district_a)
    [recipient] = send(
        clerk, document, codes.district_b, capture=django_capture_on_commit_callbacks
    )

    assert document_dispatch(document=document, recipients=[recipient]) == []
    assert Document.objects.filter(direction=Direction.INCOMING).count() == 1
    assert OutboundMessage.objects.count() == 1


def test_units_without_identifier_codes_still_receive(
    world, clerk, django_capture_on_commit_callbacks
):
    document = issued_document(unit=world.district_a)

    [recipient] = send(
        clerk, document, world.district_b, capture=django_capture_on_commit_callbacks
    )

    copy = Document.objects.get(direction=Direction.INCOMING, unit=world.district_b)
    assert (copy.source, copy.number_notation, copy.files.count()) == (document, "12/UBND-VP", 2)
    assert OutboundMessage.objects.get(recipient=recipient).payload == ""


def test_an_outside_agency_gets_the_package_over_https(
    codes, clerk, office, fake_http, django_capture_on_commit_callbacks
):
    document = issued_document(unit=codes.district_a)

    [recipient] = send(clerk, document, to_office(), capture=django_capture_on_commit_callbacks)

    message = OutboundMessage.objects.get(recipient=recipient)
    recipient.refresh_from_db()
    [request] = fake_http.requests
    assert (message.state, message.attempts, message.peer) == (OutboundState.SENT, 1, office.peer)
    assert recipient.status == RecipientStatus.SENT
    assert str(request.url) == "https://peer.example.vn/messages"
    assert request.headers["Authorization"] == "Bearer token-for-g22"
    assert request.headers["Idempotency-Key"] == str(message.message_id)
    assert request.headers["Content-Type"] == "application/xml; charset=utf-8"
    package = read(request.content.decode())
    assert package.sender.organ_id == DISTRICT_A
    assert [r.organ_id for r in package.recipients] == [GOVERNMENT_OFFICE]
    assert (package.number_notation, package.priority, package.type) == ("12/UBND-VP", 1, 2)
    assert [a.content for a in package.attachments] == [PDF, PDF + b"% phu luc\n"]
    assert message.exchange_document_id == package.document_id


def test_a_network_failure_is_retried_with_the_same_message_id(
    codes, clerk, office, fake_http, django_capture_on_commit_callbacks
):
    fake_http.answers = [httpx.ConnectError("refused"), 503, 202]
    document = issued_document(unit=codes.district_a)

    [recipient] = send(clerk, document, to_office(), capture=django_capture_on_commit_callbacks)
    message = OutboundMessage.objects.get(recipient=recipient)
    first_due = message.next_attempt_at
    early = outbound_messages_retry_due(now=first_due - datetime.timedelta(seconds=1))
    outbound_messages_retry_due(now=first_due)
    message.refresh_from_db()
    second_due = message.next_attempt_at
    outbound_messages_retry_due(now=second_due)

    message.refresh_from_db()
    recipient.refresh_from_db()
    assert early == 0
    assert (message.state, message.attempts, message.last_error) == (OutboundState.SENT, 3, "")
    assert second_due - first_due >= datetime.timedelta(seconds=60)
    assert {r.headers["Idempotency-Key"] for r in fake_http.requests} == {str(message.message_id)}
    assert len({r.content for r in fake_http.requests}) == 1
    assert recipient.status == RecipientStatus.SENT


def test_a_refusal_fails_at_once_and_shows_on_the_recipient(
    codes, clerk, office, fake_http, django_capture_on_commit_callbacks
):
    fake_http.answers = [422]
    document = issued_document(unit=codes.district_a)

    [recipient] = send(clerk, document, to_office(), capture=django_capture_on_commit_callbacks)

    message = OutboundMessage.objects.get(recipient=recipient)
    recipient.refresh_from_db()
    assert (message.state, message.attempts) == (OutboundState.FAILED, 1)
    assert message.last_error.startswith("HTTP 422")
    assert (recipient.status, recipient.status_note) == (RecipientStatus.FAILED, message.last_error)


def test_delivery_gives_up_after_the_last_attempt(
    codes, clerk, office, fake_http, settings, django_capture_on_commit_callbacks
):
    settings.EGOV_EXCHANGE_MAX_ATTEMPTS = 2
    fake_http.answers = [500, 500]
    document = issued_document(unit=codes.district_a)

    [recipient] = send(clerk, document, to_office(), capture=django_capture_on_commit_callbacks)
    outbound_messages_retry_due(now=timezone.now() + datetime.timedelta(hours=1))

    message = OutboundMessage.objects.get(recipient=recipient)
    recipient.refresh_from_db()
    assert (message.state, message.attempts, message.next_attempt_at) == (
        OutboundState.GIVEN_UP,
        2,
        None,
    )
    assert recipient.status == RecipientStatus.FAILED
    assert AuditEvent.objects.filter(action="exchange.outbound_given_up").count() == 1


@pytest.mark.parametrize(
    ("setup", "error"),
    [
        ("secret", "Secret documents are not sent by electronic exchange"),
        ("no_peer", "No active exchange peer reaches this agency."),
        ("no_token", "No token is configured for 000.00.00.G22"),
        ("plain_http", "The endpoint of 000.00.00.G22 is not HTTPS."),
    ],
)
def test_what_cannot_be_sent_fails_visibly_without_a_request(
    setup, error, codes, clerk, office, fake_http, settings, django_capture_on_commit_callbacks
):
    secrecy = Secrecy.CONFIDENTIAL if setup == "secret" else Secrecy.NONE
    if setup == "no_peer":
        office.peer.is_active = False
        office.peer.save()
    if setup == "no_token":
        settings.EGOV_EXCHANGE_PEER_TOKENS = {}
    if setup == "plain_http":
        office.peer.endpoint_url = "http://peer.example.vn/messages"
        office.peer.save()
    document = issued_document(unit=codes.district_a, secrecy=secrecy)

    [recipient] = send(clerk, document, to_office(), capture=django_capture_on_commit_callbacks)

    message = OutboundMessage.objects.get(recipient=recipient)
    recipient.refresh_from_db()
    assert fake_http.requests == []
    assert (message.state, message.payload) == (OutboundState.FAILED, "")
    assert message.last_error.startswith(error)
    assert recipient.status == RecipientStatus.FAILED


def test_an_agency_with_a_unit_here_and_no_peer_is_served_inside_the_platform(
    codes, clerk, django_capture_on_commit_callbacks
):
    document = issued_document(unit=codes.district_a)

    [recipient] = send(
        clerk,
        document,
        RecipientIn(agency_code=DISTRICT_B, name="Hoàn Kiếm", channel=Channel.EDXML),
        capture=django_capture_on_commit_callbacks,
    )

    copy = Document.objects.get(direction=Direction.INCOMING, unit=codes.district_b)
    assert (copy.channel, copy.source) == (Channel.EDXML, document)
    assert DocumentRecipient.objects.get(pk=recipient.pk).status == RecipientStatus.ARRIVED


def test_a_recalled_document_tells_the_outside_agency_once_with_status_13(
    codes, clerk, unit_head, office, fake_http, django_capture_on_commit_callbacks
):
    document = issued_document(unit=codes.district_a)
    [outside, inside] = send(
        clerk,
        document,
        to_office(),
        codes.district_b,
        capture=django_capture_on_commit_callbacks,
    )
    reason = "Văn bản ban hành sai thẩm quyền"

    with django_capture_on_commit_callbacks(execute=True):
        document_recall(actor=unit_head, document=document, expected_version=None, reason=reason)

    withdrawal = OutboundMessage.objects.get(kind=MessageKind.STATUS, document=document)
    assert (withdrawal.to_agency_code, withdrawal.state, withdrawal.status_code) == (
        GOVERNMENT_OFFICE,
        OutboundState.SENT,
        RecipientStatus.WITHDRAWN,
    )
    delivery = OutboundMessage.objects.get(recipient=outside)
    assert withdrawal.message_id != delivery.message_id
    request = fake_http.requests[-1]
    assert request.headers["Idempotency-Key"] == str(withdrawal.message_id)
    package = read(request.content.decode())
    assert isinstance(package, StatusPackage)
    assert (package.status_code, package.description) == ("13", reason)
    assert (package.sender.organ_id, package.response_for.organ_id) == (DISTRICT_A, DISTRICT_A)
    assert package.response_for.document_id == delivery.exchange_document_id
    assert package.response_for.code == "12/UBND-VP"
    # the unit inside the platform is not sent a package; its recipient row says withdrawn
    inside.refresh_from_db()
    outside.refresh_from_db()
    assert (inside.status, outside.status) == (RecipientStatus.WITHDRAWN,) * 2
    assert len(fake_http.requests) == 2  # the document, then the withdrawal

    # a repeated signal (or a retry of the job) sends nothing twice
    with django_capture_on_commit_callbacks(execute=True):
        assert withdrawal_messages_queue(document=document, reason=reason) == []
    assert OutboundMessage.objects.filter(kind=MessageKind.STATUS).count() == 1
    assert len(fake_http.requests) == 2


def test_a_recall_sends_nothing_to_an_agency_the_package_never_reached(
    codes, clerk, unit_head, office, fake_http, django_capture_on_commit_callbacks
):
    fake_http.answers = [422]
    document = issued_document(unit=codes.district_a)
    send(clerk, document, to_office(), capture=django_capture_on_commit_callbacks)

    with django_capture_on_commit_callbacks(execute=True):
        document_recall(actor=unit_head, document=document, expected_version=None, reason="Sai")

    assert not OutboundMessage.objects.filter(kind=MessageKind.STATUS).exists()
    assert len(fake_http.requests) == 1


def test_a_recall_while_the_delivery_is_pending_cancels_it(
    codes, clerk, unit_head, office, fake_http, django_capture_on_commit_callbacks
):
    from egov.exchange.exceptions import RetryNotAllowed
    from egov.exchange.services import outbound_message_retry

    fake_http.answers = [503]  # the first attempt fails: the package waits for a retry
    document = issued_document(unit=codes.district_a)
    [outside] = send(clerk, document, to_office(), capture=django_capture_on_commit_callbacks)
    message = OutboundMessage.objects.get(recipient=outside)
    assert message.state == OutboundState.PENDING

    with django_capture_on_commit_callbacks(execute=True):
        document_recall(actor=unit_head, document=document, expected_version=None, reason="Sai")

    message.refresh_from_db()
    assert (message.state, message.next_attempt_at) == (OutboundState.CANCELLED, None)
    assert AuditEvent.objects.filter(action="exchange.outbound_cancelled").count() == 1
    # the sweep never sends it, nor does an officer's retry; the peer heard nothing
    with django_capture_on_commit_callbacks(execute=True):
        outbound_messages_retry_due(now=timezone.now() + datetime.timedelta(days=1))
    with pytest.raises(RetryNotAllowed):
        outbound_message_retry(actor=clerk, message=message)
    assert len(fake_http.requests) == 1
    assert not OutboundMessage.objects.filter(kind=MessageKind.STATUS).exists()


def test_a_package_on_the_wire_during_the_recall_is_followed_by_status_13(
    codes, clerk, unit_head, office, fake_http, django_capture_on_commit_callbacks
):
    from egov.exchange.services.delivery import _attempt_record
    from egov.exchange.services.transport import Outcome

    fake_http.answers = [503]
    document = issued_document(unit=codes.district_a)
    [outside] = send(clerk, document, to_office(), capture=django_capture_on_commit_callbacks)
    message = OutboundMessage.objects.get(recipient=outside)
    with django_capture_on_commit_callbacks(execute=True):
        document_recall(actor=unit_head, document=document, expected_version=None, reason="Sai")

    # the second attempt had posted the package before the recall committed; it answers now
    with django_capture_on_commit_callbacks(execute=True):
        assert _attempt_record(message.pk, Outcome(delivered=True, status=202)) == "sent"

    withdrawal = OutboundMessage.objects.get(kind=MessageKind.STATUS, document=document)
    assert (withdrawal.state, withdrawal.note) == (OutboundState.SENT, "Sai")
    assert isinstance(read(fake_http.requests[-1].content.decode()), StatusPackage)
