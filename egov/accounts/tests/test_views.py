"""Registration page: Vietnamese errors, no 500 on bad input, one account on double submit."""

from __future__ import annotations

from django.urls import reverse

from egov.accounts.models import User

VALID = {
    "kind": "citizen",
    "full_name": "Lê Văn Cường",
    "citizen_id": "001090000123",
    "phone": "0987654321",
    "email": "",
    "tax_code": "",
    "password": "Hà-Nội-2026-an-toàn",
}


def test_register_creates_an_unconfirmed_account_without_logging_in(client, db):
    response = client.post(reverse("accounts:register"), VALID)

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:register-sent")
    user = User.objects.get(citizen_id="001090000123")
    assert not user.contact_verified
    assert "_auth_user_id" not in client.session


def test_register_double_submit_creates_one_account(client, db):
    client.post(reverse("accounts:register"), VALID)

    response = client.post(reverse("accounts:register"), VALID)

    assert response.status_code == 302
    assert User.objects.filter(citizen_id="001090000123").count() == 1


def test_register_shows_field_errors_in_vietnamese(client, db):
    response = client.post(
        reverse("accounts:register"), {**VALID, "citizen_id": "12ab", "password": "1"}
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert "Nhập đúng 12 chữ số." in body
    assert User.objects.count() == 0


def test_register_survives_garbage(client, db):
    response = client.post(reverse("accounts:register"), {"kind": "alien", "full_name": "x" * 5000})

    assert response.status_code == 200
    assert User.objects.count() == 0
