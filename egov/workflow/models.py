"""Tables of the workflow engine: versioned process definitions (internal procedures, quy trình
nội bộ) and the running instances with their steps, pauses and clock.

The engine does not know what it is processing: an instance points at its subject by content
type and id (a dossier, a complaint, an incoming document...) and the domain app keeps a
foreign key to the instance. Rows change only through :mod:`egov.workflow.services`.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from egov.orgs.choices import Role
from egov.workflow.choices import InstanceStatus, Outcome, StepAction, Timeliness

DAYS = {"max_digits": 7, "decimal_places": 3}


class ProcessDefinitionQuerySet(models.QuerySet):
    def published(self) -> ProcessDefinitionQuerySet:
        return self.filter(is_published=True)

    def effective_on(self, day: datetime.date) -> ProcessDefinitionQuerySet:
        return self.filter(effective_from__lte=day).filter(
            Q(effective_to__isnull=True) | Q(effective_to__gte=day)
        )


class ProcessDefinition(models.Model):
    """One version of an internal procedure: ordered steps whose time allowances add up to the
    legal time limit (``total_days``, working days).

    Published versions are immutable; a change is a new version. An instance keeps the version
    it started with (``ProcessInstance.definition``).
    """

    code = models.CharField(
        _("code"), max_length=60, help_text=_("e.g. the procedure code and the unit: 1.001731-BD")
    )
    name = models.CharField(_("name"), max_length=300)
    version = models.PositiveIntegerField(_("version"), default=1)
    effective_from = models.DateField(_("effective from"))
    effective_to = models.DateField(_("effective to"), null=True, blank=True)
    total_days = models.DecimalField(
        _("legal time limit (working days)"),
        **DAYS,
        help_text=_("The step allowances must add up to it exactly."),
    )
    source = models.CharField(
        _("source"),
        max_length=300,
        blank=True,
        help_text=_("The decision that approved the internal procedure, with number and date."),
    )
    is_published = models.BooleanField(_("published"), default=False, editable=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)

    objects = ProcessDefinitionQuerySet.as_manager()

    class Meta:
        verbose_name = _("process definition")
        verbose_name_plural = _("process definitions")
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="workflow_code_version"),
            models.CheckConstraint(condition=Q(total_days__gt=0), name="workflow_total_positive"),
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gte=F("effective_from")),
                name="workflow_definition_validity_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} v{self.version} — {self.name}"


class StepDefinition(models.Model):
    """A step of an internal procedure: who (unit and role) and how long (working days).

    ``unit`` empty means the instance's owner unit; a fixed unit is a hop to another unit or
    level (liên thông: commune → district, district → a city department). A later step with an
    empty unit brings the item back to the owner.
    """

    definition = models.ForeignKey(
        ProcessDefinition,
        verbose_name=_("process definition"),
        on_delete=models.CASCADE,
        related_name="steps",
    )
    order = models.PositiveSmallIntegerField(_("order"))
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=300)
    unit = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Leave empty for the unit that owns the item."),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    allowance_days = models.DecimalField(
        _("time allowance (working days)"),
        **DAYS,
        help_text=_("Whole hours: multiples of 0.125 working day (0.5 = half a day)."),
    )

    class Meta:
        verbose_name = _("step definition")
        verbose_name_plural = _("step definitions")
        ordering = ["definition", "order"]
        constraints = [
            models.UniqueConstraint(fields=["definition", "order"], name="workflow_step_order"),
            models.CheckConstraint(
                condition=Q(allowance_days__gt=0), name="workflow_allowance_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.name}"


class ProcessInstanceQuerySet(models.QuerySet):
    def active(self) -> ProcessInstanceQuerySet:
        """Running or paused (like Wagtail ``WorkflowState.objects.active()``)."""
        return self.filter(status__in=[InstanceStatus.RUNNING, InstanceStatus.PAUSED])

    def overdue(self, now: datetime.datetime) -> ProcessInstanceQuerySet:
        return self.active().filter(due_at__lt=now)


class ProcessInstance(models.Model):
    """One item going through a pinned version of a process definition, with its clock.

    ``legal_due_at`` follows the law's rule (start, restarts and excluded pauses);
    ``due_at`` is the appointment in force, equal to it unless re-set once with an apology
    (Decree 61/2018/NĐ-CP art. 19). ``version`` is bumped by every action: a service given an
    older ``expected_version`` refuses with ``ConcurrentChange``.
    """

    definition = models.ForeignKey(
        ProcessDefinition,
        verbose_name=_("process definition"),
        on_delete=models.PROTECT,
        related_name="instances",
    )
    subject_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.PROTECT, related_name="+"
    )
    subject_id = models.CharField(max_length=64)
    subject = GenericForeignKey("subject_type", "subject_id")
    subject_label = models.CharField(_("item"), max_length=300)
    search_text = models.CharField(max_length=300, editable=False, db_index=True)
    owner_unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("owner unit"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=InstanceStatus.choices, default=InstanceStatus.RUNNING
    )
    received_at = models.DateTimeField(_("received at"))
    counting_started_at = models.DateTimeField(_("counted from"))
    legal_due_at = models.DateTimeField(_("due under the time limit"))
    due_at = models.DateTimeField(_("due at"), db_index=True)
    calendar_version = models.CharField(_("calendar version"), max_length=40)
    apply_cutoff = models.BooleanField(_("15:00 cut-off applies"), default=True)
    due_reset_count = models.PositiveSmallIntegerField(_("due moment re-set"), default=0)
    due_reset_reason = models.TextField(_("reason for re-setting the due moment"), blank=True)
    current_step = models.ForeignKey(
        "StepInstance",
        verbose_name=_("current step"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, blank=True)
    timeliness = models.CharField(
        _("timeliness"), max_length=10, choices=Timeliness.choices, blank=True
    )
    closing_note = models.TextField(_("note"), blank=True)

    objects = ProcessInstanceQuerySet.as_manager()

    class Meta:
        verbose_name = _("process instance")
        verbose_name_plural = _("process instances")
        indexes = [models.Index(fields=["subject_type", "subject_id"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_reset_count__lte=1), name="workflow_due_reset_once"
            ),
        ]

    def __str__(self) -> str:
        return self.subject_label

    @property
    def is_active(self) -> bool:
        return self.status in (InstanceStatus.RUNNING, InstanceStatus.PAUSED)


class StepInstanceQuerySet(models.QuerySet):
    def open(self) -> StepInstanceQuerySet:
        return self.filter(left_at__isnull=True)


class StepInstance(models.Model):
    """One stay of an item at a step: one hop of the control sheet, with its own due moment.

    ``used_days`` (working days, paused time excluded) and ``timeliness`` are stored when the
    step is left; the open step of an instance is its ``current_step``.
    """

    instance = models.ForeignKey(ProcessInstance, on_delete=models.CASCADE, related_name="steps")
    seq = models.PositiveIntegerField(_("no."))
    step_definition = models.ForeignKey(
        StepDefinition, verbose_name=_("step"), on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    arrived_by = models.CharField(_("arrived by"), max_length=12, choices=StepAction.choices)
    entered_at = models.DateTimeField(_("received at"))
    counted_from = models.DateTimeField(_("counted from"))
    due_at = models.DateTimeField(_("due at"), db_index=True)
    paused_days = models.DecimalField(_("paused (working days)"), **DAYS, default=0)
    left_at = models.DateTimeField(_("left at"), null=True, blank=True)
    action = models.CharField(_("action"), max_length=12, choices=StepAction.choices, blank=True)
    acted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)
    used_days = models.DecimalField(_("time used (working days)"), **DAYS, null=True, blank=True)
    timeliness = models.CharField(
        _("timeliness"), max_length=10, choices=Timeliness.choices, blank=True
    )

    objects = StepInstanceQuerySet.as_manager()

    class Meta:
        verbose_name = _("step instance")
        verbose_name_plural = _("step instances")
        ordering = ["instance", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["instance", "seq"], name="workflow_step_seq"),
            models.UniqueConstraint(
                fields=["instance"],
                condition=Q(left_at__isnull=True),
                name="workflow_one_open_step",
            ),
        ]
        indexes = [
            # The inboxes read the open steps of a unit and role; with a decade of history the
            # open ones are a small fraction of the table.
            models.Index(
                fields=["unit", "role"],
                condition=Q(left_at__isnull=True),
                name="workflow_open_step_unit_role",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.seq}. {self.step_definition_id}@{self.unit_id}"


class Pause(models.Model):
    """A wait during which the clock does not run (e.g. a supplement request).

    ``restarts_clock``: on resume the processing period starts again in full (Decree
    61/2018/NĐ-CP art. 19: supplement after appraisal); otherwise the paused working time is
    excluded and the due moments move by it (``excluded_days``).
    """

    instance = models.ForeignKey(ProcessInstance, on_delete=models.CASCADE, related_name="pauses")
    step = models.ForeignKey(StepInstance, on_delete=models.CASCADE, related_name="+")
    reason = models.TextField(_("reason"))
    restarts_clock = models.BooleanField(_("restarts the time limit"))
    started_at = models.DateTimeField(_("started at"))
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    excluded_days = models.DecimalField(_("excluded (working days)"), **DAYS, null=True, blank=True)

    class Meta:
        verbose_name = _("pause")
        verbose_name_plural = _("pauses")
        ordering = ["instance", "started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["instance"],
                condition=Q(ended_at__isnull=True),
                name="workflow_one_open_pause",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.instance_id} {self.started_at.isoformat()}"
