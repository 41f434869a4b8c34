"""One-time codes to an e-mail address or a phone number that has no account: a person proves
they hold the contact by typing back the six digits sent to it (a comment on a consulted draft
without an account, for instance).

The code travels through the notification centre (``notification_send``: Django's e-mail
backend, or the SMS backend of ``egov.common.sms``), its text kept with the code taken out. The
caller keeps only the code's keyed digest (HMAC with the site's secret key and the caller's
``purpose``), with the time it was sent and the attempts made: no table here, so the holder of
the pending thing owns its state. The codes of account holders' contacts are links instead
(``contact_verification_send``)."""

from __future__ import annotations

import datetime
import re
import secrets

from django.conf import settings
from django.db import models
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from egov.accounts.choices import NotificationChannel
from egov.accounts.exceptions import InvalidAccountData
from egov.accounts.rules import is_valid_phone, normalize_email, normalize_phone
from egov.accounts.services_notify import notification_send

CODE_DIGITS = 6
_EMAIL_SHAPE = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


def contact_parse(raw: str, *, field: str = "contact") -> tuple[str, str]:
    """(channel, address) of an e-mail address (it has an @) or a Vietnamese phone number;
    anything else is refused with a message on ``field``."""
    raw = (raw or "").strip()
    if "@" in raw:
        address = normalize_email(raw)
        if len(address) > 254 or not re.match(_EMAIL_SHAPE, address):
            message = _("Enter a valid e-mail address.")
            raise InvalidAccountData(message, fields={field: message})
        return NotificationChannel.EMAIL, address
    address = normalize_phone(raw)
    if not is_valid_phone(address):
        message = _("Enter a valid Vietnamese phone number or an e-mail address.")
        raise InvalidAccountData(message, fields={field: message})
    return NotificationChannel.SMS, address


def contact_masked(address: str) -> str:
    """The contact as officers may see it once proved: 'a***@example.vn', '091*****78'."""
    if "@" in address:
        name, _at, domain = address.partition("@")
        return f"{name[:1]}***@{domain}"
    return f"{address[:3]}{'*' * max(len(address) - 5, 0)}{address[-2:]}"


def one_time_code_digest(code: str, *, purpose: str) -> str:
    """The keyed digest kept in place of ``code`` (``purpose`` names the holder, so a digest
    copied to another holder does not match)."""
    return salted_hmac("egov.accounts.one-time-code", f"{purpose}:{code}").hexdigest()


def contact_key(address: str) -> str:
    """A keyed digest standing for a proved contact (an address from :func:`contact_parse`):
    enough to tell that the same person acts again, without keeping the address."""
    return salted_hmac("egov.accounts.contact-key", address).hexdigest()


def one_time_code_resend_wait(sent_at: datetime.datetime | None) -> int:
    """Seconds before another code may go to the same contact for the same thing (0: now):
    ``EGOV_ONE_TIME_CODE_RESEND_SECONDS`` after the last, so a double click sends one."""
    if sent_at is None:
        return 0
    ready = sent_at + datetime.timedelta(seconds=settings.EGOV_ONE_TIME_CODE_RESEND_SECONDS)
    return max(0, int((ready - timezone.now()).total_seconds() + 0.999))


def one_time_code_send(
    *, channel: str, address: str, purpose: str, what: str, obj: models.Model | None = None
) -> str:
    """Send a fresh code to ``address`` (``what`` says in the message what it confirms) and
    return its digest for the caller to keep; the code itself is kept nowhere."""
    code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
    context = {"code": code, "what": what, "minutes": settings.EGOV_ONE_TIME_CODE_MINUTES}
    with translation.override("vi"):
        subject = render_to_string("accounts/email/one_time_code_subject.txt", context).strip()
        folder = "email" if channel == NotificationChannel.EMAIL else "sms"
        body = render_to_string(f"accounts/{folder}/one_time_code.txt", context).strip()
    notification_send(
        recipient=None,
        channel=channel,
        subject=subject,
        body=body,
        address=address,
        obj=obj,
        secret=code,
    )
    return one_time_code_digest(code, purpose=purpose)


def one_time_code_problem(
    *, code: str, digest: str, purpose: str, sent_at: datetime.datetime | None, attempts: int
) -> str:
    """Why ``code`` does not prove the contact ('' when it does): expired, too many attempts
    (``EGOV_ONE_TIME_CODE_ATTEMPTS``), or wrong. The caller counts the attempt."""
    if not digest or sent_at is None:
        return _("No code is waiting for this contact.")
    lifetime = datetime.timedelta(minutes=settings.EGOV_ONE_TIME_CODE_MINUTES)
    if timezone.now() > sent_at + lifetime:
        return _("The code has expired. Ask for a new code.")
    if attempts >= settings.EGOV_ONE_TIME_CODE_ATTEMPTS:
        return _("Too many wrong codes. Ask for a new code.")
    code = "".join(ch for ch in (code or "") if ch.isdigit())
    if not constant_time_compare(one_time_code_digest(code, purpose=purpose), digest):
        return _("The code is wrong.")
    return ""
