"""The one-stop rule sets: the legal regime of the one-stop mechanism over a period.

The legal base changed on 1 July 2025, when Decree 118/2025/NĐ-CP replaced Decree 61/2018/NĐ-CP
(shared/domain 1.1). Each regime is a :class:`RuleSet` row with an effective period; exactly one
is in force on any day from 21 June 2018 (``selectors.ruleset_in_force``), and a dossier keeps
the rule set in force when it was received. Values the sources do not confirm are marked
``unconfirmed`` in ``confidence`` and stay editable data, never constants in code.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from egov.onestop import rules


class RuleSetQuerySet(models.QuerySet):
    def in_force_on(self, day: datetime.date) -> RuleSetQuerySet:
        return self.filter(effective_from__lte=day).filter(
            Q(effective_to__isnull=True) | Q(effective_to__gte=day)
        )


class RuleSet(models.Model):
    """The parameters of one one-stop regime, each with its source.

    Decree 61/2018/NĐ-CP (in force 21 June 2018) and Circular 01/2018/TT-VPCP: transfer of paper
    dossiers the same working day, or the next one when received after 15:00 (art. 19); a
    supplement request after appraisal restarts the time limit (art. 19); the apology for a
    late dossier at least 1 day before the deadline, and the return date re-set only once
    (art. 19); forms 01–06 (TT 01/2018 art. 9); dossier code ``agency-YYMMDD-XXXX`` (TT 01/2018
    art. 19). Decree 118/2025/NĐ-CP (in force 1 July 2025) and Circular 03/2025/TT-VPCP: centres
    accept dossiers regardless of administrative boundary within the province, forms 01–07;
    its other parameters are not confirmed (shared/domain 1.1, 1.5, 1.6).
    """

    code = models.CharField(
        _("code"), max_length=30, unique=True, help_text=_("e.g. ND61-2018, ND118-2025")
    )
    name = models.CharField(_("name"), max_length=300)
    legal_basis = models.TextField(_("legal basis"))
    effective_from = models.DateField(_("in force from"))
    effective_to = models.DateField(_("in force until"), null=True, blank=True)
    transfer_cutoff = models.TimeField(
        _("transfer cut-off"),
        help_text=_(
            "Paper dossiers received after this time are transferred the next working "
            "day (Decree 61/2018 art. 19)."
        ),
    )
    supplement_restarts_clock = models.BooleanField(
        _("a supplement restarts the time limit"),
        help_text=_(
            "Decree 61/2018 art. 19: the time limit counts again from zero once the "
            "completed dossier arrives."
        ),
    )
    apology_min_days_before = models.DecimalField(
        _("apology at least … days before the deadline"),
        max_digits=3,
        decimal_places=1,
        help_text=_("Decree 61/2018 art. 19: at least 1 day before the deadline."),
    )
    due_reset_max = models.PositiveSmallIntegerField(
        _("times the return date may be re-set"), help_text=_("Decree 61/2018 art. 19: only once.")
    )
    forms_set = models.CharField(
        _("set of forms"),
        max_length=30,
        help_text=_("e.g. TT01-2018 (forms 01–06), TT03-2025 (01–07)"),
    )
    forms = models.JSONField(
        _("forms"), default=list, help_text=_('List of {"code": "01", "name": ...}.')
    )
    dossier_code_format = models.CharField(
        _("dossier code format"),
        max_length=100,
        help_text=_("Circular 01/2018/TT-VPCP art. 19: {agency}-{yymmdd}-{seq:04d}."),
    )
    accepts_any_centre_in_province = models.BooleanField(
        _("any centre of the province accepts dossiers"),
        help_text=_(
            "Decree 118/2025: dossiers may be filed at any centre of the province and "
            "are routed to the competent authority."
        ),
    )
    confidence = models.JSONField(
        _("confidence"),
        default=dict,
        blank=True,
        help_text=_("Parameter → confirmed / secondary / unconfirmed."),
    )
    notes = models.TextField(_("notes"), blank=True)

    objects = RuleSetQuerySet.as_manager()

    class Meta:
        verbose_name = _("one-stop rule set")
        verbose_name_plural = _("one-stop rule sets")
        ordering = ["effective_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gte=F("effective_from")),
                name="onestop_ruleset_period_ordered",
                violation_error_message=_("The end of validity comes before its start."),
            ),
            models.CheckConstraint(
                condition=Q(apology_min_days_before__gte=0),
                name="onestop_ruleset_apology_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def history_text(self) -> str:
        """How histories name the rule set: by its decree, not its code (egov.audit.history)."""
        return self.name.split(" về ", 1)[0]

    def clean(self) -> None:
        errors = {}
        format_errors = rules.dossier_code_format_errors(self.dossier_code_format or "")
        if format_errors:
            errors["dossier_code_format"] = format_errors
        if not isinstance(self.forms, list) or not all(
            isinstance(f, dict) and isinstance(f.get("code"), str) and f.get("name")
            for f in self.forms
        ):
            errors["forms"] = [_("Enter a list of forms with a code and a name.")]
        if not isinstance(self.confidence, dict) or not set(self.confidence.values()) <= {
            "confirmed",
            "secondary",
            "unconfirmed",
        }:
            errors["confidence"] = [_("Map each parameter to confirmed, secondary or unconfirmed.")]
        if errors:
            raise ValidationError(errors)

    def is_in_force_on(self, day: datetime.date) -> bool:
        return self.effective_from <= day and (
            self.effective_to is None or self.effective_to >= day
        )
