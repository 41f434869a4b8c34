"""Accounts: one user table for officers, citizens and businesses, plus API tokens and the
external identities (OpenID Connect) that can be linked to an account later."""

from __future__ import annotations

import datetime

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from egov.accounts.choices import AccountKind, NotificationChannel, NotificationState
from egov.accounts.rules import normalize_email


class UserManager(BaseUserManager):
    """Creates accounts; services in ``accounts.services`` wrap it with validation and audit."""

    use_in_migrations = True

    def create_user(
        self, email: str | None = None, password: str | None = None, **extra: object
    ) -> User:
        user = self.model(email=normalize_email(email) or None, **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str, **extra: object) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        extra.setdefault("kind", AccountKind.OFFICER)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person or business that logs in. Officers get roles through ``orgs.Membership``.

    Login is by e-mail or phone number plus password; a national identity provider is linked
    through :class:`ExternalIdentity` without changing this table.
    """

    kind = models.CharField(_("account kind"), max_length=10, choices=AccountKind.choices)
    full_name = models.CharField(_("full name"), max_length=200)
    email = models.EmailField(_("e-mail"), unique=True, null=True, blank=True)
    phone = models.CharField(_("phone number"), max_length=15, unique=True, null=True, blank=True)
    citizen_id = models.CharField(
        _("citizen ID number"),
        max_length=12,
        unique=True,
        null=True,
        blank=True,
        help_text=_("12-digit personal identification number."),
    )
    tax_code = models.CharField(
        _("tax code"),
        max_length=14,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Enterprise or household-business tax code."),
    )
    is_staff = models.BooleanField(_("administrator"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("joined at"), default=timezone.now)
    disabled_reason = models.CharField(_("reason disabled"), max_length=300, blank=True)
    contact_verified_at = models.DateTimeField(
        _("contact confirmed at"),
        null=True,
        blank=True,
        help_text=_("When the owner confirmed the e-mail address or phone number."),
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("account")
        verbose_name_plural = _("accounts")
        constraints = [
            models.CheckConstraint(
                condition=Q(email__isnull=False) | Q(phone__isnull=False),
                name="user_has_login_identifier",
            ),
            models.CheckConstraint(
                condition=~Q(kind="citizen") | Q(citizen_id__isnull=False),
                name="citizen_has_citizen_id",
            ),
            models.CheckConstraint(
                condition=~Q(kind="business") | Q(tax_code__isnull=False),
                name="business_has_tax_code",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email or self.phone or f"#{self.pk}"

    @property
    def is_officer(self) -> bool:
        return self.kind == AccountKind.OFFICER

    @property
    def is_public(self) -> bool:
        return self.kind in (AccountKind.CITIZEN, AccountKind.BUSINESS)

    @property
    def contact_verified(self) -> bool:
        return self.contact_verified_at is not None


class ExternalIdentity(models.Model):
    """An account at an outside identity provider (e.g. VNeID over OpenID Connect) linked to a
    local account: ``(provider, subject)`` is the provider's stable user identifier."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="external_identities")
    provider = models.CharField(_("provider"), max_length=50)
    subject = models.CharField(_("subject"), max_length=255)
    linked_at = models.DateTimeField(_("linked at"), default=timezone.now)

    class Meta:
        verbose_name = _("external identity")
        verbose_name_plural = _("external identities")
        constraints = [
            models.UniqueConstraint(fields=["provider", "subject"], name="unique_external_subject")
        ]

    def __str__(self) -> str:
        return f"{self.provider}:{self.subject}"


class ApiToken(models.Model):
    """A bearer token for a machine client. Only the SHA-256 digest of the secret is stored.

    A token expires (``expires_at``), may be read-only (no POST/PUT/PATCH/DELETE) and may be
    limited to some parts of the API (``apps``: the first path segment under /api/v1/, e.g.
    "onestop"; empty means every part). Its owner's rights still apply on top."""

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=12, unique=True)
    digest = models.CharField(_("digest"), max_length=64)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    read_only = models.BooleanField(_("read only"), default=False)
    apps = models.JSONField(_("parts of the API"), default=list, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def is_active_at(self, moment: datetime.datetime) -> bool:
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > moment)


class NotificationQuerySet(models.QuerySet):
    def of_recipient(self, user: object) -> NotificationQuerySet:
        return self.filter(recipient=user)

    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """One message sent to a person (e-mail or SMS): what was sent, to which address, about
    which object, whether the backend took it, and when the recipient opened it in the
    notification centre. ``recipient`` is empty for an address without an account."""

    recipient = models.ForeignKey(
        User,
        verbose_name=_("recipient"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notifications",
    )
    channel = models.CharField(_("channel"), max_length=10, choices=NotificationChannel.choices)
    address = models.CharField(_("address"), max_length=254)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("message"))
    link = models.CharField(_("link"), max_length=500, blank=True)
    content_type = models.ForeignKey(
        ContentType,
        verbose_name=_("object type"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    state = models.CharField(
        _("delivery"),
        max_length=10,
        choices=NotificationState.choices,
        default=NotificationState.PENDING,
    )
    error = models.TextField(_("delivery error"), blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"]),
            models.Index(
                fields=["recipient"],
                condition=Q(read_at__isnull=True),
                name="accounts_notification_unread",
            ),
            models.Index(fields=["content_type", "object_id"]),
        ]

    def __str__(self) -> str:
        return self.subject
