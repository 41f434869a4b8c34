"""The code of a comment without an account sent again on request (not too soon, limited per
comment and per address, the old code dead), a double-clicked form sending one comment, and
the daily expiry of what was never confirmed (contact erased, audited, idempotent)."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core import mail, signing
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from egov.audit.models import AuditEvent
from egov.disclosure import services
from egov.disclosure.choices import CommentStatus, SupportStatus
from egov.disclosure.exceptions import DisclosureError
from egov.disclosure.models import Comment, Support
from egov.disclosure.tests.conftest import at
from egov.disclosure.tests.test_services import open_consultation
from egov.disclosure.tests.test_without_account import _english, code_in, send  # noqa: F401
from egov.disclosure.views_codes import COMMENT_SALT

SECOND = datetime.timedelta(seconds=1)


def test_a_new_code_replaces_the_first_and_publishes_the_comment(
    clock, world, people, draft, django_capture_on_commit_callbacks
):
    consultation = open_consultation(world, people, draft)
    comment = send(consultation, django_capture_on_commit_callbacks)
    first = code_in(mail.outbox[-1].body)

    with pytest.raises(DisclosureError) as too_soon:
        services.comment_code_resend(comment=comment)
    clock.set(at(2026, 3, 2, 9) + 61 * SECOND)
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_code_resend(comment=comment)
    second = code_in(mail.outbox[-1].body)

    assert too_soon.value.code == "too_soon"
    assert too_soon.value.fields == {
        "code": "A code was sent a moment ago. Wait 60 seconds before asking for another."
    }
    assert [m.to for m in mail.outbox] == [["dung.pham@example.vn"]] * 2
    assert AuditEvent.objects.filter(action="disclosure.code_resent").count() == 1
    if first != second:
        with pytest.raises(DisclosureError):
            services.comment_confirm(comment=comment, code=first)
    done = services.comment_confirm(comment=comment, code=second)
    assert done.status == CommentStatus.PUBLISHED


def test_a_new_code_after_the_first_expired_and_after_too_many_tries(
    clock, world, people, draft, django_capture_on_commit_callbacks
):
    consultation = open_consultation(world, people, draft)
    comment = send(consultation, django_capture_on_commit_callbacks)
    for _try in range(5):
        with pytest.raises(DisclosureError):
            services.comment_confirm(comment=comment, code="abc")
    clock.set(at(2026, 3, 2, 10))

    with pytest.raises(DisclosureError) as expired:
        services.comment_confirm(comment=comment, code=code_in(mail.outbox[-1].body))
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_code_resend(comment=comment)
    comment.refresh_from_db()

    assert expired.value.fields == {"code": "The code has expired. Ask for a new code."}
    assert comment.code_attempts == 0
    services.comment_confirm(comment=comment, code=code_in(mail.outbox[-1].body))
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PUBLISHED


def test_no_new_code_once_the_consultation_closed(
    clock, world, people, draft, django_capture_on_commit_callbacks
):
    consultation = open_consultation(world, people, draft)
    comment = send(consultation, django_capture_on_commit_callbacks)
    clock.set(at(2026, 3, 17))

    with pytest.raises(DisclosureError) as closed:
        services.comment_code_resend(comment=comment)

    assert closed.value.code == "closed"
    assert len(mail.outbox) == 1


def _confirm_url(comment: Comment) -> str:
    return reverse(
        "disclosure:comment-confirm", args=[signing.dumps(comment.pk, salt=COMMENT_SALT)]
    )


def test_the_resend_button_sends_a_code_then_says_to_wait(
    client, clock, world, people, draft, django_capture_on_commit_callbacks
):
    consultation = open_consultation(world, people, draft)
    comment = send(consultation, django_capture_on_commit_callbacks)
    confirm = _confirm_url(comment)
    resend = confirm + "resend/"
    clock.set(
        at(
            2026,
            3,
            2,
            9,
        )
        + 120 * SECOND
    )

    page = client.get(confirm, HTTP_ACCEPT_LANGUAGE="en")
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(resend, HTTP_ACCEPT_LANGUAGE="en")
    followed = client.get(confirm, HTTP_ACCEPT_LANGUAGE="en")
    second = client.post(resend, HTTP_ACCEPT_LANGUAGE="en")  # the double click

    assert "Send me a new code" in page.content.decode()
    assert (first.status_code, first["Location"]) == (302, confirm)
    assert "A new code is sent to d***@example.vn." in followed.content.decode()
    assert second.status_code == 400
    assert "Wait 60 seconds before asking for another." in second.content.decode()
    assert len(mail.outbox) == 2


@override_settings(EGOV_DISCLOSURE_CODE_RESENDS_PER_HOUR=2, EGOV_ONE_TIME_CODE_RESEND_SECONDS=0)
def test_new_codes_are_limited_per_comment_even_from_several_addresses(
    client, clock, world, people, draft, django_capture_on_commit_callbacks
):
    consultation = open_consultation(world, people, draft)
    comment = send(consultation, django_capture_on_commit_callbacks)
    resend = _confirm_url(comment) + "resend/"

    with django_capture_on_commit_callbacks(execute=True):
        codes = [client.post(resend, REMOTE_ADDR=f"203.0.113.{n}").status_code for n in range(1, 4)]

    assert codes == [302, 302, 429]
    assert len(mail.outbox) == 3  # the first code and two new ones


def test_a_double_clicked_comment_form_holds_one_comment_and_sends_one_code(
    client, clock, world, people, draft, django_capture_on_commit_callbacks
):
    consultation = open_consultation(world, people, draft)
    page = client.get(reverse("disclosure:consultation-detail", args=[consultation.pk]))
    key = page.context["form"]["request_key"].value()
    url = reverse("disclosure:comment-create", args=[consultation.pk])
    data = {
        "author_name": "Dũng",
        "contact": "dung@example.vn",
        "body": "Ý kiến",
        "request_key": key,
    }

    with django_capture_on_commit_callbacks(execute=True):
        answers = [client.post(url, data), client.post(url, data)]

    assert [a.status_code for a in answers] == [302, 302]
    assert answers[0]["Location"] == answers[1]["Location"]
    assert Comment.objects.count() == 1
    assert len(mail.outbox) == 1


def test_a_double_clicked_comment_of_an_account_is_published_once(
    client, clock, world, people, draft
):
    consultation = open_consultation(world, people, draft)
    client.force_login(people.citizen)
    url = reverse("disclosure:comment-create", args=[consultation.pk])
    data = {"body": "Cần thêm chỉ tiêu.", "request_key": "k" * 32}

    answers = [client.post(url, data).status_code for _click in range(2)]

    assert answers == [302, 302]
    assert Comment.objects.filter(author=people.citizen).count() == 1
    assert AuditEvent.objects.filter(action="disclosure.comment_sent").count() == 1


def test_what_was_never_confirmed_expires_once_audited_and_without_its_contact(
    clock, world, people, draft, django_capture_on_commit_callbacks
):
    consultation = open_consultation(world, people, draft)
    old = send(consultation, django_capture_on_commit_callbacks)
    published = services.comment_send(actor=people.citizen, consultation=consultation, body="Có")
    held_support = services.comment_support_without_account(comment=published, contact="0912777888")
    clock.set(at(2026, 3, 3, 16))
    recent = send(consultation, django_capture_on_commit_callbacks, contact="moi@example.vn")
    out = io.StringIO()

    with override_settings(EGOV_DISCLOSURE_UNCONFIRMED_HOURS=48):
        clock.set(at(2026, 3, 4, 10))
        call_command("disclosure_unconfirmed_expire", date="2026-03-04", stdout=out)
        call_command("disclosure_unconfirmed_expire", date="2026-03-04", stdout=out)

    assert out.getvalue().splitlines() == [
        "Unconfirmed comments expired: 1 comments and 1 supports expired.",
        "Unconfirmed comments expired: 0 comments and 0 supports expired.",
    ]
    old.refresh_from_db()
    recent.refresh_from_db()
    held_support.refresh_from_db()
    assert (old.status, old.contact, old.code_digest) == (CommentStatus.EXPIRED, "", "")
    assert recent.status == CommentStatus.PENDING
    assert (held_support.status, held_support.contact, held_support.contact_key) == (
        SupportStatus.EXPIRED,
        "",
        "",
    )
    assert AuditEvent.objects.filter(action="disclosure.unconfirmed_expired").count() == 2
    with pytest.raises(DisclosureError) as late:
        services.comment_confirm(comment=old, code="123456")
    assert late.value.code == "expired"
    assert published.pk in Comment.objects.received().values_list("pk", flat=True)
    assert old.pk not in Comment.objects.received().values_list("pk", flat=True)
    again = services.comment_support_without_account(comment=published, contact="0912777888")
    assert again.pk != held_support.pk  # the expired one no longer blocks the person
    assert Support.objects.filter(status=SupportStatus.CONFIRMED).count() == 0


def test_the_expired_comment_page_says_so(
    client, clock, world, people, draft, django_capture_on_commit_callbacks
):
    consultation = open_consultation(world, people, draft)
    comment = send(consultation, django_capture_on_commit_callbacks)
    clock.set(at(2026, 3, 6))
    services.unconfirmed_expire(now=at(2026, 3, 6))

    answer = client.get(_confirm_url(comment), HTTP_ACCEPT_LANGUAGE="en", follow=True)

    assert "This comment was never confirmed and has expired: send it again." in (
        answer.content.decode()
    )
