"""Commenting on a consulted draft without an account: the comment is held until the one-time
code sent by e-mail or SMS is typed back; wrong, expired and exhausted codes are refused; the
contact is masked once proved, limited per contact, and personal data in the text refused. And
the consultation's questions: answered per question, counted in the synthesis."""

from __future__ import annotations

import re
from typing import ClassVar

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from egov.accounts.models import Notification
from egov.audit.models import AuditEvent
from egov.disclosure import selectors, services
from egov.disclosure.choices import CommentStatus
from egov.disclosure.exceptions import DisclosureError
from egov.disclosure.models import Comment, Response
from egov.disclosure.tests.conftest import at
from egov.disclosure.tests.test_services import open_consultation

FAKE_SMS = "egov.disclosure.tests.test_without_account.SentTexts"


class SentTexts:
    """Collects texts instead of sending them (``EGOV_SMS_BACKEND``)."""

    sent: ClassVar[list[tuple[str, str]]] = []

    def send(self, phone: str, text: str) -> None:
        SentTexts.sent.append((phone, text))


@pytest.fixture(autouse=True)
def _english():
    """Messages and the synthesis in their English source (the default language is vi)."""
    with translation.override("en"):
        yield


def code_in(text: str) -> str:
    return re.search(r"\b(\d{6})\b", text).group(1)


def send(consultation, capture, **values):
    defaults = {
        "author_name": "Phạm Văn Dũng",
        "contact": "Dung.Pham@Example.vn",
        "body": "Cần làm rõ nguồn vốn.",
    }
    defaults.update(values)
    with capture(execute=True):
        return services.comment_send_without_account(consultation=consultation, **defaults)


def test_a_comment_without_account_is_held_until_the_emailed_code_is_typed_back(
    clock, world, people, draft, django_capture_on_commit_callbacks
):
    consultation = open_consultation(world, people, draft)

    comment = send(consultation, django_capture_on_commit_callbacks)

    assert comment.status == CommentStatus.PENDING
    assert list(selectors.comments_of(consultation)) == []
    assert [m.to for m in mail.outbox] == [["dung.pham@example.vn"]]
    code = code_in(mail.outbox[0].body)
    assert code not in Notification.objects.get().body  # the stored text has no live code

    with pytest.raises(DisclosureError) as wrong:
        services.comment_confirm(comment=comment, code="000000" if code != "000000" else "1")
    assert wrong.value.fields == {"code": "The code is wrong."}
    comment.refresh_from_db()
    assert (comment.status, comment.code_attempts) == (CommentStatus.PENDING, 1)

    done = services.comment_confirm(comment=comment, code=code)
    again = services.comment_confirm(comment=comment, code=code)

    assert done.status == again.status == CommentStatus.PUBLISHED
    assert done.contact == "d***@example.vn" and done.code_digest == ""
    assert list(selectors.comments_of(consultation)) == [done]
    assert AuditEvent.objects.filter(action="disclosure.comment_confirmed").count() == 1


@override_settings(EGOV_SMS_BACKEND=FAKE_SMS)
def test_a_phone_number_gets_the_code_by_sms(
    clock, world, people, draft, django_capture_on_commit_callbacks
):
    SentTexts.sent.clear()
    consultation = open_consultation(world, people, draft)

    comment = send(consultation, django_capture_on_commit_callbacks, contact="+84 987 654 321")

    assert [phone for phone, _text in SentTexts.sent] == ["0987654321"]
    services.comment_confirm(comment=comment, code=code_in(SentTexts.sent[0][1]))
    comment.refresh_from_db()
    assert (comment.status, comment.contact) == (CommentStatus.PUBLISHED, "098*****21")


def test_an_expired_code_and_too_many_tries_are_refused(
    clock, world, people, draft, django_capture_on_commit_callbacks
):
    consultation = open_consultation(world, people, draft)
    late = send(consultation, django_capture_on_commit_callbacks)
    late_code = code_in(mail.outbox[-1].body)
    tried = send(consultation, django_capture_on_commit_callbacks, contact="0912999888")
    for _try in range(5):
        with pytest.raises(DisclosureError):
            services.comment_confirm(comment=tried, code="abc")

    with pytest.raises(DisclosureError) as exhausted:
        services.comment_confirm(comment=tried, code="123456")
    clock.set(at(2026, 3, 2, 10))
    with pytest.raises(DisclosureError) as expired:
        services.comment_confirm(comment=late, code=late_code)

    assert "Too many wrong codes" in exhausted.value.message
    assert "expired" in expired.value.message
    assert Comment.objects.filter(status=CommentStatus.PUBLISHED).count() == 0


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"contact": "không phải"}, "contact"),
        ({"contact": "a@b"}, "contact"),
        ({"body": "Gọi tôi qua 0912 345 678 nhé"}, "body"),
        ({"author_name": "  "}, "author_name"),
    ],
)
def test_bad_input_is_refused_on_its_field_and_nothing_is_sent(
    clock, world, people, draft, django_capture_on_commit_callbacks, values, field
):
    consultation = open_consultation(world, people, draft)

    with pytest.raises(Exception) as refused:
        send(consultation, django_capture_on_commit_callbacks, **values)

    assert field in refused.value.fields
    assert (Comment.objects.count(), len(mail.outbox)) == (0, 0)


