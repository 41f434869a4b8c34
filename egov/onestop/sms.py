"""Text messages now live in :mod:`egov.common.sms` (accounts sends them too); these names stay
for the one-stop code that imports them here."""

from egov.common.sms import LoggingSmsBackend, SmsBackend, sms_backend_get, sms_send

__all__ = ["LoggingSmsBackend", "SmsBackend", "sms_backend_get", "sms_send"]
