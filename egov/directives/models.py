"""Tasks assigned by directive documents, the reports on them, deadline extensions, reminders
sent, task-table imports and the weekly press release.

A directive is a ``documents.Document`` (the one document model); this app adds what it
assigns. Task states are computed (``rules.task_state``), never typed in.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from egov.directives.choices import (
    ExtensionStatus,
    ProgressStatus,
    Recurrence,
    ReleaseStatus,
    ReportStatus,
    TaskUnitRole,
)

AMOUNT = {"max_digits": 20, "decimal_places": 4}


class Directive(models.Model):
    """What task tracking keeps of a directive beside the registry's own fields
    (``documents.Document``): the headline a press release opens with, which is not the
    summary ("V/v ...") of the document."""

    document = models.OneToOneField(
        "documents.Document",
        verbose_name=_("document"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    headline = models.TextField(
        _("headline"),
        blank=True,
        help_text=_("The sentence a press release opens with; the summary when empty."),
    )

    class Meta:
        verbose_name = _("directive")
        verbose_name_plural = _("directives")

    def __str__(self) -> str:
        return self.headline[:80]


class TaskGroup(models.Model):
    """A heading of an annexed task table (area → component), nested by ``parent``."""

    document = models.ForeignKey(
        "documents.Document", verbose_name=_("document"), on_delete=models.PROTECT, related_name="+"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    order = models.PositiveIntegerField(_("order"))
    label = models.CharField(_("number"), max_length=20, blank=True)
    title = models.TextField(_("title"))

    class Meta:
        verbose_name = _("task group")
        verbose_name_plural = _("task groups")
        ordering = ["document", "order"]

    def __str__(self) -> str:
        return f"{self.label} {self.title[:60]}".strip()


class Task(models.Model):
    """One task a document assigns: one lead unit (Government working rules), cooperating and
    implementing units, an expected result (with a numeric target where there is one), and a
    deadline or a recurrence. ``deadline_on`` is the deadline in force; every change of it, of
    the units or of the target is kept in ``TaskChange``. A task split for the units below has
    sub-tasks (``parent``) whose progress rolls up."""

    document = models.ForeignKey(
        "documents.Document", verbose_name=_("document"), on_delete=models.PROTECT, related_name="+"
    )
    group = models.ForeignKey(
        TaskGroup,
        verbose_name=_("group"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tasks",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent task"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="subtasks",
    )
    order = models.PositiveIntegerField(_("order"))
    content = models.TextField(_("task"))
    assigning_unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("assigning unit"), on_delete=models.PROTECT, related_name="+"
    )
    lead_unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("lead unit"), on_delete=models.PROTECT, related_name="+"
    )
    collective = models.CharField(
        _("collective assignment"),
        max_length=200,
        blank=True,
        help_text=_("e.g. UBND các quận, huyện, thị xã: the tasks given to each unit under it."),
    )
    expected_result = models.TextField(_("expected result"), blank=True)
    target_value = models.DecimalField(_("target value"), **AMOUNT, null=True, blank=True)
    target_unit = models.CharField(
        _("target unit"), max_length=50, blank=True, help_text=_("e.g. % xã, triệu con, tỷ đồng")
    )
    assigned_on = models.DateField(_("assigned on"))
    recurrence = models.CharField(
        _("recurrence"), max_length=12, choices=Recurrence.choices, default=Recurrence.NONE
    )
    deadline_on = models.DateField(_("deadline"), null=True, blank=True)
    original_deadline_on = models.DateField(_("original deadline"), null=True, blank=True)
    period_day = models.PositiveSmallIntegerField(
        _("report day in the period"),
        null=True,
        blank=True,
        help_text=_("Recurring tasks: the day of the month reports are due."),
    )
    period_month = models.PositiveSmallIntegerField(
        _("report month"),
        null=True,
        blank=True,
        help_text=_("Yearly tasks: the month reports are due, e.g. 10 for 31 October."),
    )
    report_by_on = models.DateField(_("report by"), null=True, blank=True)
    outside_bodies = models.ManyToManyField(
        "orgs.OutsideBody",
        verbose_name=_("cooperating outside bodies"),
        blank=True,
        related_name="+",
    )
    participants_text = models.TextField(
        _("other participants"),
        blank=True,
        help_text=_("Names that are no unit of the tree, as written (e.g. thôn, tổ dân phố)."),
    )
    extension_count = models.PositiveSmallIntegerField(_("extensions granted"), default=0)
    percent_done = models.PositiveSmallIntegerField(_("percent done"), default=0)
    actual_value = models.DecimalField(_("actual figure"), **AMOUNT, null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    search_text = models.TextField(editable=False, blank=True)
    # The governance-index dimension the task serves (PAPI, PCI...: surveys' standings page),
    # e.g. a task set to improve a weak dimension.
    index_code = models.CharField(_("governance index served"), max_length=12, blank=True)
    index_dimension = models.CharField(_("index dimension served"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["document", "order"]
        indexes = [
            models.Index(fields=["lead_unit", "deadline_on"]),
            models.Index(fields=["assigned_on"]),
            models.Index(fields=["index_code", "index_dimension"], name="directives_task_serves"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(percent_done__lte=100), name="directives_percent_max"
            ),
            models.CheckConstraint(
                condition=~Q(recurrence=Recurrence.NONE) | Q(deadline_on__isnull=False),
                name="directives_deadline_or_recurrence",
            ),
        ]

    def __str__(self) -> str:
        return self.content[:80]


class TaskUnit(models.Model):
    """A unit named on a task with its role; the lead unit has one row with role lead."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="units")
    unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("role"), max_length=10, choices=TaskUnitRole.choices)

    class Meta:
        verbose_name = _("task unit")
        verbose_name_plural = _("task units")
        constraints = [
            models.UniqueConstraint(fields=["task", "unit", "role"], name="directives_task_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.task_id} {self.role} {self.unit_id}"


class TaskReport(models.Model):
    """A unit's report on a task for one period (one period for a one-deadline task); the
    assigning office accepts it or returns it."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reports")
    unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    due_on = models.DateField(_("report due"))
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    progress = models.CharField(
        _("progress"),
        max_length=12,
        choices=ProgressStatus.choices,
        default=ProgressStatus.IN_PROGRESS,
    )
    percent = models.PositiveSmallIntegerField(_("percent done"), default=0)
    done_text = models.TextField(_("what was done"), blank=True)
    actual_value = models.DecimalField(_("actual figure"), **AMOUNT, null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_note = models.TextField(_("review note"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("task report")
        verbose_name_plural = _("task reports")
        ordering = ["task", "period_start", "unit"]
        constraints = [
            models.UniqueConstraint(
                fields=["task", "unit", "period_start"], name="directives_report_once"
            ),
            models.CheckConstraint(condition=Q(percent__lte=100), name="directives_report_pct"),
        ]

    def __str__(self) -> str:
        return f"{self.task_id} {self.unit_id} {self.period_start}"


class TaskReportFile(models.Model):
    report = models.ForeignKey(TaskReport, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("file"), upload_to="tasks/%Y/%m/")
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("report file")
        verbose_name_plural = _("report files")

    def __str__(self) -> str:
        return self.name


TASK_CHANGE_LABELS = {
    "content": _("task"),
    "lead_unit": _("lead unit"),
    "cooperating": _("cooperating units"),
    "implementing": _("implementing units"),
    "expected_result": _("expected result"),
    "target_value": _("target value"),
    "target_unit": _("target unit"),
    "recurrence": _("recurrence"),
    "deadline_on": _("deadline"),
    "period_day": _("report day in the period"),
    "period_month": _("report month"),
    "report_by_on": _("report by"),
}


class TaskChange(models.Model):
    """A change of a task's deadline, units or target, shown on the task."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="changes")
    field = models.CharField(_("what changed"), max_length=30)
    old_value = models.TextField(_("before"), blank=True)
    new_value = models.TextField(_("after"), blank=True)
    reason = models.TextField(_("reason"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(_("changed at"))

    class Meta:
        verbose_name = _("task change")
        verbose_name_plural = _("task changes")
        ordering = ["task", "changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.task_id} {self.field}"

    @property
    def field_label(self) -> str:
        return str(TASK_CHANGE_LABELS.get(self.field, self.field))


class DeadlineExtension(models.Model):
    """The lead unit asks for a later deadline with a reason; the assigning office decides."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="extensions")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"))
    current_deadline_on = models.DateField(_("deadline then"))
    proposed_deadline_on = models.DateField(_("proposed deadline"))
    reason = models.TextField(_("reason"))
    status = models.CharField(
        _("status"), max_length=10, choices=ExtensionStatus.choices, default=ExtensionStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)

    class Meta:
        verbose_name = _("deadline extension")
        verbose_name_plural = _("deadline extensions")
        ordering = ["task", "requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["task"],
                condition=Q(status=ExtensionStatus.PENDING),
                name="directives_one_pending_extension",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.task_id} → {self.proposed_deadline_on}"


class TaskReminder(models.Model):
    """A reminder sent (before the deadline to the lead unit, after it to its head): one row
    per task, kind and deadline, so a job run twice sends once."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=10)
    deadline_on = models.DateField()
    sent_at = models.DateTimeField()
    recipients = models.TextField(blank=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["task", "kind", "deadline_on"], name="directives_reminder_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.task_id} {self.kind} {self.deadline_on}"


class TaskImport(models.Model):
    """A task table uploaded for a document: parsed rows wait here until every unit name is
    resolved, then become tasks in one transaction."""

    document = models.ForeignKey(
        "documents.Document", verbose_name=_("document"), on_delete=models.PROTECT, related_name="+"
    )
    file_name = models.CharField(_("file name"), max_length=200)
    sha256 = models.CharField(max_length=64)
    rows = models.JSONField(_("parsed rows"), default=list)
    unresolved = models.JSONField(_("names to resolve"), default=list)
    resolutions = models.JSONField(_("resolved names"), default=dict)
    is_applied = models.BooleanField(_("applied"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("task import")
        verbose_name_plural = _("task imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.file_name


class PressRelease(models.Model):
    """The weekly press release (thông cáo báo chí) on the directives of a period. ``items``
    holds, per directive, the headline, paragraph and numbered assignments as edited."""

    unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("issuing unit"), on_delete=models.PROTECT, related_name="+"
    )
    number_notation = models.CharField(_("number and notation"), max_length=45, blank=True)
    issued_on = models.DateField(_("date"))
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    title = models.TextField(_("title"))
    items = models.JSONField(_("content"), default=list)
    recipients_text = models.TextField(_("recipients"), blank=True)
    documents = models.ManyToManyField(
        "documents.Document", verbose_name=_("directives"), related_name="+"
    )
    cover_letter = models.ForeignKey(
        "documents.Document",
        verbose_name=_("cover letter"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ReleaseStatus.choices, default=ReleaseStatus.DRAFT
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("press release")
        verbose_name_plural = _("press releases")
        ordering = ["-issued_on", "-pk"]

    def __str__(self) -> str:
        return self.title[:80]


from egov.directives.models_scoreboard import *  # noqa: E402, F403
