"""Paperless meetings: the meeting, its invitees, agenda items with their papers, opinions,
votes with their ballots, and the conclusions that become tasks of ``directives``.

The invitation (giấy mời), the minutes (biên bản) and the conclusion notice (thông báo kết
luận) are documents of the one registry (``documents.Document``); a meeting points at them."""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from egov.meetings.choices import (
    CheckInWay,
    Choice,
    MajorityBase,
    MajorityShare,
    MeetingKind,
    MeetingStatus,
    Response,
    VoteStatus,
)


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


def mmss(seconds: int) -> str:
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


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
    quorum_percent = models.PositiveSmallIntegerField(
        _("quorum (percent of invitees present)"),
        default=50,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    started_at = models.DateTimeField(_("actual start"), null=True, blank=True)
    ended_at = models.DateTimeField(_("actual end"), null=True, blank=True)
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

    @property
    def ends_at(self) -> datetime.datetime:
        return self.starts_at + datetime.timedelta(minutes=self.planned_minutes)

    @property
    def actual_minutes(self) -> int | None:
        if self.started_at is None or self.ended_at is None:
            return None
        return round((self.ended_at - self.started_at).total_seconds() / 60)


def new_checkin_code() -> str:
    """A personal check-in code: 32 random bytes, URL-safe (not guessable, not derived)."""
    return secrets.token_urlsafe(32)


class Invitee(Versioned):
    """One person, unit or outside body invited; a unit names its representative by
    delegating to one of its people. ``checkin_code`` is the invitation's personal QR: it
    checks in this invitee at this meeting, once."""

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
    checked_in_via = models.CharField(
        _("checked in"), max_length=10, choices=CheckInWay.choices, blank=True
    )
    checked_in_by = optional(USER, _("checked in by"))
    checkin_code = models.CharField(
        _("check-in code"), max_length=64, unique=True, default=new_checkin_code, editable=False
    )

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
    """An item of the agenda, or a sub-item of another (like OpenSlides' agenda tree). ``order``
    is the place among its siblings; ``number`` is how the agenda names it ("2.1"); ``path``
    sorts the whole tree in reading order (each level's place zero-padded: "0002.0001")."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        related_name="children",
        null=True,
        blank=True,
        verbose_name=_("parent item"),
    )
    order = models.PositiveIntegerField(_("order"))
    number = models.CharField(_("number"), max_length=20)
    path = models.CharField(_("place in the agenda"), max_length=40)
    title = models.CharField(_("title"), max_length=300)
    presenter = models.CharField(_("presenter"), max_length=200, blank=True)
    planned_minutes = models.PositiveIntegerField(_("planned minutes"))
    opinions_until = models.DateField(_("opinions until"), null=True, blank=True)
    started_at = models.DateTimeField(_("item started at"), null=True, blank=True)
    ended_at = models.DateTimeField(_("item ended at"), null=True, blank=True)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "path"], name="meetings_item_path_once")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def depth(self) -> int:
        """1 for an item of the agenda, 2 for its sub-item, and so on."""
        return self.number.count(".") + 1

    @property
    def anchor(self) -> str:
        """The number as an HTML id part ("2-1")."""
        return self.number.replace(".", "-")

    @property
    def is_running(self) -> bool:
        return self.started_at is not None and self.ended_at is None

    @property
    def seconds_taken(self) -> int | None:
        """Seconds of the item so far (to now while it runs); None before it starts."""
        if self.started_at is None:
            return None
        end = self.ended_at or timezone.now()
        return max(0, int((end - self.started_at).total_seconds()))

    @property
    def actual_minutes(self) -> int | None:
        seconds = self.seconds_taken
        return None if seconds is None else round(seconds / 60)

    @property
    def timer(self) -> str:
        """The item's time so far as mm:ss."""
        return mmss(self.seconds_taken or 0)

    @property
    def is_over(self) -> bool:
        return (self.seconds_taken or 0) > self.planned_minutes * 60


class PaperQuerySet(models.QuerySet):
    def current(self) -> PaperQuerySet:
        """The papers no newer version replaces."""
        return self.filter(replaced_by__isnull=True)


class Paper(models.Model):
    """A paper of an agenda item (tài liệu họp): a document of the registry or an upload. A
    new version of an uploaded paper is a new row that ``replaces`` the previous one (kept,
    still readable by the same people); the agenda shows the current versions."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="papers")
    document = optional("documents.Document", _("document"))
    file = models.FileField(_("file"), upload_to="meetings/%Y/%m/", blank=True)
    name = models.CharField(_("name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    # counted from the PDF (pyHanko's reader); None when unknown: a file that cannot be read,
    # a registry document without a PDF (a DOCX holds no page count one can trust)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    added_at = models.DateTimeField(_("added at"))
    on_time = models.BooleanField(_("sent on time"), default=True)
    secret = models.BooleanField(_("secret"), default=False)
    readers = models.ManyToManyField(
        USER, blank=True, related_name="+", verbose_name=_("named readers")
    )
    version_number = models.PositiveIntegerField(_("version"), default=1)
    replaces = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
        verbose_name=_("replaces"),
    )

    objects = PaperQuerySet.as_manager()

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
    secret = models.BooleanField(_("secret vote"), default=False)
    status = models.CharField(
        _("status"), max_length=8, choices=VoteStatus.choices, default=VoteStatus.OPEN
    )
    opened_at = models.DateTimeField(_("opened at"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    count_for = models.PositiveIntegerField(_("for"), default=0)
    count_against = models.PositiveIntegerField(_("against"), default=0)
    count_abstain = models.PositiveIntegerField(_("abstain"), default=0)
    written_until = models.DateTimeField(_("written ballots until"), null=True, blank=True)
    # The majority rule of the meeting's kind when the vote opened, and its result at close.
    majority_base = models.CharField(
        _("majority counted"),
        max_length=8,
        choices=MajorityBase.choices,
        default=MajorityBase.PRESENT,
    )
    majority_share = models.CharField(
        _("majority needed"),
        max_length=10,
        choices=MajorityShare.choices,
        default=MajorityShare.SIMPLE,
    )
    counted = models.PositiveIntegerField(_("members counted"), null=True, blank=True)
    needed = models.PositiveIntegerField(_("votes for needed"), null=True, blank=True)
    passed = models.BooleanField(_("passed"), null=True, blank=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.question

    @property
    def majority_text(self) -> str:
        """The rule in words: "more than half of all members"."""
        return str(MAJORITY_TEXTS[(self.majority_base, self.majority_share)])

    @property
    def result_text(self) -> str:
        """The closed vote's result against its rule; empty before the close."""
        if self.passed is None:
            return ""
        values = {
            "rule": self.majority_text,
            "needed": self.needed,
            "counted": self.counted,
            "for": self.count_for,
        }
        if self.passed:
            return (
                _("Passed: %(for)s for, %(needed)s needed (%(rule)s, %(counted)s counted).")
                % values
            )
        return (
            _("Not passed: %(for)s for, %(needed)s needed (%(rule)s, %(counted)s counted).")
            % values
        )


MAJORITY_TEXTS = {
    (MajorityBase.PRESENT, MajorityShare.SIMPLE): _("more than half of the members present"),
    (MajorityBase.PRESENT, MajorityShare.TWO_THIRDS): _(
        "at least two-thirds of the members present"
    ),
    (MajorityBase.ALL, MajorityShare.SIMPLE): _("more than half of all members"),
    (MajorityBase.ALL, MajorityShare.TWO_THIRDS): _("at least two-thirds of all members"),
}


class SecretTally(models.Model):
    """One of a secret vote's count slots (ô kiểm phiếu kín) while it is open: a secret ballot
    adds its choice to a slot picked at random, not from the voter, so ballots cast at the same
    moment seldom wait for one another, and a slot's counts say nothing about who was counted
    in it. The close sums the slots onto the vote's counters and deletes them (ADR 0017,
    addendum). A slot keeps no voter and no time: only ``Turnout`` says who voted."""

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="tallies")
    slot = models.PositiveSmallIntegerField(_("slot"))
    count_for = models.PositiveIntegerField(_("for"), default=0)
    count_against = models.PositiveIntegerField(_("against"), default=0)
    count_abstain = models.PositiveIntegerField(_("abstain"), default=0)

    class Meta:
        verbose_name = _("secret vote tally")
        verbose_name_plural = _("secret vote tallies")
        constraints = [
            models.UniqueConstraint(fields=["vote", "slot"], name="meetings_secrettally_slot")
        ]

    def __str__(self) -> str:
        return f"{self.vote_id}/{self.slot}"


