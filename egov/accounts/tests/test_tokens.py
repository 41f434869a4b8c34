"""API tokens: expiry and scopes enforced by the API, listed and revocable by their owner and by
administrators (issue 14 §1)."""

from __future__ import annotations

import datetime

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from egov.accounts.exceptions import InvalidAccountData
from egov.accounts.models import ApiToken
from egov.accounts.services import api_token_create
from egov.accounts.tests.test_admin import _admin_client
from egov.audit.models import AuditEvent

UNITS = "/api/v1/orgs/units"
WRITE = "/api/v1/directives/tasks/1/reports"  # a POST of the directives part


def _bearer(secret: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_a_new_token_expires_after_the_default_days(db, clerk):
    issued = api_token_create(actor=clerk, user=clerk, name="sync")

    left = issued.token.expires_at - timezone.now()
    assert datetime.timedelta(days=89) < left <= datetime.timedelta(days=90)


@override_settings(EGOV_API_TOKEN_MAX_DAYS=30)
def test_a_token_longer_than_allowed_is_refused(db, clerk):
    with pytest.raises(InvalidAccountData):
        api_token_create(actor=clerk, user=clerk, name="sync", days=31)


def test_an_expired_token_is_401_in_the_apis_error_shape(client, world, unit_head):
    issued = api_token_create(actor=None, user=unit_head, name="sync", days=1)
    ApiToken.objects.filter(pk=issued.token.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )

    response = client.get(UNITS, **_bearer(issued.secret))

    assert response.status_code == 401
    assert response.json() == {
        "detail": "Mã truy cập API này đã hết hạn.",
        "code": "token_expired",
    }


def test_a_read_only_token_reads_but_cannot_write(client, world, unit_head):
    secret = api_token_create(actor=None, user=unit_head, name="bi", read_only=True).secret

    read = client.get(UNITS, **_bearer(secret))
    write = client.post(WRITE, {}, content_type="application/json", **_bearer(secret))

    assert read.status_code == 200
    assert write.status_code == 403
    assert write.json() == {
        "detail": "Mã truy cập API này chỉ được phép đọc.",
        "code": "token_read_only",
    }


def test_a_token_for_one_part_of_the_api_is_refused_elsewhere(client, world, unit_head):
    secret = api_token_create(actor=None, user=unit_head, name="x", apps=["onestop"]).secret

    response = client.get(UNITS, **_bearer(secret))

    assert response.status_code == 403
    assert response.json()["code"] == "token_app"


def test_the_owner_lists_issues_and_revokes_its_tokens(client, world, unit_head):
    client.force_login(unit_head)

    page = client.post(
        reverse("accounts:tokens"),
        {"name": "Đồng bộ DVCQG", "days": "30", "read_only": "on", "apps": ["orgs"]},
    )
    token = ApiToken.objects.get(user=unit_head)
    secret = page.context["issued"].secret
    listing = client.get(reverse("accounts:tokens")).content.decode()
    before = client.get(UNITS, **_bearer(secret))
    revoked = client.post(reverse("accounts:token-revoke", args=[token.pk]), follow=True)
    after = client.get(UNITS, **_bearer(secret))

    assert secret.startswith(f"egov_{token.prefix}_")
    assert "Đồng bộ DVCQG" in listing and "chỉ đọc: orgs" in listing
    assert token.read_only and token.apps == ["orgs"]
    assert before.status_code == 200
    assert "Đã thu hồi mã truy cập Đồng bộ DVCQG." in revoked.content.decode()
    assert after.status_code == 401
    assert after.json()["code"] == "token_revoked"
    assert AuditEvent.objects.filter(action="api_token.revoked", actor=unit_head).count() == 1


def test_someone_elses_token_is_not_found(client, world, unit_head, clerk):
    token = api_token_create(actor=None, user=unit_head, name="sync").token
    client.force_login(clerk)

    response = client.post(reverse("accounts:token-revoke", args=[token.pk]))

    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    assert "sync" not in client.get(reverse("accounts:tokens")).content.decode()


def test_the_token_pages_need_a_login(client, db):
    response = client.get(reverse("accounts:tokens"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_an_administrator_revokes_any_token_in_the_admin(client, world, system_admin, clerk):
    token = api_token_create(actor=None, user=clerk, name="sync").token
    _admin_client(client, system_admin)

    listing = client.get("/admin/accounts/apitoken/")
    response = client.post(
        "/admin/accounts/apitoken/",
        {"action": "revoke", "_selected_action": [token.pk]},
        follow=True,
    )

    token.refresh_from_db()
    assert listing.status_code == 200 and "sync" in listing.content.decode()
    assert response.status_code == 200
    assert token.revoked_at is not None
    event = AuditEvent.objects.get(action="api_token.revoked")
    assert event.actor == system_admin
