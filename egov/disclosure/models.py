"""Public disclosure (công khai) and consultation on drafts (lấy ý kiến người dân).

The catalog of duties is data (``Duty``, loaded from ``data/duties.json``, edited in the
admin); a published ``Item`` is a registry document (``documents.Document``) shown for a
display period at named places, its physical postings confirmed with a date and a photo. A
``Consultation`` opens a registry draft for comments per ``Section``; its synthesis and the
adopted version are registry documents too. Whether a duty was met is computed from the items
(``rules.duty_status``), never stored, so it cannot drift."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from egov.disclosure.choices import (
    RECEIVED,
    Audience,
    CommentChannel,
    CommentStatus,
    Confidence,
    ConsultationStatus,
    CountsFrom,
    Frequency,
    HideReason,
    Place,
    SupportStatus,
)


class Duty(models.Model):
    """One thing a kind of unit must publish, how often, by when, where and for how long, with
    its legal basis (Law on Grassroots Democracy 10/2022/QH15 art 11 and the sector laws).
    Figures not confirmed from the gazette are marked ``unconfirmed`` and editable here."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=300)
    unit_kinds = models.JSONField(_("unit kinds"), default=list)
    frequency = models.CharField(_("frequency"), max_length=10, choices=Frequency.choices)
    counts_from = models.CharField(
        _("counted from"), max_length=5, choices=CountsFrom.choices, default=CountsFrom.START
    )
    due_working_days = models.PositiveSmallIntegerField(_("due within (working days)"))
    min_display_days = models.PositiveSmallIntegerField(_("minimum display (days)"), default=0)
    places = models.JSONField(_("places"), default=list)
    legal_basis = models.TextField(_("legal basis"))
    confidence = models.CharField(_("confidence"), max_length=12, choices=Confidence.choices)
    unconfirmed = models.TextField(_("what is not confirmed"), blank=True)
    is_list_of_people = models.BooleanField(
        _("a list of people"),
        default=False,
        help_text=_("Published as a table (xlsx or csv) so that its cells are checked."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("disclosure duty")
        verbose_name_plural = _("disclosure duties")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name

    def place_labels(self) -> list[str]:
        return [str(Place(p).label) for p in self.places if p in Place.values]


class Item(models.Model):
    """A published item: a registry document for a duty, a unit and a period, displayed from
    ``display_from`` to ``display_until`` (then kept in the archive, marked as ended)."""

    duty = models.ForeignKey(
        Duty, on_delete=models.PROTECT, related_name="items", verbose_name=_("duty")
    )
    unit = models.ForeignKey(
        "orgs.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    document = models.ForeignKey(
        "documents.Document", on_delete=models.PROTECT, related_name="+", verbose_name=_("document")
    )
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    period_first = models.DateField(_("period from"))
    period_last = models.DateField(_("period to"))
    places = models.JSONField(_("places"), default=list)
    display_from = models.DateField(_("displayed from"))
    display_until = models.DateField(_("displayed until"))
    published_on = models.DateField(_("published on"))
    published_at = models.DateTimeField(_("published at"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    search_text = models.TextField(_("search text"), blank=True, editable=False)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("disclosure item")
        verbose_name_plural = _("disclosure items")
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["unit", "duty", "period_first"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(display_until__gte=models.F("display_from")),
                name="disclosure_item_display_order",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def place_labels(self) -> list[str]:
        return [str(Place(p).label) for p in self.places if p in Place.values]


class Posting(models.Model):
    """The physical posting of an item at one place, confirmed by an officer with the day it
    was posted and a photo (kept for officers; the public sees the place and the day)."""

    item = models.ForeignKey(
        Item, on_delete=models.CASCADE, related_name="postings", verbose_name=_("item")
    )
    place = models.CharField(_("place"), max_length=20, choices=Place.choices)
    posted_on = models.DateField(_("posted on"))
    photo = models.FileField(_("photo"), upload_to="disclosure/%Y/%m/")
    content_type = models.CharField(_("content type"), max_length=50)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("posting")
        verbose_name_plural = _("postings")
        ordering = ["posted_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_place_display()} {self.posted_on:%d/%m/%Y}"


class Consultation(models.Model):
    """A draft of the registry opened for citizens' comments (Law on Grassroots Democracy 2022
    arts 25-26; Decidim's participatory process and CONSUL's legislation module as anchors)."""

    unit = models.ForeignKey(
        "orgs.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    draft = models.ForeignKey(
        "documents.Document", on_delete=models.PROTECT, related_name="+", verbose_name=_("draft")
    )
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"))
    questions = models.TextField(_("questions asked"), blank=True)
    audience = models.CharField(_("audience"), max_length=12, choices=Audience.choices)
    sector = models.CharField(_("sector"), max_length=200, blank=True)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ConsultationStatus.choices,
        default=ConsultationStatus.OPEN,
    )
    synthesis = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("synthesis"),
    )
    adopted = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("adopted version"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    search_text = models.TextField(_("search text"), blank=True, editable=False)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-opens_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="disclosure_consultation_period_order",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Section(models.Model):
    """A part of the draft citizens comment on (a chapter, an article, a map sheet)."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="sections"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    heading = models.CharField(_("heading"), max_length=300)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["consultation", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "number"], name="disclosure_section_number"
            )
        ]

    def __str__(self) -> str:
        return self.heading


class Question(models.Model):
    """A question the consultation asks: answered freely, or by one of ``options`` (with an
    optional explanation); the synthesis counts the answers."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="asked")
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.CharField(_("question"), max_length=500)
    options = models.JSONField(_("options"), default=list, blank=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["consultation", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "number"], name="disclosure_question_number"
            )
        ]

    def __str__(self) -> str:
        return self.text


class CommentQuerySet(models.QuerySet):
    def received(self) -> CommentQuerySet:
        """Published or hidden: not waiting for a code, nor expired without it."""
        return self.filter(status__in=RECEIVED)


class Comment(models.Model):
    """A comment on a section (or on the draft as a whole), online by a logged-in citizen, online
    without an account (held, ``pending``, until the code sent to the e-mail address or phone
    number given is typed back) or entered by an officer from a meeting's record. Moderation
    hides it with a reason, kept and shown in its place: a comment is never deleted."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="comments"
    )
    section = models.ForeignKey(
        Section,
        on_delete=models.PROTECT,
        related_name="comments",
        null=True,
        blank=True,
        verbose_name=_("section"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    author_name = models.CharField(_("name shown"), max_length=200)
    # Residents' consultations: the commune or ward the commenter says they live in (within
    # the consulting unit's area); agencies' consultations: the unit an officer speaks for.
    residence = models.ForeignKey(
        "orgs.OrgUnit",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("lives in"),
    )
    on_behalf_of = models.ForeignKey(
        "orgs.OrgUnit",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("in the name of"),
    )
    # Without an account: the e-mail address or phone number the code was sent to, masked once
    # the code is typed back; the code's digest (never the code) until then.
    contact = models.CharField(_("contact"), max_length=254, blank=True)
    # The contact's keyed digest (``accounts.services_codes.contact_key``): its author does not
    # support their own comment, with or without an account.
    contact_key = models.CharField(max_length=64, blank=True, editable=False)
    code_digest = models.CharField(max_length=64, blank=True, editable=False)
    code_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    code_attempts = models.PositiveSmallIntegerField(default=0, editable=False)
    channel = models.CharField(
        _("channel"), max_length=10, choices=CommentChannel.choices, default=CommentChannel.ONLINE
    )
    body = models.TextField(_("comment"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CommentStatus.choices,
        default=CommentStatus.PUBLISHED,
    )
    hidden_reason = models.CharField(
        _("reason hidden"), max_length=15, choices=HideReason.choices, blank=True
    )
    hidden_note = models.TextField(_("moderator's note"), blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    support_count = models.PositiveIntegerField(_("supports"), default=0)
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField(_("sent at"))
    # The hidden key of the form it was sent with: the same form sent twice (a double click, a
    # retry) gives the first comment.
    request_key = models.CharField(max_length=64, blank=True, editable=False)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "request_key"],
                condition=~models.Q(request_key=""),
                name="disclosure_comment_request_once",
            )
        ]

    def __str__(self) -> str:
        return self.body[:60]


class Response(models.Model):
    """A comment's answer to one question of the consultation: an option, a text, or both."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="responses")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="responses")
    option = models.CharField(_("option"), max_length=200, blank=True)
    text = models.TextField(_("answer"), blank=True)

    class Meta:
        verbose_name = _("answer to a question")
        verbose_name_plural = _("answers to questions")
        ordering = ["question__number", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["comment", "question"], name="disclosure_response_once")
        ]

    def __str__(self) -> str:
        return self.option or self.text[:60]


class Support(models.Model):
    """A person supports a comment, once: by an account at once, or without one (``user`` empty)
    once the code sent to the e-mail address or phone number given is typed back. The person
    without an account is known by ``contact_key``, the keyed digest of the contact (the contact
    itself is kept only while the code is awaited), so one contact supports a comment once."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", null=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=SupportStatus.choices, default=SupportStatus.CONFIRMED
    )
    contact = models.CharField(_("contact"), max_length=254, blank=True)
    contact_key = models.CharField(max_length=64, blank=True, editable=False)
    code_digest = models.CharField(max_length=64, blank=True, editable=False)
    code_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    code_attempts = models.PositiveSmallIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(fields=["comment", "user"], name="disclosure_support_once"),
            models.UniqueConstraint(
                fields=["comment", "contact_key"],
                condition=~models.Q(contact_key=""),
                name="disclosure_support_contact_once",
            ),
            models.CheckConstraint(
                condition=models.Q(user__isnull=False)
                | ~models.Q(contact_key="")
                | models.Q(status="expired"),
                name="disclosure_support_someone",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id or self.contact_key[:8]} → {self.comment_id}"
