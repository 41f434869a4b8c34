"""Forms of the file list, work file and archive pages (shape only; the services decide)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from egov.documents.forms import PersonChoiceField, VersionForm, _Form
from egov.documents.models import WorkFile
from egov.orgs.forms import UnitChoiceField
from egov.orgs.models import OrgUnit


class FileListCreateForm(_Form):
    unit = UnitChoiceField(label=_("Unit"), queryset=OrgUnit.objects.none())
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class EntryForm(_Form):
    heading = forms.CharField(label=_("Heading (field)"), max_length=200)
    notation = forms.CharField(label=_("File notation"), max_length=20)
    title = forms.CharField(label=_("Title"), max_length=500)
    retention_years = forms.IntegerField(
        label=_("Retention (years)"),
        required=False,
        min_value=1,
        max_value=100,
        help_text=_("Leave empty for files kept permanently."),
    )
    handling_unit = UnitChoiceField(label=_("Division keeping it"), queryset=OrgUnit.objects.none())
    responsible = PersonChoiceField(label=_("Person responsible"), required=False, queryset=None)

    def __init__(self, *args: Any, units: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["handling_unit"].queryset = units
        self.fields["responsible"].queryset = people

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in self.fields}


class OpenForm(_Form):
    entry = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class FileIntoForm(_Form):
    """The document page's "file into a work file" action."""

    work_file = forms.ModelChoiceField(label=_("Work file"), queryset=WorkFile.objects.none())

    def set_choices(self, *, files: Any) -> None:
        self.fields["work_file"].queryset = files
        self.fields["work_file"].label_from_instance = lambda f: f"{f.code} — {f.title}"


class DisposalForm(VersionForm):
    """Marking, proposing or deciding on an archived file."""

    note = forms.CharField(
        label=_("Reason or decision (number, date, content)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    destroy = forms.BooleanField(required=False, widget=forms.HiddenInput)


class ArchiveSearchForm(_Form):
    q = forms.CharField(label=_("Code, title or heading"), required=False, max_length=200)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    unit = UnitChoiceField(
        label=_("Unit"), required=False, queryset=OrgUnit.objects.none(), empty_label=_("All")
    )

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


__all__ = [
    "ArchiveSearchForm",
    "DisposalForm",
    "EntryForm",
    "FileIntoForm",
    "FileListCreateForm",
    "OpenForm",
    "VersionForm",
]
