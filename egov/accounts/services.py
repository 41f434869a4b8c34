"""Every write to accounts: registration, officer creation, disabling, API tokens."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.accounts.choices import AccountKind, AuditAction
from egov.accounts.exceptions import DUPLICATE_MESSAGES, AccountExists, InvalidAccountData
from egov.accounts.models import ApiToken, ExternalIdentity, User
from egov.accounts.rules import (
    is_valid_citizen_id,
    is_valid_phone,
    is_valid_tax_code,
    normalize_email,
    normalize_phone,
)
from egov.audit.services import event_record

Actor = AbstractBaseUser | AnonymousUser | None


def _check_unique(**values: str | None) -> None:
    taken = {
        field: DUPLICATE_MESSAGES[field]
        for field, value in values.items()
        if value and User.objects.filter(**{field: value}).exists()
    }
    if taken:
        raise AccountExists(next(iter(taken.values())), fields=taken)


def _identifiers(email: str, phone: str) -> tuple[str | None, str | None]:
    email_n, phone_n = normalize_email(email) or None, normalize_phone(phone) or None
    if not email_n and not phone_n:
        raise InvalidAccountData(
            _("Give an e-mail address or a phone number."),
            fields={"email": _("Give an e-mail address or a phone number.")},
        )
    if phone_n and not is_valid_phone(phone_n):
        raise InvalidAccountData(
            _("Enter a valid Vietnamese phone number."),
            fields={"phone": _("Enter a valid Vietnamese phone number.")},
        )
    return email_n, phone_n


def _create(*, actor: Actor, action: str, password: str | None, **fields: object) -> User:
    try:
        with transaction.atomic():
            user = User.objects.create_user(password=password, **fields)
            event_record(actor=actor or user, action=action, obj=user, changes={"kind": user.kind})
    except IntegrityError as exc:  # lost a race with an identical registration
        raise AccountExists(_("An account with these details already exists.")) from exc
    return user


def public_account_register(
    *,
    full_name: str,
    password: str,
    email: str = "",
    phone: str = "",
    citizen_id: str = "",
    tax_code: str = "",
) -> User:
    """Register a citizen (by 12-digit citizen ID) or a business (by tax code)."""
    email_n, phone_n = _identifiers(email, phone)
    if tax_code:
        if not is_valid_tax_code(tax_code):
            msg = _("A tax code has 10 digits, or 10 digits, a hyphen and 3 digits.")
            raise InvalidAccountData(msg, fields={"tax_code": msg})
        kind = AccountKind.BUSINESS
    elif is_valid_citizen_id(citizen_id):
        kind = AccountKind.CITIZEN
    else:
        msg = _("A citizen ID number has exactly 12 digits.")
        raise InvalidAccountData(msg, fields={"citizen_id": msg})
    _check_unique(
        email=email_n, phone=phone_n, citizen_id=citizen_id or None, tax_code=tax_code or None
    )
    return _create(
        actor=None,
        action=AuditAction.ACCOUNT_REGISTERED,
        password=password,
        kind=kind,
        full_name=full_name.strip(),
        email=email_n,
        phone=phone_n,
        citizen_id=citizen_id or None,
        tax_code=tax_code or None,
    )


def officer_account_create(
    *, actor: Actor, full_name: str, email: str, password: str | None, phone: str = ""
) -> User:
    """Create an officer's account; roles are granted separately in ``orgs``."""
    email_n, phone_n = _identifiers(email, phone)
    _check_unique(email=email_n, phone=phone_n)
    return _create(
        actor=actor,
        action=AuditAction.ACCOUNT_OFFICER_CREATED,
        password=password,
        kind=AccountKind.OFFICER,
        full_name=full_name.strip(),
        email=email_n,
        phone=phone_n,
    )


def user_disable(*, actor: Actor, user: User, reason: str) -> User:
    """Disable an account (never delete it: records keep pointing at it)."""
    if not user.is_active:
        return user
    with transaction.atomic():
        user.is_active, user.disabled_reason = False, reason[:300]
        user.save(update_fields=["is_active", "disabled_reason"])
        user.api_tokens.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        event_record(
            actor=actor,
            action=AuditAction.ACCOUNT_DISABLED,
            obj=user,
            changes={"is_active": [True, False], "reason": reason},
        )
    return user


def user_set_administrator(*, actor: Actor, user: User, is_admin: bool) -> User:
    """Grant or withdraw full access to the configuration admin (which then requires 2FA).

    Administrators configure the whole platform, so the flag covers every admin permission;
    ``orgs`` grants it with the system administrator role."""
    if user.is_staff == is_admin and user.is_superuser == is_admin:
        return user
    with transaction.atomic():
        user.is_staff = user.is_superuser = is_admin
        user.save(update_fields=["is_staff", "is_superuser"])
        event_record(
            actor=actor,
            action=AuditAction.ACCOUNT_ADMINISTRATOR_CHANGED,
            obj=user,
            changes={"is_administrator": [not is_admin, is_admin]},
        )
    return user


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str  # shown once, never stored


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def api_token_create(*, actor: Actor, user: User, name: str) -> IssuedToken:
    """Issue a bearer token ``egov_<prefix>_<secret>`` for a machine client."""
    prefix = secrets.token_hex(6)
    secret = f"egov_{prefix}_{secrets.token_urlsafe(32)}"
    with transaction.atomic():
        token = ApiToken.objects.create(user=user, name=name, prefix=prefix, digest=_digest(secret))
        event_record(
            actor=actor,
            action=AuditAction.API_TOKEN_CREATED,
            obj=token,
            changes={"user": user.pk, "name": name},
        )
    return IssuedToken(token=token, secret=secret)


def api_token_authenticate(raw: str) -> User | None:
    """The active user behind a bearer token, or None."""
    parts = raw.split("_")
    if len(parts) < 3 or parts[0] != "egov":
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(prefix=parts[1], revoked_at__isnull=True)
        .first()
    )
    if token is None or not secrets.compare_digest(token.digest, _digest(raw)):
        return None
    if not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def external_identity_link(
    *, actor: Actor, user: User, provider: str, subject: str
) -> ExternalIdentity:
    """Link an outside identity (OpenID Connect ``sub``) to a local account."""
    with transaction.atomic():
        identity, created = ExternalIdentity.objects.get_or_create(
            provider=provider, subject=subject, defaults={"user": user}
        )
        if identity.user_id != user.pk:
            raise AccountExists(_("This identity is already linked to another account."))
        if created:
            event_record(
                actor=actor,
                action=AuditAction.ACCOUNT_IDENTITY_LINKED,
                obj=user,
                changes={"provider": provider},
            )
    return identity