class Ballot(models.Model):
    """The choice of a voter in a named vote. A secret vote keeps no ballot row: its choices
    are counted in the vote's tally slots while it is open (``SecretTally``), then on the vote
    itself, and only ``Turnout`` says who voted."""

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


class WrittenBallot(models.Model):
    """A written ballot (phiếu biểu quyết bằng văn bản) sent to a member absent when the vote
    was taken; answered online before the vote's ``written_until``. The choice is recorded
    like any other (``Ballot`` or the secret tally slots, and ``Turnout``): this row only says
    who was asked, when, and whether they answered."""

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="written_ballots")
    voter = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(_("sent at"))
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("written ballot")
        verbose_name_plural = _("written ballots")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["vote", "voter"], name="meetings_written_once")
        ]

    def __str__(self) -> str:
        return f"{self.vote_id}: {self.voter_id}"


class Turnout(models.Model):
    """Who voted in a vote, named or secret (never what); once per person."""

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="turnout")
    voter = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("voter")
        verbose_name_plural = _("voters")
        constraints = [
            models.UniqueConstraint(fields=["vote", "voter"], name="meetings_turnout_once")
        ]

    def __str__(self) -> str:
        return f"{self.vote_id}: {self.voter_id}"


class Speaker(models.Model):
    """A request to speak (đăng ký phát biểu); the chair orders, starts and ends the turns."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="speakers")
    person = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("agenda item"),
    )
    position = models.PositiveIntegerField(_("position"))
    requested_at = models.DateTimeField(_("requested at"))
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)

    class Meta:
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["position", "pk"]
        constraints = [
            # one waiting or speaking turn per person at a time
            models.UniqueConstraint(
                fields=["meeting", "person"],
                condition=Q(ended_at__isnull=True),
                name="meetings_speaker_one_open_turn",
            )
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id}: {self.person_id}"

    @property
    def seconds_spoken(self) -> int | None:
        """Seconds of the turn so far (to now while speaking); None before it starts."""
        if self.started_at is None:
            return None
        end = self.ended_at or timezone.now()
        return max(0, int((end - self.started_at).total_seconds()))

    @property
    def timer(self) -> str:
        """The turn's time as mm:ss."""
        return mmss(self.seconds_spoken or 0)


