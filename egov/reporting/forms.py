"""Thin forms of periodic reporting: the values are read by the service (one field per
indicator, ``value_<code>``), so the forms carry only the version and the reasons."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


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


class UploadForm(VersionForm):
    workbook = forms.FileField(label=_("Filled workbook (.xlsx)"))
