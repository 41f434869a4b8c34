"""Text messages (SMS) to applicants and account holders, behind a small interface ready for a
provider.

Decree 61/2018/NĐ-CP art. 19 lets the desk tell applicants "by e-mail, SMS, phone or social
network"; no provider is contracted yet, so the default backend only logs. A deployment plugs a
provider in with the ``EGOV_SMS_BACKEND`` setting: the dotted path of a class whose instances
have ``send(phone, text)``. The setting is read at every call, never at import.
"""

from __future__ import annotations

import logging
from typing import Protocol, runtime_checkable

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


@runtime_checkable
class SmsBackend(Protocol):
    """What a provider's adapter implements. ``send`` raises on failure."""

    def send(self, phone: str, text: str) -> None: ...


class LoggingSmsBackend:
    """The default: writes a log line instead of sending (only the last digits of the number,
    so the log holds no full phone number)."""

    def send(self, phone: str, text: str) -> None:
        logger.info(
            "onestop.sms_logged",
            extra={"phone_tail": phone[-3:], "length": len(text), "text": text},
        )


def sms_backend_get() -> SmsBackend:
    """An instance of the configured backend (``EGOV_SMS_BACKEND``, read now)."""
    path = settings.EGOV_SMS_BACKEND
    return import_string(path)()


def sms_send(phone: str, text: str) -> None:
    """Send ``text`` to ``phone`` through the configured backend."""
    sms_backend_get().send(phone, text)
