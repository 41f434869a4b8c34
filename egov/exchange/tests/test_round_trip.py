"""A round trip over real HTTP: the live test server plays the outside agency (Văn phòng Chính
phủ, 000.00.00.G22) as a second instance would, sharing this database. Our district sends a
document; the agency receives it and acknowledges 01 at once; its clerk registers one document
(03) and returns another (02, with the reason); a malformed package is refused naming the
field; a delivery that fails (closed port, or an answer lost after the agency took it) is
attempted again and leaves exactly one document there."""

from __future__ import annotations

import datetime
import socket
import uuid

import httpx
import pytest
from django.utils import timezone

from conftest import make_officer
from egov.documents.choices import Channel, Direction, RecipientStatus
from egov.documents.models import Document
from egov.documents.services import RecipientIn, document_send, incoming_accept, incoming_return
from egov.exchange.choices import MessageKind, OutboundState
from egov.exchange.edxml import document_package_build
from egov.exchange.models import InboundMessage, OutboundMessage
from egov.exchange.services import outbound_messages_retry_due
from egov.exchange.tests import factories
from egov.exchange.tests.conftest import DISTRICT_A
from egov.exchange.tests.samples import GOVERNMENT_OFFICE, HANOI, document_package, sdk_bytes
from egov.orgs.services import orgunit_create

pytestmark = pytest.mark.django_db(transaction=True)
PATH = "/api/v1/exchange/messages"


@pytest.fixture
def agency(codes, live_server, settings):
    """The agency's unit and clerk (on the live server) and the two peers with their tokens:
    each side presents the token the other side issued for it."""
    settings.EGOV_EXCHANGE_ALLOW_HTTP = True
    unit = orgunit_create(
        actor=None, name="Văn phòng Chính phủ", kind="department", agency_code=GOVERNMENT_OFFICE
    )
    clerk = make_officer("vanthu@vpcp.example.vn", unit, "clerk")
    endpoint = f"{live_server.url}{PATH}"
    there, token_of_agency = factories.peer(
        agency_code=GOVERNMENT_OFFICE, name="Văn phòng Chính phủ", endpoint_url=endpoint
    )
    _here, token_of_district = factories.peer(
        agency_code=DISTRICT_A, name="Quận Ba Đình", endpoint_url=endpoint
    )
    settings.EGOV_EXCHANGE_PEER_TOKENS = {
        GOVERNMENT_OFFICE: token_of_district,
        DISTRICT_A: token_of_agency,
    }
    return {
        "unit": unit,
        "clerk": clerk,
        "peer": there,
        "token": token_of_district,
        "endpoint": endpoint,
    }


def send(clerk, unit, number: int) -> tuple[Document, object]:
    document = factories.issued_document(unit=unit, number=number)
    [recipient] = document_send(
        actor=clerk,
        document=document,
        recipients=[
            RecipientIn(
                agency_code=GOVERNMENT_OFFICE, name="Văn phòng Chính phủ", channel=Channel.EDXML
            )
        ],
    )
    recipient.refresh_from_db()
    return document, recipient


def received(document: Document) -> Document:
    return Document.objects.get(
        direction=Direction.INCOMING, exchange_document_id=document.exchange_document_id
    )


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_send_acknowledge_register_and_reject_over_http(codes, clerk, agency):
    registered_doc, registered = send(clerk, codes.district_a, 21)
    rejected_doc, rejected = send(clerk, codes.district_a, 22)
    copy, returned_copy = received(registered_doc), received(rejected_doc)

    arrived_status = registered.status
    incoming_accept(actor=agency["clerk"], document=copy, expected_version=copy.version)
    incoming_return(
        actor=agency["clerk"],
        document=returned_copy,
        expected_version=returned_copy.version,
        reason="Văn bản không thuộc thẩm quyền của Văn phòng Chính phủ.",
    )

    registered.refresh_from_db()
    rejected.refresh_from_db()
    assert arrived_status == RecipientStatus.ARRIVED
    assert (copy.unit, copy.channel, copy.sender_agency_code) == (
        agency["unit"],
        Channel.EDXML,
        DISTRICT_A,
    )
    assert (copy.number_notation, copy.files.count()) == ("21/UBND-VP", 2)
    assert registered.status == RecipientStatus.REGISTERED
    assert (rejected.status, rejected.status_note) == (
        RecipientStatus.REJECTED,
        "Văn bản không thuộc thẩm quyền của Văn phòng Chính phủ.",
    )
    assert sorted(
        OutboundMessage.objects.filter(kind=MessageKind.STATUS).values_list("status_code", "state")
    ) == [("01", "sent"), ("01", "sent"), ("02", "sent"), ("03", "sent")]
    assert set(
        OutboundMessage.objects.filter(kind=MessageKind.DOCUMENT).values_list("state", flat=True)
    ) == {OutboundState.SENT}


