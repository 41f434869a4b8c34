"""A refused action shown on its form: field messages on their fields, the rest on top, once."""

from __future__ import annotations

from django import forms

from egov.common.exceptions import DomainError
from egov.common.forms import form_add_domain_error


class _Form(forms.Form):
    name = forms.CharField(required=False)
    start_on = forms.DateField(required=False)


def _form() -> _Form:
    form = _Form({"name": "x"})
    assert form.is_valid()
    return form


def test_field_messages_go_on_their_fields_and_the_message_on_top():
    form = _form()

    form_add_domain_error(form, DomainError("Refused.", fields={"name": "Too short."}))

    assert form.errors == {"name": ["Too short."], "__all__": ["Refused."]}


def test_the_message_is_not_repeated_when_a_field_shows_it():
    form = _form()

    form_add_domain_error(form, DomainError("Too short.", fields={"name": "Too short."}))

    assert form.errors == {"name": ["Too short."]}


def test_a_message_for_a_field_the_form_lacks_goes_on_top_once():
    form = _form()

    form_add_domain_error(form, DomainError("No such unit.", fields={"unit": "No such unit."}))

    assert form.errors == {"__all__": ["No such unit."]}


def test_what_has_no_field_of_the_form_can_go_on_a_chosen_field():
    form = _form()
    error = DomainError("Outside the calendar.", fields={"start": "Outside the calendar."})

    form_add_domain_error(form, error, field="start_on")

    assert form.errors == {"start_on": ["Outside the calendar."]}


def test_a_page_with_its_own_banner_gets_only_the_field_messages():
    form = _form()
    error = DomainError("Refused.", fields={"name": "Too short.", "unit": "Refused."})

    form_add_domain_error(form, error, with_message=False)

    assert form.errors == {"name": ["Too short."]}
