"""Every write to accounts: registration, officer creation, disabling, API tokens."""

from __future__ import annotations

import datetime
import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import AnonymousUser
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from egov.accounts.choices import API_APPS, AccountKind, AuditAction, NotificationChannel
from egov.accounts.exceptions import (
    DUPLICATE_MESSAGES,
    AccountExists,
    InvalidAccountData,
    TokenRejected,
    TokenScopeDenied,
)
from egov.accounts.models import ApiToken, ExternalIdentity, User
from egov.accounts.rules import (
    is_valid_citizen_id,
    is_valid_phone,
    is_valid_tax_code,
    normalize_email,
    normalize_phone,
)
from egov.accounts.services_notify import notification_send
from egov.audit.services import event_record
from egov.common.exceptions import PermissionDenied

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
    contact_verified: bool = True,
) -> User:
    """Register a citizen (by 12-digit citizen ID) or a business (by tax code).

    For trusted callers (the desk, imports, demo data): a detail that already has an account
    raises :class:`AccountExists`, and the contact counts as confirmed unless
    ``contact_verified`` is False. The public registration page goes through
    :func:`public_account_register_request` instead, which reveals neither."""
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
        contact_verified_at=timezone.now() if contact_verified else None,
    )


def public_account_register_request(
    *,
    full_name: str,
    password: str,
    email: str = "",
    phone: str = "",
    citizen_id: str = "",
    tax_code: str = "",
) -> None:
    """Registration from the public page, without telling anyone which details have accounts.

    New details: the account is created unconfirmed and a confirmation link goes to its e-mail
    address (or phone number). Details of an existing account (any of e-mail, phone, citizen
    ID, tax code): nothing is created, and the owner of that account is told someone tried to
    register with them. Either way the caller sees the same answer and the password is hashed
    once, so neither the page nor its timing tells the two apart. Malformed details are still
    refused with :class:`InvalidAccountData` (that reveals nothing about other accounts)."""
    try:
        user = public_account_register(
            full_name=full_name,
            password=password,
            email=email,
            phone=phone,
            citizen_id=citizen_id,
            tax_code=tax_code,
            contact_verified=False,
        )
    except AccountExists:
        make_password(password)  # the work the new account's hashing would have cost
        _registration_collided(
            email=normalize_email(email) or None,
            phone=normalize_phone(phone) or None,
            citizen_id=citizen_id or None,
            tax_code=tax_code or None,
        )
        return
    contact_verification_send(user)


def _registration_collided(**values: str | None) -> None:
    """Tell each account whose details were used in a registration attempt (an unconfirmed one
    gets a fresh confirmation link instead); audited."""
    query = Q()
    for field, value in values.items():
        if value:
            query |= Q(**{field: value})
    owners = list(User.objects.filter(query)) if query else []
    for owner in owners:
        matched = sorted(f for f, v in values.items() if v and getattr(owner, f) == v)
        with transaction.atomic():
            event_record(
                actor=None,
                action=AuditAction.ACCOUNT_REGISTRATION_COLLIDED,
                obj=owner,
                changes={"fields": matched},
            )
        if owner.contact_verified:
            _message_send(owner, "registration_collided", {"user": owner})
        else:  # most likely its owner again, who lost the first link: send a fresh one
            contact_verification_send(owner)


def _site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _message_send(
    user: User, template: str, context: dict[str, object], link: str = "", secret: str = ""
) -> None:
    """E-mail the account (or, without an e-mail address, text it), in Vietnamese, through the
    notification centre (recorded, sent after commit, a failure recorded, never raised)."""
    context = {**context, "site_url": settings.SITE_URL.rstrip("/")}
    with translation.override("vi"):
        subject = render_to_string(f"accounts/email/{template}_subject.txt", context).strip()
        if user.email:
            channel = NotificationChannel.EMAIL
            body = render_to_string(f"accounts/email/{template}.txt", context)
        else:
            channel = NotificationChannel.SMS
            body = render_to_string(f"accounts/sms/{template}.txt", context).strip()
    notification_send(
        recipient=user,
        channel=channel,
        subject=subject,
        body=body,
        link=link,
        obj=user,
        secret=secret,
    )


_VERIFY_SALT = "egov.accounts.contact-verification"


