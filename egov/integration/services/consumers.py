"""The registry of the systems that read the city's shared data (Decree 278/2025: each
connection is registered with its agency, purpose, legal basis, data and validity). Officers of
the city office (a role over the top of the organisation) keep it. A consumer reads through
its own service account, whose credentials are the project's API tokens (``accounts``:
``egov_<prefix>_<secret>``, only a digest stored, the secret shown once)."""

from __future__ import annotations

import datetime
import re
import secrets
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.accounts.services import (
    IssuedToken,
    api_token_create,
    officer_account_create,
    user_disable,
)
from egov.audit.services import event_record
from egov.common.exceptions import PermissionDenied
from egov.integration.choices import IntegrationAuditAction, ShareDataset
from egov.integration.exceptions import IntegrationError
from egov.integration.models import ShareConsumer
from egov.orgs.access import acts_for_the_city

# An X-Road style subsystem identifier: instance/class/member/subsystem (letters, digits, . _ -).
CONSUMER_CODE = re.compile(r"[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+){1,4}")
FIELDS = (
    "name",
    "agency",
    "purpose",
    "legal_basis",
    "datasets",
    "valid_from",
    "valid_until",
    "reads_per_minute",
)


def may_manage_registry(actor: Any) -> bool:
    """Officers of the city office: a specialist's or higher role over the top unit of the
    organisation (or a superuser)."""
    return acts_for_the_city(actor)


def registry_require(actor: Any) -> None:
    if not may_manage_registry(actor):
        raise PermissionDenied(_("Only officers of the city office keep the consumer registry."))


@dataclass(frozen=True)
class ConsumerData:
    code: str
    name: str
    agency: str
    purpose: str
    legal_basis: str
    datasets: list[str]
    valid_from: datetime.date
    valid_until: datetime.date | None = None
    contact: str = ""
    reads_per_minute: int | None = None  # the quota of reads a minute; None: the default


def _clean(data: ConsumerData, *, with_code: bool = True) -> dict[str, Any]:
    errors: dict[str, str] = {}
    values: dict[str, Any] = {
        "name": data.name.strip()[:200],
        "agency": data.agency.strip()[:200],
        "purpose": data.purpose.strip()[:300],
        "legal_basis": data.legal_basis.strip()[:300],
        "contact": data.contact.strip()[:200],
        "valid_from": data.valid_from,
        "valid_until": data.valid_until,
        "reads_per_minute": data.reads_per_minute,
    }
    if with_code:
        values["code"] = data.code.strip()
        if not CONSUMER_CODE.fullmatch(values["code"]) or len(values["code"]) > 120:
            errors["code"] = _("Give the subsystem identifier, e.g. VN/GOV/000.00.12.H26/DATDAI.")
    for name in ("name", "agency", "purpose", "legal_basis"):
        if not values[name]:
            errors[name] = _("Required.")
    known = set(ShareDataset.values)
    chosen = sorted(set(data.datasets))
    if not chosen or not set(chosen) <= known:
        errors["datasets"] = _("Choose at least one data set the API serves.")
    values["datasets"] = chosen
    if data.reads_per_minute is not None and not 1 <= data.reads_per_minute <= 100000:
        errors["reads_per_minute"] = _("Between 1 and 100,000 reads a minute, or empty.")
    if data.valid_from is None:
        errors["valid_from"] = _("Required.")
    elif data.valid_until is not None and data.valid_until < data.valid_from:
        errors["valid_until"] = _("The end of validity cannot be before its start.")
    if errors:
        raise IntegrationError(_("Check the consumer's details."), fields=errors)
    return values


def share_consumer_register(*, actor: Any, data: ConsumerData) -> ShareConsumer:
    """Register a consumer system with its own service account (an account without a role
    and without a password: it can only read through its API tokens)."""
    registry_require(actor)
    values = _clean(data)
    if ShareConsumer.objects.filter(code=values["code"]).exists():
        raise IntegrationError(
            _("A consumer with this identifier is already registered."),
            fields={"code": _("Already registered.")},
        )
    try:
        with transaction.atomic():
            account = officer_account_create(
                actor=actor,
                full_name=(_("System: %(name)s") % {"name": values["name"]})[:200],
                email=f"share-{secrets.token_hex(6)}@consumers.invalid",
                password=None,
            )
            consumer = ShareConsumer.objects.create(
                account=account, created_by=_user_or_none(actor), **values
            )
            event_record(
                actor=actor,
                action=IntegrationAuditAction.SHARE_CONSUMER_REGISTERED,
                obj=consumer,
                changes=_audited(consumer),
            )
    except IntegrityError as exc:  # lost a race with the same identifier
        raise IntegrationError(
            _("A consumer with this identifier is already registered."),
            fields={"code": _("Already registered.")},
        ) from exc
    return consumer


