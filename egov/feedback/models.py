"""Tables of citizen feedback: questions on procedures and their answers, report categories and
their routes, reports on local problems and their photos."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from egov.feedback.choices import (
    CategoryKind,
    Channel,
    CriterionFinding,
    QuestionStatus,
    Rating,
    RegulationBasis,
    RegulationClass,
    RegulationContent,
    RegulationCriterion,
    RegulationOutcome,
    ReportStatus,
    Routing,
)


class Question(models.Model):
    """A question of a citizen or business on a procedure (or in general), answered by the
    competent unit within ``EGOV_FEEDBACK_QUESTION_DAYS`` working days and then published with
    the asker's identity hidden. The procedure is kept as its code and name as typed or
    carried by the link of the procedure page (feedback does not read the catalog)."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    asker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("asker"),
    )
    unit = models.ForeignKey(
        "orgs.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    procedure_code = models.CharField(_("procedure code"), max_length=50, blank=True)
    procedure_name = models.CharField(_("procedure"), max_length=300, blank=True)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("question"))
    status = models.CharField(
        _("status"), max_length=12, choices=QuestionStatus.choices, default=QuestionStatus.WAITING
    )
    asked_at = models.DateTimeField(_("asked at"), default=timezone.now)
    due_at = models.DateTimeField(_("answer due at"))
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answer_document = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answer document"),
        help_text=_("The official answer in the unit's document register."),
    )
    public_title = models.CharField(_("published title"), max_length=200, blank=True)
    public_body = models.TextField(_("published question"), blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    search_text = models.TextField(_("search text"), blank=True, editable=False)
    request_key = models.CharField(_("request key"), max_length=64, blank=True)
    escalation_level = models.PositiveSmallIntegerField(_("escalation level"), default=0)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["-asked_at"]
        indexes = [
            models.Index(fields=["unit", "asked_at"], name="feedback_q_unit_asked"),
            models.Index(fields=["status", "published_at"], name="feedback_q_published"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["asker", "request_key"],
                condition=~models.Q(request_key=""),
                name="feedback_question_request_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.title}"

    @property
    def is_late(self) -> bool:
        end = self.answered_at or timezone.now()
        return end > self.due_at


class Category(models.Model):
    """A kind of local problem (roads, waste, lighting…): where its reports go and the working
    days to answer them (Decision 766 / DVCQG: ``EGOV_FEEDBACK_REPORT_DAYS`` unless set)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        _("about"), max_length=10, choices=CategoryKind.choices, default=CategoryKind.PROBLEM
    )
    routing = models.CharField(
        _("sent to"), max_length=8, choices=Routing.choices, default=Routing.AREA
    )
    unit = models.ForeignKey(
        "orgs.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible unit"),
    )
    answer_days = models.DecimalField(
        _("working days to answer"), max_digits=5, decimal_places=3, null=True, blank=True
    )
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("report category")
        verbose_name_plural = _("report categories")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(routing="unit") | models.Q(unit__isnull=False),
                name="feedback_category_unit_when_fixed",
            )
        ]

    def __str__(self) -> str:
        return self.name


class CategoryRoute(models.Model):
    """The responsible unit of a category for an area of the org tree (and everything below
    it): e.g. lighting in a district goes to its urban management division. The deepest area
    containing the place wins; without one the category's own routing applies."""

    category = models.ForeignKey(
        Category, on_delete=models.CASCADE, related_name="routes", verbose_name=_("category")
    )
    area = models.ForeignKey(
        "orgs.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("area")
    )
    unit = models.ForeignKey(
        "orgs.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )

    class Meta:
        verbose_name = _("category route")
        verbose_name_plural = _("category routes")
        constraints = [
            models.UniqueConstraint(fields=["category", "area"], name="feedback_route_once")
        ]

    def __str__(self) -> str:
        return f"{self.category} / {self.area}"


PUBLIC_REPORT_STATES = (ReportStatus.ANSWERED, ReportStatus.CLOSED)
# Answered reports are public; feedback on a regulation once its result is published (Decree
# 20/2008 art. 19: the officer checks it first). The public list's indexes hold these rows only.
PUBLIC_REPORTS = models.Q(status__in=PUBLIC_REPORT_STATES) & (
    models.Q(regulation="") | models.Q(published_at__isnull=False)
)


class Report(models.Model):
    """A citizen's report or recommendation on a local problem (phản ánh, kiến nghị), handled
    on the workflow engine: receive → process (assign, hand over) → answer, then closed by the
    rating or by the unit; reopened once within ``EGOV_FEEDBACK_REOPEN_DAYS`` days. A duplicate
    is merged into the report on the same problem (``duplicate_of``), whose answer its reporter
    follows. The national portal's limits (Decision 766 / DVCQG) are kept from its sending: a
    refusal within ``EGOV_FEEDBACK_REFUSE_DAYS`` working days, a first request for a supplement
    within ``EGOV_FEEDBACK_SUPPLEMENT_DAYS``; while the sender supplements it, its clock stops."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reporter"),
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    channel = models.CharField(
        _("channel"), max_length=10, choices=Channel.choices, default=Channel.ONLINE
    )
    contact_name = models.CharField(_("name of the person reporting"), max_length=200, blank=True)
    contact_phone = models.CharField(_("phone of the person reporting"), max_length=15, blank=True)
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="+", verbose_name=_("category")
    )
    area = models.ForeignKey(
        "orgs.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("place")
    )
    unit = models.ForeignKey(
        "orgs.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    regulation = models.CharField(
        _("regulation"),
        max_length=300,
        blank=True,
        help_text=_("Feedback on a regulation (Decree 20/2008): its number, date and title."),
    )
    regulation_content = models.CharField(
        _("about the regulation"), max_length=16, choices=RegulationContent.choices, blank=True
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ReportStatus.choices, default=ReportStatus.RECEIVED
    )
    process = models.ForeignKey(
        "workflow.ProcessInstance",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("processing"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    due_at = models.DateTimeField(_("answer due at"))
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answer_document = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answer document"),
        help_text=_("The official answer in the unit's document register."),
    )
    published_at = models.DateTimeField(
        _("result published at"),
        null=True,
        blank=True,
        help_text=_("Feedback on a regulation: when its result was published (art. 19)."),
    )
    first_answered_at = models.DateTimeField(_("first answered at"), null=True, blank=True)
    first_due_at = models.DateTimeField(_("first answer due at"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    refusal_reason = models.TextField(_("reason refused"), blank=True)
    refuse_due_at = models.DateTimeField(
        _("refusal due at"),
        null=True,
        blank=True,
        help_text=_("A refusal after this moment is late (national portal: 2 working days)."),
    )
    supplement_due_at = models.DateTimeField(
        _("supplement request due at"),
        null=True,
        blank=True,
        help_text=_(
            "A first request for a supplement after this moment is late (national portal: "
            "5 working days)."
        ),
    )
    supplement_requested_at = models.DateTimeField(
        _("supplement first requested at"), null=True, blank=True
    )
    supplement_reason = models.TextField(_("supplement requested"), blank=True)
    supplement_text = models.TextField(_("supplement"), blank=True)
    supplemented_at = models.DateTimeField(_("supplemented at"), null=True, blank=True)
    rating = models.CharField(_("rating"), max_length=8, choices=Rating.choices, blank=True)
    rated_at = models.DateTimeField(_("rated at"), null=True, blank=True)
    reopened_at = models.DateTimeField(_("reopened at"), null=True, blank=True)
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name=_("duplicate of"),
    )
    search_text = models.TextField(_("search text"), blank=True, editable=False)
    request_key = models.CharField(_("request key"), max_length=64, blank=True)
    escalation_level = models.PositiveSmallIntegerField(_("escalation level"), default=0)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-submitted_at"]
        indexes = [
            models.Index(fields=["unit", "submitted_at"], name="feedback_r_unit_submitted"),
            models.Index(fields=["status", "closed_at"], name="feedback_r_closed"),
            # The public list and map, newest answers first (-answered_at, -id) for no filter,
            # a unit, a category, or both: partial, over the public rows only, so that a walk
            # in answer order meets no unanswered row (their NULL answered_at sort first) and
            # no filtered one; each page reads its own rows and stops.
            models.Index(
                fields=["-answered_at", "-id"], condition=PUBLIC_REPORTS, name="feedback_r_public"
            ),
            models.Index(
                fields=["unit", "-answered_at", "-id"],
                condition=PUBLIC_REPORTS,
                name="feedback_r_public_unit",
            ),
            models.Index(
                fields=["category", "-answered_at", "-id"],
                condition=PUBLIC_REPORTS,
                name="feedback_r_public_cat",
            ),
            models.Index(
                fields=["unit", "category", "-answered_at", "-id"],
                condition=PUBLIC_REPORTS,
                name="feedback_r_public_unit_cat",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["reporter", "request_key"],
                condition=~models.Q(request_key=""),
                name="feedback_report_request_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.title}"

    @property
    def is_late(self) -> bool:
        end = self.first_answered_at or timezone.now()
        return end > (self.first_due_at or self.due_at)


class ReportPhoto(models.Model):
    """A photo of a report: the public copy has no EXIF data; the place the camera recorded
    (if any) is kept in the row for the officers."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="photos", verbose_name=_("report")
    )
    file = models.FileField(_("file"), upload_to="feedback/%Y/%m/")
    content_type = models.CharField(_("content type"), max_length=50)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    exif_latitude = models.DecimalField(
        _("latitude in the photo"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    exif_longitude = models.DecimalField(
        _("longitude in the photo"), max_digits=9, decimal_places=6, null=True, blank=True
    )

    class Meta:
        verbose_name = _("report photo")
        verbose_name_plural = _("report photos")

    def __str__(self) -> str:
        return self.file.name


class Escalation(models.Model):
    """One step up of a question or report still unanswered after its time limit (DIGIT PGR
    auto-escalation on an SLA breach): level 1 tells the heads of the unit handling it (issue
    17: "escalation to the head of the unit when late"), each further
    ``EGOV_FEEDBACK_ESCALATION_DAYS`` working days one level higher up the org tree. One row
    per item, time limit and level, so the daily run never tells anyone twice; a reopened
    report has a new time limit and escalates anew."""

    question = models.ForeignKey(
        Question,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="escalations",
        verbose_name=_("question"),
    )
    report = models.ForeignKey(
        Report,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="escalations",
        verbose_name=_("report"),
    )
    level = models.PositiveSmallIntegerField(_("level"))
    unit = models.ForeignKey(
        "orgs.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("escalated to")
    )
    due_at = models.DateTimeField(_("time limit passed"))
    escalated_at = models.DateTimeField(_("escalated at"), default=timezone.now)
    recipients = models.PositiveIntegerField(_("people told"), default=0)

    class Meta:
        verbose_name = _("escalation")
        verbose_name_plural = _("escalations")
        ordering = ["escalated_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(question__isnull=True, report__isnull=False)
                | models.Q(question__isnull=False, report__isnull=True),
                name="feedback_escalation_one_item",
            ),
            models.UniqueConstraint(
                fields=["question", "due_at", "level"],
                condition=models.Q(question__isnull=False),
                name="feedback_escalation_question_once",
            ),
            models.UniqueConstraint(
                fields=["report", "due_at", "level"],
                condition=models.Q(report__isnull=False),
                name="feedback_escalation_report_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question or self.report} → {self.level}"


class RegulationReview(models.Model):
    """How feedback on an administrative regulation is handled (Decree 20/2008/NĐ-CP): the
    receiving unit classifies it (art. 9) and forwards what is outside its competence within
    ``EGOV_FEEDBACK_FORWARD_DAYS`` working days of receipt; the competent unit assesses the
    regulation on the art. 14 criteria, decides (art. 15) and publishes the result (art. 19)
    within ``EGOV_FEEDBACK_PUBLISH_DAYS`` working days of the answer (the national portal's
    limit). The refusal limit is every report's (``Report.refuse_due_at``). One row per report
    on a regulation, written when it is sent."""

    report = models.OneToOneField(
        Report,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="review",
        verbose_name=_("report"),
    )
    receiving_unit = models.ForeignKey(
        "orgs.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("received by")
    )
    forward_due_at = models.DateTimeField(_("forwarding due at"))
    classification = models.CharField(
        _("classification"), max_length=16, choices=RegulationClass.choices, blank=True
    )
    classified_at = models.DateTimeField(_("classified at"), null=True, blank=True)
    forwarded_at = models.DateTimeField(_("forwarded at"), null=True, blank=True)
    forwarded_from = models.ForeignKey(
        "orgs.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("forwarded by"),
    )
    basis = models.CharField(_("basis"), max_length=12, choices=RegulationBasis.choices, blank=True)
    findings = models.JSONField(_("assessment"), default=dict, blank=True)
    outcome = models.CharField(
        _("decision"), max_length=10, choices=RegulationOutcome.choices, blank=True
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    publish_due_at = models.DateTimeField(_("publication due at"), null=True, blank=True)

    class Meta:
        verbose_name = _("review of feedback on a regulation")
        verbose_name_plural = _("reviews of feedback on regulations")

    def __str__(self) -> str:
        return str(self.report)

    @property
    def findings_labelled(self) -> list[tuple[str, str]]:
        """The assessment as (criterion, finding) labels, in the order of art. 14."""
        return [
            (str(RegulationCriterion(code).label), str(CriterionFinding(self.findings[code]).label))
            for code in RegulationCriterion.values
            if code in self.findings
        ]

    @property
    def is_forwarded_late(self) -> bool:
        return self.forwarded_at is not None and self.forwarded_at > self.forward_due_at

    @property
    def is_published_late(self) -> bool:
        if self.publish_due_at is None:
            return False
        return (self.report.published_at or timezone.now()) > self.publish_due_at
