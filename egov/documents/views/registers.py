"""The registers as pages: sổ đăng ký văn bản đi (by series) and sổ đăng ký văn bản đến, for one
unit and year (Decree 30/2020/NĐ-CP Appendix IV columns)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from egov.documents.choices import NumberSeries
from egov.documents.forms import UnitChoiceField
from egov.documents.selectors import (
    incoming_register_rows,
    outgoing_register,
    register_units_for,
)
from egov.orgs.decorators import officer_required
from egov.orgs.models import OrgUnit

OUTGOING_SERIES = [
    (s.value, s.label) for s in (NumberSeries.GENERAL, NumberSeries.LEGAL, NumberSeries.SECRET)
]


class RegisterForm(forms.Form):
    unit = UnitChoiceField(label=_("Unit"), queryset=OrgUnit.objects.none(), empty_label=None)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    series = forms.ChoiceField(label=_("Register"), choices=OUTGOING_SERIES, required=False)

    def __init__(self, *args: Any, units: Any, outgoing: bool, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        if not outgoing:
            del self.fields["series"]

    def chosen(self) -> dict[str, Any]:
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "unit": data.get("unit") or self.fields["unit"].queryset.first(),
            "year": data.get("year") or timezone.localdate().year,
            "series": data.get("series") or NumberSeries.GENERAL,
        }


def _register(request: HttpRequest, *, outgoing: bool) -> HttpResponse:
    units = register_units_for(request.user)
    form = RegisterForm(
        request.GET or None,
        units=units,
        outgoing=outgoing,
        initial={"year": timezone.localdate().year},
    )
    chosen = (
        form.chosen()
        if request.GET
        else {
            "unit": units.first(),
            "year": timezone.localdate().year,
            "series": NumberSeries.GENERAL,
        }
    )
    rows: Any = []
    if chosen["unit"] is not None:
        rows = (
            outgoing_register(
                request.user, unit=chosen["unit"], year=chosen["year"], series=chosen["series"]
            )
            if outgoing
            else incoming_register_rows(request.user, unit=chosen["unit"], year=chosen["year"])
        )
    template = (
        "documents/register_outgoing.html" if outgoing else "documents/register_incoming.html"
    )
    return render(request, template, {"form": form, "chosen": chosen, "rows": rows})


@require_GET
@officer_required
def register_outgoing(request: HttpRequest) -> HttpResponse:
    """Sổ đăng ký văn bản đi of a unit and year."""
    return _register(request, outgoing=True)


@require_GET
@officer_required
def register_incoming(request: HttpRequest) -> HttpResponse:
    """Sổ đăng ký văn bản đến of a unit and year."""
    return _register(request, outgoing=False)
