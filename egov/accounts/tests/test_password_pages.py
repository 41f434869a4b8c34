"""Forgotten password (by e-mail or phone number, the same answer for unknown accounts), the
reset link, changing the password from the profile, all audited."""

from __future__ import annotations

import re

from django.core import mail
from django.urls import reverse

from conftest import PASSWORD
from egov.accounts.models import Notification
from egov.audit.models import AuditEvent

EN = {"accept-language": "en"}
NEW = "Mat-khau-moi-2026!"


def _ask(client, identifier: str):
    return client.post(
        reverse("accounts:password-forgotten"), {"email": identifier}, headers=EN, follow=True
    )


def test_the_link_is_sent_to_the_account_found_by_phone_and_sets_the_password(
    client, citizen, django_capture_on_commit_callbacks
):
    citizen.email = "an.nguyen@example.vn"
    citizen.save(update_fields=["email"])

    with django_capture_on_commit_callbacks(execute=True):  # sent once the answer committed
        answer = _ask(client, "+84 912 345 678")

    assert "Check your e-mail" in answer.content.decode()
    assert [m.to for m in mail.outbox] == [["an.nguyen@example.vn"]]
    link = re.search(r"https?://[^/]+(/accounts/password/reset/\S+)", mail.outbox[0].body).group(1)
    form = client.get(link, follow=True)
    client.post(
        form.redirect_chain[-1][0] if form.redirect_chain else link,
        {"new_password1": NEW, "new_password2": NEW},
        headers=EN,
    )
    citizen.refresh_from_db()
    assert citizen.check_password(NEW)
    assert AuditEvent.objects.filter(action="account.password_reset").count() == 1
    assert "***" in str(AuditEvent.objects.get(action="account.password_reset").changes)
    # the notification centre keeps the message, not its one-time link
    kept = Notification.objects.get(recipient=citizen)
    assert kept.state == "sent"
    assert "/accounts/password/reset/" not in kept.body
    assert "[…]" in kept.body


def test_unknown_accounts_get_the_same_answer_and_a_phone_only_account_gets_an_sms(client, citizen):
    known = _ask(client, "0912345678")  # the citizen has no e-mail address: the link by SMS
    unknown = _ask(client, "nobody@example.vn")

    def main(response) -> str:
        return re.search(r"<main.*</main>", response.content.decode(), re.S).group(0)

    assert known.redirect_chain == unknown.redirect_chain
    assert main(known) == main(unknown)
    assert mail.outbox == []
    sms = Notification.objects.get(recipient=citizen)
    assert (sms.channel, sms.address) == ("sms", citizen.phone)
    assert "/accounts/password/reset/" not in sms.body  # the one-time link is sent, not kept
    assert Notification.objects.count() == 1


def test_an_invalid_link_says_so(client, db):
    page = client.get(
        reverse("accounts:password-reset-confirm", args=["MA", "abc-123"]), headers=EN
    )

    assert "This link is not valid any more" in page.content.decode()


def test_the_profile_shows_the_contact_details_and_the_password_is_changed(client, citizen):
    client.force_login(citizen)

    profile = client.get(reverse("accounts:profile"), headers=EN).content.decode()
    wrong = client.post(
        reverse("accounts:password-change"),
        {"old_password": "wrong", "new_password1": NEW, "new_password2": NEW},
        headers=EN,
    )
    right = client.post(
        reverse("accounts:password-change"),
        {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW},
        headers=EN,
    )

    assert "0912345678" in profile and "Nguyễn Văn An" in profile
    assert wrong.status_code == 200
    assert right.status_code == 302 and right["Location"] == reverse("accounts:profile")
    citizen.refresh_from_db()
    assert citizen.check_password(NEW)
    assert AuditEvent.objects.filter(action="account.password_changed").count() == 1
    # Still logged in after the change (the session follows the new password).
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_the_profile_needs_a_login(client, db):
    response = client.get(reverse("accounts:profile"))

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
