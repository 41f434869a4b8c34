"""Choices of the national integrations (issue 22): the connectors, what a call was for, how it
ended, the state of a status push and of an online payment, and the audit actions."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ConnectorCode(models.TextChoices):
    """The national systems egov talks to. The code is also the simulator's path segment."""

    POPULATION = "population", _("National population database")
    BUSINESS_REGISTRY = "business", _("National business registry")
    NATIONAL_PORTAL = "dvcqg", _("National public-service portal")
    PAYMENT = "payment", _("Online payment gateway")
    VNEID = "vneid", _("National identity login (VNeID)")
    NATIONAL_REPORTING = "national_reporting", _("National reporting system")
    REMOTE_SIGNING = "csc", _("Remote signing service (CSC)")


class Purpose(models.TextChoices):
    """Why personal data is looked up (Decree 13/2023 on personal data: a purpose for each
    processing; Decree 278/2025: every sharing is traceable)."""

    FORM_FILL = "form_fill", _("Fill an application form for the applicant")
    IDENTITY_CHECK = "identity_check", _("Check the applicant's identity at the desk")
    DOSSIER_PROCESSING = "dossier_processing", _("Process a dossier")


class CallOutcome(models.TextChoices):
    SUCCESS = "success", _("Answered")
    NOT_FOUND = "not_found", _("Not found")
    REFUSED = "refused", _("Refused by the other side")
    FAILED = "failed", _("Failed (error, timeout, bad answer)")
    CIRCUIT_OPEN = "circuit_open", _("Not tried: connector paused after failures")
    NOT_CONFIGURED = "not_configured", _("Not tried: connector not configured")


class PushState(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    DELIVERED = "delivered", _("Acknowledged by the national portal")
    REJECTED = "rejected", _("Rejected by the national portal")


class PaymentState(models.TextChoices):
    PENDING = "pending", _("Waiting for payment")
    PAID = "paid", _("Paid")
    FAILED = "failed", _("Payment failed")


class ShareDataset(models.TextChoices):
    """The data sets the city's data-sharing API serves; a registered consumer is allowed some
    of them (Decree 278/2025: each connection has its data, purpose and legal basis)."""

    DOSSIER_STATUS = "dossier_status", _("A dossier's processing status")


class ShareOutcome(models.TextChoices):
    SERVED = "served", _("Served")
    NOT_FOUND = "not_found", _("Nothing to serve")
    REFUSED = "refused", _("Refused by the registry")


class IntegrationAuditAction(models.TextChoices):
    """Actions of the integration layer the audit trail records."""

    PERSONAL_DATA_LOOKED_UP = (
        "integration.personal_data_looked_up",
        pgettext_lazy("audit action", "Personal data read from a national database"),
    )
    REMOTE_SIGNATURE_MADE = (
        "integration.remote_signature_made",
        pgettext_lazy("audit action", "Hash signed by the remote signing service"),
    )
    BUSINESS_DATA_LOOKED_UP = (
        "integration.business_data_looked_up",
        pgettext_lazy("audit action", "Business data read from the national registry"),
    )
    STATUS_PUSH_QUEUED = (
        "integration.status_push_queued",
        pgettext_lazy("audit action", "Dossier status queued for the national portal"),
    )
    STATUS_PUSH_DELIVERED = (
        "integration.status_push_delivered",
        pgettext_lazy("audit action", "Dossier status acknowledged by the national portal"),
    )
    PAYMENT_REQUESTED = (
        "integration.payment_requested",
        pgettext_lazy("audit action", "Online payment requested"),
    )
    PAYMENT_CONFIRMED = (
        "integration.payment_confirmed",
        pgettext_lazy("audit action", "Online payment confirmed by the gateway"),
    )
    PAYMENT_CALLBACK_REFUSED = (
        "integration.payment_callback_refused",
        pgettext_lazy("audit action", "Payment callback refused"),
    )
    NATIONAL_IDENTITY_LOGIN = (
        "integration.national_identity_login",
        pgettext_lazy("audit action", "Logged in with the national identity (VNeID)"),
    )
    SHARED_DATA_READ = (
        "integration.shared_data_read",
        pgettext_lazy("audit action", "Data read through the data-sharing API"),
    )
    SHARE_CONSUMER_REGISTERED = (
        "integration.share_consumer_registered",
        pgettext_lazy("audit action", "Data-sharing consumer registered"),
    )
    SHARE_CONSUMER_CHANGED = (
        "integration.share_consumer_changed",
        pgettext_lazy("audit action", "Data-sharing consumer changed"),
    )
    SHARE_CONSUMER_REVOKED = (
        "integration.share_consumer_revoked",
        pgettext_lazy("audit action", "Data-sharing consumer revoked"),
    )
    SHARE_CREDENTIAL_ISSUED = (
        "integration.share_credential_issued",
        pgettext_lazy("audit action", "Data-sharing consumer credential issued"),
    )
    PERSONAL_STORE_PAPER_READ = (
        "integration.personal_store_paper_read",
        pgettext_lazy("audit action", "Paper read from the citizen's personal data store"),
    )
