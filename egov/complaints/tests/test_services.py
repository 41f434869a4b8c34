"""Reception, registration, classification and settlement through the services: numbers,
duplicates, notices drafted in the registry, the clock, refusals with nothing saved, the
denouncer's identity read only by named handlers and audited."""

from __future__ import annotations

import datetime

import pytest
from django.http import Http404

from egov.accounts.models import Notification
from egov.audit.models import AuditEvent
from egov.common.exceptions import DomainError, PermissionDenied
from egov.complaints import services
from egov.complaints.choices import (
    Channel,
    IneligibleReason,
    Outcome,
    PetitionKind,
    PetitionStatus,
    Verdict,
    VisitOutcome,
)
from egov.complaints.models import Petition, Visit
from egov.complaints.tests.conftest import at
from egov.documents.choices import DocumentStatus

D = datetime.date
pytestmark = pytest.mark.django_db


def _register(people, world, **kw):
    values = {
        "actor": people.receiver,
        "unit": world.district_a,
        "channel": Channel.POST,
        "received_at": at(2026, 12, 1),
        "subject": "Khiếu nại quyết định thu hồi đất",
        "content": "Tôi khiếu nại quyết định thu hồi đất số 12/QĐ-UBND.",
        "petitioner_name": "Trần Văn Bình",
        "petitioner_address": "Số 1 Phúc Xá",
        "contested_on": D(2026, 11, 1),
    }
    values.update(kw)
    return services.petition_register(**values)


def test_a_visit_received_as_a_petition_registers_it(clock, people, world) -> None:
    visit = services.visit_record(
        actor=people.receiver,
        unit=world.district_a,
        received_at=at(2026, 12, 7, 8),
        visitor_name="Trần Văn Bình",
        content="Khiếu nại việc thu hồi đất",
        outcome=VisitOutcome.PETITION,
        crowd_size=6,
        representatives="Trần Văn Bình, Lê Thị Cúc",
        documents_handed="Đơn khiếu nại, bản sao quyết định",
        contested_on=D(2026, 11, 20),
    )
    assert visit.number == "1/2026"
    petition = visit.petitions.get()
    assert (petition.number, petition.channel, petition.status) == (
        "1/2026",
        Channel.VISIT,
        PetitionStatus.REGISTERED,
    )
    assert petition.rule_set.code == "ND155-2026"
    assert list(petition.handlers.all()) == [people.receiver]
    assert AuditEvent.objects.filter(action="complaints.visit_recorded").count() == 1
    assert AuditEvent.objects.filter(action="complaints.petition_registered").count() == 1


def test_a_group_visit_needs_representatives_and_a_refusal_its_reason(clock, people, world) -> None:
    base = {
        "actor": people.receiver,
        "unit": world.district_a,
        "received_at": at(2026, 12, 7, 8),
        "visitor_name": "Nhóm hộ dân",
        "content": "Phản ánh ô nhiễm",
    }
    with pytest.raises(DomainError) as group:
        services.visit_record(outcome=VisitOutcome.GUIDED, outcome_note="x", crowd_size=8, **base)
    with pytest.raises(DomainError) as refused:
        services.visit_record(outcome=VisitOutcome.REFUSED, **base)
    assert "representatives" in group.value.fields
    assert "outcome_note" in refused.value.fields
    assert not Visit.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="complaints.").exists()


def test_an_officer_of_another_district_cannot_receive_here(clock, people, world) -> None:
    with pytest.raises(PermissionDenied):
        _register(people, world, actor=people.outsider)
    assert not Petition.objects.exists()


def test_the_same_person_and_content_is_linked_as_a_duplicate(clock, people, world) -> None:
    first = _register(people, world)
    second = _register(
        people,
        world,
        petitioner_name="TRẦN VĂN BÌNH",
        content="Tôi khiếu nại quyết định thu hồi đất số 12/QĐ-UBND. ",
    )
    other = _register(people, world, content="Một nội dung khác")
    assert (first.number, second.number) == ("1/2026", "2/2026")
    assert second.duplicate_of == first
    assert other.duplicate_of is None