def share_consumer_update(
    *, actor: Any, consumer: ShareConsumer, data: ConsumerData
) -> ShareConsumer:
    """Change what a consumer may read, why, on which basis and until when (not its code)."""
    registry_require(actor)
    values = _clean(data, with_code=False)
    with transaction.atomic():
        locked = ShareConsumer.objects.select_for_update().get(pk=consumer.pk)
        before = _audited(locked)
        for name, value in values.items():
            setattr(locked, name, value)
        locked.save(update_fields=list(values))
        after = _audited(locked)
        changed = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
        if changed:
            event_record(
                actor=actor,
                action=IntegrationAuditAction.SHARE_CONSUMER_CHANGED,
                obj=locked,
                changes=changed,
            )
    return locked


def share_consumer_revoke(*, actor: Any, consumer: ShareConsumer, reason: str) -> ShareConsumer:
    """End a consumer's registration at once: its service account is disabled, which revokes
    every API token of it in the same transaction (``accounts.user_disable``), so its next call
    is refused (401) before it reaches the registry. Twice is once."""
    registry_require(actor)
    reason = reason.strip()[:300]
    if not reason:
        raise IntegrationError(_("Give the reason."), fields={"reason": _("Required.")})
    with transaction.atomic():
        locked = ShareConsumer.objects.select_for_update().get(pk=consumer.pk)
        if locked.revoked_at is None:
            locked.revoked_at = timezone.now()
            locked.revoked_reason = reason
            locked.save(update_fields=["revoked_at", "revoked_reason"])
            event_record(
                actor=actor,
                action=IntegrationAuditAction.SHARE_CONSUMER_REVOKED,
                obj=locked,
                changes={"code": locked.code, "reason": reason},
            )
            user_disable(
                actor=actor,
                user=locked.account,
                reason=_("Data-sharing registration revoked: %(reason)s") % {"reason": reason},
            )
    return locked


def share_consumer_token_issue(*, actor: Any, consumer: ShareConsumer) -> IssuedToken:
    """A new API token for the consumer's service account: read-only, for the integration
    API only, valid until the registration ends (within the token's longest life). The secret
    is in the answer once and never stored or logged."""
    registry_require(actor)
    today = timezone.localdate()
    if not consumer.is_in_force_on(today) and not (
        consumer.revoked_at is None and consumer.valid_from > today
    ):
        raise IntegrationError(_("This consumer's registration is not in force."))
    longest = settings.EGOV_API_TOKEN_MAX_DAYS
    days = settings.EGOV_API_TOKEN_DAYS
    if consumer.valid_until is not None:
        days = min(longest, (consumer.valid_until - today).days + 1)
    with transaction.atomic():
        issued = api_token_create(
            actor=actor,
            user=consumer.account,
            name=_("Data sharing: %(code)s") % {"code": consumer.code},
            days=max(days, 1),
            read_only=True,
            apps=["integration"],
        )
        event_record(
            actor=actor,
            action=IntegrationAuditAction.SHARE_CREDENTIAL_ISSUED,
            obj=consumer,
            changes={
                "token": issued.token.prefix,
                "expires_at": issued.token.expires_at.isoformat(),
            },
        )
    return issued


def _user_or_none(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _audited(consumer: ShareConsumer) -> dict[str, Any]:
    return {
        "code": consumer.code,
        "name": consumer.name,
        "agency": consumer.agency,
        "purpose": consumer.purpose,
        "legal_basis": consumer.legal_basis,
        "datasets": list(consumer.datasets),
        "valid_from": consumer.valid_from.isoformat() if consumer.valid_from else "",
        "valid_until": consumer.valid_until.isoformat() if consumer.valid_until else "",
        "contact": consumer.contact,
        "reads_per_minute": consumer.reads_per_minute,
    }
