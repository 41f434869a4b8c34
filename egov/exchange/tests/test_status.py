"""Status back-flow: what the receiving clerk does reaches the sender — inside the platform on
the sender's recipient row, outside as a QCVN 102 status package."""

from __future__ import annotations

import pytest

from conftest import make_officer
from egov.audit.models import AuditEvent
from egov.documents.choices import Direction, RecipientStatus
from egov.documents.models import Document
from egov.documents.services import document_send, incoming_accept, incoming_return
from egov.exchange.choices import MessageKind, OutboundState
from egov.exchange.edxml import StatusPackage, package_parse
from egov.exchange.models import OutboundMessage
from egov.exchange.services import conf, inbound_message_receive, status_message_queue
from egov.exchange.tests.conftest import DISTRICT_A
from egov.exchange.tests.factories import issued_document
from egov.exchange.tests.samples import GOVERNMENT_OFFICE, sdk_bytes

pytestmark = pytest.mark.django_db


def test_a_return_inside_the_platform_reaches_the_senders_recipient(
    codes, clerk, django_capture_on_commit_callbacks
):
    other_clerk = make_officer("vanthu.hoankiem@example.vn", codes.district_b, "clerk")
    accepted, returned = (issued_document(unit=codes.district_a, number=n) for n in (12, 13))
    with django_capture_on_commit_callbacks(execute=True):
        [first] = document_send(actor=clerk, document=accepted, recipients=[codes.district_b])
        [second] = document_send(actor=clerk, document=returned, recipients=[codes.district_b])
    copy_one, copy_two = (
        Document.objects.get(direction=Direction.INCOMING, source=d) for d in (accepted, returned)
    )

    incoming_accept(actor=other_clerk, document=copy_one, expected_version=copy_one.version)
    incoming_return(
        actor=other_clerk,
        document=copy_two,
        expected_version=copy_two.version,
        reason="Không đúng thẩm quyền giải quyết.",
    )

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == RecipientStatus.REGISTERED
    assert (second.status, second.status_note) == (
        RecipientStatus.REJECTED,
        "Không đúng thẩm quyền giải quyết.",
    )
    assert not OutboundMessage.objects.filter(kind=MessageKind.STATUS).exists()


def test_a_return_of_an_edxml_document_goes_back_as_status_02(
    codes, clerk, office, fake_http, django_capture_on_commit_callbacks
):
    data = sdk_bytes().replace(
        b"<edXML:OrganId>000.00.00.H26<", f"<edXML:OrganId>{DISTRICT_A}<".encode(), 1
    )
    with django_capture_on_commit_callbacks(execute=True):
        inbound_message_receive(peer=office.peer, data=data, content_type="application/xml")
    document = Document.objects.get(direction=Direction.INCOMING, unit=codes.district_a)

    with django_capture_on_commit_callbacks(execute=True):
        incoming_return(
            actor=clerk,
            document=document,
            expected_version=document.version,
            reason="Văn bản thiếu chữ ký số hợp lệ.",
        )

    messages = OutboundMessage.objects.filter(kind=MessageKind.STATUS).order_by("pk")
    assert [(m.status_code, m.state) for m in messages] == [
        ("01", OutboundState.SENT),
        ("02", OutboundState.SENT),
    ]
    statuses = [
        package_parse(r.content, limits=conf.limits(), today=conf.today())
        for r in fake_http.requests
    ]
    assert all(isinstance(s, StatusPackage) for s in statuses)
    rejection = statuses[1]
    assert (rejection.status_code, rejection.description) == (
        "02",
        "Văn bản thiếu chữ ký số hợp lệ.",
    )
    assert (rejection.sender.organ_id, rejection.response_for.organ_id) == (
        DISTRICT_A,
        GOVERNMENT_OFFICE,
    )
    assert rejection.response_for.code == "7816/VPCP-TTĐT"
    assert AuditEvent.objects.filter(action="exchange.status_queued").count() == 2


def test_a_status_already_sent_is_not_sent_twice(
    codes, office, fake_http, django_capture_on_commit_callbacks
):
    data = sdk_bytes()
    with django_capture_on_commit_callbacks(execute=True):
        inbound_message_receive(peer=office.peer, data=data, content_type="application/xml")
    document = Document.objects.get(direction=Direction.INCOMING)

    assert status_message_queue(document=document, status_code="01") is None
    assert OutboundMessage.objects.filter(kind=MessageKind.STATUS).count() == 1
    assert len(fake_http.requests) == 1
