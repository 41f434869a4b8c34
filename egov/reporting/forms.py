"""Thin forms of periodic reporting: the values are read by the service (one field per
indicator, ``value_<code>``), so the forms carry only the version and the reasons."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from egov.orgs.choices import UnitKind
from egov.orgs.forms import UnitChoiceField
from egov.orgs.models import OrgUnit
from egov.reporting.choices import Aggregation, DataType, DeadlineUnit, Frequency, RegimeKind


class VersionForm(forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ValuesForm(VersionForm):
    narrative = forms.CharField(
        label=_("Narrative (outline sections)"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ReturnForm(VersionForm):
    reason = forms.CharField(
        label=_("Reason for return"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class CorrectForm(VersionForm):
    reason = forms.CharField(
        label=_("Reason for correction"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class UploadForm(VersionForm):
    workbook = forms.FileField(label=_("Filled workbook (.xlsx)"))


# The form editor (the city office): the regime's fields and one indicator at a time.
UNIT_KINDS = [("", _("none: the reporting units send to the receiving unit"))]


class RegimeForm(forms.Form):
    code = forms.SlugField(label=_("Code"), max_length=36)
    name = forms.CharField(label=_("Name"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind"), choices=RegimeKind.choices)
    legal_basis = forms.CharField(label=_("Legal basis"), max_length=300)
    outline = forms.CharField(
        label=_("Content outline"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    frequency = forms.ChoiceField(label=_("Frequency"), choices=Frequency.choices)
    reporter_kind = forms.ChoiceField(label=_("Reporting units (kind)"), choices=UnitKind.choices)
    reporter_root = UnitChoiceField(
        label=_("Reporting units under"), queryset=OrgUnit.objects.none()
    )
    receiving_unit = UnitChoiceField(label=_("Receiving unit"), queryset=OrgUnit.objects.none())
    level_kind = forms.ChoiceField(
        label=_("Consolidating level (kind)"),
        required=False,
        choices=UNIT_KINDS + list(UnitKind.choices),
    )
    level_days = forms.IntegerField(
        label=_("Consolidating level's deadline (days after the cut-off)"),
        required=False,
        min_value=0,
        max_value=60,
    )
    cutoff_day = forms.IntegerField(label=_("Cut-off day"), min_value=1, max_value=28, initial=14)
    deadline_days = forms.IntegerField(
        label=_("Deadline (days after the cut-off)"), min_value=0, max_value=60
    )
    deadline_unit = forms.ChoiceField(label=_("Deadline counted in"), choices=DeadlineUnit.choices)
    sending_method = forms.CharField(
        label=_("Sending method"), max_length=200, initial="Hệ thống thông tin báo cáo"
    )

    def __init__(self, *args: object, roots: object, receivers: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reporter_root"].queryset = roots
        self.fields["receiving_unit"].queryset = receivers

    def clean(self) -> dict:
        data = super().clean()
        if data.get("level_kind") and data.get("level_days") is None:
            self.add_error("level_days", _("Give the consolidating level's deadline."))
        return data


class IndicatorForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=20)
    name = forms.CharField(label=_("Indicator"), max_length=300)
    unit_of_measure = forms.CharField(label=_("Unit of measure"), max_length=50, required=False)
    data_type = forms.ChoiceField(
        label=_("Data type"), choices=DataType.choices, initial=DataType.DECIMAL
    )
    aggregation = forms.ChoiceField(label=_("Aggregation"), choices=Aggregation.choices)
    required = forms.BooleanField(label=_("Required"), required=False, initial=True)
    min_value = forms.DecimalField(label=_("Minimum"), required=False, max_digits=20)
    max_value = forms.DecimalField(label=_("Maximum"), required=False, max_digits=20)
    breakdown = forms.CharField(
        label=_("Broken down by"),
        max_length=100,
        required=False,
        help_text=_("Optional: the dimension, e.g. Giới tính; then list its options."),
    )
    options = forms.CharField(
        label=_("Breakdown options"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line (or separated by semicolons), e.g. Nam; Nữ."),
    )
    source_figure = forms.RegexField(
        label=_("Source figure (code)"),
        regex=r"^[a-z_]+\.[a-z0-9_]+$",
        required=False,
        max_length=80,
        error_messages={
            "invalid": _("A figure code reads app.name, e.g. onestop.dossiers_received.")
        },
    )

    def clean_options(self) -> tuple[str, ...]:
        raw = self.cleaned_data.get("options", "")
        parts = [p.strip() for p in raw.replace(";", "\n").splitlines()]
        return tuple(p[:100] for p in parts if p)
