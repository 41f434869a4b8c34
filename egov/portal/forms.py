"""Forms of the agency public pages: the shape of the input only; the service sanitises and
checks. Rich-text fields are textareas the editor (Trix) takes over when scripts run."""

from __future__ import annotations

import secrets
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from egov.portal.choices import PostKind

#: A cap on what a browser may post into a rich-text field, before sanitising (the service
#: checks the stored length).
RAW_HTML_MAX = 200_000


def _rich_text(label: str, *, required: bool) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=RAW_HTML_MAX,
        widget=forms.Textarea(attrs={"rows": 12, "data-rich-text": "1"}),
    )


class _Form(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class UnitProfileForm(_Form):
    functions = _rich_text(_("Functions and duties"), required=False)
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    office_hours = forms.CharField(label=_("Office hours"), max_length=200, required=False)


class UnitPostForm(_Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=PostKind.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    body = _rich_text(_("Content"), required=True)
    publish = forms.BooleanField(label=_("Publish on the unit's page"), required=False)
    request_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound and not self.initial.get("request_key"):
            self.initial["request_key"] = secrets.token_urlsafe(24)
