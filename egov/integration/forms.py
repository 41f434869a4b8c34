"""Forms of the integration pages: the desk's look-up in the national databases."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from egov.integration.choices import Purpose
from egov.orgs.forms import UnitChoiceField
from egov.orgs.models import OrgUnit


class LookupForm(forms.Form):
    """A citizen ID (population database) or a tax code (business registry), the unit the
    officer acts for, and why the data is needed."""

    KIND_CHOICES = [
        ("citizen", _("Citizen (12-digit citizen ID)")),
        ("business", _("Enterprise (tax code)")),
    ]

    kind = forms.ChoiceField(label=_("Applicant"), choices=KIND_CHOICES, initial="citizen")
    identifier = forms.CharField(label=_("Citizen ID or tax code"), max_length=14)
    purpose = forms.ChoiceField(label=_("Purpose"), choices=Purpose.choices)
    unit = UnitChoiceField(label=_("For the unit"), queryset=OrgUnit.objects.none())
    issue = forms.CharField(label=_("Dossier code (if any)"), max_length=40, required=False)

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
