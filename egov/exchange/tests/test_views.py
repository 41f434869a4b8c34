"""The officer page: the packages of the officer's units only, and the retry button."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import make_officer
from egov.audit.models import AuditEvent
from egov.documents.choices import Channel
from egov.documents.models import Document
from egov.documents.services import RecipientIn, document_send
from egov.exchange.choices import OutboundState
from egov.exchange.models import OutboundMessage
from egov.exchange.selectors import inbound_message_list_for_user, outbound_message_list_for_user
from egov.exchange.services import inbound_message_receive, outbound_messages_retry_due
from egov.exchange.tests.conftest import DISTRICT_A
from egov.exchange.tests.factories import issued_document
from egov.exchange.tests.samples import GOVERNMENT_OFFICE, sdk_bytes

pytestmark = pytest.mark.django_db
LIST, RETRY = reverse("exchange:message-list"), reverse("exchange:message-retry")


@pytest.fixture
def given_up(codes, clerk, office, fake_http, settings, django_capture_on_commit_callbacks):
    """A package of district A to the Government Office after its last failed attempt."""
    settings.EGOV_EXCHANGE_MAX_ATTEMPTS = 1
    fake_http.answers = [503]
    document = issued_document(unit=codes.district_a)
    with django_capture_on_commit_callbacks(execute=True):
        document_send(
            actor=clerk,
            document=document,
            recipients=[
                RecipientIn(
                    agency_code=GOVERNMENT_OFFICE, name="Văn phòng Chính phủ", channel=Channel.EDXML
                )
            ],
        )
    return OutboundMessage.objects.get()


def test_officers_see_the_packages_of_their_units_only(
    client, given_up, clerk, other_district_officer
):
    client.force_login(clerk)
    own = client.get(LIST)
    client.force_login(other_district_officer)
    other = client.get(LIST)

    assert own.status_code == other.status_code == 200
    assert "12/UBND-VP" in own.text
    assert "Văn phòng Chính phủ" in own.text
    assert "HTTP 503" in own.text
    assert f'name="message" value="{given_up.pk}"' in own.text
    assert "12/UBND-VP" not in other.text


def test_citizens_and_visitors_are_kept_out(client, given_up, citizen):
    visitor = client.get(LIST)
    client.force_login(citizen)

    assert visitor.status_code == 302
    assert client.get(LIST).status_code == 403
    assert client.post(RETRY, {"message": given_up.pk}).status_code == 403


def test_the_clerk_sends_a_given_up_package_again(
    client, given_up, clerk, fake_http, django_capture_on_commit_callbacks
):
    client.force_login(clerk)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(RETRY, {"message": given_up.pk})

    given_up.refresh_from_db()
    assert response.status_code == 302
    assert (given_up.state, given_up.attempts) == (OutboundState.SENT, 1)
    assert fake_http.requests[-1].headers["Idempotency-Key"] == str(given_up.message_id)
    assert (
        AuditEvent.objects.filter(action="exchange.outbound_retried", actor_id=clerk.pk).count()
        == 1
    )


def test_another_district_cannot_retry(client, given_up, other_district_officer):
    client.force_login(other_district_officer)

    response = client.post(RETRY, {"message": given_up.pk})

    given_up.refresh_from_db()
    assert response.status_code == 404
    assert given_up.state == OutboundState.GIVEN_UP
    assert not AuditEvent.objects.filter(action="exchange.outbound_retried").exists()


def test_a_specialist_of_the_unit_may_look_but_not_retry(client, given_up, codes, fake_http):
    specialist = make_officer("chuyenvien.badinh@example.vn", codes.district_a, "specialist")
    client.force_login(specialist)

    response = client.post(RETRY, {"message": given_up.pk}, HTTP_ACCEPT_LANGUAGE="en")

    given_up.refresh_from_db()
    assert response.status_code == 403
    assert "Only the clerk or the head" in response.text
    assert given_up.state == OutboundState.GIVEN_UP


def test_a_delivered_package_is_not_sent_again_and_an_empty_post_is_a_form_error(
    client, given_up, clerk, fake_http, django_capture_on_commit_callbacks
):
    client.force_login(clerk)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(RETRY, {"message": given_up.pk})
    requests = len(fake_http.requests)

    again = client.post(RETRY, {"message": given_up.pk}, HTTP_ACCEPT_LANGUAGE="en")
    empty = client.post(RETRY, {})

    assert again.status_code == 409
    assert "Only a message that failed can be sent again." in again.text
    assert empty.status_code == 400
    assert len(fake_http.requests) == requests
    assert outbound_messages_retry_due(now=timezone.now() + datetime.timedelta(days=1)) == 0


def test_the_lists_take_a_fixed_number_of_queries(
    given_up, clerk, office, django_assert_num_queries
):
    data = sdk_bytes().replace(
        b"<edXML:OrganId>000.00.00.H26<", f"<edXML:OrganId>{DISTRICT_A}<".encode(), 1
    )
    inbound_message_receive(peer=office.peer, data=data, content_type="application/xml")

    with django_assert_num_queries(2):  # the officer's reach, the messages with their rows
        sent = sorted(
            (
                m.kind,
                m.document.number_notation,
                m.peer.name,
                m.recipient.name if m.recipient else "",
            )
            for m in outbound_message_list_for_user(clerk)
        )
    with django_assert_num_queries(3):  # reach, messages, their documents
        received = [
            [d.number_notation for d in m.documents.all()]
            for m in inbound_message_list_for_user(clerk)
        ]

    assert sent == [
        ("document", "12/UBND-VP", "Văn phòng Chính phủ", "Văn phòng Chính phủ"),
        ("status", "7816/VPCP-TTĐT", "Văn phòng Chính phủ", ""),  # the acknowledgement 01
    ]
    assert received == [["7816/VPCP-TTĐT"]]


def _addressed(code: str, name: str) -> bytes:
    return (
        sdk_bytes()
        .replace(b"<edXML:OrganId>000.00.00.H26<", f"<edXML:OrganId>{code}<".encode())
        .replace(
            "<edXML:OrganName>UBND Thành phố Hà Nội<".encode(),
            f"<edXML:OrganName>{name}<".encode(),
        )
    )


def test_a_package_with_one_units_code_and_anothers_name_is_flagged_to_the_clerk(
    client, codes, clerk, office, fake_http
):
    inbound_message_receive(
        peer=office.peer,
        data=_addressed(DISTRICT_A, "Quận Hoàn Kiếm"),
        content_type="application/xml",
    )
    document = Document.objects.get(direction="incoming")
    client.force_login(clerk)

    queue = client.get(reverse("documents:incoming-list"), HTTP_ACCEPT_LANGUAGE="en")
    page = client.get(
        reverse("documents:document-detail", args=[document.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )

    assert document.unit == codes.district_a
    assert document.address_mismatch == {
        "code": DISTRICT_A,
        "name": "Quận Hoàn Kiếm",
        "named_unit": "Quận Hoàn Kiếm",
    }
    warning = (
        f"The sender addressed it to the code {DISTRICT_A} (Quận Ba Đình) but to the name "
        "“Quận Hoàn Kiếm”, which is Quận Hoàn Kiếm."
    )
    assert "Check the addressee" in queue.text
    assert warning in queue.text
    assert warning in page.text


@pytest.mark.parametrize("name", ["quan ba dinh", "UBND quận Ba Đình", ""])
def test_a_name_of_the_unit_itself_or_of_no_unit_is_no_mismatch(
    client, codes, clerk, office, fake_http, name
):
    inbound_message_receive(
        peer=office.peer, data=_addressed(DISTRICT_A, name), content_type="application/xml"
    )
    document = Document.objects.get(direction="incoming")
    client.force_login(clerk)

    queue = client.get(reverse("documents:incoming-list"), HTTP_ACCEPT_LANGUAGE="en")

    assert document.address_mismatch == {}
    assert "Check the addressee" not in queue.text
