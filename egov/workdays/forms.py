"""Forms of the public calendar page. They check the shape of the input only."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from egov.workdays.selectors import FIRST_YEAR, LAST_YEAR

HALF_DAY = Decimal("0.5")


class DeadlineForm(forms.Form):
    """When a dossier was received and its time limit in working days."""

    start_on = forms.DateField(
        label=_("Date received"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    start_time = forms.TimeField(
        label=_("Time received"),
        input_formats=["%H:%M", "%H:%M:%S"],
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    days = forms.DecimalField(
        label=_("Time limit in working days"),
        min_value=HALF_DAY,
        max_value=Decimal(365),
        max_digits=4,
        decimal_places=1,
        help_text=_("Half days are allowed, e.g. 2.5."),
        widget=forms.NumberInput(attrs={"step": "0.5", "min": "0.5", "max": "365"}),
    )
    apply_cutoff = forms.BooleanField(
        label=_("Apply the afternoon cut-off"), required=False, initial=True
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["apply_cutoff"].help_text = _(
            "Received after %(time)s: counting starts on the next working day."
        ) % {"time": settings.EGOV_SAME_DAY_CUTOFF}

    def clean_start_on(self) -> datetime.date:
        value = self.cleaned_data["start_on"]
        if not FIRST_YEAR <= value.year <= LAST_YEAR:
            raise forms.ValidationError(
                _("Enter a date between %(first)s and %(last)s."),
                params={"first": FIRST_YEAR, "last": LAST_YEAR},
                code="out_of_range",
            )
        return value

    def clean_days(self) -> Decimal:
        value = self.cleaned_data["days"]
        if value % HALF_DAY:
            raise forms.ValidationError(
                _("Enter whole or half days (a multiple of 0.5)."), code="not_half_days"
            )
        return value

    def start(self) -> datetime.datetime:
        """The receipt moment, read as Vietnam time (the project's time zone)."""
        moment = datetime.datetime.combine(
            self.cleaned_data["start_on"], self.cleaned_data["start_time"]
        )
        return timezone.make_aware(moment, timezone.get_default_timezone())


class YearForm(forms.Form):
    """The year whose days off and make-up working days are listed."""

    year = forms.TypedChoiceField(label=_("Year"), coerce=int)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        years = range(max(FIRST_YEAR, this_year - 7), min(LAST_YEAR, this_year + 2) + 1)
        self.fields["year"].choices = [(year, str(year)) for year in years]
        self.fields["year"].initial = this_year
