"""Services of disclosure and consultation: publishing with its checks (nothing half-published),
postings, duty status, and a consultation from opening to the adopted version."""

from __future__ import annotations

import datetime

import pytest

from egov.audit.models import AuditEvent
from egov.common.exceptions import PermissionDenied
from egov.common.files import FileRefused
from egov.common.validation import TextRequired
from egov.disclosure import services
from egov.disclosure.choices import CommentStatus, ConsultationStatus, DutyStatus, Place
from egov.disclosure.exceptions import DisclosureError
from egov.disclosure.models import Comment, Duty, Item
from egov.disclosure.selectors import duty_rows, late_rows_for_user
from egov.disclosure.tests.conftest import at, photo, xlsx_of
from egov.documents.models import Document, DocumentLink, DocumentType
from egov.documents.services import FileIn, document_draft_create

D = datetime.date


def publish(actor, unit, code="budget-estimate", **values):
    defaults = {
        "period_day": D(2026, 1, 15),
        "title": "Dự toán ngân sách phường năm 2026",
        "places": [Place.UNIT_PAGE, Place.NOTICE_BOARD],
        "display_from": D(2026, 3, 2),
        "display_until": D(2026, 4, 30),
        "upload": FileIn(name="du-toan.xlsx", content=xlsx_of([["Khoản", "Số tiền"], ["Chi", 12]])),
    }
    defaults.update(values)
    return services.item_publish(
        actor=actor, unit=unit, duty=Duty.objects.get(code=code), **defaults
    )


def test_an_item_is_published_as_a_registry_notice_and_the_duty_is_late(clock, world, people):
    item = publish(people.commune_officer, world.commune_a)

    assert (item.period_first, item.period_last) == (D(2026, 1, 1), D(2026, 12, 31))
    assert item.document.doc_type.code == "thong-bao"
    assert item.document.files.count() == 1
    assert AuditEvent.objects.filter(action="disclosure.item_published").count() == 1
    # budget estimate: 20 working days from 1 January (Tết 2026 holidays counted out)
    rows = {r.duty.code: r for r in duty_rows([world.commune_a], D(2026, 3, 2))}
    assert rows["budget-estimate"].status == DutyStatus.LATE
    assert rows["budget-estimate"].published_on == D(2026, 3, 2)


def test_an_item_published_by_its_due_day_is_on_time(clock, world, people):
    clock.set(at(2026, 1, 12))
    publish(people.commune_officer, world.commune_a, display_from=D(2026, 1, 12))

    rows = {r.duty.code: r for r in duty_rows([world.commune_a], D(2026, 3, 2))}
    assert rows["budget-estimate"].status == DutyStatus.ON_TIME


def test_the_city_office_sees_the_commune_that_published_nothing(clock, world, people):
    publish(people.commune_officer, world.commune_a)

    late = {
        (r.unit.name, r.duty.code, r.status)
        for r in late_rows_for_user(people.city_office_head, D(2026, 3, 2))
    }
    assert ("Phường Hàng Trống", "budget-estimate", DutyStatus.MISSING) in late
    assert ("Phường Phúc Xá", "budget-estimate", DutyStatus.LATE) in late
    assert late_rows_for_user(people.other_commune_officer, D(2026, 3, 2)) != []
    assert {
        r.unit.name for r in late_rows_for_user(people.other_commune_officer, D(2026, 3, 2))
    } == {"Phường Hàng Trống"}


def test_a_display_shorter_than_the_duty_minimum_is_refused_and_nothing_is_written(
    clock, world, people
):
    with pytest.raises(DisclosureError) as refused:
        publish(people.commune_officer, world.commune_a, display_until=D(2026, 3, 20))

    assert refused.value.code == "display_too_short"
    assert refused.value.fields.keys() == {"display_until"}
    assert (
        Item.objects.count(),
        Document.objects.count(),
        AuditEvent.objects.filter(action__startswith="disclosure").count(),
    ) == (0, 0, 0)


