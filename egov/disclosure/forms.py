"""Forms of disclosure and consultation: they check the shape; the services check the rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from egov.disclosure.choices import Audience, CommentStatus, HideReason, Place
from egov.disclosure.models import Duty
from egov.orgs.forms import UnitChoiceField
from egov.orgs.models import OrgUnit


def _date(label: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class ItemForm(forms.Form):
    """Publishing an item: the duty, the unit, a day of the period, the document (a file or a
    registry document's number), the places and the display period."""

    unit = UnitChoiceField(label=_("Unit"), queryset=OrgUnit.objects.none())
    duty = forms.ModelChoiceField(label=_("Duty"), queryset=Duty.objects.filter(is_active=True))
    period_day = _date(_("A day of the period"))
    title = forms.CharField(label=_("Title"), max_length=300)
    summary = forms.CharField(
        label=_("Summary"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    file = forms.FileField(label=_("File of the item"), required=False)
    document_id = forms.IntegerField(
        label=_("Or the registry document's id"), required=False, min_value=1
    )
    places = forms.MultipleChoiceField(
        label=_("Places"), choices=Place.choices, widget=forms.CheckboxSelectMultiple
    )
    display_from = _date(_("Displayed from"))
    display_until = _date(_("Displayed until"))
    personal_data_confirmed = forms.BooleanField(
        label=_("I confirm that the phone numbers or e-mail addresses found may be published"),
        required=False,
    )

    def __init__(self, units: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class PostingForm(forms.Form):
    place = forms.ChoiceField(label=_("Place"), choices=Place.choices)
    posted_on = _date(_("Posted on"))
    photo = forms.FileField(label=_("Photo of the posting"))


class ConsultationForm(forms.Form):
    unit = UnitChoiceField(label=_("Unit"), queryset=OrgUnit.objects.none())
    draft_id = forms.IntegerField(label=_("The draft's registry document id"), min_value=1)
    title = forms.CharField(label=_("Title"), max_length=300)
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 3}))
    questions = forms.CharField(
        label=_("Questions asked (one per line)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    sections = forms.CharField(
        label=_("Sections of the draft (one heading per line)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    audience = forms.ChoiceField(label=_("Audience"), choices=Audience.choices)
    sector = forms.CharField(label=_("Sector (businesses)"), max_length=200, required=False)
    opens_on = _date(_("Opens on"))
    closes_on = _date(_("Closes on"))

    def __init__(self, units: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class CommentForm(forms.Form):
    section = forms.ModelChoiceField(
        label=_("Section"), queryset=None, required=False, empty_label=_("The draft as a whole")
    )
    body = forms.CharField(label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, consultation: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = consultation.sections.all()


class MeetingCommentForm(CommentForm):
    author_name = forms.CharField(label=_("Said by"), max_length=200)


class AnswerForm(forms.Form):
    comments = forms.ModelMultipleChoiceField(
        label=_("Comments answered"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, consultation: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["comments"]
        field.queryset = consultation.comments.filter(status=CommentStatus.PUBLISHED)
        field.label_from_instance = lambda c: f"{c.author_name}: {c.body[:80]}"


class HideForm(forms.Form):
    comment = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.ChoiceField(label=_("Reason"), choices=HideReason.choices)
    note = forms.CharField(label=_("Note"), max_length=500)


class CloseForm(forms.Form):
    synthesis = forms.CharField(
        label=_("Synthesis: what was taken in and why the rest was not"),
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class AdoptForm(forms.Form):
    document_id = forms.IntegerField(label=_("The adopted document's registry id"), min_value=1)
