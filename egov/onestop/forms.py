"""Forms of the catalog pages and the admin. They check the shape of the input only."""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from egov.common.files import (
    DOC,
    DOCX,
    ODS,
    ODT,
    PDF,
    RTF,
    XLS,
    XLSX,
    FileRefused,
    accepting,
    file_check,
)
from egov.onestop.choices import CatalogFormat, Channel, Level, OnlineLevel
from egov.onestop.models import Procedure, RequiredDocument
from egov.onestop.selectors import field_list_public

# The template forms applicants download: the kinds of TEMPLATE_EXTENSIONS, judged by content.
TEMPLATE_ACCEPTED = accepting(
    {PDF, DOC, DOCX, ODT, XLS, XLSX, ODS, RTF},
    _("A template form must be a PDF, Word, Excel, OpenDocument or RTF file."),
)


class ProcedureFilterForm(forms.Form):
    """Search and filters of the public procedure list; invalid values are ignored."""

    q = forms.CharField(
        label=_("Search"),
        max_length=100,
        required=False,
        widget=forms.SearchInput(attrs={"placeholder": _("e.g. cap phep xay dung")}),
    )
    level = forms.ChoiceField(
        label=_("Level"), required=False, choices=[("", _("All levels")), *Level.choices]
    )
    field = forms.ChoiceField(label=_("Field"), required=False)
    online_level = forms.ChoiceField(
        label=_("Online service"), required=False, choices=[("", _("Any")), *OnlineLevel.choices]
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["field"].choices = [("", _("All fields"))] + [
            (f.code, f.name) for f in field_list_public()
        ]

    def filters(self) -> dict[str, str]:
        """The valid values (empty for the invalid ones), as keyword arguments of the list
        selector."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "query": data.get("q", ""),
            "level": data.get("level", ""),
            "field_code": data.get("field", ""),
            "online_level": data.get("online_level", ""),
        }


class CatalogImportForm(forms.Form):
    """Upload of a catalog file in the admin."""

    file = forms.FileField(label=_("Catalog file"))
    format = forms.ChoiceField(label=_("Format"), choices=CatalogFormat.choices)
    update_existing = forms.BooleanField(
        label=_("Update versions that differ"),
        required=False,
        initial=True,
        help_text=_("Otherwise existing versions are kept and reported as skipped."),
    )


class CatalogExportForm(forms.Form):
    format = forms.ChoiceField(label=_("Format"), choices=CatalogFormat.choices)


class ProcedureAdminForm(forms.ModelForm):
    """The admin form of a version: channels as check boxes."""

    channels = forms.MultipleChoiceField(
        label=_("Channels"),
        choices=Channel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Procedure
        fields = "__all__"  # noqa: DJ007 — every column is configuration of the catalog


class RequiredDocumentAdminForm(forms.ModelForm):
    """A required document in the admin: its template file goes through the file intake and is
    stored under the extension of what it really is (the download's content type follows it)."""

    class Meta:
        model = RequiredDocument
        fields = "__all__"  # noqa: DJ007 — the inline chooses the columns shown

    def clean_template_file(self) -> Any:
        upload = self.cleaned_data.get("template_file")
        if not isinstance(upload, UploadedFile):
            return upload  # unchanged, cleared or empty
        try:
            checked = file_check(upload, accept=TEMPLATE_ACCEPTED, field="template_file")
        except FileRefused as refused:
            raise forms.ValidationError(refused.message, code=refused.code) from None
        upload.name = f"{PurePosixPath(upload.name or 'template').stem}.{checked.extension}"
        return upload


class NationalMappingForm(forms.Form):
    """A national procedure code (from the national portal) and the city's procedure code."""

    national_code = forms.CharField(label=_("National procedure code"), max_length=40)
    procedure_code = forms.CharField(label=_("City procedure code"), max_length=40)