def test_accepting_a_complaint_drafts_the_notice_and_starts_the_clock(
    clock, people, world, citizen
) -> None:
    petition = _register(people, world, citizen=citizen)
    petition = services.petition_classify(
        actor=people.handler,
        petition=petition,
        kind=PetitionKind.COMPLAINT,
        is_competent=True,
        outcome=Outcome.ACCEPT,
        expected_version=petition.version,
    )
    assert petition.status == PetitionStatus.ACCEPTED
    assert petition.accepted_on == D(2026, 12, 7)
    assert petition.acceptance_due_on == D(2026, 12, 10)  # 7 working days from Tue 1/12
    assert petition.settlement_due_on == D(2027, 1, 6)  # 30 days from 7/12: 6/1/2027
    assert petition.notice.status == DocumentStatus.DRAFT
    assert petition.notice.doc_type.code == "thong-bao"
    assert "12/QĐ-UBND" not in petition.notice.subject
    assert Notification.objects.filter(recipient=citizen).count() == 1


def test_a_complaint_past_the_time_limit_cannot_be_accepted(clock, people, world) -> None:
    petition = _register(people, world, contested_on=D(2026, 8, 1))
    with pytest.raises(DomainError) as error:
        services.petition_classify(
            actor=people.handler,
            petition=petition,
            kind=PetitionKind.COMPLAINT,
            is_competent=True,
            outcome=Outcome.ACCEPT,
        )
    assert "90" in error.value.message
    petition.refresh_from_db()
    assert (petition.status, petition.kind, petition.notice_id) == ("registered", "", None)
    kept = services.petition_classify(
        actor=people.handler,
        petition=petition,
        kind=PetitionKind.COMPLAINT,
        is_competent=True,
        outcome=Outcome.KEEP,
    )
    assert kept.ineligible_reasons == [IneligibleReason.TIME_LIMIT]
    assert kept.status == PetitionStatus.FILED


def test_a_second_complaint_before_the_first_decision_is_refused(clock, people, world) -> None:
    first = _register(people, world)
    services.petition_classify(
        actor=people.handler,
        petition=first,
        kind=PetitionKind.COMPLAINT,
        is_competent=True,
        outcome=Outcome.ACCEPT,
    )
    second = _register(people, world)
    with pytest.raises(DomainError) as error:
        services.petition_classify(
            actor=people.handler,
            petition=second,
            kind=PetitionKind.COMPLAINT,
            is_competent=True,
            outcome=Outcome.ACCEPT,
        )
    assert first.number in error.value.message


def test_guide_and_transfer_name_the_competent_body(clock, people, world) -> None:
    petition = _register(people, world)
    with pytest.raises(DomainError):
        services.petition_classify(
            actor=people.handler,
            petition=petition,
            kind=PetitionKind.REQUEST,
            is_competent=False,
            outcome=Outcome.TRANSFER,
        )
    moved = services.petition_classify(
        actor=people.handler,
        petition=petition,
        kind=PetitionKind.REQUEST,
        is_competent=False,
        outcome=Outcome.TRANSFER,
        competent_body="Sở Tài nguyên và Môi trường",
    )
    assert moved.status == PetitionStatus.TRANSFERRED
    assert moved.notice.doc_type.code == "phieu-chuyen"


def _accepted(people, world, clock, **kw):
    clock.set(at(2026, 12, 2))
    petition = _register(people, world, **kw)
    return services.petition_classify(
        actor=people.handler,
        petition=petition,
        kind=kw.get("kind_", PetitionKind.COMPLAINT),
        is_competent=True,
        outcome=Outcome.ACCEPT,
    )


def test_verify_dialogue_decide_within_the_time_limit(clock, people, world) -> None:
    petition = _accepted(people, world, clock)
    clock.set(at(2026, 12, 7))
    petition = services.petition_step_record(
        actor=people.handler,
        petition=petition,
        step="verify",
        on=D(2026, 12, 3),
        note="Đã xác minh",
    )
    petition = services.petition_step_record(
        actor=people.handler,
        petition=petition,
        step="dialogue",
        on=D(2026, 12, 4),
        note="Có mặt: người khiếu nại, đại diện UBND",
    )
    with pytest.raises(DomainError) as early:
        services.petition_settle(
            actor=people.handler,
            petition=petition,
            decided_on=D(2026, 12, 1),
            verdict=Verdict.PARTLY,
            summary="Giải quyết",
        )
    assert "decided_on" in early.value.fields
    settled = services.petition_settle(
        actor=people.handler,
        petition=petition,
        decided_on=D(2026, 12, 7),
        verdict=Verdict.PARTLY,
        summary="Khiếu nại đúng một phần.",
    )
    assert settled.status == PetitionStatus.SETTLED
    assert settled.settled_on_time is True
    assert settled.decision.doc_type.code == "quyet-dinh"
    assert list(settled.steps.values_list("name", flat=True)) == ["verify", "dialogue"]