def test_the_pages_hold_the_comment_and_publish_it_with_the_code(
    client, clock, world, people, draft, django_capture_on_commit_callbacks
):
    consultation = open_consultation(world, people, draft)
    url = reverse("disclosure:comment-create", args=[consultation.pk])
    page = client.get(reverse("disclosure:consultation-detail", args=[consultation.pk]))
    assert "contact" in page.context["form"].fields

    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(
            url, {"author_name": "Phạm Văn Dũng", "contact": "dung@example.vn", "body": "Ý kiến"}
        )

    confirm_url = sent["Location"]
    assert confirm_url.startswith("/disclosure/comments/confirm/")
    assert client.get(confirm_url).status_code == 200
    assert client.post(confirm_url, {"code": "x"}).status_code == 400
    done = client.post(confirm_url, {"code": code_in(mail.outbox[0].body)})
    assert done.status_code == 302
    assert Comment.objects.get().status == CommentStatus.PUBLISHED
    assert client.get(confirm_url).status_code == 302  # already published
    forged = reverse("disclosure:comment-confirm", args=[f"{Comment.objects.get().pk}:x:y"])
    assert client.get(forged).status_code == 404


@override_settings(EGOV_DISCLOSURE_COMMENTS_PER_HOUR=2)
def test_comments_of_one_contact_are_limited_even_from_several_addresses(
    client, clock, world, people, draft
):
    consultation = open_consultation(world, people, draft)
    url = reverse("disclosure:comment-create", args=[consultation.pk])
    data = {"author_name": "Dũng", "contact": "0912 111 222", "body": "Ý kiến"}

    codes = [client.post(url, data, REMOTE_ADDR=f"203.0.113.{n}").status_code for n in range(1, 4)]

    assert codes == [302, 302, 429]
    assert Comment.objects.count() == 2


def test_questions_are_answered_per_question_and_counted_in_the_synthesis(
    client, clock, world, people, draft, django_capture_on_commit_callbacks
):
    consultation = open_consultation(
        world,
        people,
        draft,
        questions="Anh chị có đồng ý với lộ trình? | Đồng ý | Không đồng ý\nĐề xuất khác?",
    )
    agree, other = consultation.asked.all()
    assert (agree.options, other.options) == (["Đồng ý", "Không đồng ý"], [])
    client.force_login(people.citizen)
    url = reverse("disclosure:comment-create", args=[consultation.pk])
    answered = client.post(  # answers without a text
        url, {f"question_{agree.pk}": "Đồng ý"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    services.comment_send(
        actor=people.other_citizen,
        consultation=consultation,
        body="",
        responses={agree.pk: ("Không đồng ý", "Quá nhanh"), other.pk: ("", "Thêm đào tạo")},
    )
    with pytest.raises(DisclosureError) as bad_option:
        services.comment_send(
            actor=people.other_citizen,
            consultation=consultation,
            body="",
            responses={agree.pk: ("Có lẽ", "")},
        )
    with pytest.raises(Exception) as empty:
        services.comment_send(actor=people.other_citizen, consultation=consultation, body="")

    assert answered.status_code == 302
    assert Response.objects.count() == 3
    assert bad_option.value.fields == {f"question_{agree.pk}": "Choose one of the options offered."}
    assert "body" in empty.value.fields
    clock.set(at(2026, 3, 16, 16))
    closed = services.consultation_close(
        actor=people.consulting_officer, consultation=consultation, synthesis="Tổng hợp."
    )
    body = closed.synthesis.body
    assert "Question 1: Anh chị có đồng ý với lộ trình? — 2 answers." in body
    assert "  Đồng ý: 1" in body and "  Không đồng ý: 1" in body
    assert "  - Thêm đào tạo" in body
