"""Incoming documents: registration with arrival numbers, the clerk's check, the handling slip
with its deadline on the working-day calendar, handling to completion, returning to the
sender; the statuses announced to the sender."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from egov.audit.models import AuditEvent
from egov.common.exceptions import ConcurrentChange, PermissionDenied
from egov.common.validation import TextRequired
from egov.documents import signals
from egov.documents.choices import Channel, DocumentStatus, HandlingRole, RecipientStatus
from egov.documents.exceptions import DocumentError, WrongDocumentState
from egov.documents.models import (
    Document,
    DocumentAssignment,
    DocumentRecipient,
    NumberRegister,
)
from egov.documents.services import (
    document_send,
    incoming_accept,
    incoming_assign,
    incoming_complete,
    incoming_progress,
    incoming_return,
)
from egov.documents.tests.factories import issued, registered
from egov.workflow.choices import InstanceStatus, Timeliness
from egov.workflow.models import ProcessInstance, StepInstance
from egov.workflow.tests.factories import at


@pytest.fixture
def statuses():
    log = []
    signals.incoming_status_changed.connect(
        lambda **kw: log.append((kw["document"].pk, kw["status"], kw["note"])),
        weak=False,
        dispatch_uid="test-incoming",
    )
    yield log
    signals.incoming_status_changed.disconnect(dispatch_uid="test-incoming")


def _step(document):
    instance = ProcessInstance.objects.get(pk=document.process_id)
    step = (
        StepInstance.objects.select_related("step_definition", "unit").get(
            pk=instance.current_step_id
        )
        if instance.current_step_id
        else None
    )
    return instance, step


def test_a_clerk_registers_and_the_head_directs(
    docs_world, clerk, unit_head, specialist, clock, statuses
):
    clock.set(at(2026, 3, 2, 9))
    first = registered(clerk, docs_world.district_a)
    second = registered(clerk, docs_world.district_a, number_notation="12/UBND-VP")
    instance, step = _step(first)
    assert (first.arrival_number, second.arrival_number, first.year) == (1, 2, 2026)
    assert (first.number, first.notation, first.status) == (
        1738,
        "QĐ-UBND",
        DocumentStatus.REGISTERED,
    )
    assert (step.step_definition.code, step.unit, step.role) == (
        "assign",
        docs_world.district_a,
        "unit_head",
    )

    clock.set(at(2026, 3, 2, 10))
    document = incoming_assign(
        actor=unit_head,
        document=first,
        expected_version=first.version,
        lead_unit=docs_world.division_a,
        lead_person=specialist,
        cooperating_units=[docs_world.commune_a],
        informed_units=[docs_world.desk_a],
        due_on=datetime.date(2026, 3, 13),
        note="Phòng VHTT chủ trì, báo cáo trước 13/3",
    )

    instance, step = _step(document)
    assert document.status == DocumentStatus.ASSIGNED
    assert (step.step_definition.code, step.unit, step.assignee) == (
        "handle",
        docs_world.division_a,
        specialist,
    )
    assert instance.due_at == step.due_at == at(2026, 3, 13, 17)
    assert sorted(DocumentAssignment.objects.values_list("unit__name", "role", "due_on")) == [
        ("Bộ phận một cửa quận Ba Đình", HandlingRole.INFORM, None),
        ("Phòng Văn hóa và Thông tin", HandlingRole.LEAD, datetime.date(2026, 3, 13)),
        ("Phường Phúc Xá", HandlingRole.COOPERATE, datetime.date(2026, 3, 13)),
    ]
    assert [s for _pk, s, _n in statuses] == [
        RecipientStatus.REGISTERED,
        RecipientStatus.REGISTERED,
        RecipientStatus.ASSIGNED,
    ]


def test_handled_to_completion_on_time(docs_world, clerk, unit_head, specialist, clock, statuses):
    clock.set(at(2026, 3, 2, 9))
    document = registered(clerk, docs_world.district_a)
    document = incoming_assign(
        actor=unit_head,
        document=document,
        expected_version=document.version,
        lead_unit=docs_world.division_a,
        due_on=datetime.date(2026, 3, 6),
    )
    clock.set(at(2026, 3, 4, 9))
    document = incoming_progress(
        actor=specialist,
        document=document,
        expected_version=document.version,
        note="Đã dự thảo báo cáo",
    )
    document = incoming_progress(
        actor=specialist, document=document, expected_version=document.version, note="Đã trình ký"
    )
    clock.set(at(2026, 3, 6, 16))
    document = incoming_complete(
        actor=specialist, document=document, expected_version=document.version, note="Đã báo cáo"
    )

    instance, step = _step(document)
    assert document.status == DocumentStatus.COMPLETED
    assert (instance.status, instance.timeliness, step) == (
        InstanceStatus.FINISHED,
        Timeliness.ON_TIME,
        None,
    )
    assert DocumentAssignment.objects.get().completed_at == at(2026, 3, 6, 16)
    assert [s for _pk, s, _n in statuses] == [
        RecipientStatus.REGISTERED,
        RecipientStatus.ASSIGNED,
        RecipientStatus.IN_PROGRESS,
        RecipientStatus.COMPLETED,
    ]
    assert AuditEvent.objects.filter(action="documents.incoming_progress").count() == 2


def test_completed_after_the_deadline_is_late(docs_world, clerk, unit_head, division_head, clock):
    clock.set(at(2026, 3, 2, 9))
    document = registered(clerk, docs_world.district_a)
    document = incoming_assign(
        actor=unit_head,
        document=document,
        expected_version=document.version,
        lead_unit=docs_world.division_a,
        due_on=datetime.date(2026, 3, 3),
    )
    clock.set(at(2026, 3, 4, 8, 30))

    document = incoming_complete(
        actor=division_head, document=document, expected_version=document.version
    )

    assert _step(document)[0].timeliness == Timeliness.LATE


def test_without_a_deadline_the_senders_or_the_default_applies(docs_world, clerk, unit_head, clock):
    clock.set(at(2026, 3, 2, 9))
    with_due = registered(clerk, docs_world.district_a, due_on=datetime.date(2026, 3, 20))
    without = registered(clerk, docs_world.district_a, number_notation="5/UBND-VP")
    legal_due = _step(without)[0].due_at

    with_due = incoming_assign(
        actor=unit_head,
        document=with_due,
        expected_version=with_due.version,
        lead_unit=docs_world.division_a,
    )
    without = incoming_assign(
        actor=unit_head,
        document=without,
        expected_version=without.version,
        lead_unit=docs_world.division_a,
    )

    assert _step(with_due)[0].due_at == at(2026, 3, 20, 17)
    assert _step(without)[0].due_at == legal_due == at(2026, 3, 16, 9)


def test_a_document_arriving_electronically_waits_for_the_clerk(
    docs_world, clerk, unit_head, clock, statuses
):
    clock.set(at(2026, 3, 2, 9))
    document = registered(None, docs_world.district_a, exchange_document_id="H26,2026/03/01,1")
    again = registered(None, docs_world.district_a, exchange_document_id="H26,2026/03/01,1")
    assert again.pk == document.pk
    assert Document.objects.count() == 1
    assert NumberRegister.objects.get().last_number == 1
    assert _step(document)[1].step_definition.code == "register"
    with pytest.raises(WrongDocumentState):
        incoming_assign(
            actor=unit_head,
            document=document,
            expected_version=document.version,
            lead_unit=docs_world.division_a,
        )

    document = incoming_accept(actor=clerk, document=document, expected_version=document.version)

    assert _step(document)[1].step_definition.code == "assign"
    assert [s for _pk, s, _n in statuses] == [RecipientStatus.ARRIVED, RecipientStatus.REGISTERED]


def test_returning_to_the_sender(docs_world, clerk, clock, statuses):
    clock.set(at(2026, 3, 2, 9))
    document = registered(None, docs_world.district_a, channel=Channel.PLATFORM)
    with pytest.raises(TextRequired):
        incoming_return(
            actor=clerk, document=document, expected_version=document.version, reason=" "
        )

    document = incoming_return(
        actor=clerk,
        document=document,
        expected_version=document.version,
        reason="Văn bản không thuộc thẩm quyền của Quận",
    )

    instance, step = _step(document)
    assert (document.status, instance.status, step) == (
        DocumentStatus.RETURNED,
        InstanceStatus.CANCELLED,
        None,
    )
    assert statuses[-1] == (
        document.pk,
        RecipientStatus.REJECTED,
        "Văn bản không thuộc thẩm quyền của Quận",
    )


def test_who_may_register_direct_and_handle(
    docs_world, clerk, unit_head, specialist, other_district_officer, division_head, clock
):
    clock.set(at(2026, 3, 2, 9))
    for person in (specialist, other_district_officer, unit_head):
        with pytest.raises(PermissionDenied):
            registered(person, docs_world.district_a)
    assert not Document.objects.exists()

    document = registered(clerk, docs_world.district_a)
    for person in (clerk, division_head, other_district_officer):
        with pytest.raises(PermissionDenied):
            incoming_assign(
                actor=person,
                document=document,
                expected_version=document.version,
                lead_unit=docs_world.division_a,
            )
    with pytest.raises(DocumentError):
        incoming_assign(
            actor=unit_head,
            document=document,
            expected_version=document.version,
            lead_unit=docs_world.district_b,
        )
    assert not DocumentAssignment.objects.exists()

    document = incoming_assign(
        actor=unit_head,
        document=document,
        expected_version=document.version,
        lead_unit=docs_world.commune_a,
    )
    for person in (specialist, other_district_officer, clerk):
        with pytest.raises(PermissionDenied):
            incoming_complete(actor=person, document=document, expected_version=document.version)
    assert Document.objects.get().status == DocumentStatus.ASSIGNED


def test_deadlines_in_the_past_or_on_a_day_off_are_refused(docs_world, clerk, unit_head, clock):
    clock.set(at(2026, 3, 2, 9))
    document = registered(clerk, docs_world.district_a)

    for day in (datetime.date(2026, 2, 27), datetime.date(2026, 3, 7), datetime.date(2026, 4, 30)):
        with pytest.raises(DocumentError) as refused:
            incoming_assign(
                actor=unit_head,
                document=document,
                expected_version=document.version,
                lead_unit=docs_world.division_a,
                due_on=day,
            )
        assert "due_on" in refused.value.fields

    assert Document.objects.get().status == DocumentStatus.REGISTERED


def test_a_stale_slip_is_refused(docs_world, clerk, unit_head, clock):
    clock.set(at(2026, 3, 2, 9))
    document = registered(clerk, docs_world.district_a)
    incoming_assign(
        actor=unit_head,
        document=document,
        expected_version=document.version,
        lead_unit=docs_world.division_a,
    )

    with pytest.raises(ConcurrentChange):
        incoming_assign(
            actor=unit_head,
            document=document,
            expected_version=document.version,
            lead_unit=docs_world.commune_a,
        )

    assert DocumentAssignment.objects.count() == 1


def test_a_copy_delivered_inside_the_platform_points_back(
    docs_world, specialist, division_head, unit_head, clerk, fake_signing, clock
):
    clock.set(at(2026, 3, 2, 9))
    letter = issued(specialist, division_head, unit_head, docs_world.division_a)
    (row,) = document_send(actor=clerk, document=letter, recipients=[docs_world.district_b])

    copy = registered(
        None,
        docs_world.district_b,
        number_notation=letter.number_notation,
        source=letter,
        sender_unit=docs_world.district_a,
    )

    row.refresh_from_db()
    assert (row.received, copy.source, copy.status) == (copy, letter, DocumentStatus.REGISTERED)
    assert DocumentRecipient.objects.filter(received__isnull=False).count() == 1


def test_the_inbox_item_of_a_registered_document_opens_its_page(
    client, docs_world, clerk, unit_head, clock
):
    clock.set(at(2026, 3, 2, 9))
    document = registered(clerk, docs_world.district_a, subject="V/v rà soát trường học")
    client.force_login(unit_head)

    html = client.get(reverse("workflow:inbox")).content.decode()

    url = reverse("documents:document-detail", args=[document.pk])
    assert f'<a href="{url}">{document.number_notation} — V/v rà soát trường học</a>' in html
    assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    ("issued_on", "due_on", "field"),
    [
        (datetime.date(1, 1, 1), None, "issued_on"),
        (datetime.date(2026, 2, 10), datetime.date(2026, 2, 9), "due_on"),
        (datetime.date(2026, 2, 10), datetime.date(1, 1, 1), "due_on"),
    ],
)
def test_impossible_dates_are_refused(docs_world, clerk, clock, issued_on, due_on, field):
    clock.set(at(2026, 3, 2, 9))

    with pytest.raises(DocumentError) as refused:
        registered(clerk, docs_world.district_a, issued_on=issued_on, due_on=due_on)

    assert list(refused.value.fields) == [field]
    assert not Document.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="documents.incoming").exists()


def test_the_registration_form_lists_its_errors_at_the_top(docs_world, clerk, client, clock):
    clock.set(at(2026, 3, 2, 9))
    client.force_login(clerk)

    response = client.post(
        reverse("documents:incoming-register"),
        {"unit": docs_world.district_a.pk, "issued_on": "0001-01-01", "due_on": "0001-01-01"},
    )

    html = response.content.decode()
    summary = html.split('class="error-summary"', 1)[1].split("</div>", 1)[0]
    assert response.status_code == 400
    assert '<a href="#id_number_notation">' in summary
    assert '<a href="#id_subject">' in summary
    assert not Document.objects.exists()
