"""Dossiers that come from the national public-service portal (DVCQG): which national
procedure code is which of the city's procedures, and each dossier pulled from the portal
(once, whatever the number of pulls), registered here or waiting for its procedure's
mapping."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from egov.onestop.choices import NationalIntakeState


class NationalProcedureMapping(models.Model):
    """A national procedure code and the city's procedure (by its code: the version in force
    on the day a dossier was submitted applies). Without a row, a national code that is also
    a code of the city's catalog maps to itself."""

    national_code = models.CharField(_("national procedure code"), max_length=40, unique=True)
    procedure_code = models.CharField(_("city procedure code"), max_length=40)
    mapped_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("mapped by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    mapped_at = models.DateTimeField(_("mapped at"), default=timezone.now)

    class Meta:
        verbose_name = _("national procedure mapping")
        verbose_name_plural = _("national procedure mappings")

    def __str__(self) -> str:
        return f"{self.national_code} → {self.procedure_code}"


class NationalDossierIntake(models.Model):
    """One dossier submitted on the national portal, as pulled (by its national code: a
    second pull finds it and changes nothing once it is registered)."""

    national_code = models.CharField(_("national dossier code"), max_length=40, unique=True)
    national_procedure_code = models.CharField(_("national procedure code"), max_length=40)
    agency_code = models.CharField(_("receiving agency code"), max_length=40)
    record = models.JSONField(_("message from the national portal"), default=dict)
    state = models.CharField(
        _("state"), max_length=12, choices=NationalIntakeState.choices, db_index=True
    )
    problem = models.CharField(_("problem"), max_length=300, blank=True)
    dossier = models.OneToOneField(
        "onestop.Dossier",
        verbose_name=_("dossier"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="national_intake",
    )
    submitted_at = models.DateTimeField(_("submitted on the national portal at"))
    first_pulled_at = models.DateTimeField(_("first pulled at"), default=timezone.now)
    registered_at = models.DateTimeField(_("registered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("dossier from the national portal")
        verbose_name_plural = _("dossiers from the national portal")

    def __str__(self) -> str:
        return self.national_code
