"""The one way the platform tells a person something: a :class:`Notification` row recorded in
the current transaction, delivered once it commits through Django's e-mail backend or the SMS
backend (``egov.common.sms``), and listed in the recipient's notification centre.

Delivery never raises into the caller: whatever the backend answers, the row says ``sent`` or
``failed`` with the error, so a failing mail server or SMS provider costs the person a message,
never a 500. Sending is not a change of a domain object and is not audited (the domain action
that caused it is); the row itself is the record of what was sent.
"""

from __future__ import annotations

import logging

from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import models, transaction
from django.utils import timezone

from egov.accounts.choices import NotificationChannel, NotificationState
from egov.accounts.models import Notification, User
from egov.common.sms import sms_send

logger = logging.getLogger(__name__)

ERROR_MAX = 2000
REDACTED = "[…]"


def notification_send(
    *,
    recipient: User | None,
    channel: str,
    subject: str,
    body: str,
    address: str | None = None,
    link: str = "",
    obj: models.Model | None = None,
    secret: str = "",
) -> Notification:
    """Record a message to ``recipient`` (or, without an account, to ``address``) and deliver
    it after the current transaction commits (at once outside a transaction).

    ``address`` defaults to the account's e-mail address or phone number for ``channel``;
    ``link`` is a path in the platform (the page the message is about), ``obj`` the domain
    object it concerns. ``secret`` (a one-time link in ``body``) is sent but not kept: the
    stored text shows "[…]" in its place, so the table holds no live credential."""
    channel = NotificationChannel(channel)
    if address is None and recipient is not None:
        address = recipient.email if channel == NotificationChannel.EMAIL else recipient.phone
    if not address:
        raise ValueError("a notification needs an address")
    if link and (not link.startswith("/") or link.startswith("//")):
        raise ValueError("a notification's link is a path in the platform")
    notification = Notification.objects.create(
        recipient=recipient,
        channel=channel,
        address=address,
        subject=subject.strip()[:300],
        body=body.replace(secret, REDACTED) if secret else body,
        link=link or "",
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
    )
    pk = notification.pk
    transaction.on_commit(lambda: notification_deliver(notification_id=pk, body=body))
    return notification


def notification_deliver(*, notification_id: int, body: str | None = None) -> str:
    """Hand a recorded message to its backend once; returns the resulting state. A message
    already sent or failed is left as it is (a repeated call sends nothing twice). ``body``
    is the text as sent when the stored one had a secret taken out."""
    notification = Notification.objects.filter(
        pk=notification_id, state=NotificationState.PENDING
    ).first()
    if notification is None:
        done = Notification.objects.filter(pk=notification_id).values_list("state", flat=True)
        return done.first() or ""
    text = notification.body if body is None else body
    try:
        if notification.channel == NotificationChannel.EMAIL:
            send_mail(notification.subject, text, None, [notification.address])
        else:
            sms_send(notification.address, text)
    except Exception as exc:  # any backend failure is recorded, never raised to the person
        logger.exception(
            "accounts.notification_failed",
            extra={"notification": notification.pk, "channel": notification.channel},
        )
        values = {
            "state": NotificationState.FAILED,
            "error": f"{type(exc).__name__}: {exc}"[:ERROR_MAX],
        }
    else:
        values = {"state": NotificationState.SENT, "sent_at": timezone.now()}
    Notification.objects.filter(pk=notification.pk, state=NotificationState.PENDING).update(
        **values
    )
    return values["state"]


def notification_open(*, user: User, pk: int) -> Notification:
    """The recipient's own notification, marked read the first time it is opened (not audited:
    reading one's messages changes no domain object). Another person's raises
    ``Notification.DoesNotExist``."""
    notification = Notification.objects.of_recipient(user).get(pk=pk)
    if notification.read_at is None:
        now = timezone.now()
        Notification.objects.filter(pk=pk, read_at__isnull=True).update(read_at=now)
        notification.read_at = now
    return notification


def notifications_mark_all_read(*, user: User) -> int:
    """Mark every unread notification of ``user`` read (the "mark all as read" button); returns
    how many. Not audited, like opening one."""
    unread = Notification.objects.of_recipient(user).filter(read_at__isnull=True)
    return unread.update(read_at=timezone.now())
