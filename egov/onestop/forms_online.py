"""Forms of the applicant's pages. They render the inputs and check their shape only: the
services check the rules (the application form against its e-form schema, files by their
bytes, payments, ratings) and their errors are put back on these forms."""

from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from egov.common.forms import VndAmountField
from egov.integration.choices import ConnectorCode
from egov.onestop.choices import DossierStatus, FormFieldType
from egov.onestop.services.payments import PaymentMethod
from egov.orgs.forms import UnitChoiceField
from egov.orgs.models import OrgUnit

ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"


def _widget(spec: Mapping[str, Any]) -> forms.Widget:
    kind = spec.get("type")
    widgets = {
        FormFieldType.TEXTAREA: forms.Textarea(attrs={"rows": 4}),
        FormFieldType.NUMBER: forms.TextInput(attrs={"inputmode": "decimal"}),
        FormFieldType.DATE: forms.DateInput(attrs={"type": "date"}),
        FormFieldType.EMAIL: forms.EmailInput(),
        FormFieldType.PHONE: forms.TextInput(attrs={"type": "tel", "inputmode": "tel"}),
    }
    return widgets.get(kind, forms.TextInput())


def _field(spec: Mapping[str, Any]) -> forms.Field:
    label = spec.get("label") or spec.get("name")
    if spec.get("type") == FormFieldType.BOOLEAN:
        field: forms.Field = forms.BooleanField(label=label, required=False)
    elif spec.get("type") == FormFieldType.CHOICE:
        choices = [("", "---------")] + [(c, c) for c in spec.get("choices") or []]
        field = forms.ChoiceField(label=label, required=False, choices=choices)
    else:
        field = forms.CharField(label=label, required=False, widget=_widget(spec))
    # The service decides what is required; the mark only tells the person.
    field.required_mark = bool(spec.get("required"))
    return field


class ApplicationForm(forms.Form):
    """The procedure's e-form (``Procedure.form_fields``), built at run time."""

    def __init__(self, schema: Sequence[Mapping[str, Any]], *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.schema = [s for s in schema if s.get("type") != FormFieldType.FILE]
        for spec in self.schema:
            self.fields[spec["name"]] = _field(spec)

    def raw_values(self) -> dict[str, Any]:
        """The values as posted, for the service to check (``None`` when not posted)."""
        return {spec["name"]: self.data.get(spec["name"]) for spec in self.schema}


def _shown(value: Any) -> str:
    """A stored value as the person reads it (dates as dd/mm/yyyy)."""
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        return f"{value[8:]}/{value[5:7]}/{value[:4]}"
    return str(value)


# What the form says under a field a national database filled, and beside a typed value the
# database would have given otherwise; by connector code (``Dossier.prefilled["source"]``).
SOURCE_NOTES = {
    ConnectorCode.POPULATION: (
        _("From the National population database"),
        _("Kept what you entered. The National population database gives: %(value)s"),
    ),
    ConnectorCode.BUSINESS_REGISTRY: (
        _("From the National business registry"),
        _("Kept what you entered. The National business registry gives: %(value)s"),
    ),
}


def sources_mark(
    form: ApplicationForm,
    *,
    given: Mapping[str, Any],
    kept: Mapping[str, Any] | None = None,
    current: Mapping[str, Any] | None = None,
    source: str = ConnectorCode.POPULATION,
) -> None:
    """Tell, under each field, where its value came from: ``given`` are the values the
    national database ``source`` gave (marked as from it while the field still holds them);
    ``kept`` the database's values not used because the person had typed another."""
    if source not in SOURCE_NOTES:
        return
    from_note, kept_note = SOURCE_NOTES[source]
    values = current if current is not None else None
    for name, value in given.items():
        field = form.fields.get(name)
        if field is None:
            continue
        if values is not None and values.get(name) not in (value, _shown(value)):
            continue
        field.source_note, field.source = from_note, source
    for name, value in (kept or {}).items():
        field = form.fields.get(name)
        if field is not None:
            field.kept_note = kept_note % {"value": _shown(value)}


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("File (PDF, JPEG or PNG)"),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class SupplementForm(forms.Form):
    files = forms.FileField(
        label=_("Files completing the dossier (PDF, JPEG or PNG)"),
        widget=MultipleFileInput(attrs={"accept": ACCEPT, "multiple": True}),
        required=False,
    )


def idempotency_key_new() -> str:
    return secrets.token_urlsafe(24)


class SubmitForm(forms.Form):
    """Choosing the competent unit, with the hidden key that makes a double click harmless."""

    unit = UnitChoiceField(
        label=_("Unit that will handle the dossier"),
        queryset=OrgUnit.objects.none(),
        empty_label=_("Choose a unit"),
        required=False,
    )
    declaration = forms.BooleanField(
        label=_(
            "I declare that the information and documents in this dossier are true and "
            "complete, and I take responsibility for them before the law."
        ),
        required=False,
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, units: Sequence[OrgUnit], *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        field.queryset = OrgUnit.objects.filter(pk__in=[u.pk for u in units])
        field.label_from_instance = _unit_label
        field.required_mark = True
        self.fields["declaration"].required_mark = True


def _unit_label(unit: OrgUnit) -> str:
    return f"{unit.name} ({unit.parent.name})" if unit.parent_id else unit.name


class PaymentForm(forms.Form):
    amount_vnd = VndAmountField(label=_("Amount paid (VND)"))
    receipt_number = forms.CharField(label=_("Receipt number"), max_length=50)
    method = forms.ChoiceField(label=_("Paid by"), choices=PaymentMethod.choices)
    # Set by the confirmation step, which shows the amount in words and how it compares.
    amount_confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def clean_amount_vnd(self) -> int:
        amount = self.cleaned_data["amount_vnd"]
        if amount <= 0:
            raise forms.ValidationError(_("Enter the amount paid, in đồng."))
        return amount

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("How satisfied are you?"),
        choices=[
            (5, _("5 – Very satisfied")),
            (4, _("4 – Satisfied")),
            (3, _("3 – Acceptable")),
            (2, _("2 – Dissatisfied")),
            (1, _("1 – Very dissatisfied")),
        ],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Reason (optional)"), required=False, max_length=1000)


class MyDossierFilterForm(forms.Form):
    """Search and filter of the applicant's own dossiers (GET)."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any")), *DossierStatus.choices]
    )

    def filters(self) -> dict[str, str]:
        """The valid filters (an invalid one is dropped and shown on the form)."""
        if not self.is_valid():
            return {"query": "", "status": ""}
        return {"query": self.cleaned_data["q"], "status": self.cleaned_data["status"]}


class ApplicationSignForm(forms.Form):
    """The code the applicant's phone shows to confirm the signature of their application."""

    otp = forms.CharField(
        label=_("Code shown on your phone"),
        max_length=10,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
        help_text=_(
            "Your certification authority sends a request to your phone; confirm it there and "
            "type the code it shows."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
