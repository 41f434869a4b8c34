"""URL kwargs of the account routes for the permission matrix (docs/permissions.csv)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from egov.accounts.choices import NotificationChannel
from egov.accounts.services import (
    api_token_create,
    contact_verification_link,
    officer_account_create,
    public_account_register,
)
from egov.accounts.services_notify import notification_send


def _confirmation_token(user: Any, world: Any) -> dict[str, object]:
    """A fresh unconfirmed account's link: the route is open to whoever holds the link."""
    fresh = public_account_register(
        full_name="Lê Văn Cường",
        password="Hà-Nội-2026-an-toàn",
        email="cuong.le@example.vn",
        citizen_id="001090000123",
        contact_verified=False,
    )
    link = contact_verification_link(fresh)
    return {"token": link.rstrip("/").rsplit("/", 1)[1]}


def _own_token(user: Any, world: Any) -> dict[str, object]:
    """A token of the persona itself (of another account for the anonymous visitor)."""
    owner = user or officer_account_create(
        actor=None, full_name="Máy đồng bộ", email="sync@example.vn", password=None
    )
    return {"pk": api_token_create(actor=None, user=owner, name="sync").token.pk}


def _own_notification(user: Any, world: Any) -> dict[str, object]:
    """A notification of the persona (of another account for the anonymous visitor)."""
    owner = user or officer_account_create(
        actor=None, full_name="Người nhận", email="nhan@example.vn", password=None
    )
    notification = notification_send(
        recipient=owner,
        channel=NotificationChannel.EMAIL,
        subject="Hồ sơ đã được tiếp nhận",
        body="Hồ sơ của ông/bà đã được tiếp nhận.",
        address="nhan@example.vn",
    )
    return {"pk": notification.pk}


ACCOUNT_ROUTE_KWARGS: dict[str, Callable[[Any, Any], dict[str, object]]] = {
    "accounts:verify": _confirmation_token,
    "accounts:token-revoke": _own_token,
    "accounts:notification-detail": _own_notification,
}
