"""The notification centre: "mark all as read" marks only one's own notifications."""

from __future__ import annotations

from django.urls import reverse

from egov.accounts.models import Notification
from egov.accounts.services_notify import notification_send

EN = {"accept-language": "en"}


def _send(person, subject):
    return notification_send(
        recipient=person, channel="email", subject=subject, body="…", address="x@example.vn"
    )


def test_mark_all_as_read_marks_only_ones_own(client, citizen, specialist):
    for n in range(3):
        _send(citizen, f"Hồ sơ {n}")
    theirs = _send(specialist, "Của người khác")
    client.force_login(citizen)

    page = client.get(reverse("accounts:notifications"), headers=EN)
    assert "Mark all as read" in page.content.decode()
    answer = client.post(reverse("accounts:notifications-read-all"), headers=EN, follow=True)

    assert "3 notifications marked as read." in answer.content.decode()
    assert "Mark all as read" not in answer.content.decode()
    assert not Notification.objects.filter(recipient=citizen, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_all_as_read_needs_a_post_and_a_login(client, citizen):
    assert client.get(reverse("accounts:notifications-read-all")).status_code == 405
    answer = client.post(reverse("accounts:notifications-read-all"))
    assert answer.status_code == 302 and "/login" in answer["Location"]
