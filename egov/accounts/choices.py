from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AccountKind(models.TextChoices):
    """Officers work inside units; citizens and businesses are public accounts."""

    OFFICER = "officer", _("Officer")
    CITIZEN = "citizen", _("Citizen")
    BUSINESS = "business", _("Business")


class AuditAction(models.TextChoices):
    """Actions on accounts the audit trail records."""

    ACCOUNT_REGISTERED = "account.registered", pgettext_lazy("audit action", "Account registered")
    ACCOUNT_OFFICER_CREATED = (
        "account.officer_created",
        pgettext_lazy("audit action", "Officer account created"),
    )
    ACCOUNT_DISABLED = "account.disabled", pgettext_lazy("audit action", "Account disabled")
    ACCOUNT_ADMINISTRATOR_CHANGED = (
        "account.administrator_changed",
        pgettext_lazy("audit action", "Administrator right changed"),
    )
    ACCOUNT_IDENTITY_LINKED = (
        "account.identity_linked",
        pgettext_lazy("audit action", "External identity linked"),
    )
    ACCOUNT_OTP_ENROLLED = (
        "account.otp_enrolled",
        pgettext_lazy("audit action", "Two-step sign-in set up"),
    )
    ACCOUNT_OTP_FAILED = (
        "account.otp_failed",
        pgettext_lazy("audit action", "Wrong one-time code entered"),
    )
    ACCOUNT_LOGIN_2FA = (
        "account.login_2fa",
        pgettext_lazy("audit action", "Signed in with two steps"),
    )
    ACCOUNT_REGISTRATION_COLLIDED = (
        "account.registration_collided",
        pgettext_lazy("audit action", "Registration with details of an existing account"),
    )
    ACCOUNT_CONTACT_VERIFIED = (
        "account.contact_verified",
        pgettext_lazy("audit action", "E-mail or phone number confirmed"),
    )
    API_TOKEN_CREATED = "api_token.created", pgettext_lazy("audit action", "API token issued")
    API_TOKEN_REVOKED = "api_token.revoked", pgettext_lazy("audit action", "API token revoked")
    ACCOUNT_PASSWORD_CHANGED = (
        "account.password_changed",
        pgettext_lazy("audit action", "Password changed"),
    )
    ACCOUNT_PASSWORD_RESET = (
        "account.password_reset",
        pgettext_lazy("audit action", "Password reset through the e-mailed link"),
    )


# The parts of the JSON API a token can be limited to (the first segment under /api/v1/).
API_APPS = [
    ("orgs", _("Organisation units")),
    ("workdays", _("Working-day calendar")),
    ("onestop", _("One-stop dossiers")),
    ("documents", _("Documents")),
    ("exchange", _("Document exchange")),
    ("directives", _("Directives and tasks")),
    ("integration", _("Data sharing")),
    ("traceability", _("Traceability")),
    ("feedback", _("Citizen feedback")),
    ("complaints", _("Complaints, denunciations and citizen reception")),
]


class NotificationChannel(models.TextChoices):
    """How a notification travels."""

    EMAIL = "email", _("E-mail")
    SMS = "sms", _("SMS")


class NotificationState(models.TextChoices):
    """Where a notification's delivery stands: recorded, handed to the backend, or refused."""

    PENDING = "pending", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Not delivered")
