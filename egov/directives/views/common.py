"""What the task views share: turning a DomainError into form errors."""

from __future__ import annotations

from django import forms

from egov.common.exceptions import DomainError


def errors_to_form(form: forms.Form, error: DomainError) -> None:
    """Put the error's field messages on the form's fields, the message itself on top."""
    placed = False
    for name, message in error.fields.items():
        if name in form.fields:
            form.add_error(name, message)
            placed = True
    if not placed:
        form.add_error(None, error.message)
