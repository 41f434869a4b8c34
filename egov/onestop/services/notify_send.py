"""Delivering one dossier notification (run by the ``dossier_notification_send`` job) through
the platform's notification centre (``accounts.services_notify``)."""

from __future__ import annotations

import logging
from urllib.parse import urlencode

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from egov.accounts.choices import NotificationChannel
from egov.accounts.services_notify import notification_send
from egov.onestop.models import Dossier

logger = logging.getLogger(__name__)


def dossier_notification_deliver(*, dossier_id: int, event: str) -> bool:
    """E-mail and text the applicant about ``event`` in Vietnamese; False when there is neither
    an address nor a phone number. Each message is a notification of the applicant's account
    (when the dossier has one) linking to the dossier's page; a failed send is recorded as
    failed there, never raised."""
    dossier = Dossier.objects.select_related("procedure", "applicant").filter(pk=dossier_id).first()
    if dossier is None or not (dossier.applicant_email or dossier.applicant_phone):
        return False
    context = {"dossier": dossier, "site_url": settings.SITE_URL.rstrip("/")}
    if dossier.applicant_id:
        link = reverse("onestop:my-dossier-detail", args=[dossier.pk])
    else:
        link = reverse("onestop:dossier-status") + "?" + urlencode({"code": dossier.code})
    with translation.override("vi"):
        subject = render_to_string(f"onestop/email/{event}_subject.txt", context).strip()
        messages = []
        if dossier.applicant_email:
            body = render_to_string(f"onestop/email/{event}.txt", context)
            messages.append((NotificationChannel.EMAIL, dossier.applicant_email, body))
        if dossier.applicant_phone:
            text = render_to_string(f"onestop/sms/{event}.txt", context).strip()
            messages.append((NotificationChannel.SMS, dossier.applicant_phone, text))
    for channel, address, body in messages:
        notification_send(
            recipient=dossier.applicant,
            channel=channel,
            subject=subject,
            body=body,
            address=address,
            link=link,
            obj=dossier,
        )
    logger.info("onestop.dossier_notified", extra={"dossier": dossier.pk, "event": event})
    return True
