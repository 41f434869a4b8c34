"""New passwords: at least 12 characters and Django's checks, refused in Vietnamese."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from egov.accounts.models import User

FORM = {
    "kind": "citizen",
    "full_name": "Lê Văn Cường",
    "citizen_id": "001090000123",
    "phone": "0987654321",
    "email": "cuong.le@example.vn",
    "tax_code": "",
}


def _errors(response) -> list[str]:
    return re.findall(r'<p class="error"[^>]*>(.*?)</p>', response.content.decode())


def test_an_eleven_character_password_is_refused_in_vietnamese(client, db):
    response = client.post(reverse("accounts:register"), {**FORM, "password": "Xk3!pq9#Lm2"})

    assert response.status_code == 200
    assert _errors(response) == ["Mật khẩu quá ngắn: cần ít nhất 12 ký tự."]
    assert not User.objects.exists()


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("qwerty123456", "Mật khẩu này quá phổ biến."),
        ("198706123456", "Mật khẩu này hoàn toàn là số."),
        ("cuong.le@example.vn", "Mật khẩu quá giống với thư điện tử."),
    ],
)
def test_djangos_checks_answer_in_vietnamese(client, db, password, message):
    response = client.post(reverse("accounts:register"), {**FORM, "password": password})

    assert message in _errors(response)


def test_a_twelve_character_password_is_accepted(client, db):
    response = client.post(reverse("accounts:register"), {**FORM, "password": "Xk3!pq9#Lm2z"})

    assert response.status_code == 302
    assert User.objects.filter(citizen_id="001090000123").exists()


def test_the_rules_are_shown_in_vietnamese(client, db):
    body = client.get(reverse("accounts:register")).content.decode()

    assert "Mật khẩu có ít nhất 12 ký tự." in body