def _contact_of(user: User) -> str:
    return user.email or user.phone or ""


def contact_verification_link(user: User) -> str:
    """The confirmation link of ``user``'s current e-mail (or phone): signed, timestamped,
    valid ``EGOV_CONTACT_VERIFY_HOURS``, and void once the contact changes."""
    token = signing.dumps({"u": user.pk, "c": _contact_of(user)}, salt=_VERIFY_SALT)
    return _site_url(reverse("accounts:verify", args=[token]))


def contact_verification_send(user: User) -> None:
    """Send ``user`` the link confirming its e-mail address or phone number."""
    if user.contact_verified:
        return
    secret = contact_verification_link(user)
    _message_send(
        user,
        "verify",
        {"user": user, "link": secret},
        link=reverse("accounts:verify-status"),
        secret=secret,
    )


def contact_verify(*, token: str) -> User:
    """Confirm the contact a link was sent to. Idempotent; a wrong, expired or outdated link
    raises :class:`InvalidAccountData`."""
    invalid = InvalidAccountData(
        _("This confirmation link is wrong or has expired. Log in and ask for a new one."),
        code="verification_invalid",
    )
    try:
        data = signing.loads(
            token, salt=_VERIFY_SALT, max_age=settings.EGOV_CONTACT_VERIFY_HOURS * 3600
        )
    except signing.BadSignature as exc:
        raise invalid from exc
    with transaction.atomic():
        user = User.objects.select_for_update().filter(pk=data.get("u"), is_active=True).first()
        if user is None or _contact_of(user) != data.get("c"):
            raise invalid
        if user.contact_verified_at is None:
            user.contact_verified_at = timezone.now()
            user.save(update_fields=["contact_verified_at"])
            event_record(
                actor=user,
                action=AuditAction.ACCOUNT_CONTACT_VERIFIED,
                obj=user,
                changes={"contact": "email" if user.email else "phone"},
            )
    return user


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
        contact_verified_at=timezone.now(),  # the administrator vouches for it
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


def _token_apps_clean(apps: Iterable[str]) -> list[str]:
    known = {code for code, _label in API_APPS}
    chosen = sorted(set(apps))
    unknown = [a for a in chosen if a not in known]
    if unknown:
        msg = _("Unknown part of the API: %(apps)s.") % {"apps": ", ".join(unknown)}
        raise InvalidAccountData(msg, fields={"apps": msg})
    return chosen


def api_token_create(
    *,
    actor: Actor,
    user: User,
    name: str,
    days: int | None = None,
    read_only: bool = False,
    apps: Iterable[str] = (),
) -> IssuedToken:
    """Issue a bearer token ``egov_<prefix>_<secret>`` for a machine client: valid ``days``
    (``EGOV_API_TOKEN_DAYS`` by default, at most ``EGOV_API_TOKEN_MAX_DAYS``), read-only or not,
    for some parts of the API (``apps``) or all of them."""
    days = settings.EGOV_API_TOKEN_DAYS if days is None else days
    if not 1 <= days <= settings.EGOV_API_TOKEN_MAX_DAYS:
        msg = _("A token is valid between 1 and %(max)s days.") % {
            "max": settings.EGOV_API_TOKEN_MAX_DAYS
        }
        raise InvalidAccountData(msg, fields={"days": msg})
    name = name.strip()[:100]
    if not name:
        msg = _("Say what the token is for.")
        raise InvalidAccountData(msg, fields={"name": msg})
    chosen = _token_apps_clean(apps)
    prefix = secrets.token_hex(6)
    secret = f"egov_{prefix}_{secrets.token_urlsafe(32)}"
    expires_at = timezone.now() + datetime.timedelta(days=days)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            name=name,
            prefix=prefix,
            digest=_digest(secret),
            expires_at=expires_at,
            read_only=read_only,
            apps=chosen,
        )
        event_record(
            actor=actor,
            action=AuditAction.API_TOKEN_CREATED,
            obj=token,
            changes={
                "user": user.pk,
                "name": name,
                "expires_at": expires_at.isoformat(),
                "read_only": read_only,
                "apps": chosen,
            },
        )
    return IssuedToken(token=token, secret=secret)


