"""Showing a refused action on the form it came from; the amount-of-money field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from egov.common.exceptions import DomainError
from egov.common.money import AmountUnreadable, vnd_parse


def form_add_domain_error(
    form: forms.BaseForm,
    error: DomainError,
    *,
    field: str | None = None,
    with_message: bool = True,
) -> None:
    """Put ``error`` on ``form``, each text once.

    Each message of ``error.fields`` goes on the form's field of that name. What has no field
    of the form — a message for a field the form does not have, and ``error.message`` — goes
    on ``field`` (default: the form's non-field errors), leaving out a text already shown and
    ``error.message`` when ``with_message`` is False (the page shows it in a banner of its own).
    """
    shown: set[str] = set() if with_message else {error.message}
    for name, text in error.fields.items():
        if name in form.fields:
            form.add_error(name, text)
            shown.add(text)
    rest = [text for name, text in error.fields.items() if name not in form.fields]
    target = field if field in form.fields else None
    for text in [*rest, error.message]:
        if text not in shown:
            form.add_error(target, text)
            shown.add(text)


class VndAmountField(forms.CharField):
    """An amount in đồng typed as people write it (``150.000``, ``150.000 đ``, ``150,000``):
    read with :func:`egov.common.money.vnd_parse`; the cleaned value is an ``int``."""

    default_error_messages = {
        "invalid": _("Enter the amount in đồng as it is written on the receipt, e.g. 150.000."),
    }

    max_chars = 40

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = {"inputmode": "decimal", "autocomplete": "off", "maxlength": str(self.max_chars)}
        return {**super().widget_attrs(widget), **attrs}

    def to_python(self, value: Any) -> int | None:  # type: ignore[override]
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        try:
            if len(text) > self.max_chars:
                raise AmountUnreadable(text)
            return vnd_parse(text)
        except AmountUnreadable:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
