"""Sending an issued document and following its recipients' statuses (QCVN 102 codes)."""

from __future__ import annotations

import pytest

from egov.audit.models import AuditEvent
from egov.common.exceptions import PermissionDenied
from egov.documents import signals
from egov.documents.choices import Channel, RecipientStatus
from egov.documents.exceptions import DocumentError, WrongDocumentState
from egov.documents.models import DocumentRecipient
from egov.documents.services import RecipientIn, document_send, recipient_status_record
from egov.documents.tests.factories import draft, issued
from egov.workflow.tests.factories import at


@pytest.fixture
def sent_log():
    log = []
    signals.document_sent.connect(
        lambda **kw: log.append((kw["document"].pk, [r.name for r in kw["recipients"]])),
        weak=False,
        dispatch_uid="test-sent",
    )
    yield log
    signals.document_sent.disconnect(dispatch_uid="test-sent")


@pytest.fixture
def letter(docs_world, specialist, division_head, unit_head, fake_signing):
    return issued(specialist, division_head, unit_head, docs_world.division_a)


def test_sending_to_two_districts_and_a_paper_addressee(
    docs_world, letter, clerk, sent_log, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        rows = document_send(
            actor=clerk,
            document=letter,
            recipients=[
                docs_world.district_b,
                docs_world.commune_a,
                RecipientIn(name="Báo Hà Nội Mới", channel=Channel.PAPER),
            ],
        )

    assert [(r.name, r.channel, r.status) for r in rows] == [
        ("Quận Hoàn Kiếm", Channel.PLATFORM, RecipientStatus.PENDING),
        ("Phường Phúc Xá", Channel.PLATFORM, RecipientStatus.PENDING),
        ("Báo Hà Nội Mới", Channel.PAPER, RecipientStatus.SENT),
    ]
    assert sent_log == [(letter.pk, ["Quận Hoàn Kiếm", "Phường Phúc Xá"])]
    assert AuditEvent.objects.filter(action="documents.sent").count() == 1


def test_sending_twice_sends_nothing_twice(
    docs_world, letter, clerk, sent_log, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        document_send(actor=clerk, document=letter, recipients=[docs_world.district_b])
        again = document_send(actor=clerk, document=letter, recipients=[docs_world.district_b])

    assert again == []
    assert DocumentRecipient.objects.count() == 1
    assert len(sent_log) == 1
    assert AuditEvent.objects.filter(action="documents.sent").count() == 1


def test_who_may_send_what(
    docs_world,
    letter,
    specialist,
    other_district_officer,
    clerk,
    sent_log,
    django_capture_on_commit_callbacks,
):
    unsent = draft(specialist, docs_world.division_a)
    with django_capture_on_commit_callbacks(execute=True):
        for person in (specialist, other_district_officer):
            with pytest.raises(PermissionDenied):
                document_send(actor=person, document=letter, recipients=[docs_world.district_b])
        with pytest.raises(WrongDocumentState):
            document_send(actor=clerk, document=unsent, recipients=[docs_world.district_b])
        with pytest.raises(DocumentError):
            document_send(actor=clerk, document=letter, recipients=[docs_world.district_a])
        with pytest.raises(DocumentError):
            document_send(
                actor=clerk,
                document=letter,
                recipients=[RecipientIn(name="Bộ Nội vụ", channel=Channel.EDXML)],
            )

    assert not DocumentRecipient.objects.exists()
    assert sent_log == []


def test_statuses_move_forward_and_a_rejection_ends_them(docs_world, letter, clerk):
    (row,) = document_send(actor=clerk, document=letter, recipients=[docs_world.district_b])

    for status in (
        RecipientStatus.SENT,
        RecipientStatus.ARRIVED,
        RecipientStatus.ASSIGNED,
        RecipientStatus.REGISTERED,
        RecipientStatus.ASSIGNED,
    ):
        row = recipient_status_record(recipient=row, status=status, at=at(2026, 3, 2, 9))
    assert (row.status, row.status_at) == (RecipientStatus.ASSIGNED, at(2026, 3, 2, 9))

    row = recipient_status_record(
        recipient=row, status=RecipientStatus.REJECTED, note="Không đúng thẩm quyền"
    )
    row = recipient_status_record(recipient=row, status=RecipientStatus.COMPLETED)

    row.refresh_from_db()
    assert (row.status, row.status_note) == (RecipientStatus.REJECTED, "Không đúng thẩm quyền")
    assert list(
        AuditEvent.objects.filter(action="documents.recipient_status")
        .order_by("id")
        .values_list("changes__status", flat=True)
    ) == [["pending", "sent"], ["sent", "01"], ["01", "04"], ["04", "02"]]


def test_an_unknown_status_is_refused(docs_world, letter, clerk):
    (row,) = document_send(actor=clerk, document=letter, recipients=[docs_world.district_b])

    with pytest.raises(DocumentError):
        recipient_status_record(recipient=row, status="99")

    row.refresh_from_db()
    assert row.status == RecipientStatus.PENDING