def api_token_revoke(*, actor: Actor, token: ApiToken) -> ApiToken:
    """Revoke a token: its owner or an administrator may. Revoking twice changes nothing."""
    owner = actor is not None and getattr(actor, "pk", None) == token.user_id
    if not (owner or getattr(actor, "is_staff", False)):
        raise PermissionDenied(_("Only the token's owner or an administrator may revoke it."))
    with transaction.atomic():
        locked = ApiToken.objects.select_for_update().get(pk=token.pk)
        if locked.revoked_at is None:
            locked.revoked_at = timezone.now()
            locked.save(update_fields=["revoked_at"])
            event_record(
                actor=actor,
                action=AuditAction.API_TOKEN_REVOKED,
                obj=locked,
                changes={"user": locked.user_id, "name": locked.name},
            )
    return locked


def api_token_resolve(raw: str) -> ApiToken:
    """The token behind a bearer secret, usable now; :class:`TokenRejected` when it is unknown,
    expired, revoked or its account disabled."""
    parts = raw.split("_")
    token = None
    if len(parts) >= 3 and parts[0] == "egov":
        token = ApiToken.objects.select_related("user").filter(prefix=parts[1]).first()
    if token is None or not secrets.compare_digest(token.digest, _digest(raw)):
        raise TokenRejected(_("This API token is not valid."))
    now = timezone.now()
    if token.revoked_at is not None:
        raise TokenRejected(_("This API token has been revoked."), code="token_revoked")
    if token.expires_at is not None and token.expires_at <= now:
        raise TokenRejected(_("This API token has expired."), code="token_expired")
    if not token.user.is_active:
        raise TokenRejected(_("This API token is not valid."))
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


def api_token_authenticate(raw: str) -> User | None:
    """The active user behind a usable bearer token, or None."""
    try:
        return api_token_resolve(raw).user
    except TokenRejected:
        return None


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def api_token_scope_check(token: ApiToken, *, method: str, app: str) -> None:
    """Raise :class:`TokenScopeDenied` when ``token`` does not allow ``method`` on the part of
    the API ``app`` (the first path segment under /api/v1/)."""
    if token.read_only and method.upper() not in SAFE_METHODS:
        raise TokenScopeDenied(_("This API token is read-only."), code="token_read_only")
    if token.apps and app not in token.apps:
        raise TokenScopeDenied(
            _("This API token is not valid for this part of the API."), code="token_app"
        )


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


def national_identity_account(
    *, provider: str, subject: str, citizen_id: str, full_name: str, phone: str = ""
) -> tuple[User, bool]:
    """The citizen account a national identity (VNeID, Decree 69/2024/NĐ-CP) logs into, and
    whether it was created now: the account linked to ``(provider, subject)``; else the citizen
    account with that 12-digit ID number, linked now; else a new citizen account, with no
    password (it logs in through the provider) and the provider's phone number as its contact
    (confirmed: the provider verified it). The provider is trusted for the ID number: the
    caller has verified its signed ID token."""
    if not is_valid_citizen_id(citizen_id):
        msg = _("The national identity did not give a valid citizen ID number.")
        raise InvalidAccountData(msg, fields={"citizen_id": msg})
    linked = ExternalIdentity.objects.filter(provider=provider, subject=subject).first()
    user = linked.user if linked else User.objects.filter(citizen_id=citizen_id).first()
    created = user is None
    if created:
        phone_n = normalize_phone(phone) or None
        if phone_n is None or not is_valid_phone(phone_n):
            raise InvalidAccountData(_("The national identity did not give a phone number."))
        _check_unique(email=None, phone=phone_n, citizen_id=citizen_id, tax_code=None)
        user = _create(
            actor=None,
            action=AuditAction.ACCOUNT_REGISTERED,
            password=None,
            kind=AccountKind.CITIZEN,
            full_name=full_name.strip()[:200],
            phone=phone_n,
            citizen_id=citizen_id,
            contact_verified_at=timezone.now(),
        )
    if not user.is_active or not user.is_public or user.citizen_id != citizen_id:
        raise AccountExists(_("This national identity cannot log in to this account."))
    if linked is None:
        external_identity_link(actor=user, user=user, provider=provider, subject=subject)
    return user, created
