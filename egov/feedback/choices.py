"""Choices of citizen feedback: questions on procedures (hỏi đáp) and reports on local problems
(phản ánh, kiến nghị)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class QuestionStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting for an answer")
    ANSWERED = "answered", _("Answered")
    PUBLISHED = "published", _("Answered and published")


class ReportStatus(models.TextChoices):
    """Decision 766 / DVCQG vocabulary: waiting to be received, being processed, waiting for the
    sender's supplement ("PA chờ bổ sung"), answered, closed; refused at reception (Decree
    20/2008 art. 9: fails the requirements)."""

    RECEIVED = "received", _("Waiting to be received")
    PROCESSING = "processing", _("Being processed")
    SUPPLEMENT = "supplement", _("Waiting for the sender's supplement")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")
    REFUSED = "refused", _("Refused")
    MERGED = "merged", _("Merged with a report on the same problem")


class Routing(models.TextChoices):
    """Where a category sends a report: the commune (ward) of the place, or a fixed unit."""

    AREA = "area", _("The ward or commune of the place")
    UNIT = "unit", _("A fixed unit")


class CategoryKind(models.TextChoices):
    """What a category's reports are about: a local problem at a place, or an administrative
    regulation (Decree 20/2008/NĐ-CP), sent to the unit that issued it."""

    PROBLEM = "problem", _("A local problem")
    REGULATION = "regulation", _("An administrative regulation (Decree 20/2008)")


class RegulationContent(models.TextChoices):
    """What feedback on a regulation is about (Decree 20/2008/NĐ-CP art. 5)."""

    IMPLEMENTATION = "implementation", _("Delay, harassment or wrong application by a body")
    UNSUITED = "unsuited", _("The regulation does not suit reality")
    INCONSISTENT = "inconsistent", _("The regulation is inconsistent with others")
    UNLAWFUL = "unlawful", _("The regulation is unlawful")
    TREATY = "treaty", _("The regulation conflicts with a treaty")
    PROPOSAL = "proposal", _("A proposed solution or a new regulation")
    OTHER = "other", _("Another issue")


class RegulationClass(models.TextChoices):
    """How the receiving unit classifies feedback on a regulation (Decree 20/2008/NĐ-CP art. 9;
    refusal for failing art. 7 is the report's own refusal)."""

    WITHIN = "within", _("About a regulation within our competence")
    OUTSIDE = "outside", _("About a regulation outside our competence: forward it")
    IMPLEMENTATION = "implementation", _("About how a body applies it: forward it")


class RegulationBasis(models.TextChoices):
    """Whether the feedback gives enough basis to assess the regulation (art. 14)."""

    ENOUGH = "enough", _("Enough basis to assess the regulation")
    NOT_ENOUGH = "not_enough", _("Not enough basis yet: keep collecting feedback")


class RegulationCriterion(models.TextChoices):
    """What the regulation is assessed on (Decree 20/2008/NĐ-CP art. 14)."""

    NECESSITY = "necessity", _("Necessity")
    REASONABLENESS = "reasonableness", _("Reasonableness")
    LEGALITY = "legality", _("Legality")
    SIMPLICITY = "simplicity", _("Simplicity")
    FEASIBILITY = "feasibility", _("Feasibility")
    CONSISTENCY = "consistency", _("Consistency with other regulations")
    TREATY = "treaty", _("Conformity with treaties")


class CriterionFinding(models.TextChoices):
    MEETS = "meets", _("Meets the criterion")
    FAILS = "fails", _("Does not meet the criterion")


class RegulationOutcome(models.TextChoices):
    """What the unit decides on the regulation (Decree 20/2008/NĐ-CP art. 15), or to keep
    collecting feedback when there is not enough basis (art. 14)."""

    AMEND = "amend", _("Amend or supplement the regulation")
    ABOLISH = "abolish", _("Abolish or cancel the regulation")
    PROPOSE = "propose", _("Propose that the competent body amend, supplement or abolish it")
    NEW = "new", _("Issue a new regulation, or propose one")
    KEEP = "keep", _("Keep the regulation as it is")
    COLLECT = "collect", _("Keep collecting feedback")


class Rating(models.TextChoices):
    """Like / dislike, as citizens rate answers on the national portal (Decision 766)."""

    LIKE = "like", _("Satisfied")
    DISLIKE = "dislike", _("Not satisfied")


class Channel(models.TextChoices):
    ONLINE = "online", _("Online")
    PHONE = "phone", _("By phone")
    IN_PERSON = "in_person", _("In person")
    APP = "app", _("Through a connected app (Open311)")
    SCAN = "scan", _("From a product's scan page")


# The category of reports on a product sent from its public scan page (traceability): created
# by migration 0005, routed like any other (the producer's unit, or a CategoryRoute).
PRODUCT_CATEGORY = "product-traceability"


class FeedbackAuditAction(models.TextChoices):
    """Actions of citizen feedback the audit trail records."""

    QUESTION_ASKED = "feedback.question_asked", pgettext_lazy("audit action", "Question asked")
    QUESTION_REASSIGNED = (
        "feedback.question_reassigned",
        pgettext_lazy("audit action", "Question sent to another unit"),
    )
    QUESTION_ANSWERED = (
        "feedback.question_answered",
        pgettext_lazy("audit action", "Question answered"),
    )
    QUESTION_ESCALATED = (
        "feedback.question_escalated",
        pgettext_lazy("audit action", "Late question escalated"),
    )
    QUESTION_PUBLISHED = (
        "feedback.question_published",
        pgettext_lazy("audit action", "Answer published"),
    )
    REPORT_SUBMITTED = (
        "feedback.report_submitted",
        pgettext_lazy("audit action", "Report submitted"),
    )
    REPORT_RECEIVED = "feedback.report_received", pgettext_lazy("audit action", "Report received")
    REPORT_REFUSED = "feedback.report_refused", pgettext_lazy("audit action", "Report refused")
    REPORT_HANDED_OVER = (
        "feedback.report_handed_over",
        pgettext_lazy("audit action", "Report handed over to another unit"),
    )
    REPORT_ANSWERED = "feedback.report_answered", pgettext_lazy("audit action", "Report answered")
    REPORT_CLOSED = "feedback.report_closed", pgettext_lazy("audit action", "Report closed")
    REPORT_RATED = "feedback.report_rated", pgettext_lazy("audit action", "Answer rated")
    REPORT_ESCALATED = (
        "feedback.report_escalated",
        pgettext_lazy("audit action", "Late report escalated"),
    )
    REPORT_MERGED = (
        "feedback.report_merged",
        pgettext_lazy("audit action", "Report merged as a duplicate"),
    )
    REPORT_UNMERGED = (
        "feedback.report_unmerged",
        pgettext_lazy("audit action", "Duplicate report separated again"),
    )
    REPORT_REOPENED = "feedback.report_reopened", pgettext_lazy("audit action", "Report reopened")
    REPORT_SUPPLEMENT_REQUESTED = (
        "feedback.report_supplement_requested",
        pgettext_lazy("audit action", "Supplement to a report requested"),
    )
    REPORT_SUPPLEMENTED = (
        "feedback.report_supplemented",
        pgettext_lazy("audit action", "Report supplemented"),
    )
    REGULATION_CLASSIFIED = (
        "feedback.regulation_classified",
        pgettext_lazy("audit action", "Feedback on a regulation classified"),
    )
    REGULATION_FORWARDED = (
        "feedback.regulation_forwarded",
        pgettext_lazy("audit action", "Feedback on a regulation forwarded"),
    )
    REGULATION_DECIDED = (
        "feedback.regulation_decided",
        pgettext_lazy("audit action", "Regulation assessed and decided on"),
    )
    REGULATION_PUBLISHED = (
        "feedback.regulation_published",
        pgettext_lazy("audit action", "Result on a regulation published"),
    )
