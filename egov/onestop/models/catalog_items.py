"""The parts of a procedure version a citizen prepares: fees and charges, and the required
documents (thành phần hồ sơ). Both belong to one :class:`~egov.onestop.models.Procedure` row and
are copied with it into a new version."""

from __future__ import annotations

from django.core.validators import FileExtensionValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.formats import get_format
from django.utils.translation import gettext_lazy as _

from egov.onestop import rules
from egov.onestop.choices import Confidence, FeeKind, SubmitMode
from egov.onestop.models.catalog import Procedure

TEMPLATE_EXTENSIONS = ["pdf", "doc", "docx", "odt", "xls", "xlsx", "ods", "rtf"]


class ProcedureFee(models.Model):
    """A fee (phí) or charge (lệ phí) of a procedure. ``amount_vnd`` is empty when the amount is
    not fixed or not known (set by a percentage, by the province, or missing from the source):
    the note says which; an amount is never guessed."""

    procedure = models.ForeignKey(
        Procedure, on_delete=models.CASCADE, related_name="fees", verbose_name=_("procedure")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    kind = models.CharField(_("kind"), max_length=10, choices=FeeKind.choices)
    amount_vnd = models.BigIntegerField(
        _("amount (VND)"), null=True, blank=True, validators=[MinValueValidator(0)]
    )
    unit = models.CharField(_("per"), max_length=100, blank=True)
    note = models.TextField(_("note"), blank=True)
    source = models.CharField(_("source"), max_length=500, blank=True)
    confidence = models.CharField(
        _("confidence"), max_length=10, choices=Confidence.choices, blank=True
    )

    class Meta:
        verbose_name = _("fee or charge")
        verbose_name_plural = _("fees and charges")
        ordering = ["procedure", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_vnd__isnull=True) | Q(amount_vnd__gte=0),
                name="onestop_fee_amount_not_negative",
                violation_error_message=_("A fee cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount_display}"

    @property
    def amount_display(self) -> str:
        """``50.000 đồng`` in Vietnamese (grouping by the active language); "free of charge"
        for nothing to pay and "being updated" when the catalog gives no amount."""
        if self.amount_vnd is None:
            return str(_("Being updated"))
        if self.amount_vnd == 0:
            return str(_("Free of charge"))
        return str(
            _("%(amount)s VND")
            % {"amount": rules.group_thousands(self.amount_vnd, get_format("THOUSAND_SEPARATOR"))}
        )


class RequiredDocument(models.Model):
    """A paper of the dossier (thành phần hồ sơ): how many originals and copies, whether it is
    handed in or only shown, when it is needed, and the template form to fill in."""

    procedure = models.ForeignKey(
        Procedure, on_delete=models.CASCADE, related_name="documents", verbose_name=_("procedure")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    name = models.CharField(_("name"), max_length=500)
    originals_count = models.PositiveSmallIntegerField(_("originals"), default=0)
    copies_count = models.PositiveSmallIntegerField(_("copies"), default=0)
    submit_mode = models.CharField(
        _("submission"), max_length=20, choices=SubmitMode.choices, default=SubmitMode.SUBMIT
    )
    condition = models.TextField(_("only when"), blank=True)
    is_required = models.BooleanField(_("required"), default=True)
    template_name = models.CharField(_("template form"), max_length=200, blank=True)
    template_file = models.FileField(
        _("template file"),
        upload_to="onestop/templates/",
        blank=True,
        max_length=200,
        validators=[FileExtensionValidator(TEMPLATE_EXTENSIONS)],
    )
    is_electronic_accepted = models.BooleanField(
        _("electronic copy accepted"),
        null=True,
        blank=True,
        help_text=_("Empty when the source does not say."),
    )
    note = models.TextField(_("note"), blank=True)
    confidence = models.CharField(
        _("confidence"), max_length=10, choices=Confidence.choices, blank=True
    )

    class Meta:
        verbose_name = _("required document")
        verbose_name_plural = _("required documents")
        ordering = ["procedure", "order", "pk"]

    def __str__(self) -> str:
        return self.name
