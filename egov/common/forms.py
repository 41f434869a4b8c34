"""Showing a refused action on the form it came from."""

from __future__ import annotations

from django import forms

from egov.common.exceptions import DomainError


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
