"""Reading a person's notifications: the centre's list and the header's unread count."""

from __future__ import annotations

from egov.accounts.models import Notification, NotificationQuerySet


def notification_list_for(user: object) -> NotificationQuerySet:
    """``user``'s own notifications, newest first."""
    return Notification.objects.of_recipient(user).order_by("-created_at", "-pk")


def notification_unread_count(user: object) -> int:
    """How many of ``user``'s notifications are unread (one query)."""
    return Notification.objects.of_recipient(user).unread().count()
