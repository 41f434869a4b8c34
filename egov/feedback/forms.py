"""Forms of citizen feedback: they check the shape of the input; the services the rules."""

from __future__ import annotations

import secrets
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from egov.feedback.choices import CategoryKind, Channel, Rating, RegulationContent
from egov.feedback.models import Category, Report
from egov.feedback.selectors import categories_of_places, report_get_for_officer_by_code
from egov.feedback.services._common import TEXT_MAX, TITLE_MAX
from egov.orgs.forms import UnitChoiceField
from egov.orgs.models import OrgUnit


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented pattern); the service checks each."""

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(one, initial) for one in files]


def request_key_new() -> str:
    """The hidden key that makes a double click send one item."""
    return secrets.token_urlsafe(24)


class _Form(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class QuestionForm(_Form):
    unit = UnitChoiceField(label=_("Unit to ask"), queryset=OrgUnit.objects.none())
    procedure_code = forms.CharField(label=_("Procedure code"), max_length=50, required=False)
    procedure_name = forms.CharField(label=_("Procedure"), max_length=300, required=False)
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    body = forms.CharField(
        label=_("Your question"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 6})
    )
    request_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = OrgUnit.objects.active()


class AnswerForm(_Form):
    answer = forms.CharField(
        label=_("Answer"), max_length=TEXT_MAX * 2, widget=forms.Textarea(attrs={"rows": 8})
    )


class PublishForm(_Form):
    public_title = forms.CharField(label=_("Published title"), max_length=TITLE_MAX)
    public_body = forms.CharField(
        label=_("Published question"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Remove names, ID numbers, phone numbers, e-mail and home addresses."),
    )
    confirmed = forms.BooleanField(
        label=_("I checked the text: what remains may be published"), required=False
    )


class ReassignForm(_Form):
    to_unit = UnitChoiceField(label=_("Send to unit"), queryset=OrgUnit.objects.none())
    reason = forms.CharField(label=_("Reason"), max_length=1000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_unit"].queryset = OrgUnit.objects.active()


class ReportForm(_Form):
    category = forms.ModelChoiceField(label=_("Category"), queryset=Category.objects.none())
    area = UnitChoiceField(label=_("Ward or commune"), queryset=OrgUnit.objects.none())
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    description = forms.CharField(
        label=_("Description"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 6})
    )
    address = forms.CharField(label=_("Address of the place"), max_length=300)
    latitude = forms.DecimalField(
        label=_("Latitude"), max_digits=9, decimal_places=6, required=False
    )
    longitude = forms.DecimalField(
        label=_("Longitude"), max_digits=9, decimal_places=6, required=False
    )
    photos = MultipleFileField(
        label=_("Photos (JPEG or PNG)"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png", "multiple": True}),
    )
    request_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories_of_places()
        self.fields["area"].queryset = OrgUnit.objects.active().filter(kind="commune")


class RegulationForm(_Form):
    """Feedback on an administrative regulation (Decree 20/2008/NĐ-CP): the regulation named,
    what it is about (art. 5), sent to the unit that issued it."""

    category = forms.ModelChoiceField(label=_("Category"), queryset=Category.objects.none())
    area = UnitChoiceField(
        label=_("Unit that issued the regulation"), queryset=OrgUnit.objects.none()
    )
    regulation = forms.CharField(
        label=_("Regulation (number, date and title)"),
        max_length=300,
        help_text=_("For example: Quyết định 12/2024/QĐ-UBND ngày 01/3/2024 về …"),
    )
    regulation_content = forms.ChoiceField(
        label=_("What is it about"), choices=RegulationContent.choices
    )
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    description = forms.CharField(
        label=_("Your feedback and proposal"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    request_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.filter(
            is_active=True, kind=CategoryKind.REGULATION
        )
        self.fields["area"].queryset = OrgUnit.objects.active()


class ScanReportForm(_Form):
    """A consumer's report on a product from its scan page: the text, photos and a contact,
    all but the text optional; the product, its unit and page come hidden from the link."""

    description = forms.CharField(
        label=_("What is wrong with the product?"),
        max_length=TEXT_MAX - 300,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    photos = MultipleFileField(
        label=_("Photos (JPEG or PNG)"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png", "multiple": True}),
    )
    contact_name = forms.CharField(label=_("Your name"), max_length=200, required=False)
    contact_phone = forms.CharField(
        label=_("Phone, if you want an answer"), max_length=15, required=False
    )
    area_id = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    subject = forms.CharField(widget=forms.HiddenInput, max_length=150)
    address = forms.CharField(widget=forms.HiddenInput, max_length=300, required=False)
    link = forms.CharField(widget=forms.HiddenInput, max_length=250, required=False)
    request_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)


class OnBehalfForm(ReportForm):
    channel = forms.ChoiceField(
        label=_("Received"),
        choices=[
            (Channel.PHONE, Channel.PHONE.label),
            (Channel.IN_PERSON, Channel.IN_PERSON.label),
        ],
    )
    contact_name = forms.CharField(label=_("Name of the person reporting"), max_length=200)
    contact_phone = forms.CharField(
        label=_("Phone of the person reporting"), max_length=15, required=False
    )


class ReceiveForm(_Form):
    assignee = forms.ModelChoiceField(
        label=_("Officer to process it"), queryset=None, required=False
    )

    def __init__(self, *args: Any, officers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = officers


class AssignForm(_Form):
    assignee = forms.ModelChoiceField(label=_("Officer to process it"), queryset=None)

    def __init__(self, *args: Any, officers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = officers


class ReasonForm(_Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )


class SupplementForm(_Form):
    text = forms.CharField(
        label=_("Your supplement"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 4})
    )


class HandOverForm(ReasonForm):
    to_unit = UnitChoiceField(label=_("Hand over to"), queryset=OrgUnit.objects.none())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_unit"].queryset = OrgUnit.objects.active()


class MergeForm(_Form):
    """The code of the surviving report, which must be with a unit within the officer's
    reach (the report itself, for the service)."""

    into = forms.CharField(label=_("Code of the report on the same problem"), max_length=20)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_into(self) -> Report:
        found = report_get_for_officer_by_code(self.user, self.cleaned_data["into"].strip())
        if found is None:
            raise forms.ValidationError(_("No report with this code within your units."))
        return found


class RateForm(_Form):
    rating = forms.ChoiceField(
        label=_("Your rating"), choices=Rating.choices, widget=forms.RadioSelect
    )


class SearchForm(_Form):
    q = forms.CharField(label=_("Search"), max_length=200, required=False)


class ReportFilterForm(SearchForm):
    """The filters of the public list and map of answered reports: any unit, a category."""

    unit = UnitChoiceField(
        label=_("Unit"), queryset=OrgUnit.objects.none(), required=False, empty_label=_("All units")
    )
    category = forms.ModelChoiceField(
        label=_("Category"),
        queryset=Category.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("All categories"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = OrgUnit.objects.active()
        self.fields["category"].queryset = Category.objects.filter(is_active=True)


class FiguresForm(_Form):
    """The period of the public figures page: from ``first`` to ``last`` (both included), at
    most ``MAX_DAYS`` days."""

    MAX_DAYS = 3 * 366

    first = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput({"type": "date"})
    )
    last = forms.DateField(label=_("To"), required=False, widget=forms.DateInput({"type": "date"}))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        first, last = data.get("first"), data.get("last")
        if first and last and (last < first or (last - first).days >= self.MAX_DAYS):
            raise forms.ValidationError(
                _("Choose an end date after the start date, at most three years later.")
            )
        return data
