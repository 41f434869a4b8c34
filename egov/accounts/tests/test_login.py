"""Login by e-mail or phone, throttling, TOTP for administrators, and the 2FA-guarded admin."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD
from egov.audit.models import AuditEvent


def _login(client, username, password=PASSWORD):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def _current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@pytest.mark.parametrize("identifier", ["0912345678", "+84 912 345 678", "84912345678"])
def test_citizen_logs_in_with_phone_in_any_notation(client, citizen, identifier):
    response = _login(client, identifier)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(citizen.pk)


def test_officer_logs_in_with_email_case_insensitively(client, clerk):
    response = _login(client, "VanThu.BaDinh@Example.vn")

    assert response.status_code == 302
    assert response["Location"] == "/workspace/"


def test_wrong_password_shows_a_vietnamese_error(client, clerk):
    response = _login(client, "vanthu.badinh@example.vn", "sai-mat-khau")

    assert response.status_code == 200
    assert "Sai thư điện tử/số điện thoại hoặc mật khẩu." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_failed_logins_are_throttled(client, clerk):
    for _ in range(5):
        _login(client, "vanthu.badinh@example.vn", "sai-mat-khau")

    response = _login(client, "vanthu.badinh@example.vn")  # right password, but locked out

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_disabled_account_cannot_log_in(client, clerk):
    clerk.is_active = False
    clerk.save(update_fields=["is_active"])

    response = _login(client, "vanthu.badinh@example.vn")

    assert "_auth_user_id" not in client.session
    assert response.status_code == 200


def test_administrator_enrols_totp_then_reaches_the_admin(client, system_admin):
    response = _login(client, "quantri@example.vn")
    assert response["Location"] == reverse("accounts:login-otp")
    assert "_auth_user_id" not in client.session  # not logged in before the second factor

    page = client.get(reverse("accounts:login-otp"))
    assert "<svg" in page.content.decode()  # enrolment QR code
    device = TOTPDevice.objects.get(user=system_admin)
    assert device.confirmed is False

    response = client.post(reverse("accounts:login-otp"), {"code": _current_code(device)})

    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed is True
    assert client.get("/admin/").status_code == 200
    assert AuditEvent.objects.filter(action="account.otp_enrolled", actor=system_admin).exists()


def test_administrator_with_wrong_code_is_not_logged_in(client, system_admin):
    _login(client, "quantri@example.vn")
    client.get(reverse("accounts:login-otp"))

    response = client.post(reverse("accounts:login-otp"), {"code": "000000"})

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="account.otp_failed").count() == 1


def test_admin_refuses_a_staff_session_without_second_factor(client, system_admin):
    client.force_login(system_admin)

    response = client.get("/admin/", follow=True)

    assert response.redirect_chain[-1][0].startswith(reverse("accounts:login"))
    assert response.status_code == 200
    assert "otp_device_id" not in client.session


def test_open_redirect_is_refused(client, citizen):
    response = client.post(
        reverse("accounts:login"),
        {"username": "0912345678", "password": PASSWORD, "next": "https://evil.example/"},
    )

    assert response["Location"] == "/"
