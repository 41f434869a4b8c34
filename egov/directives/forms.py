"""Forms of the task pages. They check the shape of the input only; the services enforce the
rules (who may act, deadlines, units in scope)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from egov.directives.choices import ProgressStatus, Recurrence, TaskState
from egov.documents.models import DocumentType
from egov.orgs.forms import UnitChoiceField, UnitMultipleChoiceField
from egov.orgs.models import OrgUnit, OutsideBody

COLLECTIVES = [
    ("", _("— one unit —")),
    ("departments", _("every department (các sở, ngành)")),
    ("districts", _("every district-level unit (UBND các quận, huyện, thị xã)")),
    ("communes", _("every commune-level unit (UBND các xã, phường, thị trấn)")),
    ("divisions", _("every division of the unit (các phòng, ban)")),
]
ROLES = [
    ("", _("All my tasks")),
    ("lead", _("Led by my unit")),
    ("office", _("Assigned by my unit")),
]
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class _Form(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (the Django documentation's recipe)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"multiple": True}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


def _unit_label(unit: OrgUnit) -> str:
    return f"{unit.name} ({unit.parent.name})" if unit.parent_id else unit.name


class VersionForm(_Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class DirectiveRegisterForm(_Form):
    doc_type = forms.ModelChoiceField(
        label=_("Document type"),
        queryset=DocumentType.objects.filter(assigns_tasks=True),
        empty_label=_("Choose a type"),
    )
    number = forms.IntegerField(label=_("Number"), min_value=1, max_value=999999)
    notation = forms.CharField(
        label=_("Notation"), max_length=30, help_text=_("e.g. QĐ-UBND, KH-UBND, UBND-KGVX")
    )
    issued_on = forms.DateField(label=_("Date of issue"), widget=DATE)
    subject = forms.CharField(
        label=_("Summary (trích yếu)"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    headline = forms.CharField(
        label=_("Headline"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The sentence a press release opens with; the summary when empty."),
    )
    field = forms.CharField(label=_("Field"), max_length=100, required=False)
    signer_name = forms.CharField(label=_("Signer's name"), max_length=50)
    signer_position = forms.CharField(label=_("Signer's position"), max_length=100)
    file = forms.FileField(label=_("Signed file (PDF)"), required=False)


class TaskForm(_Form):
    """A task's content, units, expected result and schedule; ``reason`` when changing one."""

    content = forms.CharField(label=_("Task"), widget=forms.Textarea(attrs={"rows": 3}))
    lead_unit = UnitChoiceField(label=_("Lead unit (chủ trì)"), queryset=OrgUnit.objects.none())
    cooperating = UnitMultipleChoiceField(
        label=_("Cooperating units (phối hợp)"), queryset=OrgUnit.objects.none(), required=False
    )
    implementing = forms.ModelMultipleChoiceField(
        label=_("Implementing units (thực hiện)"), queryset=OrgUnit.objects.none(), required=False
    )
    expected_result = forms.CharField(
        label=_("Expected result"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    target_value = forms.DecimalField(
        label=_("Target value"), required=False, min_value=0, max_digits=20, decimal_places=4
    )
    target_unit = forms.CharField(
        label=_("Target unit"),
        max_length=50,
        required=False,
        help_text=_("e.g. % xã, triệu con, tỷ đồng"),
    )
    recurrence = forms.ChoiceField(label=_("Recurrence"), choices=Recurrence.choices)
    deadline_on = forms.DateField(label=_("Deadline"), required=False, widget=DATE)
    period_day = forms.IntegerField(
        label=_("Report day in the period"), required=False, min_value=1, max_value=31
    )
    period_month = forms.IntegerField(
        label=_("Report month (yearly tasks)"), required=False, min_value=1, max_value=12
    )
    report_by_on = forms.DateField(label=_("Report by"), required=False, widget=DATE)
    # the governance-index dimension served, when the task is made from the standings page
    index_code = forms.CharField(max_length=12, required=False, widget=forms.HiddenInput)
    index_dimension = forms.CharField(max_length=40, required=False, widget=forms.HiddenInput)

    def __init__(self, units: QuerySet[OrgUnit], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("lead_unit", "cooperating", "implementing"):
            self.fields[name].queryset = units
            self.fields[name].label_from_instance = _unit_label


class TaskEditForm(TaskForm):
    reason = forms.CharField(
        label=_("Reason for the change"), widget=forms.Textarea(attrs={"rows": 2})
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class SplitForm(_Form):
    units = forms.ModelMultipleChoiceField(
        label=_("Units below the lead unit"), queryset=OrgUnit.objects.none()
    )
    content = forms.CharField(
        label=_("Wording of the sub-tasks (default: the task's)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    deadline_on = forms.DateField(
        label=_("Deadline (default: the task's)"), required=False, widget=DATE
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, units: QuerySet[OrgUnit], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = units
        self.fields["units"].label_from_instance = _unit_label


class ReportForm(_Form):
    unit = UnitChoiceField(label=_("Reporting unit"), queryset=OrgUnit.objects.none())
    progress = forms.ChoiceField(label=_("Progress"), choices=ProgressStatus.choices)
    percent = forms.IntegerField(label=_("Percent done"), min_value=0, max_value=100)
    done_text = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 4}))
    actual_value = forms.DecimalField(
        label=_("Actual figure"), required=False, min_value=0, max_digits=20, decimal_places=4
    )
    files = MultipleFileField(label=_("Attachments (PDF, JPEG, PNG, .docx, .xlsx)"), required=False)
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, units: Iterable[OrgUnit], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = OrgUnit.objects.filter(pk__in=[u.pk for u in units])


class ReviewForm(VersionForm):
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReturnForm(VersionForm):
    reason = forms.CharField(
        label=_("Reason for returning"), widget=forms.Textarea(attrs={"rows": 2})
    )


class ExtensionRequestForm(_Form):
    proposed_deadline_on = forms.DateField(label=_("New deadline asked for"), widget=DATE)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class ExtensionGrantForm(_Form):
    deadline_on = forms.DateField(
        label=_("New deadline (default: the day asked for)"), required=False, widget=DATE
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ExtensionRefuseForm(_Form):
    note = forms.CharField(label=_("Reason for refusing"), widget=forms.Textarea(attrs={"rows": 2}))


class ImportUploadForm(_Form):
    file = forms.FileField(label=_("Task table (.xlsx, .docx or .csv)"))
    default_deadline_on = forms.DateField(
        label=_("Deadline of rows that give none"),
        required=False,
        widget=DATE,
        help_text=_("Leave empty to be asked about every such row."),
    )


class ResolveForm(VersionForm):
    key = forms.CharField(widget=forms.HiddenInput, max_length=400)
    unit = UnitChoiceField(
        label=_("Unit"),
        queryset=OrgUnit.objects.none(),
        required=False,
        empty_label=_("Choose a unit"),
    )
    collective = forms.ChoiceField(
        label=_("or a group of units"), choices=COLLECTIVES, required=False
    )
    outside_body = forms.ModelChoiceField(
        label=_("or an outside body"),
        queryset=OutsideBody.objects.active(),
        required=False,
        empty_label=_("Choose an outside body"),
    )
    new_outside_body = forms.CharField(
        label=_("or register a new outside body"), max_length=200, required=False
    )
    keep_as_text = forms.BooleanField(label=_("or keep the name as text"), required=False)
    deadline_text = forms.CharField(
        label=_("Deadline or recurrence"),
        max_length=100,
        required=False,
        help_text=_("e.g. 31/12/2026, Quý IV/2026, hằng quý"),
    )

    def __init__(self, units: QuerySet[OrgUnit], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["unit"].label_from_instance = _unit_label

    def offer_similar(self, entry: dict[str, Any]) -> None:
        """Put the import's candidates for this name (ranked by similarity) at the top of the
        unit and outside-body lists, under a "closest" heading."""
        for field_name, key in (("unit", "candidates"), ("outside_body", "outside_candidates")):
            ranked = [pk for pk, _name in entry.get(key, [])]
            field = self.fields[field_name]
            if not ranked or entry.get("reason") == "ambiguous":
                continue
            by_pk = {obj.pk: obj for obj in field.queryset.filter(pk__in=ranked)}
            closest = [by_pk[pk] for pk in ranked if pk in by_pk]
            label = field.label_from_instance
            field.choices = [
                ("", field.empty_label),
                (_("Closest names"), [(o.pk, label(o)) for o in closest]),
                (_("All"), [(o.pk, label(o)) for o in field.queryset]),
            ]


class TaskFilterForm(_Form):
    q = forms.CharField(
        label=_("Search"), max_length=100, required=False, widget=forms.SearchInput()
    )
    state = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", _("Any state")), *TaskState.choices]
    )
    role = forms.ChoiceField(label=_("Tasks"), required=False, choices=ROLES)

    def filters(self) -> dict[str, str]:
        if not self.is_valid():
            return {"query": "", "state": "", "role": ""}
        data = self.cleaned_data
        return {"query": data["q"], "state": data["state"], "role": data["role"]}
