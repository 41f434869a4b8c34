"""Officer forms of feedback on regulations (Decree 20/2008/NĐ-CP): classifying (art. 9),
deciding (arts. 14–15) and publishing the result (art. 19). Shapes only; the services check."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from egov.feedback.choices import (
    CriterionFinding,
    RegulationBasis,
    RegulationClass,
    RegulationCriterion,
    RegulationOutcome,
)
from egov.feedback.forms import _Form
from egov.feedback.services._common import TEXT_MAX
from egov.orgs.forms import UnitChoiceField
from egov.orgs.models import OrgUnit


class ClassifyForm(_Form):
    classification = forms.ChoiceField(
        label=_("Classification"), choices=RegulationClass.choices, widget=forms.RadioSelect
    )
    to_unit = UnitChoiceField(
        label=_("Forward to"),
        queryset=OrgUnit.objects.none(),
        required=False,
        help_text=_("The unit competent for the regulation, when you forward it."),
    )
    reason = forms.CharField(
        label=_("Reason for forwarding"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    assignee = forms.ModelChoiceField(
        label=_("Officer to process it"), queryset=None, required=False
    )

    def __init__(self, *args: Any, officers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_unit"].queryset = OrgUnit.objects.active()
        self.fields["assignee"].queryset = officers


def _finding_field(label: object) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, choices=[("", "—"), *CriterionFinding.choices], required=False
    )


class DecideForm(_Form):
    """The assessment, one field per criterion of art. 14, gathered as ``findings``."""

    basis = forms.ChoiceField(
        label=_("Basis"), choices=RegulationBasis.choices, widget=forms.RadioSelect
    )
    outcome = forms.ChoiceField(label=_("Decision"), choices=RegulationOutcome.choices)
    answer = forms.CharField(
        label=_("Answer to the sender"),
        max_length=TEXT_MAX * 2,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code, label in RegulationCriterion.choices:
            self.fields[f"criterion_{code}"] = _finding_field(label)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        findings = {code: data.pop(f"criterion_{code}", "") for code in RegulationCriterion.values}
        data["findings"] = {code: value for code, value in findings.items() if value}
        return data


class ResultPublishForm(_Form):
    confirmed = forms.BooleanField(
        label=_("I have checked that no personal data remains"), required=False
    )
