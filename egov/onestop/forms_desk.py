"""Forms of the desk and processing pages. They check the shape of the input only; the
services enforce the rules."""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Mapping
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from egov.common.validation import day_problem, days_order_problem
from egov.onestop.choices import ApplicantKind, DossierStatus, FormFieldType
from egov.onestop.models import Procedure
from egov.orgs.forms import UnitChoiceField
from egov.orgs.models import OrgUnit

FIELD_PREFIX = "ff_"
APPLICANT_FIELDS = (
    "applicant_kind",
    "applicant_name",
    "applicant_id_number",
    "applicant_phone",
    "applicant_email",
    "applicant_address",
    "copies_count",
)
OUTCOMES = [
    ("receive", _("Receive the dossier")),
    ("request_completion", _("Ask for completion (Form 02)")),
    ("refuse", _("Refuse to receive (Form 03)")),
]
ATTENTION = [
    ("", _("All")),
    ("needs_apology", _("Due within a working day, no apology yet")),
    ("late_without_apology", _("Late without an apology")),
]


class _Form(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class ProcedureSearchForm(_Form):
    q = forms.CharField(
        label=_("Find a procedure"),
        max_length=100,
        required=False,
        widget=forms.SearchInput(attrs={"placeholder": _("code or name")}),
    )


class ApplicantFindForm(_Form):
    find = forms.CharField(
        label=_("Find the applicant"),
        max_length=20,
        required=False,
        help_text=_("Citizen ID (12 digits), tax code or phone number, exactly."),
    )


def _form_field(spec: Mapping[str, Any]) -> forms.Field | None:
    """A form field for one entry of ``Procedure.form_fields`` (files come on paper)."""
    kind, label = spec.get("type"), spec.get("label") or spec.get("name")
    required = bool(spec.get("required"))
    if kind == FormFieldType.FILE:
        return None
    if kind == FormFieldType.CHOICE:
        choices = [("", "—")] + [(str(c), str(c)) for c in spec.get("choices") or []]
        return forms.ChoiceField(label=label, required=required, choices=choices)
    simple: dict[str, Any] = {
        FormFieldType.TEXTAREA: lambda: forms.CharField(widget=forms.Textarea, max_length=2000),
        FormFieldType.NUMBER: lambda: forms.DecimalField(max_digits=18, decimal_places=4),
        FormFieldType.DATE: lambda: forms.DateField(widget=forms.DateInput(attrs={"type": "date"})),
        FormFieldType.EMAIL: lambda: forms.EmailField(),
        FormFieldType.BOOLEAN: lambda: forms.BooleanField(),
    }
    field = simple.get(kind, lambda: forms.CharField(max_length=500))()
    field.label, field.required = label, required
    return field


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return format(value.normalize(), "f")
    return value


class DeskReceiveForm(_Form):
    """The applicant, the documents checked against the list, the application form, and what
    the desk decides."""

    procedure = forms.CharField(widget=forms.HiddenInput, max_length=20)
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)
    applicant_account = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    applicant_kind = forms.ChoiceField(label=_("Applicant type"), choices=ApplicantKind.choices)
    applicant_name = forms.CharField(label=_("Full name / organisation"), max_length=200)
    applicant_id_number = forms.CharField(label=_("Citizen ID or tax code"), max_length=14)
    applicant_phone = forms.CharField(label=_("Phone number"), max_length=15, required=False)
    applicant_email = forms.EmailField(label=_("E-mail"), required=False)
    applicant_address = forms.CharField(label=_("Address"), max_length=300, required=False)
    copies_count = forms.IntegerField(
        label=_("Number of sets"), min_value=1, max_value=50, initial=1
    )
    documents = forms.TypedMultipleChoiceField(
        label=_("Documents checked"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    competent_unit = UnitChoiceField(
        label=_("Competent authority"),
        queryset=OrgUnit.objects.none(),
        required=False,
        empty_label=_("The unit of this desk"),
    )
    outcome = forms.ChoiceField(label=_("Decision"), choices=OUTCOMES, initial="receive")
    reason = forms.CharField(
        label=_("Reason and guidance"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(
        self,
        *args: Any,
        procedure: Procedure,
        units: QuerySet[OrgUnit],
        desk: OrgUnit | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.procedure = procedure
        self.fields["documents"].choices = [(d.pk, d.name) for d in procedure.documents.all()]
        competent_unit_default(self.fields["competent_unit"], units, desk)
        for spec in procedure.form_fields or []:
            field = _form_field(spec) if isinstance(spec, Mapping) else None
            if field is not None:
                self.fields[f"{FIELD_PREFIX}{spec['name']}"] = field

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("outcome") in ("request_completion", "refuse") and not data.get("reason"):
            self.add_error("reason", _("Give the reason."))
        return data

    def form_data(self) -> dict[str, Any]:
        return {
            name[len(FIELD_PREFIX) :]: _json_value(value)
            for name, value in self.cleaned_data.items()
            if name.startswith(FIELD_PREFIX) and value not in (None, "")
        }

    def applicant_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in APPLICANT_FIELDS]

    def application_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith(FIELD_PREFIX)]


class VersionForm(_Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class NoteForm(VersionForm):
    note = forms.CharField(
        label=_("Note"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReasonForm(VersionForm):
    reason = forms.CharField(
        label=_("Reason"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class HandoverForm(ReasonForm):
    to_unit = UnitChoiceField(
        label=_("Hand over to"), queryset=OrgUnit.objects.active().order_by("name")
    )

    field_order = ["expected_version", "to_unit", "reason"]


def competent_unit_default(
    field: forms.ModelChoiceField, units: QuerySet[OrgUnit], desk: OrgUnit | None
) -> None:
    """Offer ``units`` (those of the procedure's level the desk may route to). The empty
    choice means "the unit of this desk", which the desk's routing takes when nothing is
    chosen: it stays only when that unit is one of ``units``; otherwise a unit must be chosen,
    so that the default is never one the service would refuse."""
    field.queryset = units
    home = desk.parent_id if desk is not None else None
    if home is None or not units.filter(pk=home).exists():
        field.required = True
        field.empty_label = _("Choose a unit")


class ReceiveCheckForm(VersionForm):
    competent_unit = UnitChoiceField(
        label=_("Competent authority"),
        queryset=OrgUnit.objects.active(),
        required=False,
        empty_label=_("As chosen by the applicant, or the unit of the desk"),
    )


class ResultForm(VersionForm):
    file = forms.FileField(label=_("Signed result (PDF)"))
    note = forms.CharField(label=_("Note"), max_length=2000, required=False)


class ApologyForm(ReasonForm):
    new_due_at = forms.DateTimeField(
        label=_("New appointment"),
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    field_order = ["expected_version", "new_due_at", "reason"]


class DossierFilterForm(_Form):
    """Filters of the officer's dossier list; invalid values are ignored."""

    q = forms.CharField(label=_("Code or applicant"), max_length=100, required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *DossierStatus.choices]
    )
    procedure = forms.CharField(label=_("Procedure code"), max_length=20, required=False)
    received_from = forms.DateField(
        label=_("Received from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    received_to = forms.DateField(
        label=_("Received until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    attention = forms.ChoiceField(label=_("Apology"), required=False, choices=ATTENTION)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("received_from"), data.get("received_to")
        if problem := day_problem(start):
            self.add_error("received_from", problem)
        if problem := day_problem(end) or days_order_problem(start, end):
            self.add_error("received_to", problem)
        return data

    def filters(self) -> dict[str, Any]:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "query": data.get("q", ""),
            "status": data.get("status", ""),
            "procedure_code": data.get("procedure", ""),
            "received_from": data.get("received_from"),
            "received_to": data.get("received_to"),
            "overdue": bool(data.get("overdue")),
            "attention": data.get("attention", ""),
        }
