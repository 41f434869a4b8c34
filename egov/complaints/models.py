"""Citizen reception and petitions: the rule sets in force by date, the published reception
days, the reception book (sổ tiếp công dân), petitions (đơn) with their classification and,
once accepted (thụ lý), their settlement as a case with its clock and steps.

Notices and decisions are documents of the one registry (``documents.Document``); a petition
points at them."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from egov.complaints.choices import (
    Channel,
    DayCount,
    Outcome,
    PetitionKind,
    PetitionStatus,
    ReceptionForm,
    ReminderKind,
    Verdict,
    VisitOutcome,
)


class RuleSetQuerySet(models.QuerySet):
    def in_force_on(self, day: datetime.date) -> RuleSetQuerySet:
        return self.filter(effective_from__lte=day).filter(
            Q(effective_to__isnull=True) | Q(effective_to__gte=day)
        )


class RuleSet(models.Model):
    """The time limits of one regime, each with how it counts its days (ADR 0006 shape).

    Law on Complaints 02/2011 arts 27, 28, 37 and TT 07/2013 (acceptance 10 working days);
    Decree 155/2026/NĐ-CP from 1 July 2026 (acceptance 7 working days, shared/domain c.2);
    Law on Denunciations 25/2018 arts 29, 30 (acceptance 7 working days, settlement 30 days,
    extended once or twice by 30). Values not confirmed from the gazette carry ``unconfirmed``.
    """

    code = models.CharField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=300)
    legal_basis = models.TextField(_("legal basis"))
    effective_from = models.DateField(_("in force from"))
    effective_to = models.DateField(_("in force until"), null=True, blank=True)
    complaint_acceptance_days = models.PositiveSmallIntegerField(_("complaint acceptance days"))
    complaint_acceptance_count = models.CharField(
        _("complaint acceptance counts"), max_length=10, choices=DayCount.choices
    )
    first_instance_days = models.PositiveSmallIntegerField(_("first-instance settlement days"))
    first_instance_complex_days = models.PositiveSmallIntegerField(
        _("first-instance settlement days, complex case")
    )
    first_instance_remote_days = models.PositiveSmallIntegerField(
        _("first-instance settlement days, remote area")
    )
    first_instance_remote_complex_days = models.PositiveSmallIntegerField(
        _("first-instance settlement days, remote area and complex")
    )
    settlement_count = models.CharField(
        _("settlement counts"), max_length=10, choices=DayCount.choices
    )
    complaint_time_limit_days = models.PositiveSmallIntegerField(_("time limit to complain (days)"))
    denunciation_acceptance_days = models.PositiveSmallIntegerField(
        _("denunciation acceptance working days")
    )
    denunciation_settlement_days = models.PositiveSmallIntegerField(
        _("denunciation settlement days")
    )
    denunciation_extension_days = models.PositiveSmallIntegerField(
        _("days of one extension of a denunciation")
    )
    denunciation_extensions_max = models.PositiveSmallIntegerField(
        _("extensions allowed for a denunciation")
    )
    second_instance_days = models.PositiveSmallIntegerField(
        _("second-instance settlement days"), default=45
    )
    second_instance_complex_days = models.PositiveSmallIntegerField(
        _("second-instance settlement days, complex case"), default=60
    )
    second_instance_remote_days = models.PositiveSmallIntegerField(
        _("second-instance settlement days, remote area"), default=60
    )
    second_instance_remote_complex_days = models.PositiveSmallIntegerField(
        _("second-instance settlement days, remote area and complex"), default=70
    )
    appeal_time_limit_days = models.PositiveSmallIntegerField(
        _("time limit to complain a second time (days)"), default=30
    )
    appeal_time_limit_remote_days = models.PositiveSmallIntegerField(
        _("time limit to complain a second time, remote area (days)"), default=45
    )
    unconfirmed = models.TextField(
        _("values not confirmed"),
        blank=True,
        help_text=_("Values taken from secondary sources, to check against the gazette."),
    )

    objects = RuleSetQuerySet.as_manager()

    class Meta:
        verbose_name = _("complaints rule set")
        verbose_name_plural = _("complaints rule sets")
        ordering = ["effective_from"]

    def __str__(self) -> str:
        return self.name


class ReceptionDay(models.Model):
    """A published citizen reception day of a unit, with the leader who receives (Law on
    Citizen Reception 42/2013 arts 12, 13, 18: heads receive at least one day a month)."""

    unit = models.ForeignKey(
        "orgs.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    day = models.DateField(_("day"))
    starts_at = models.TimeField(_("from"), default=datetime.time(8))
    ends_at = models.TimeField(_("until"), default=datetime.time(11, 30))
    leader_name = models.CharField(_("leader receiving"), max_length=200)
    leader_position = models.CharField(_("position"), max_length=200)
    place = models.CharField(_("place"), max_length=300)
    form = models.CharField(
        _("form"), max_length=10, choices=ReceptionForm.choices, default=ReceptionForm.IN_PERSON
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reception day")
        verbose_name_plural = _("reception days")
        ordering = ["day", "starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="complaints_day_times_order"
            )
        ]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} {self.leader_name}"


class NumberCounter(models.Model):
    """The last number given in a unit's book for a year (a locked row, never max()+1)."""

    unit = models.ForeignKey("orgs.OrgUnit", on_delete=models.CASCADE, related_name="+")
    book = models.CharField(max_length=10)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "book", "year"], name="complaints_counter_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.book} {self.year}: {self.last}"


