"""Tables of satisfaction surveys: a survey (one version of a questionnaire of a unit), its
sections (SIPAS factors) and questions, invitations sent after a service, and answers.

An answer (``Response``) is anonymous by construction: it has no column naming a person, an
account or a dossier; only the unit, the procedure code, the channel and the day are kept for
analysis. An invitation keeps a keyed hash of the dossier reference (to refuse a second answer)
and is never joined to the answer it led to."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from egov.surveys.choices import AnswerSource, GovernanceIndexCode, QuestionKind, SurveyStatus


class Survey(models.Model):
    """One version of a unit's questionnaire. Published = frozen; a change is a new version of
    the same ``family`` (SIPAS method: Decision 1001/QĐ-BNV 2023; scoring configurable)."""

    unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    family = models.PositiveIntegerField(_("survey family"), db_index=True)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    title_vi = models.CharField(_("title (Vietnamese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    intro_vi = models.TextField(_("introduction (Vietnamese)"), blank=True)
    intro_en = models.TextField(_("introduction (English)"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT
    )
    # Scoring: configurable, because no official SIPAS formula is published.
    satisfied_from = models.PositiveSmallIntegerField(
        _("satisfied from level"),
        default=4,
        validators=[MinValueValidator(2), MaxValueValidator(5)],
        help_text=_("A rating at or above this level (1–5) counts as satisfied."),
    )
    respondent_threshold = models.PositiveSmallIntegerField(
        _("satisfied respondent from score"),
        default=50,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("A respondent whose overall score (0–100) reaches this counts as satisfied."),
    )
    min_answers = models.PositiveSmallIntegerField(
        _("minimum answers for a figure"),
        default=30,
        help_text=_("Below this number of answers a figure is marked 'too few answers'."),
    )
    # Sampling of invitations after a service.
    is_for_invitations = models.BooleanField(_("sent after a service"), default=False)
    sample_every = models.PositiveSmallIntegerField(
        _("invite every n-th dossier"), default=1, validators=[MinValueValidator(1)]
    )
    monthly_quota = models.PositiveIntegerField(
        _("invitations per month at most"), null=True, blank=True
    )
    dossiers_seen = models.PositiveIntegerField(_("returned dossiers seen"), default=0)
    invitation_days = models.PositiveSmallIntegerField(_("invitation valid for days"), default=14)
    results_published = models.BooleanField(_("results published"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["family", "version"], name="survey_family_version"),
        ]

    def __str__(self) -> str:
        return f"{self.title_vi} (v{self.version})"

    @property
    def is_frozen(self) -> bool:
        return self.status != SurveyStatus.DRAFT


class Section(models.Model):
    """A part of a survey; a scored section is a factor of the index, weighted."""

    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="sections"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    code = models.SlugField(_("code"), max_length=40)
    title_vi = models.CharField(_("title (Vietnamese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    weight = models.DecimalField(
        _("weight in the index"), max_digits=5, decimal_places=2, default=Decimal(1)
    )
    # Edits of a draft are checked against the version the editor saw (audit.versioned).
    version = models.PositiveIntegerField(_("edit version"), default=1)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "code"], name="section_code_unique"),
        ]

    def __str__(self) -> str:
        return self.title_vi


class Question(models.Model):
    """One question. ``options`` is a list of ``{"value", "vi", "en"}`` (choices), ``rows`` a
    list of ``{"code", "vi", "en"}`` (matrix rows); ``show_if`` is ``{"question": code,
    "values": [...]}``: shown only when that question's answer is one of the values."""

    section = models.ForeignKey(
        Section, verbose_name=_("section"), on_delete=models.CASCADE, related_name="questions"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    code = models.SlugField(_("code"), max_length=40)
    kind = models.CharField(_("kind"), max_length=12, choices=QuestionKind.choices)
    text_vi = models.CharField(_("question (Vietnamese)"), max_length=500)
    text_en = models.CharField(_("question (English)"), max_length=500, blank=True)
    is_required = models.BooleanField(_("required"), default=False)
    is_scored = models.BooleanField(_("counts in the index"), default=False)
    options = models.JSONField(_("options"), default=list, blank=True)
    rows = models.JSONField(_("matrix rows"), default=list, blank=True)
    min_value = models.IntegerField(_("smallest number"), null=True, blank=True)
    max_value = models.IntegerField(_("largest number"), null=True, blank=True)
    show_if = models.JSONField(_("shown when"), default=dict, blank=True)
    version = models.PositiveIntegerField(_("edit version"), default=1)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text_vi


class Invitation(models.Model):
    """An invitation sent after a completed service. ``reference_hash`` (HMAC of the dossier
    reference) makes one answer per dossier; the answer itself never points here."""

    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    procedure_code = models.CharField(_("procedure code"), max_length=60, blank=True)
    channel = models.CharField(_("channel"), max_length=10, blank=True)
    reference_hash = models.CharField(_("reference hash"), max_length=64, unique=True)
    sent_on = models.DateField(_("sent on"), db_index=True)
    expires_at = models.DateTimeField(_("expires at"))
    is_answered = models.BooleanField(_("answered"), default=False)

    class Meta:
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")
        indexes = [
            # A partial month of one procedure, which the roll-up keeps per month only.
            models.Index(
                fields=["survey", "procedure_code", "sent_on"], name="invitation_procedure_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.survey_id}/{self.pk}"


class Response(models.Model):
    """One anonymous answer. No person, account or dossier: only what analysis needs."""

    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    procedure_code = models.CharField(_("procedure code"), max_length=60, blank=True)
    channel = models.CharField(_("channel"), max_length=10, blank=True)
    source = models.CharField(_("source"), max_length=12, choices=AnswerSource.choices)
    submitted_on = models.DateField(_("answered on"), db_index=True)
    answers = models.JSONField(_("answers"), default=dict)
    overall_score = models.DecimalField(
        _("overall score"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    is_satisfied = models.BooleanField(_("satisfied"), default=False)
    is_dissatisfied = models.BooleanField(_("dissatisfied"), default=False)

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        indexes = [
            models.Index(fields=["unit", "submitted_on"], name="response_unit_day"),
            # A partial month of one procedure, which the roll-up keeps per month only.
            models.Index(
                fields=["survey", "procedure_code", "submitted_on"], name="response_procedure_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.survey_id}/{self.pk}"


class Standing(models.Model):
    """A province's standing in a governance index (PAPI, PCI, SIPAS, PAR INDEX, DTI) for one
    year, entered by the city office from the index's publication: the total (``dimension``
    blank) or one dimension's score and rank, with its source; and the target a plan sets for
    that year (a score, or a rank such as "rise 5 places")."""

    province = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("province"), on_delete=models.PROTECT, related_name="+"
    )
    index = models.CharField(_("index"), max_length=12, choices=GovernanceIndexCode.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    dimension = models.CharField(_("dimension"), max_length=40, blank=True)
    score = models.DecimalField(_("score"), max_digits=8, decimal_places=4, null=True, blank=True)
    rank = models.PositiveSmallIntegerField(_("rank among provinces"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    target_score = models.DecimalField(
        _("target score"), max_digits=8, decimal_places=4, null=True, blank=True
    )
    target_rank = models.PositiveSmallIntegerField(_("target rank"), null=True, blank=True)
    target_plan = models.CharField(_("plan setting the target"), max_length=300, blank=True)
    version = models.PositiveIntegerField(_("edit version"), default=1)

    class Meta:
        verbose_name = _("index standing")
        verbose_name_plural = _("index standings")
        ordering = ["index", "year", "dimension"]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "index", "year", "dimension"], name="standing_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.index} {self.year} {self.dimension or 'total'}"


class DimensionOwner(models.Model):
    """The unit responsible for improving one dimension of an index in a province (the PAPI
    plan's task table assigns each dimension to a department)."""

    province = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("province"), on_delete=models.PROTECT, related_name="+"
    )
    index = models.CharField(_("index"), max_length=12, choices=GovernanceIndexCode.choices)
    dimension = models.CharField(_("dimension"), max_length=40)
    unit = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("responsible unit"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("responsible unit of a dimension")
        verbose_name_plural = _("responsible units of dimensions")
        constraints = [
            models.UniqueConstraint(
                fields=["province", "index", "dimension"], name="dimension_owner_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.index}.{self.dimension}"


class AnswerFigure(models.Model):
    """Roll-up of the answers and invitations of one survey family per day, month and year
    (``grain``, ``start``), so an index page reads a few dozen rows for any period instead of
    every answer (:func:`egov.common.periods.period_cover`). Two kinds of row:

    - ``subtree`` false, ``channel`` blank: the unit's own answers (the figures registry);
    - ``subtree`` true, per channel: the unit's whole subtree, with ``values``, the count of
      each answer value of the choice, Likert and matrix questions (``{code: {value: n}}``),
      from which the index page computes distributions and factor indices; ``procedure_code``
      blank for every procedure, or one procedure's answers (the page's procedure filter) at
      the month and year grains only: the days of a partial month are counted from the
      answers (:func:`egov.surveys.rollup.rollup_split`).

    Derived data, written only by :mod:`egov.surveys.services.rollup`: each answer and
    invitation adds itself in its own transaction; ``rollup_rebuild`` recomputes from the raw
    rows (the property test checks both equal counting the raw answers)."""

    grain = models.CharField(_("grain"), max_length=5)
    start = models.DateField(_("first day"))
    family = models.PositiveIntegerField(_("survey family"))
    unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    subtree = models.BooleanField(_("with the units below"), default=False)
    channel = models.CharField(_("channel"), max_length=10, blank=True)
    procedure_code = models.CharField(_("procedure code"), max_length=60, blank=True)
    responses = models.PositiveIntegerField(_("answers"), default=0)
    satisfied = models.PositiveIntegerField(_("satisfied answers"), default=0)
    dissatisfied = models.PositiveIntegerField(_("dissatisfied answers"), default=0)
    score_sum = models.DecimalField(
        _("sum of overall scores"), max_digits=14, decimal_places=2, default=Decimal(0)
    )
    invitations = models.PositiveIntegerField(_("invitations sent"), default=0)
    invitations_answered = models.PositiveIntegerField(_("invitations answered"), default=0)
    values = models.JSONField(_("answer values"), default=dict, blank=True)

    class Meta:
        verbose_name = _("survey answer figure")
        verbose_name_plural = _("survey answer figures")
        constraints = [
            models.UniqueConstraint(
                fields=["family", "unit", "subtree", "procedure_code", "grain", "start", "channel"],
                name="surveys_answer_figure_key",
            ),
        ]
        indexes = [
            models.Index(fields=["subtree", "grain", "start"], name="surveys_figure_start"),
        ]

    def __str__(self) -> str:
        return f"{self.family} {self.grain} {self.start} {self.unit_id}"
