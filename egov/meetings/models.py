"""Paperless meetings: the meeting, its invitees, agenda items with their papers, opinions,
votes with their ballots, and the conclusions that become tasks of ``directives``.

The invitation (giấy mời), the minutes (biên bản) and the conclusion notice (thông báo kết
luận) are documents of the one registry (``documents.Document``); a meeting points at them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from egov.meetings.choices import Choice, MeetingKind, MeetingStatus, Response, VoteStatus


def optional(to: str, verbose_name: object) -> models.ForeignKey:
    """An optional reference without a reverse accessor (the shape most links here share)."""
    return models.ForeignKey(
        to,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=verbose_name,
    )


class Versioned(models.Model):
    """A row changed under an optimistic version (``audit.versioned``)."""

    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        abstract = True


USER = settings.AUTH_USER_MODEL


class Meeting(Versioned):
    kind = models.CharField(_("kind"), max_length=20, choices=MeetingKind.choices)
    title = models.CharField(_("title"), max_length=300)
    host_unit = models.ForeignKey(
        "orgs.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("host unit")
    )
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("chair"),
    )
    starts_at = models.DateTimeField(_("starts at"))
    planned_minutes = models.PositiveIntegerField(_("planned duration (minutes)"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("online room"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    invitation = optional("documents.Document", _("invitation"))
    invited_at = models.DateTimeField(_("invitation sent at"), null=True, blank=True)
    invited_late = models.BooleanField(_("invitation sent late"), default=False)
    minutes = optional("documents.Document", _("minutes"))
    notice = optional("documents.Document", _("conclusion notice"))
    held_at = models.DateTimeField(_("held at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at", "-pk"]
        indexes = [models.Index(fields=["host_unit", "starts_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_online(self) -> bool:
        return bool(self.online_url)


class Invitee(Versioned):
    """One person, unit or outside body invited; a unit names its representative by
    delegating to one of its people."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitees")
    person = optional(USER, _("person"))
    unit = optional("orgs.OrgUnit", _("unit"))
    outside_body = optional("orgs.OutsideBody", _("outside body"))
    response = models.CharField(
        _("answer"), max_length=10, choices=Response.choices, default=Response.PENDING
    )
    reason = models.TextField(_("reason"), blank=True)
    delegate = optional(USER, _("delegate"))
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitee")
        verbose_name_plural = _("invitees")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"], name="meetings_invitee_person_once"
            ),
            models.UniqueConstraint(fields=["meeting", "unit"], name="meetings_invitee_unit_once"),
            models.UniqueConstraint(
                fields=["meeting", "outside_body"], name="meetings_invitee_body_once"
            ),
            models.CheckConstraint(
                condition=Q(person__isnull=False, unit__isnull=True, outside_body__isnull=True)
                | Q(person__isnull=True, unit__isnull=False, outside_body__isnull=True)
                | Q(person__isnull=True, unit__isnull=True, outside_body__isnull=False),
                name="meetings_invitee_one_kind",
            ),
        ]

    def __str__(self) -> str:
        if self.person_id:
            return self.person.full_name
        if self.unit_id:
            return self.unit.name
        return self.outside_body.name


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveIntegerField(_("order"))
    title = models.CharField(_("title"), max_length=300)
    presenter = models.CharField(_("presenter"), max_length=200, blank=True)
    planned_minutes = models.PositiveIntegerField(_("planned minutes"))
    opinions_until = models.DateField(_("opinions until"), null=True, blank=True)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "order"], name="meetings_item_order_once")
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"


class Paper(models.Model):
    """A paper of an agenda item (tài liệu họp): a document of the registry or an upload."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="papers")
    document = optional("documents.Document", _("document"))
    file = models.FileField(_("file"), upload_to="meetings/%Y/%m/", blank=True)
    name = models.CharField(_("name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    added_at = models.DateTimeField(_("added at"))
    on_time = models.BooleanField(_("sent on time"), default=True)

    class Meta:
        verbose_name = _("meeting paper")
        verbose_name_plural = _("meeting papers")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class Opinion(models.Model):
    """A written opinion (góp ý) of a participant on an agenda item."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="opinions")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("opinion"))
    given_at = models.DateTimeField(_("given at"))

    class Meta:
        verbose_name = _("opinion")
        verbose_name_plural = _("opinions")
        ordering = ["given_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class Vote(Versioned):
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="votes")
    question = models.CharField(_("question"), max_length=300)
    status = models.CharField(
        _("status"), max_length=8, choices=VoteStatus.choices, default=VoteStatus.OPEN
    )
    opened_at = models.DateTimeField(_("opened at"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    count_for = models.PositiveIntegerField(_("for"), default=0)
    count_against = models.PositiveIntegerField(_("against"), default=0)
    count_abstain = models.PositiveIntegerField(_("abstain"), default=0)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.question


class Ballot(models.Model):
    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="ballots")
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    choice = models.CharField(_("choice"), max_length=8, choices=Choice.choices)
    cast_at = models.DateTimeField(_("cast at"))

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        constraints = [
            models.UniqueConstraint(fields=["vote", "voter"], name="meetings_ballot_once")
        ]

    def __str__(self) -> str:
        return f"{self.vote_id}: {self.choice}"


class Conclusion(Versioned):
    """One conclusion of the meeting; one that assigns work names a lead unit and a deadline
    and can become a task of ``directives`` on the issued conclusion notice."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="conclusions")
    order = models.PositiveIntegerField(_("order"))
    text = models.TextField(_("conclusion"))
    lead_unit = optional("orgs.OrgUnit", _("lead unit"))
    deadline_on = models.DateField(_("deadline"), null=True, blank=True)
    task = models.OneToOneField(
        "directives.Task",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("task"),
    )

    class Meta:
        verbose_name = _("conclusion")
        verbose_name_plural = _("conclusions")
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "order"], name="meetings_conclusion_order_once"
            )
        ]

    def __str__(self) -> str:
        return self.text[:80]
