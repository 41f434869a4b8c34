"""Forms of the catalog pages and the admin. They check the shape of the input only."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from egov.onestop.choices import CatalogFormat, Channel, Level, OnlineLevel
from egov.onestop.models import Procedure
from egov.onestop.selectors import field_list_public


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
