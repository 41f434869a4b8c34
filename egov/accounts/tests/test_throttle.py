"""Login throttling that cannot be side-stepped: another spelling of a locked identifier, another
account from the same address, or a successful login of one's own account does not reopen it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessAttemptExpiration, AccessFailureLog
from django.db.models import F
from django.urls import reverse

from conftest import PASSWORD
from egov.accounts.backends import IdentifierBackend

ATTACKER = "203.0.113.7"
ELSEWHERE = "198.51.100.20"


def _login(client, username, password=PASSWORD, address=ATTACKER):
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def _lock(client, username):
    for _ in range(5):
        _login(client, username, "sai-mat-khau")


def _let_time_pass(minutes):
    """Move every recorded failure and lock expiry `minutes` into the past."""
    delta = timedelta(minutes=minutes)
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - delta)
    AccessAttemptExpiration.objects.update(expires_at=F("expires_at") - delta)
    AccessFailureLog.objects.update(attempt_time=F("attempt_time") - delta)


@pytest.fixture
def password_checks(monkeypatch):
    """Counts the logins that reached the password check."""
    calls = []
    original = IdentifierBackend.authenticate

    def counted(self, request, username=None, password=None, **kwargs):
        calls.append(username)
        return original(self, request, username, password, **kwargs)

    monkeypatch.setattr(IdentifierBackend, "authenticate", counted)
    return calls


@pytest.mark.parametrize(
    "other_spelling", ["+84 912 345 678", "84912345678", "0912.345.678", " 0912-345-678 "]
)
def test_a_locked_phone_cannot_log_in_with_another_notation(client, citizen, other_spelling):
    _lock(client, "0912345678")

    response = _login(client, other_spelling, address=ELSEWHERE)  # right password, other address

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_locked_email_cannot_log_in_with_another_case_or_spaces(client, clerk):
    _lock(client, "VanThu.BaDinh@Example.vn")

    response = _login(client, "  vanthu.badinh@example.vn ", address=ELSEWHERE)

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_spraying_many_accounts_from_one_address_stops_at_the_address_limit(
    client, citizen, password_checks
):
    accounts = ["0912345678"] + [f"09000000{n:02d}" for n in range(35)]
    statuses = [
        _login(client, account, "sai-mat-khau").status_code
        for _ in range(4)  # 4 tries each: under the per-account limit of 5
        for account in accounts
    ]

    assert len(statuses) == 144
    assert len(password_checks) == 30  # EGOV_LOGIN_FAILURE_LIMIT_PER_ADDRESS
    assert statuses[30:] == [429] * 114
    assert _login(client, "0912345678").status_code == 429  # right password, same address
    assert _login(client, "0912345678", address=ELSEWHERE).status_code == 302


def test_logging_in_to_ones_own_account_does_not_reset_the_address_counter(client, citizen, clerk):
    for n in range(29):
        _login(client, f"09000000{n:02d}", "sai-mat-khau")
    assert _login(client, "0912345678").status_code == 302
    client.logout()

    _login(client, "0900000099", "sai-mat-khau")  # the 30th failure from this address

    assert _login(client, "vanthu.badinh@example.vn").status_code == 429


def test_the_lock_grows_with_each_series_and_is_told_in_vietnamese(client, citizen, settings):
    settings.EGOV_LOGIN_COOLOFF_MAX_HOURS = 0.75
    pages = []
    for minutes in (15, 30, 45):
        _lock(client, "0912345678")
        response = _login(client, "0912345678")  # right password, but paused
        assert response.status_code == 429
        pages.append(response.content.decode())
        _let_time_pass(minutes - 1)
        assert _login(client, "0912345678").status_code == 429  # not a minute early
        _let_time_pass(2)

    assert "Đăng nhập sai quá nhiều lần" in pages[0]
    assert "Vui lòng thử lại sau 15 phút" in pages[0]
    assert "Vui lòng thử lại sau 30 phút" in pages[1]
    assert "Vui lòng thử lại sau 45 phút" in pages[2]  # doubled to 60, capped at 45
    assert _login(client, "0912345678").status_code == 302  # the lock lifts when it has run out
