"""Session limits: officers idle 30 minutes, citizens longer, everyone 12 hours after login."""

from __future__ import annotations

import time
from unittest import mock

import pytest
from django.test import override_settings

MINUTE = 60
HOUR = 3600


def _later(seconds: float):
    return mock.patch("egov.accounts.middleware.time.time", return_value=time.time() + seconds)


def _logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_an_officer_idle_past_thirty_minutes_is_logged_out(client, clerk):
    client.force_login(clerk)

    with _later(29 * MINUTE):
        assert client.get("/workspace/").status_code == 200
    assert _logged_in(client)
    with _later(29 * MINUTE + 31 * MINUTE):
        response = client.get("/workspace/", follow=True)

    assert not _logged_in(client)
    assert response.redirect_chain[-1][0].startswith("/accounts/login/")
    assert "Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại." in response.content.decode()


def test_a_citizen_keeps_the_longer_idle_time(client, citizen):
    client.force_login(citizen)

    with _later(31 * MINUTE):
        client.get("/")
    assert _logged_in(client)
    with _later(31 * MINUTE + 121 * MINUTE):
        client.get("/")

    assert not _logged_in(client)


@override_settings(EGOV_SESSION_ABSOLUTE_HOURS=12)
def test_an_active_officer_is_logged_out_twelve_hours_after_login(client, clerk):
    client.force_login(clerk)

    for step in range(1, 32):  # a request every 25 minutes: never idle
        with _later(step * 25 * MINUTE):
            client.get("/workspace/")
        if step * 25 * MINUTE < 12 * HOUR:
            assert _logged_in(client), step
    assert not _logged_in(client)


@pytest.mark.parametrize("minutes", [10, 45])
@override_settings(EGOV_OFFICER_SESSION_IDLE_MINUTES=10)
def test_the_idle_limit_is_a_setting(client, clerk, minutes):
    client.force_login(clerk)

    with _later(minutes * MINUTE - 1):
        client.get("/workspace/")

    assert _logged_in(client) is (minutes * MINUTE - 1 < 10 * MINUTE)


def test_the_api_answers_401_after_the_idle_limit(client, clerk):
    client.force_login(clerk)

    with _later(31 * MINUTE):
        response = client.get("/api/v1/orgs/units")

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
