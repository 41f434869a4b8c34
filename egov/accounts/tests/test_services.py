"""Public registration, officer accounts, disabling, tokens and external identities."""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import identify_hasher

from conftest import PASSWORD
from egov.accounts.exceptions import AccountExists, InvalidAccountData
from egov.accounts.models import User
from egov.accounts.services import (
    api_token_authenticate,
    api_token_create,
    external_identity_link,
    public_account_register,
    user_disable,
)
from egov.audit.models import AuditEvent


def test_citizen_registers_with_citizen_id(db):
    user = public_account_register(
        full_name="Trần Thị Bình",
        password=PASSWORD,
        email="Binh@Example.vn",
        citizen_id="001190000001",
    )

    assert user.kind == "citizen"
    assert user.email == "binh@example.vn"
    assert user.check_password(PASSWORD)
    assert AuditEvent.objects.filter(action="account.registered", object_id=str(user.pk)).exists()


def test_business_registers_with_tax_code(db):
    user = public_account_register(
        full_name="Công ty TNHH Sen Vàng",
        password=PASSWORD,
        phone="0243 123 4567",
        tax_code="0101234567",
    )

    assert user.kind == "business"
    assert user.phone == "02431234567"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"citizen_id": "12345"}, "citizen_id"),
        ({"tax_code": "12-34"}, "tax_code"),
        ({"citizen_id": "001190000001", "phone": "12"}, "phone"),
        ({"citizen_id": "001190000001", "email": "", "phone": ""}, "email"),
    ],
)
def test_registration_rejects_bad_identifiers(db, kwargs, field):
    kwargs = {"email": "x@example.vn", **kwargs}

    with pytest.raises(InvalidAccountData) as err:
        public_account_register(full_name="X", password=PASSWORD, **kwargs)

    assert field in err.value.fields
    assert User.objects.count() == 0


def test_second_registration_with_same_citizen_id_is_refused(citizen):
    with pytest.raises(AccountExists) as err:
        public_account_register(
            full_name="Khác", password=PASSWORD, email="khac@example.vn", citizen_id="001085012345"
        )

    assert "citizen_id" in err.value.fields
    assert User.objects.filter(citizen_id="001085012345").count() == 1


def test_passwords_are_hashed_with_argon2_in_production_settings(settings, db):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    user = public_account_register(
        full_name="A", password=PASSWORD, email="a@example.vn", citizen_id="001190000002"
    )

    assert identify_hasher(user.password).algorithm == "argon2"


def test_disabling_keeps_the_account_and_revokes_tokens(clerk):
    issued = api_token_create(actor=None, user=clerk, name="sync")

    user_disable(actor=None, user=clerk, reason="Nghỉ hưu")

    clerk.refresh_from_db()
    assert clerk.is_active is False
    assert User.objects.filter(pk=clerk.pk).exists()
    assert api_token_authenticate(issued.secret) is None


def test_api_token_round_trip(clerk):
    issued = api_token_create(actor=None, user=clerk, name="sync")

    assert api_token_authenticate(issued.secret) == clerk
    assert api_token_authenticate(issued.secret + "x") is None
    assert api_token_authenticate("garbage") is None
    assert issued.secret not in issued.token.digest


def test_external_identity_links_once(citizen, clerk):
    external_identity_link(actor=None, user=citizen, provider="vneid", subject="abc")
    external_identity_link(actor=None, user=citizen, provider="vneid", subject="abc")

    with pytest.raises(AccountExists):
        external_identity_link(actor=None, user=clerk, provider="vneid", subject="abc")
    assert citizen.external_identities.count() == 1