class CalendarFeed(models.Model):
    """An officer's secret calendar link: the random ``token`` in the feed URLs is the key
    (calendar apps cannot log in). One live link per officer; renewing or revoking it sets
    ``revoked_at`` and the old URLs answer 404."""

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    token = models.CharField(
        _("token"), max_length=64, unique=True, default=new_checkin_code, editable=False
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendar link")
        verbose_name_plural = _("calendar links")
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=Q(revoked_at__isnull=True), name="meetings_feed_one_live"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.created_at:%Y-%m-%d}"


class ConnectedPoint(models.Model):
    """A connected point of an online meeting (điểm cầu): a unit joining from its hall, with
    the officer responsible there and how many people checked in at it."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="points")
    unit = models.ForeignKey(
        "orgs.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    place = models.CharField(_("hall"), max_length=300, blank=True)
    officer = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("responsible officer")
    )
    present = models.PositiveIntegerField(_("people present"), default=0)
    joined_at = models.DateTimeField(_("joined at"), null=True, blank=True)

    class Meta:
        verbose_name = _("connected point")
        verbose_name_plural = _("connected points")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "unit"], name="meetings_point_once")
        ]

    def __str__(self) -> str:
        return self.unit.name


class Note(models.Model):
    """The secretary's running note during the meeting (ghi chép diễn biến cuộc họp), on an
    agenda item or the meeting as a whole; the minutes are drafted from the notes."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="notes")
    item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("agenda item"),
    )
    author = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("note"))
    written_at = models.DateTimeField(_("written at"))

    class Meta:
        verbose_name = _("secretary's note")
        verbose_name_plural = _("secretary's notes")
        ordering = ["written_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class Conclusion(Versioned):
    """One conclusion of the meeting; one that assigns work names a lead unit (chủ trì), the
    cooperating units (phối hợp) and a deadline, and can become a task of ``directives`` on
    the issued conclusion notice."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="conclusions")
    order = models.PositiveIntegerField(_("order"))
    text = models.TextField(_("conclusion"))
    lead_unit = optional("orgs.OrgUnit", _("lead unit"))
    cooperating_units = models.ManyToManyField(
        "orgs.OrgUnit", blank=True, related_name="+", verbose_name=_("cooperating units")
    )
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
