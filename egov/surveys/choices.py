"""Choices of satisfaction surveys (SIPAS-style: Decision 1001/QĐ-BNV 2023's five factors)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CLOSED = "closed", _("Closed")


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    LIKERT = "likert", _("Likert scale 1–5")
    NUMBER = "number", _("Number")
    SHORT_TEXT = "short_text", _("Short text")
    LONG_TEXT = "long_text", _("Long text")
    MATRIX = "matrix", _("Matrix (rows rated 1–5)")


class AnswerSource(models.TextChoices):
    """Where an answer came from; kept for analysis, never who gave it."""

    PUBLIC_LINK = "public", _("Public link or QR code")
    INVITATION = "invitation", _("Invitation after a service")
    KIOSK = "kiosk", _("Kiosk or rating tablet (API)")


class ServiceChannel(models.TextChoices):
    """The channel of the service the answer is about (the one-stop shop's codes)."""

    DIRECT = "direct", _("In person at the one-stop desk")
    ONLINE = "online", _("Online")
    POSTAL = "postal", _("By public postal service")
    UNKNOWN = "", _("Not known")


class GovernanceIndexCode(models.TextChoices):
    """The governance indices a province's standing is tracked in (``standings.INDEXES``)."""

    PAPI = "papi", _("PAPI")
    PCI = "pci", _("PCI")
    SIPAS = "sipas", _("SIPAS")
    PAR_INDEX = "par_index", _("PAR INDEX")
    DTI = "dti", _("DTI")


class SurveyAuditAction(models.TextChoices):
    """Actions on surveys the audit trail records."""

    SURVEY_CREATED = "surveys.survey_created", pgettext_lazy("audit action", "Survey created")
    SURVEY_CHANGED = "surveys.survey_changed", pgettext_lazy("audit action", "Survey changed")
    SECTION_CHANGED = (
        "surveys.section_changed",
        pgettext_lazy("audit action", "Survey section changed"),
    )
    QUESTION_CHANGED = (
        "surveys.question_changed",
        pgettext_lazy("audit action", "Survey question changed"),
    )
    SURVEY_PUBLISHED = (
        "surveys.survey_published",
        pgettext_lazy("audit action", "Survey published"),
    )
    SURVEY_CLOSED = "surveys.survey_closed", pgettext_lazy("audit action", "Survey closed")
    SURVEY_VERSIONED = (
        "surveys.survey_versioned",
        pgettext_lazy("audit action", "Survey new version drafted"),
    )
    RESULTS_PUBLISHED = (
        "surveys.results_published",
        pgettext_lazy("audit action", "Survey results published"),
    )
    INVITATION_SENT = (
        "surveys.invitation_sent",
        pgettext_lazy("audit action", "Survey invitation sent"),
    )
    STANDING_RECORDED = (
        "surveys.standing_recorded",
        pgettext_lazy("audit action", "Index standing recorded"),
    )
    DIMENSION_OWNER_SET = (
        "surveys.dimension_owner_set",
        pgettext_lazy("audit action", "Responsible unit of an index dimension set"),
    )
    RESPONSE_RECORDED = (
        "surveys.response_recorded",
        pgettext_lazy("audit action", "Survey answer recorded"),
    )
