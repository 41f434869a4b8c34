"""The endpoint peers post to: authentication, every refusal with its field, acceptance of a
package in the national SDK's shape, idempotency, and status messages moving our recipients."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from egov.audit.models import AuditEvent
from egov.documents.choices import Channel, Direction, DocumentStatus, RecipientStatus, Urgency
from egov.documents.models import Document, DocumentRecipient
from egov.documents.services import RecipientIn, document_send
from egov.exchange.choices import InboundState, MessageKind, OutboundState
from egov.exchange.edxml import StatusPackage, package_parse, status_package_build
from egov.exchange.edxml.model import ResponseFor
from egov.exchange.models import InboundMessage, OutboundMessage
from egov.exchange.services import conf
from egov.exchange.tests.conftest import CITY, DISTRICT_A
from egov.exchange.tests.factories import issued_document
from egov.exchange.tests.samples import GOVERNMENT_OFFICE, sdk_bytes, status_package

pytestmark = pytest.mark.django_db
URL = "/api/v1/exchange/messages"


def post(client, data: bytes, token: str, **headers: str):
    return client.post(
        URL,
        data=data,
        content_type=headers.pop("content_type", "application/xml"),
        HTTP_AUTHORIZATION=f"Bearer {token}",
        HTTP_ACCEPT_LANGUAGE="en",
        **headers,
    )


def test_the_route_is_named_for_the_permission_matrix():
    assert reverse("api:message_receive") == URL


@pytest.mark.parametrize("authorization", ["", "Bearer egovx_nope_nope", "Bearer garbage"])
def test_without_a_peer_token_nothing_is_read(client, codes, office, authorization):
    response = client.post(
        URL, data=sdk_bytes(), content_type="application/xml", HTTP_AUTHORIZATION=authorization
    )

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    assert InboundMessage.objects.count() == 0
    assert Document.objects.count() == 0


def test_an_officer_session_is_not_a_peer(client, codes, office, clerk):
    client.force_login(clerk)

    response = client.post(URL, data=sdk_bytes(), content_type="application/xml")

    assert response.status_code == 401
    assert InboundMessage.objects.count() == 0


def test_the_sdk_shaped_package_becomes_an_incoming_document_acknowledged_at_once(
    client, codes, office, fake_http, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, sdk_bytes(), office.token)

    body = response.json()
    document = Document.objects.get(direction=Direction.INCOMING)
    message = InboundMessage.objects.get()
    ack = OutboundMessage.objects.get(kind=MessageKind.STATUS)
    assert response.status_code == 202
    assert body == {
        "message_id": str(message.message_id),
        "kind": "document",
        "state": "accepted",
        "duplicate": False,
    }
    assert (document.unit, document.status, document.channel) == (
        codes.city,
        DocumentStatus.REGISTERED,
        Channel.EDXML,
    )
    assert (document.number_notation, document.sender_agency_code, document.sender_name) == (
        "7816/VPCP-TTĐT",
        GOVERNMENT_OFFICE,
        "Văn phòng Chính phủ",
    )
    assert document.exchange_document_id == "000.00.00.G22,2026/11/20,7816/VPCP-TTĐT"
    assert (document.doc_type.code, document.urgency) == ("cong-van", Urgency.URGENT)
    assert [(f.kind, f.sha256) for f in document.files.all()] == [
        ("signed", "2ef71ad1679e86c03c5207f4a45772a9364680dbc1166fdd698ae3b0b90a9940")
    ]
    assert (message.state, message.from_agency_code, list(message.documents.all())) == (
        InboundState.ACCEPTED,
        GOVERNMENT_OFFICE,
        [document],
    )
    assert (ack.status_code, ack.to_agency_code, ack.state) == (
        "01",
        GOVERNMENT_OFFICE,
        OutboundState.SENT,
    )
    [request] = fake_http.requests
    status = package_parse(request.content, limits=conf.limits(), today=conf.today())
    assert isinstance(status, StatusPackage)
    assert (status.status_code, status.sender.organ_id) == ("01", CITY)
    assert status.response_for.document_id == document.exchange_document_id
    assert AuditEvent.objects.filter(action="exchange.inbound_accepted").count() == 1


@pytest.mark.parametrize(
    ("type_number", "expected"), [("18", "cong-van"), ("7", "thong-bao"), ("23", "giay-moi")]
)
def test_the_decree_30_type_number_chooses_the_document_type(
    client, codes, office, fake_http, type_number, expected
):
    data = (
        sdk_bytes()
        .replace(b"<edXML:Type>18<", f"<edXML:Type>{type_number}<".encode())
        .replace("<edXML:TypeName>Công văn<".encode(), "<edXML:TypeName>Văn bản<".encode())
    )

    response = post(client, data, office.token)

    assert response.status_code == 202
    document = Document.objects.get(direction=Direction.INCOMING)
    assert document.doc_type.code == expected


def test_the_setting_can_narrow_the_accepted_type_numbers(client, codes, office, settings):
    settings.EGOV_EXCHANGE_DOCUMENT_TYPES = [1, 2]

    response = post(client, sdk_bytes(), office.token)

    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["DocumentType.Type"]
    assert Document.objects.count() == 0


def test_posting_the_same_package_again_keeps_one_document(
    client, codes, office, fake_http, django_capture_on_commit_callbacks
):
    key = str(uuid.uuid4())
    with django_capture_on_commit_callbacks(execute=True):
        first = post(client, sdk_bytes(), office.token, HTTP_IDEMPOTENCY_KEY=key)
        again = post(client, sdk_bytes(), office.token, HTTP_IDEMPOTENCY_KEY=key)
        other_key = post(client, sdk_bytes(), office.token, HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()))

    assert (first.status_code, again.status_code, other_key.status_code) == (202, 200, 200)
    assert again.json() == {**first.json(), "duplicate": True}
    assert first.json()["message_id"] == key
    assert Document.objects.filter(direction=Direction.INCOMING).count() == 1
    assert InboundMessage.objects.count() == 1
    assert len(fake_http.requests) == 1  # one acknowledgement


def test_a_message_id_reused_for_another_package_is_a_conflict(client, codes, office, fake_http):
    key = str(uuid.uuid4())
    post(client, sdk_bytes(), office.token, HTTP_IDEMPOTENCY_KEY=key)
    changed = sdk_bytes().replace(b"<edXML:Priority>1", b"<edXML:Priority>2")

    response = post(client, changed, office.token, HTTP_IDEMPOTENCY_KEY=key)

    assert response.status_code == 409
    assert response.json()["code"] == "message_id_reused"
    assert Document.objects.filter(direction=Direction.INCOMING).count() == 1


def test_a_malformed_package_is_refused_naming_every_field(client, codes, office):
    data = (
        sdk_bytes()
        .replace(b"<edXML:Priority>1", b"<edXML:Priority>7")
        .replace(b"<edXML:PromulgationDate>2026/11/20", b"<edXML:PromulgationDate>20-11-26")
    )

    response = post(client, data, office.token)

    body = response.json()
    rejected = InboundMessage.objects.get()
    assert response.status_code == 422
    assert body["code"] == "invalid_package"
    assert {e["field"] for e in body["errors"]} == {
        "OtherInfo.Priority",
        "PromulgationInfo.PromulgationDate",
    }
    assert (rejected.state, set(rejected.errors)) == (
        InboundState.REJECTED,
        {"OtherInfo.Priority", "PromulgationInfo.PromulgationDate"},
    )
    assert Document.objects.count() == 0
    assert AuditEvent.objects.filter(action="exchange.inbound_rejected").count() == 1


@pytest.mark.parametrize(
    ("change", "status", "code", "field"),
    [
        (
            (
                b"<edXML:OrganId>000.00.00.H26</edXML:OrganId>",
                b"<edXML:OrganId>000.00.00.H41</edXML:OrganId>",
            ),
            422,
            "not_addressed_here",
            "To",
        ),
        (
            (
                b"000.00.00.G22</edXML:OrganId>\n          <edXML:OrganizationInCharge>Ch",
                b"000.00.00.G12</edXML:OrganId>\n          <edXML:OrganizationInCharge>Ch",
            ),
            422,
            "not_addressed_here",
            "From.OrganId",
        ),
        (
            (b"<edXML:BussinessDocType>0", b"<edXML:BussinessDocType>1"),
            422,
            "invalid_package",
            "TraceHeaderList.Bussiness.BussinessDocType",
        ),
    ],
)
def test_packages_this_platform_cannot_take_are_refused(
    client, codes, office, change, status, code, field
):
    data = sdk_bytes().replace(*change, 1)
    if field == "From.OrganId":  # keep the document id consistent with the changed sender
        data = data.replace(b">000.00.00.G22,", b">000.00.00.G12,")

    response = post(client, data, office.token)

    assert response.status_code == status
    assert response.json()["code"] == code
    assert [e["field"] for e in response.json()["errors"]] == [field]
    assert Document.objects.count() == 0


def test_other_media_types_and_bad_keys_and_oversize_are_refused(client, codes, office, settings):
    wrong_type = post(client, sdk_bytes(), office.token, content_type="application/json")
    bad_key = post(client, sdk_bytes(), office.token, HTTP_IDEMPOTENCY_KEY="abc")
    settings.EGOV_EXCHANGE_MAX_BYTES = 1000
    too_big = post(client, sdk_bytes(), office.token)

    assert (wrong_type.status_code, wrong_type.json()["code"]) == (415, "unsupported_media_type")
    assert (bad_key.status_code, bad_key.json()["errors"][0]["field"]) == (400, "Idempotency-Key")
    assert (too_big.status_code, too_big.json()["code"]) == (413, "package_too_large")
    assert Document.objects.count() == 0


@pytest.fixture
def sent(codes, clerk, office, fake_http, django_capture_on_commit_callbacks):
    """A document of district A delivered to the Government Office by edXML."""
    document = issued_document(unit=codes.district_a)
    with django_capture_on_commit_callbacks(execute=True):
        [recipient] = document_send(
            actor=clerk,
            document=document,
            recipients=[
                RecipientIn(
                    agency_code=GOVERNMENT_OFFICE, name="Văn phòng Chính phủ", channel=Channel.EDXML
                )
            ],
        )
    return document, recipient


def status_for(document, code: str, description: str = "") -> bytes:
    return status_package_build(
        status_package(
            response_for=ResponseFor(
                DISTRICT_A,
                document.number_notation,
                document.issued_on,
                document.exchange_document_id,
            ),
            status_code=code,
            description=description,
        )
    )


def test_status_messages_move_our_recipient_forward_and_to_a_rejection(client, sent, office):
    document, recipient = sent

    registered_package = status_for(document, "03")

    arrived = post(client, status_for(document, "01"), office.token)
    registered = post(client, registered_package, office.token)
    same_bytes = post(client, registered_package, office.token)
    back_to_arrived = post(client, status_for(document, "01"), office.token)
    after_registered = DocumentRecipient.objects.get(pk=recipient.pk).status
    rejected = post(client, status_for(document, "02", "Sai nơi nhận."), office.token)

    recipient.refresh_from_db()
    assert [
        r.status_code for r in (arrived, registered, same_bytes, back_to_arrived, rejected)
    ] == [202, 202, 200, 202, 202]
    assert after_registered == RecipientStatus.REGISTERED
    assert (recipient.status, recipient.status_note) == (RecipientStatus.REJECTED, "Sai nơi nhận.")
    assert list(InboundMessage.objects.order_by("pk").values_list("status_code", "state")) == [
        ("01", "accepted"),
        ("03", "accepted"),
        ("01", "accepted"),
        ("02", "accepted"),
    ]


def test_a_status_about_a_document_never_sent_there_is_refused(client, sent, office):
    document, recipient = sent
    data = status_for(document, "03").replace(b",12/UBND-VP<", b",99/UBND-VP<")

    response = post(client, data, office.token)

    recipient.refresh_from_db()
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "ResponseFor.DocumentId"
    assert recipient.status == RecipientStatus.SENT


def test_files_the_registry_refuses_are_refused_with_the_package(client, codes, office):
    data = sdk_bytes().replace(b"JVBERi0xLjcK", b"TVpQAAAAAAAK")  # an executable, called pdf

    response = post(client, data, office.token)

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "files"
    assert Document.objects.count() == 0
    assert InboundMessage.objects.get().state == InboundState.REJECTED


def test_a_withdrawal_by_the_sender_is_kept_for_the_officers(
    client, codes, office, fake_http, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post(client, sdk_bytes(), office.token)
    document = Document.objects.get(direction=Direction.INCOMING)
    data = status_package_build(
        status_package(
            response_for=ResponseFor(
                GOVERNMENT_OFFICE,
                "7816/VPCP-TTĐT",
                document.issued_on,
                document.exchange_document_id,
            ),
            status_code="13",
            description="Lấy lại văn bản để sửa lỗi thể thức.",
        )
    )

    response = post(client, data, office.token)

    message = InboundMessage.objects.get(kind=MessageKind.STATUS)
    document.refresh_from_db()
    assert response.status_code == 202
    assert (message.status_code, message.reason) == ("13", "Lấy lại văn bản để sửa lỗi thể thức.")
    assert list(message.documents.all()) == [document]
    assert list(message.units.all()) == [codes.city]
    assert document.status == DocumentStatus.REGISTERED  # the registry decides what follows
