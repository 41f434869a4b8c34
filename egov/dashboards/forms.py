from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from egov.common.periods import Period, period_of
from egov.dashboards.choices import PeriodChoice


class PeriodForm(forms.Form):
    """The period a dashboard is read for: its kind and any day in it (default: this quarter)."""

    kind = forms.ChoiceField(
        label=_("Period"),
        choices=PeriodChoice.choices,
        required=False,
        initial=PeriodChoice.QUARTER,
    )
    on = forms.DateField(
        label=_("Containing the day"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def period(self) -> Period:
        """The period asked for, or this quarter when the form is empty or invalid."""
        data = self.cleaned_data if self.is_valid() else {}
        kind = data.get("kind") or PeriodChoice.QUARTER
        return period_of(kind, data.get("on") or timezone.localdate())


class DefinitionsUploadForm(forms.Form):
    """The indicator definitions workbook sent by the city office."""

    file = forms.FileField(
        label=_("Indicator definitions workbook (.xlsx)"),
        help_text=_(
            "Download the definitions in force, edit or add rows, and send the workbook back: "
            "you will see what changes before anything is applied."
        ),
    )
