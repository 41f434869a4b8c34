"""Admin work on accounts is audited: edits with before/after, listings as bulk reads."""

from __future__ import annotations

from django_otp.plugins.otp_totp.models import TOTPDevice

from egov.audit.models import AuditEvent


def _admin_client(client, user):
    client.force_login(user)
    device = TOTPDevice.objects.create(user=user, name="t", confirmed=True)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client


def test_listing_accounts_is_recorded_as_a_bulk_read(client, system_admin, citizen):
    _admin_client(client, system_admin)

    response = client.get("/admin/accounts/user/")

    assert response.status_code == 200
    event = AuditEvent.objects.get(action="personal_data.read_bulk")
    assert event.actor == system_admin
    assert event.changes == {"model": "accounts.User", "count": 2, "purpose": "admin list"}


def test_editing_an_account_in_the_admin_is_audited(client, system_admin, citizen):
    _admin_client(client, system_admin)

    response = client.post(
        f"/admin/accounts/user/{citizen.pk}/change/",
        {
            "kind": "citizen",
            "full_name": "Nguyễn Văn Ân",
            "email": "",
            "phone": "0912345678",
            "citizen_id": "001085012345",
            "tax_code": "",
            "is_active": "on",
            "disabled_reason": "",
            "date_joined_0": "01/01/2026",
            "date_joined_1": "08:00:00",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    event = AuditEvent.objects.get(action="admin.changed")
    assert event.changes["full_name"] == ["Nguyễn Văn An", "Nguyễn Văn Ân"]
    assert event.actor == system_admin