def test_a_malformed_package_gets_a_4xx_naming_the_field(codes, agency):
    data = (
        sdk_bytes()
        .replace(b"000.00.00.H26", GOVERNMENT_OFFICE.encode(), 1)
        .replace(b"<edXML:Priority>1", b"<edXML:Priority>x")
    )
    peer_of_sender = factories.peer(agency_code="000.00.00.G12", name="Bộ Tài chính")[1]

    response = httpx.post(
        agency["endpoint"],
        content=data,
        timeout=10,
        headers={
            "Authorization": f"Bearer {peer_of_sender}",
            "Content-Type": "application/xml",
            "Accept-Language": "en",
        },
    )

    assert response.status_code == 422
    assert response.json()["code"] == "invalid_package"
    fields = [e["field"] for e in response.json()["errors"]]
    assert fields == ["OtherInfo.Priority"]
    assert not Document.objects.filter(direction=Direction.INCOMING).exists()


def test_a_failed_attempt_is_retried_and_delivers_exactly_one_document(codes, clerk, agency):
    agency["peer"].endpoint_url = f"http://127.0.0.1:{closed_port()}{PATH}"
    agency["peer"].save(update_fields=["endpoint_url"])

    document, recipient = send(clerk, codes.district_a, 31)
    message = OutboundMessage.objects.get(recipient=recipient)
    after_failure = (
        message.state,
        message.attempts,
        recipient.status,
        message.last_error.split(":")[0],
    )
    agency["peer"].endpoint_url = agency["endpoint"]
    agency["peer"].save(update_fields=["endpoint_url"])
    outbound_messages_retry_due(now=message.next_attempt_at)
    outbound_messages_retry_due(now=timezone.now() + datetime.timedelta(days=1))

    message.refresh_from_db()
    recipient.refresh_from_db()
    assert after_failure == (OutboundState.PENDING, 1, RecipientStatus.PENDING, "ConnectError")
    assert (message.state, message.attempts) == (OutboundState.SENT, 2)
    assert recipient.status == RecipientStatus.ARRIVED
    assert (
        Document.objects.filter(
            direction=Direction.INCOMING, exchange_document_id=document.exchange_document_id
        ).count()
        == 1
    )


def test_an_answer_lost_after_delivery_is_resent_without_a_duplicate(
    codes, clerk, agency, monkeypatch
):
    real_post, calls = httpx.post, []

    def answer_lost_once(url, **kwargs):
        """The agency takes the first document package, but its answer is lost."""
        response = real_post(url, **kwargs)
        if b"<edXML:StatusCode>" in kwargs["content"]:
            return response
        calls.append(response.status_code)
        if len(calls) == 1:
            raise httpx.ReadTimeout("the answer never came back")
        return response

    monkeypatch.setattr(httpx, "post", answer_lost_once)
    document, recipient = send(clerk, codes.district_a, 41)
    message = OutboundMessage.objects.get(recipient=recipient)
    pending = (message.state, message.attempts)
    outbound_messages_retry_due(now=message.next_attempt_at)

    message.refresh_from_db()
    copies = Document.objects.filter(
        direction=Direction.INCOMING, exchange_document_id=document.exchange_document_id
    )
    assert pending == (OutboundState.PENDING, 1)
    assert calls == [202, 200]  # taken, then recognised as the same message
    assert message.state == OutboundState.SENT
    assert copies.count() == 1
    assert InboundMessage.objects.filter(message_id=message.message_id).count() == 1


def test_posting_the_same_message_twice_makes_one_document(codes, agency, settings):
    settings.EGOV_EXCHANGE_PEER_TOKENS = {}  # the agency's acknowledgement is not followed here
    data = document_package_build(document_package())  # Hà Nội → Văn phòng Chính phủ
    token = factories.peer(agency_code=HANOI, name="UBND Thành phố Hà Nội")[1]
    headers = {
        "Authorization": f"Bearer {token}",
        "Content-Type": "application/xml",
        "Idempotency-Key": str(uuid.uuid4()),
    }

    first = httpx.post(agency["endpoint"], content=data, headers=headers, timeout=10)
    second = httpx.post(agency["endpoint"], content=data, headers=headers, timeout=10)

    assert (first.status_code, second.status_code) == (202, 200)
    assert first.json()["message_id"] == second.json()["message_id"] == headers["Idempotency-Key"]
    assert second.json()["duplicate"] is True
    assert Document.objects.filter(direction=Direction.INCOMING, unit=agency["unit"]).count() == 1
    assert InboundMessage.objects.filter(state="accepted").count() == 1