def test_an_id_number_in_a_published_list_is_refused_even_when_confirmed(clock, world, people):
    rows = [["Họ tên", "Số CCCD"], ["Nguyễn Văn C", "001085099999"]]
    with pytest.raises(DisclosureError) as refused:
        publish(
            people.commune_officer,
            world.commune_a,
            code="poor-households",
            period_day=D(2025, 12, 1),
            places=[Place.NOTICE_BOARD],
            display_until=D(2026, 3, 20),
            upload=FileIn(name="ho-ngheo.xlsx", content=xlsx_of(rows)),
            personal_data_confirmed=True,
        )

    assert refused.value.code == "personal_data"
    assert (Item.objects.count(), Document.objects.count()) == (0, 0)


def test_a_list_of_people_must_be_a_table(clock, world, people):
    from egov.common.testing.files import pdf

    with pytest.raises(DisclosureError) as refused:
        publish(
            people.commune_officer,
            world.commune_a,
            code="poor-households",
            period_day=D(2025, 12, 1),
            places=[Place.NOTICE_BOARD],
            upload=FileIn(name="ho-ngheo.pdf", content=pdf()),
        )

    assert refused.value.code == "list_not_a_table"


def test_a_phone_number_needs_the_officers_confirmation(clock, world, people):
    with pytest.raises(DisclosureError) as refused:
        publish(people.commune_officer, world.commune_a, summary="Liên hệ 0912345678")
    assert refused.value.code == "personal_data"

    item = publish(
        people.commune_officer,
        world.commune_a,
        summary="Liên hệ 0912345678",
        personal_data_confirmed=True,
    )
    assert item.summary == "Liên hệ 0912345678"


def test_another_communes_officer_cannot_publish(clock, world, people):
    with pytest.raises(PermissionDenied):
        publish(people.other_commune_officer, world.commune_a)
    assert Item.objects.count() == 0


def test_a_posting_is_confirmed_with_a_photo_at_a_physical_place(clock, world, people):
    item = publish(people.commune_officer, world.commune_a)

    posting = services.posting_confirm(
        actor=people.commune_officer,
        item=item,
        place=Place.NOTICE_BOARD,
        posted_on=D(2026, 3, 2),
        photo=FileIn(name="anh.jpg", content=photo()),
    )

    assert (posting.place, posting.content_type) == (Place.NOTICE_BOARD, "image/jpeg")
    with pytest.raises(DisclosureError):
        services.posting_confirm(
            actor=people.commune_officer,
            item=item,
            place=Place.UNIT_PAGE,
            posted_on=D(2026, 3, 2),
            photo=FileIn(name="anh.jpg", content=photo()),
        )
    with pytest.raises(FileRefused):
        services.posting_confirm(
            actor=people.commune_officer,
            item=item,
            place=Place.NOTICE_BOARD,
            posted_on=D(2026, 3, 2),
            photo=FileIn(name="anh.jpg", content=b"not a photo"),
        )
    assert item.postings.count() == 1


def open_consultation(world, people, draft, **values):
    defaults = {
        "title": "Lấy ý kiến dự thảo Kế hoạch chuyển đổi số",
        "summary": "Góp ý cho dự thảo.",
        "opens_on": D(2026, 3, 2),
        "closes_on": D(2026, 3, 16),
        "audience": "city",
        "sections": ["Phần I. Mục tiêu", "Phần II. Nhiệm vụ"],
        "questions": "Mục tiêu có phù hợp không?",
    }
    defaults.update(values)
    return services.consultation_open(
        actor=people.consulting_officer, unit=world.dept, draft=draft, **defaults
    )


