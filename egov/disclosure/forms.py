"""Forms of disclosure and consultation: they check the shape; the services check the rules."""

from __future__ import annotations

import secrets
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from egov.disclosure.choices import Audience, CommentStatus, HideReason, Place
from egov.disclosure.models import Duty
from egov.orgs.forms import UnitChoiceField
from egov.orgs.models import OrgUnit

PICKER_LIST = "document-choices"


class DocumentPickInput(forms.TextInput):
    """The document picker: a text box offering the registry documents of the datalist
    ``#document-choices`` (the page's ``disclosure/_document_choices.html``); typing words
    of a number or subject searches the registry (HTMX: the page is asked again with the
    text and the list alone is swapped), picking one fills its id."""

    def __init__(self) -> None:
        super().__init__(
            attrs={
                "list": PICKER_LIST,
                "inputmode": "search",
                "autocomplete": "off",
                "hx-get": "",
                "hx-trigger": "input changed delay:300ms",
                "hx-target": f"#{PICKER_LIST}",
                "hx-select": f"#{PICKER_LIST}",
                "hx-swap": "outerHTML",
            }
        )


def _document_field(label: Any, required: bool = True) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=1,
        required=required,
        widget=DocumentPickInput(),
        help_text=_("Type words of its number or subject and pick it from the registry."),
        error_messages={"invalid": _("Pick a document from the list offered.")},
    )


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
    document_id = _document_field(_("Or a document of the registry"), required=False)
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
    draft_id = _document_field(_("The draft (a document of the registry)"))
    title = forms.CharField(label=_("Title"), max_length=300)
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 3}))
    questions = forms.CharField(
        label=_("Questions asked (one per line)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_(
            "Options after vertical bars, e.g. “Do you agree with the route? | Agree | "
            "Disagree”; without options the question is answered freely."
        ),
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
    """A comment on a section, with a field per question of the consultation (options as
    radio buttons with a free explanation, or a free answer); the text or one answer is
    enough (the service says so)."""

    section = forms.ModelChoiceField(
        label=_("Section"), queryset=None, required=False, empty_label=_("The draft as a whole")
    )
    body = forms.CharField(
        label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    # The hidden key that makes a double click send one comment.
    request_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    # What the audience asks of an online commenter (not of a meeting's record).
    audience_fields = True

    def __init__(
        self, consultation: Any, *args: Any, agency_units: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if "request_key" in self.fields:
            self.fields["request_key"].initial = secrets.token_urlsafe(24)
        self.fields["section"].queryset = consultation.sections.all()
        if self.audience_fields and consultation.audience == Audience.AREA:
            self.fields["residence"] = UnitChoiceField(
                label=_("The commune or ward you live in"),
                queryset=OrgUnit.objects.active().subtree_of(consultation.unit),
                required=False,
            )
        if self.audience_fields and consultation.audience == Audience.AGENCIES:
            self.fields["on_behalf_of"] = UnitChoiceField(
                label=_("You comment in the name of"),
                queryset=agency_units if agency_units is not None else OrgUnit.objects.none(),
                required=False,
            )
        self.questions = list(consultation.asked.all())
        for question in self.questions:
            label = f"{question.number}. {question.text}"
            name = f"question_{question.pk}"
            if question.options:
                self.fields[name] = forms.ChoiceField(
                    label=label,
                    choices=[(o, o) for o in question.options],
                    widget=forms.RadioSelect,
                    required=False,
                )
                self.fields[f"{name}_text"] = forms.CharField(
                    label=_("Why (optional)"),
                    widget=forms.Textarea(attrs={"rows": 2}),
                    required=False,
                )
            else:
                self.fields[name] = forms.CharField(
                    label=label, widget=forms.Textarea(attrs={"rows": 2}), required=False
                )

    def responses(self) -> dict[int, tuple[str, str]]:
        """The answers given, question id → (option, text), for the services."""
        data, answers = self.cleaned_data, {}
        for question in self.questions:
            name = f"question_{question.pk}"
            if question.options:
                answers[question.pk] = (data.get(name) or "", data.get(f"{name}_text") or "")
            else:
                answers[question.pk] = ("", data.get(name) or "")
        return answers

    def comment_values(self) -> dict[str, Any]:
        """What the services take of a comment: section, text and answers."""
        values = {
            "section": self.cleaned_data["section"],
            "body": self.cleaned_data["body"],
            "responses": self.responses(),
        }
        for name in ("residence", "on_behalf_of", "request_key"):
            if name in self.fields:
                values[name] = self.cleaned_data.get(name)
        return values


class WithoutAccountCommentForm(CommentForm):
    """A comment without an account: the name shown and the contact the code goes to."""

    author_name = forms.CharField(label=_("Your name (shown with the comment)"), max_length=200)
    contact = forms.CharField(
        label=_("Your e-mail address or phone number (not shown)"),
        max_length=254,
        help_text=_("A code is sent to it; the comment is published once you type it back."),
    )

    def __init__(self, consultation: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(consultation, *args, **kwargs)
        self.order_fields(["author_name", "contact"])


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("The code you received"),
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


class SupportForm(forms.Form):
    """Supporting a comment without an account: the contact the code goes to."""

    contact = forms.CharField(
        label=_("Your e-mail address or phone number (not shown)"),
        max_length=254,
        help_text=_("A code is sent to it; your support counts once you type it back."),
    )


class MeetingCommentForm(CommentForm):
    audience_fields = False
    request_key = None
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


class IssueForm(forms.Form):
    """Signing and issuing the synthesis asks nothing more: the head's click is the signature."""


class AdoptForm(forms.Form):
    document_id = _document_field(_("The adopted version (a document of the registry)"))