class Visit(models.Model):
    """One entry of the reception book (sổ tiếp công dân, Law 42/2013 art 26)."""

    unit = models.ForeignKey(
        "orgs.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    number = models.CharField(_("number"), max_length=20)
    received_at = models.DateTimeField(_("received at"))
    form = models.CharField(
        _("form"), max_length=10, choices=ReceptionForm.choices, default=ReceptionForm.IN_PERSON
    )
    reception_day = models.ForeignKey(
        ReceptionDay,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reception day"),
    )
    visitor_name = models.CharField(_("visitor"), max_length=200)
    visitor_id_number = models.CharField(_("identity number"), max_length=20, blank=True)
    visitor_address = models.CharField(_("address"), max_length=300, blank=True)
    visitor_phone = models.CharField(_("phone"), max_length=15, blank=True)
    crowd_size = models.PositiveSmallIntegerField(_("number of people"), default=1)
    representatives = models.TextField(_("representatives"), blank=True)
    content = models.TextField(_("content"))
    documents_handed = models.TextField(_("documents handed in"), blank=True)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("officer receiving"),
    )
    outcome = models.CharField(_("outcome"), max_length=10, choices=VisitOutcome.choices)
    outcome_note = models.TextField(_("guidance or reason"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("citizen visit")
        verbose_name_plural = _("citizen visits")
        ordering = ["-received_at", "-pk"]
        indexes = [models.Index(fields=["unit", "received_at"])]
        constraints = [
            models.UniqueConstraint(fields=["unit", "number"], name="complaints_visit_number"),
            models.CheckConstraint(condition=Q(crowd_size__gte=1), name="complaints_crowd_min"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.visitor_name}"

    @property
    def is_crowd(self) -> bool:
        return self.crowd_size >= 5


class PetitionQuerySet(models.QuerySet):
    def open(self) -> PetitionQuerySet:
        return self.filter(
            status__in=[
                PetitionStatus.REGISTERED,
                PetitionStatus.ACCEPTED,
                PetitionStatus.VERIFYING,
                PetitionStatus.DIALOGUE,
            ]
        )

    def overdue(self) -> PetitionQuerySet:
        """Open petitions past their running legal time limit, as the daily run flags them
        (``overdue_since``; :mod:`egov.complaints.reminders`)."""
        return self.open().filter(overdue_since__isnull=False)


class Petition(models.Model):
    """A petition (đơn) registered with a number, classified, and when accepted (thụ lý)
    handled as a case with its clock (spec 5.4 model ``don``).

    For a denunciation the petitioner's identity fields are protected (Law on Denunciations
    2018 arts 8.3, 9): only the named ``handlers`` read them, each read is audited."""

    unit = models.ForeignKey(
        "orgs.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("receiving unit")
    )
    number = models.CharField(_("number"), max_length=20)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    received_at = models.DateTimeField(_("received at"))
    visit = models.ForeignKey(
        Visit, on_delete=models.PROTECT, null=True, blank=True, related_name="petitions"
    )
    incoming_document = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("incoming document"),
    )
    citizen = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("citizen account"),
    )
    petitioner_name = models.CharField(_("petitioner"), max_length=200, blank=True)
    petitioner_id_number = models.CharField(_("identity number"), max_length=20, blank=True)
    petitioner_address = models.CharField(_("address"), max_length=300, blank=True)
    is_anonymous = models.BooleanField(_("anonymous"), default=False)
    subject = models.CharField(_("summary"), max_length=300)
    content = models.TextField(_("content"))
    contested_on = models.DateField(_("day the decision or act was known"), null=True, blank=True)
    match_key = models.CharField(max_length=64, db_index=True, editable=False)
    instance = models.PositiveSmallIntegerField(
        _("instance"), default=1, help_text=_("1: first complaint; 2: second complaint.")
    )
    first_instance = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appeals",
        verbose_name=_("first-instance case"),
    )
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name=_("duplicate of"),
    )
    rule_set = models.ForeignKey(RuleSet, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=PetitionStatus.choices,
        default=PetitionStatus.REGISTERED,
    )
    kind = models.CharField(_("kind"), max_length=12, choices=PetitionKind.choices, blank=True)
    is_competent = models.BooleanField(_("within competence"), null=True)
    is_eligible = models.BooleanField(_("eligible"), null=True)
    ineligible_reasons = models.JSONField(_("reasons not eligible"), default=list, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, blank=True)
    outcome_note = models.TextField(_("note on the outcome"), blank=True)
    competent_body = models.CharField(_("competent body"), max_length=300, blank=True)
    classified_at = models.DateTimeField(_("classified at"), null=True, blank=True)
    acceptance_due_on = models.DateField(_("acceptance due on"), null=True, blank=True)
    notice = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("notice"),
    )
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True)
    is_complex = models.BooleanField(_("complex case"), default=False)
    is_remote = models.BooleanField(_("remote area"), default=False)
    settlement_due_on = models.DateField(_("settlement due on"), null=True, blank=True)
    extensions = models.PositiveSmallIntegerField(_("extensions"), default=0)
    overdue_since = models.DateField(
        _("overdue since"),
        null=True,
        blank=True,
        help_text=_("Set by the daily run when the running time limit has passed."),
    )
    handlers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("named handlers")
    )
    decision = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decision"),
    )
    settled_on = models.DateField(_("settled on"), null=True, blank=True)
    published_decision = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published decision"),
        help_text=_("The decision as published, with names and ID numbers removed."),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    verdict = models.CharField(_("finding"), max_length=10, choices=Verdict.choices, blank=True)
    tracking_code = models.CharField(_("tracking code"), max_length=12, editable=False)
    version = models.PositiveIntegerField(_("version"), default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = PetitionQuerySet.as_manager()

    class Meta:
        verbose_name = _("petition")
        verbose_name_plural = _("petitions")
        ordering = ["-received_at", "-pk"]
        indexes = [
            models.Index(fields=["unit", "received_at"]),
            models.Index(fields=["unit", "status"]),
            # the inbox of a wide reach (a city head), newest first, read backwards
            models.Index(fields=["received_at", "id"], name="complaints_petition_newest"),
            # the public look-up (number and tracking code, any unit)
            models.Index(fields=["tracking_code"], name="complaints_petition_tracking"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["unit", "number"], name="complaints_petition_number"),
            models.CheckConstraint(
                condition=Q(instance=1, first_instance__isnull=True)
                | Q(instance=2, first_instance__isnull=False),
                name="complaints_second_instance_has_first",
            ),
            models.CheckConstraint(
                condition=Q(settled_on__isnull=True)
                | Q(accepted_on__isnull=False, settled_on__gte=models.F("accepted_on")),
                name="complaints_settled_after_accepted",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.subject}"

    @property
    def is_denunciation(self) -> bool:
        return self.kind == PetitionKind.DENUNCIATION

    @property
    def settled_on_time(self) -> bool | None:
        if self.settled_on is None or self.settlement_due_on is None:
            return None
        return self.settled_on <= self.settlement_due_on


class Step(models.Model):
    """A recorded step of handling: verification, dialogue (with who attended), extension."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="steps")
    name = models.CharField(_("step"), max_length=20)
    on = models.DateField(_("day"))
    note = models.TextField(_("record"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("handling step")
        verbose_name_plural = _("handling steps")
        ordering = ["on", "pk"]

    def __str__(self) -> str:
        return f"{self.name} {self.on}"


class Reminder(models.Model):
    """A reminder the daily run sent about one petition: once per petition, kind and time
    limit, so a second run the same day (or after a missed day) sends nothing twice, and an
    extended limit is reminded again."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(_("kind"), max_length=20, choices=ReminderKind.choices)
    due_on = models.DateField(_("time limit reminded of"))
    sent_at = models.DateTimeField(_("sent at"))
    recipients = models.PositiveSmallIntegerField(_("recipients"), default=0)

    class Meta:
        verbose_name = _("petition reminder")
        verbose_name_plural = _("petition reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["petition", "kind", "due_on"], name="complaints_one_reminder"
            )
        ]

    def __str__(self) -> str:
        return f"{self.petition_id} {self.kind} {self.due_on}"


from egov.complaints.models_crowded import *  # noqa: E402, F403
from egov.complaints.models_figures import *  # noqa: E402, F403
from egov.complaints.models_teams import *  # noqa: E402, F403