def test_only_a_denunciation_is_extended_and_at_most_twice(clock, people, world) -> None:
    clock.set(at(2026, 12, 2))
    petition = _register(people, world, subject="Tố cáo cán bộ", content="Tố cáo ông X nhận tiền")
    petition = services.petition_classify(
        actor=people.handler,
        petition=petition,
        kind=PetitionKind.DENUNCIATION,
        is_competent=True,
        outcome=Outcome.ACCEPT,
    )
    assert petition.settlement_due_on == D(2027, 1, 4)  # 1/1/2027 a holiday, 2–3/1 weekend
    petition = services.petition_extend(actor=people.handler, petition=petition, reason="Phức tạp")
    petition = services.petition_extend(
        actor=people.handler, petition=petition, reason="Rất phức tạp"
    )
    with pytest.raises(DomainError):
        services.petition_extend(actor=people.handler, petition=petition, reason="Lần ba")
    petition.refresh_from_db()
    assert petition.extensions == 2
    assert petition.settlement_due_on == D(2027, 3, 2)  # 90 days from 2/12


def test_the_denouncer_is_seen_only_by_named_handlers_and_each_read_audited(
    clock, people, world
) -> None:
    petition = _register(people, world, subject="Tố cáo", content="Tố cáo ông X")
    petition = services.petition_classify(
        actor=people.handler,
        petition=petition,
        kind=PetitionKind.DENUNCIATION,
        is_competent=True,
        outcome=Outcome.ACCEPT,
    )
    assert "Trần Văn Bình" not in petition.notice.recipients_text
    assert "Trần Văn Bình" not in petition.notice.body
    with pytest.raises(Http404):
        services.petition_identity_read(actor=people.handler, petition=petition)
    with pytest.raises(Http404):
        services.petition_identity_read(actor=people.chairman, petition=petition)
    assert not AuditEvent.objects.filter(action="complaints.identity_read").exists()
    services.petition_handler_name(actor=people.receiver, petition=petition, handler=people.handler)
    identity = services.petition_identity_read(actor=people.handler, petition=petition)
    assert identity["name"] == "Trần Văn Bình"
    assert AuditEvent.objects.filter(action="complaints.identity_read").count() == 1


def test_an_anonymous_denunciation_is_kept_for_information(clock, people, world) -> None:
    petition = _register(
        people, world, petitioner_name="", is_anonymous=True, content="Tố cáo ẩn danh"
    )
    with pytest.raises(DomainError):
        services.petition_classify(
            actor=people.handler,
            petition=petition,
            kind=PetitionKind.DENUNCIATION,
            is_competent=True,
            outcome=Outcome.ACCEPT,
        )
    kept = services.petition_classify(
        actor=people.handler,
        petition=petition,
        kind=PetitionKind.DENUNCIATION,
        is_competent=True,
        outcome=Outcome.KEEP,
    )
    assert kept.ineligible_reasons == [IneligibleReason.ANONYMOUS]


def test_a_citizen_sends_a_petition_online(clock, world, citizen) -> None:
    petition = services.petition_submit_online(
        actor=citizen, unit=world.district_a, subject="Kiến nghị", content="Sửa đường"
    )
    assert (petition.channel, petition.citizen, petition.petitioner_name) == (
        Channel.PORTAL,
        citizen,
        "Nguyễn Văn An",
    )
    assert not petition.handlers.exists()
    assert Notification.objects.filter(recipient=citizen).count() == 1
    with pytest.raises(DomainError):
        services.petition_submit_online(
            actor=citizen, unit=world.division_a, subject="x", content="y"
        )
