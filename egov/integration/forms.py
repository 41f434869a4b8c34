"""Forms of the integration pages: the desk's look-up in the national databases."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from egov.integration.choices import Purpose, ShareDataset
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


DAY = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ConsumerForm(forms.Form):
    """A consumer system of the data-sharing API, as the city office registers it."""

    code = forms.CharField(
        label=_("Subsystem identifier"),
        max_length=120,
        help_text=_("As on the data-sharing platform, e.g. VN/GOV/000.00.12.H26/DATDAI."),
    )
    name = forms.CharField(label=_("System name"), max_length=200)
    agency = forms.CharField(label=_("Operating agency"), max_length=200)
    purpose = forms.CharField(label=_("Purpose of use"), max_length=300)
    legal_basis = forms.CharField(label=_("Legal basis"), max_length=300)
    datasets = forms.MultipleChoiceField(
        label=_("Data sets allowed"),
        choices=ShareDataset.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    valid_from = forms.DateField(label=_("Valid from"), widget=DAY)
    valid_until = forms.DateField(label=_("Valid until"), widget=DAY, required=False)
    contact = forms.CharField(label=_("Technical contact"), max_length=200, required=False)
    reads_per_minute = forms.IntegerField(
        label=_("Reads per minute"),
        min_value=1,
        max_value=100000,
        required=False,
        help_text=_("Its quota on the data-sharing API; empty: the platform's default."),
    )

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:  # the identifier is the consumer's name on the platform: it stays
            del self.fields["code"]


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)
