"""TOTP second factor for administrators, on top of django-otp."""

from __future__ import annotations

from base64 import b32encode

from django.db import transaction
from django.http import HttpRequest
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from egov.accounts.choices import AuditAction
from egov.accounts.models import User
from egov.audit.services import event_record
from egov.common.qr import qr_svg


def device_for(user: User) -> TOTPDevice:
    """The user's TOTP device; an unconfirmed one is created for first-time enrolment."""
    device = TOTPDevice.objects.filter(user=user).order_by("-confirmed", "pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="egov", confirmed=False)
    return device


def verify(*, user: User, device: TOTPDevice, code: str) -> TOTPDevice | None:
    """Check a code (django-otp throttles repeated failures); confirm the device on enrolment."""
    if not device.verify_token(code):
        event_record(actor=user, action=AuditAction.ACCOUNT_OTP_FAILED, obj=user)
        return None
    with transaction.atomic():
        if not device.confirmed:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            event_record(actor=user, action=AuditAction.ACCOUNT_OTP_ENROLLED, obj=user)
        event_record(actor=user, action=AuditAction.ACCOUNT_LOGIN_2FA, obj=user)
    return device


def mark_verified(request: HttpRequest, device: TOTPDevice) -> None:
    otp_login(request, device)


def secret_base32(device: TOTPDevice) -> str:
    return b32encode(device.bin_key).decode()


def provisioning_qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// URI as an inline SVG QR code for the authenticator app."""
    return qr_svg(device.config_url, scale=4)
