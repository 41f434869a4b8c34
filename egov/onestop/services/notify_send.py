"""Delivering one dossier notification (run by the ``dossier_notification_send`` job)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from egov.common.sms import sms_send
from egov.onestop.models import Dossier

logger = logging.getLogger(__name__)


def dossier_notification_deliver(*, dossier_id: int, event: str) -> bool:
    """E-mail and text the applicant about ``event`` in Vietnamese; False when there is neither
    an address nor a phone number. Idempotent enough for a retried job: a second run sends the
    same messages again, never different ones."""
    dossier = Dossier.objects.select_related("procedure").filter(pk=dossier_id).first()
    if dossier is None or not (dossier.applicant_email or dossier.applicant_phone):
        return False
    context = {"dossier": dossier, "site_url": settings.SITE_URL.rstrip("/")}
    with translation.override("vi"):
        if dossier.applicant_email:
            subject = render_to_string(f"onestop/email/{event}_subject.txt", context).strip()
            body = render_to_string(f"onestop/email/{event}.txt", context)
            send_mail(subject, body, None, [dossier.applicant_email])
        if dossier.applicant_phone:
            _sms_deliver(dossier, render_to_string(f"onestop/sms/{event}.txt", context).strip())
    logger.info("onestop.dossier_notified", extra={"dossier": dossier.pk, "event": event})
    return True


def _sms_deliver(dossier: Dossier, text: str) -> None:
    """Text the applicant. A provider failure is logged, not raised: the e-mail has gone, and a
    retried job would send it twice."""
    try:
        sms_send(dossier.applicant_phone, text)
    except Exception:
        logger.exception("onestop.sms_failed", extra={"dossier": dossier.pk})
