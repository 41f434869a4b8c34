"""The procedure catalog (danh mục thủ tục hành chính): fields and procedure versions (their
fees and documents are in :mod:`egov.onestop.models.catalog_items`).

A :class:`Procedure` row is one *version* of a procedure code. The components follow Decree
63/2010/NĐ-CP art. 8.2 as amended by Decree 92/2017/NĐ-CP (name, channels, documents, time
limit, applicants, competent authority, forms, result, fees; the steps, trình tự, are not stored
yet) plus the code and online level of Circular 01/2018/TT-VPCP art. 16. Rows change only
through :mod:`egov.onestop.services` and the audited admin; ``search_text`` is refreshed there
with :meth:`Procedure.refresh_search_text`.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from egov.onestop import rules
from egov.onestop.choices import (
    CatalogEra,
    CountedFrom,
    LegacyLevel,
    Level,
    OnlineLevel,
)
from egov.onestop.rules import is_national_code, validate_procedure_code
from egov.orgs.choices import UnitKind


class Field(models.Model):
    """A field of procedures (lĩnh vực), e.g. Hộ tịch, Chứng thực, Hoạt động xây dựng.

    ``code`` is the VPCP catalogue code ``MX1X2-LV`` (Circular 01/2018/TT-VPCP art. 20, e.g.
    ``G09-XD01``) when it is known, or a local key derived from the name.
    """

    code = models.CharField(
        _("code"),
        max_length=60,
        unique=True,
        help_text=_("Field code from the national catalogue (e.g. G09-XD01) or a local key."),
    )
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("field of procedures")
        verbose_name_plural = _("fields of procedures")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ProcedureQuerySet(models.QuerySet):
    def active(self) -> ProcedureQuerySet:
        return self.filter(is_active=True)

    def started_by(self, day: datetime.date) -> ProcedureQuerySet:
        return self.filter(Q(effective_from__isnull=True) | Q(effective_from__lte=day))

    def in_force_on(self, day: datetime.date) -> ProcedureQuerySet:
        """Active versions whose validity period contains ``day``."""
        return (
            self.active()
            .started_by(day)
            .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=day))
        )

    def current(self, day: datetime.date) -> ProcedureQuerySet:
        """The current version of each code: the active version with the highest number among
        those started by ``day``. It may have ended (a procedure no longer in force is still
        shown, marked as such); a version starting later is not current yet."""
        newer = (
            Procedure.objects.active()
            .started_by(day)
            .filter(code=OuterRef("code"), version__gt=OuterRef("version"))
        )
        return self.active().started_by(day).exclude(Exists(newer))

    def search(self, query: str) -> ProcedureQuerySet:
        """Accent-insensitive: every word of the query occurs in code, name or field."""
        qs = self
        for term in rules.search_terms(query):
            qs = qs.filter(search_text__contains=term)
        return qs


class Procedure(models.Model):
    """One version of an administrative procedure (thủ tục hành chính, TTHC).

    ``code`` is the national code of the CSDLQG về TTHC (``^\\d\\.\\d{6}$``) or, when none is
    known, a local key such as ``HN-038`` (never passed off as national). Versions of one code
    carry their own validity period; a dossier keeps the version in force when it was received.
    ``confidence`` maps component names to how sure the source is (high/medium/low/none).
    """

    code = models.CharField(
        _("code"),
        max_length=20,
        validators=[validate_procedure_code],
        help_text=_("National code such as 1.001193, or a local code."),
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    name = models.CharField(_("name"), max_length=500)
    field = models.ForeignKey(
        Field, verbose_name=_("field"), on_delete=models.PROTECT, related_name="procedures"
    )
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    catalog_era = models.CharField(_("catalog era"), max_length=30, choices=CatalogEra.choices)
    level_as_published = models.CharField(_("level as published"), max_length=200, blank=True)
    level_note = models.TextField(_("note on the level"), blank=True)
    competent_authority = models.CharField(_("competent authority"), max_length=500)
    competent_unit_kind = models.CharField(
        _("kind of competent unit"),
        max_length=20,
        choices=UnitKind.choices,
        blank=True,
        help_text=_("Used to route dossiers to a unit of the org tree."),
    )
    publishing_decision = models.CharField(_("publishing decision"), max_length=100, blank=True)
    legal_basis = models.JSONField(
        _("legal basis"),
        default=list,
        blank=True,
        help_text=_("Numbers of the legal texts, e.g. 123/2015/NĐ-CP."),
    )
    working_days = models.DecimalField(
        _("time limit in working days"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    calendar_days = models.DecimalField(
        _("time limit in days"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_(
            "Only when the source says “days” without “working”: check before computing deadlines."
        ),
    )
    is_same_day = models.BooleanField(
        _("resolved the same day"),
        default=False,
        help_text=_("Received after the cut-off, the result is due the next working day."),
    )
    same_day_cutoff = models.TimeField(_("same-day cut-off"), null=True, blank=True)
    counted_from = models.CharField(
        _("counted from"),
        max_length=40,
        choices=CountedFrom.choices,
        default=CountedFrom.UNSPECIFIED,
    )
    time_limit_text = models.TextField(_("time limit as published"), blank=True)
    time_limit_variants = models.JSONField(_("time limit by case"), default=list, blank=True)
    time_limit_stages = models.JSONField(_("time limit by stage"), default=list, blank=True)
    channels = models.JSONField(_("channels"), default=list, blank=True)
    online_level = models.CharField(
        _("online service level"), max_length=10, choices=OnlineLevel.choices, blank=True
    )
    legacy_level = models.PositiveSmallIntegerField(
        _("former online level (1–4)"), choices=LegacyLevel.choices, null=True, blank=True
    )
    applicants = models.TextField(_("who may apply"), blank=True)
    results = models.JSONField(
        _("results"), default=list, blank=True, help_text=_('List of {"name": ..., "code": ...}.')
    )
    form_fields = models.JSONField(
        _("application form fields"),
        default=list,
        blank=True,
        help_text=_('List of {"name", "label", "type", "required", "choices"}.'),
    )
    effective_from = models.DateField(_("in force from"), null=True, blank=True)
    effective_to = models.DateField(_("in force until"), null=True, blank=True)
    is_active = models.BooleanField(_("published"), default=True)
    confidence = models.JSONField(_("confidence"), default=dict, blank=True)
    sources = models.JSONField(_("sources"), default=list, blank=True)
    local_implementation = models.JSONField(_("local implementation"), default=dict, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    search_text = models.CharField(max_length=1000, editable=False, default="")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ProcedureQuerySet.as_manager()

    class Meta:
        verbose_name = _("procedure")
        verbose_name_plural = _("procedures")
        ordering = ["code", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "version"], name="onestop_unique_procedure_version"
            ),
            models.CheckConstraint(
                condition=Q(working_days__isnull=True) | Q(calendar_days__isnull=True),
                name="onestop_one_time_limit_unit",
                violation_error_message=_(
                    "Give the time limit in working days or in days, not both."
                ),
            ),
            models.CheckConstraint(
                condition=(Q(working_days__isnull=True) | Q(working_days__gt=0))
                & (Q(calendar_days__isnull=True) | Q(calendar_days__gt=0)),
                name="onestop_time_limit_positive",
                violation_error_message=_("The time limit must be more than zero."),
            ),
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True)
                | Q(effective_from__isnull=True)
                | Q(effective_to__gte=F("effective_from")),
                name="onestop_procedure_period_ordered",
                violation_error_message=_("The end of validity comes before its start."),
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="onestop_version_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def clean(self) -> None:
        """Checks of the row's own JSON columns (their shapes; the form schema)."""
        errors = {
            name: messages
            for name, messages in (
                ("form_fields", rules.form_fields_errors(self.form_fields)),
                ("channels", rules.channels_errors(self.channels)),
                ("legal_basis", rules.string_list_errors(self.legal_basis)),
                ("results", rules.results_errors(self.results)),
                ("confidence", rules.confidence_errors(self.confidence)),
                ("time_limit_variants", rules.object_list_errors(self.time_limit_variants)),
                ("time_limit_stages", rules.object_list_errors(self.time_limit_stages)),
                ("sources", rules.object_list_errors(self.sources)),
            )
            if messages
        }
        if not isinstance(self.local_implementation, dict):
            errors["local_implementation"] = [_("Enter an object.")]
        if errors:
            raise ValidationError(errors)

    @property
    def has_national_code(self) -> bool:
        return is_national_code(self.code)

    def is_in_force_on(self, day: datetime.date) -> bool:
        starts_ok = self.effective_from is None or self.effective_from <= day
        return starts_ok and (self.effective_to is None or self.effective_to >= day)

    @property
    def time_limit_plural(self) -> int:
        """An integer for plural forms of the time limit (``ngettext`` needs one; the limit
        may be a half day): 1 for exactly one day, 2 otherwise."""
        return 1 if (self.working_days or self.calendar_days) == 1 else 2

    def refresh_search_text(self) -> None:
        """Fill ``search_text`` from the code, name and field name (call before saving)."""
        self.search_text = rules.procedure_search_text(self.code, self.name, self.field.name)