def test_a_consultation_from_opening_to_the_adopted_version(
    clock,
    world,
    people,
    draft,
    dept_head,
):
    consultation = open_consultation(world, people, draft)
    first, second = consultation.sections.all()
    one = services.comment_send(
        actor=people.citizen, consultation=consultation, section=first, body="Cần thêm chỉ tiêu."
    )
    two = services.comment_send(
        actor=people.other_citizen, consultation=consultation, section=second, body="Đồng ý."
    )
    services.comment_support(actor=people.other_citizen, comment=one)
    services.comments_answer(
        actor=people.consulting_officer, comments=[one, two], answer="Tiếp thu."
    )

    clock.set(at(2026, 3, 16, 16))
    closed = services.consultation_close(
        actor=people.consulting_officer, consultation=consultation, synthesis="Báo cáo tổng hợp."
    )
    adopted = document_draft_create(
        actor=people.consulting_officer,
        drafting_unit=world.dept,
        unit=world.dept,
        doc_type=DocumentType.objects.get(code="ke-hoach"),
        subject="Kế hoạch chuyển đổi số năm 2026",
    )
    with pytest.raises(DisclosureError) as unissued:
        services.consultation_adopt(
            actor=people.consulting_officer, consultation=closed, adopted=adopted
        )
    assert unissued.value.code == "synthesis_not_issued"
    services.synthesis_issue(actor=dept_head, consultation=closed)
    closed.refresh_from_db()
    done = services.consultation_adopt(
        actor=people.consulting_officer, consultation=closed, adopted=adopted
    )

    one.refresh_from_db()
    assert (one.support_count, one.answer) == (1, "Tiếp thu.")
    assert closed.synthesis.doc_type.code == "bao-cao"
    assert "Cần thêm chỉ tiêu." in closed.synthesis.body and "Tiếp thu." in closed.synthesis.body
    assert done.status == ConsultationStatus.ADOPTED
    assert set(DocumentLink.objects.filter(source=adopted).values_list("target_id", "kind")) == {
        (draft.pk, "replaces"),
        (closed.synthesis_id, "implements"),
    }


def test_a_comment_after_the_period_is_refused(clock, world, people, draft):
    consultation = open_consultation(world, people, draft)
    clock.set(at(2026, 3, 17))

    with pytest.raises(DisclosureError) as refused:
        services.comment_send(actor=people.citizen, consultation=consultation, body="Muộn.")

    assert refused.value.code == "closed"
    assert Comment.objects.count() == 0


def test_a_consultation_needs_its_draft(clock, world, people):
    with pytest.raises(DisclosureError) as refused:
        open_consultation(world, people, None)
    assert refused.value.fields.keys() == {"draft"}


def test_a_hidden_comment_is_kept_with_its_reason(clock, world, people, draft):
    consultation = open_consultation(world, people, draft)
    comment = services.comment_send(
        actor=people.citizen, consultation=consultation, body="Quảng cáo"
    )

    with pytest.raises(TextRequired):
        services.comment_hide(
            actor=people.consulting_officer, comment=comment, reason="spam", note=" "
        )
    services.comment_hide(
        actor=people.consulting_officer, comment=comment, reason="spam", note="Quảng cáo."
    )

    comment.refresh_from_db()
    assert (comment.status, comment.hidden_reason, comment.body) == (
        CommentStatus.HIDDEN,
        "spam",
        "Quảng cáo",
    )
    assert AuditEvent.objects.filter(action="disclosure.comment_hidden").count() == 1


def test_officers_cannot_comment_and_citizens_support_once(clock, world, people, draft):
    consultation = open_consultation(world, people, draft)
    comment = services.comment_send(actor=people.citizen, consultation=consultation, body="Ý kiến.")

    with pytest.raises(PermissionDenied):
        services.comment_send(actor=people.consulting_officer, consultation=consultation, body="x")
    services.comment_support(actor=people.other_citizen, comment=comment)
    with pytest.raises(DisclosureError) as again:
        services.comment_support(actor=people.other_citizen, comment=comment)
    assert again.value.code == "already"
    with pytest.raises(DisclosureError):
        services.comment_support(actor=people.citizen, comment=comment)


def test_a_secret_document_is_never_published_or_consulted_on(clock, world, people, draft):
    draft.secrecy = "secret"
    draft.save(update_fields=["secrecy"])

    with pytest.raises(DisclosureError) as published:
        publish(
            people.consulting_officer, world.dept, code="satisfaction", upload=None, document=draft
        )
    with pytest.raises(DisclosureError) as consulted:
        open_consultation(world, people, draft)

    assert (published.value.code, consulted.value.code) == ("secret", "secret")
    assert Item.objects.count() == 0


def test_an_account_with_an_unconfirmed_contact_cannot_comment(clock, world, people, draft):
    from egov.accounts.services import public_account_register

    unconfirmed = public_account_register(
        full_name="Lê Chưa Xác",
        password=None,
        phone="0912000333",
        citizen_id="001090000333",
        contact_verified=False,
    )
    consultation = open_consultation(world, people, draft)

    with pytest.raises(PermissionDenied):
        services.comment_send(actor=unconfirmed, consultation=consultation, body="Ý kiến.")
    assert Comment.objects.count() == 0
