"""Forms of the document pages. They check the shape of the input only; the services enforce
the rules (who may act, states, notations, deadlines)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from egov.accounts.models import User
from egov.common.validation import day_problem, days_order_problem
from egov.documents.choices import (
    Channel,
    Direction,
    DocumentStatus,
    LinkKind,
    Secrecy,
    SigningAuthority,
    SigningMethod,
    Urgency,
)
from egov.documents.models import DocumentType
from egov.documents.services import FileIn
from egov.integration.services.remote_signing import remote_signing_available
from egov.orgs.forms import UnitChoiceField, UnitMultipleChoiceField
from egov.orgs.models import OrgUnit, OutsideBody

DATE = {"widget": forms.DateInput(attrs={"type": "date"})}
ACCEPT = ".pdf,.docx,.xlsx,.odt,.jpg,.jpeg,.png"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django documentation, "Uploading multiple files")."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT, "multiple": True}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


def files_in(uploads: Iterable[Any], kind: str) -> list[FileIn]:
    """Uploaded files as the services take them (read into memory: the size limit is the
    upload limit of the settings, checked again by the service)."""
    return [
        FileIn(name=u.name, content=u.read(), content_type=u.content_type or "", kind=kind)
        for u in uploads
    ]


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.full_name


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.full_name


class _Form(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class DocumentFilterForm(_Form):
    """Search and filters of the lists (empty: everything visible)."""

    q = forms.CharField(
        label=_("Search"),
        max_length=200,
        required=False,
        widget=forms.SearchInput(
            attrs={"placeholder": _("number, summary, text, sender or signer")}
        ),
    )
    direction = forms.ChoiceField(
        label=pgettext_lazy("outgoing or incoming", "Direction"),
        required=False,
        choices=[("", _("All")), *Direction.choices],
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *DocumentStatus.choices]
    )
    doc_type = forms.ModelChoiceField(
        label=_("Type"),
        required=False,
        queryset=DocumentType.objects.all(),
        empty_label=_("All types"),
    )
    unit = UnitChoiceField(
        label=_("Unit"),
        required=False,
        queryset=OrgUnit.objects.none(),
        empty_label=_("All my units"),
    )
    signer = forms.CharField(label=_("Signer"), max_length=50, required=False)
    date_from = forms.DateField(label=_("Issued from"), required=False, **DATE)
    date_to = forms.DateField(label=_("Issued to"), required=False, **DATE)

    def __init__(self, *args: Any, units: QuerySet[OrgUnit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if problem := day_problem(start):
            self.add_error("date_from", problem)
        if problem := day_problem(end) or days_order_problem(start, end):
            self.add_error("date_to", problem)
        return cleaned


class DraftForm(_Form):
    """An outgoing draft: content, marks and the proposed signing block."""

    drafting_unit = UnitChoiceField(
        label=_("Drafting unit"), queryset=OrgUnit.objects.none(), empty_label=None
    )
    doc_type = forms.ModelChoiceField(
        label=_("Type"), queryset=DocumentType.objects.all(), empty_label=None
    )
    subject = forms.CharField(
        label=_("Summary (trích yếu)"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    addressees = forms.CharField(
        label=_("Addressed to (Kính gửi), one per line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    grounds = forms.CharField(
        label=_("Legal grounds (căn cứ), one per line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    body = forms.CharField(
        label=_("Text"), required=False, widget=forms.Textarea(attrs={"rows": 12})
    )
    recipients_text = forms.CharField(
        label=_("Recipients as printed (nơi nhận), one per line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    field = forms.CharField(label=_("Field"), max_length=100, required=False)
    place = forms.CharField(label=_("Place"), max_length=50, required=False)
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices, initial=Urgency.NORMAL)
    secrecy = forms.ChoiceField(label=_("Secrecy"), choices=Secrecy.choices, initial=Secrecy.NONE)
    readers = PeopleChoiceField(
        label=_("People who may read it (secret documents)"),
        queryset=User.objects.none(),
        required=False,
    )
    due_on = forms.DateField(label=_("Reply expected by"), required=False, **DATE)
    signing_authority = forms.ChoiceField(
        label=_("Signing authority"), required=False, choices=SigningAuthority.choices
    )
    authority_line = forms.CharField(
        label=_("Authority line"),
        max_length=100,
        required=False,
        help_text=_("e.g. TM. ỦY BAN NHÂN DÂN"),
    )
    signer_position = forms.CharField(
        label=_("Signer's position"), max_length=100, required=False, help_text=_("e.g. CHỦ TỊCH")
    )
    attachments = MultipleFileField(label=_("Attachments"))

    def __init__(
        self,
        *args: Any,
        units: QuerySet[OrgUnit],
        people: QuerySet[User],
        editing: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["drafting_unit"].queryset = units
        self.fields["readers"].queryset = people
        if editing:
            del self.fields["drafting_unit"]
            del self.fields["readers"]

    def values(self) -> dict[str, Any]:
        """The editable fields as the services take them."""
        skip = {"drafting_unit", "readers", "attachments"}
        return {k: v for k, v in self.cleaned_data.items() if k not in skip}


class IncomingForm(_Form):
    """Registering an incoming document received on paper (or by e-mail, scanned)."""

    unit = UnitChoiceField(
        label=_("Receiving unit"), queryset=OrgUnit.objects.none(), empty_label=None
    )
    doc_type = forms.ModelChoiceField(
        label=_("Type"), queryset=DocumentType.objects.all(), empty_label=None
    )
    number_notation = forms.CharField(
        label=_("Number and notation"), max_length=45, help_text=_("As printed, e.g. 1738/QĐ-UBND")
    )
    issued_on = forms.DateField(label=_("Date of issue"), **DATE)
    sender_name = forms.CharField(label=_("Sending agency"), max_length=200)
    sender_agency_code = forms.CharField(
        label=_("Sender's identifier code"), max_length=35, required=False
    )
    subject = forms.CharField(
        label=_("Summary (trích yếu)"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    signer_name = forms.CharField(label=_("Signed by"), max_length=50, required=False)
    signer_position = forms.CharField(label=_("Signer's position"), max_length=100, required=False)
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices, initial=Urgency.NORMAL)
    secrecy = forms.ChoiceField(label=_("Secrecy"), choices=Secrecy.choices, initial=Secrecy.NONE)
    readers = PeopleChoiceField(
        label=_("People who may read it (secret documents)"),
        queryset=User.objects.none(),
        required=False,
    )
    due_on = forms.DateField(label=_("Reply requested by"), required=False, **DATE)
    channel = forms.ChoiceField(
        label=_("Received through"), choices=Channel.choices, initial=Channel.PAPER
    )
    body = forms.CharField(
        label=_("Text or notes"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    files = MultipleFileField(label=_("Scanned document and attachments"))
    register_anyway = forms.BooleanField(
        label=_("Register it although it looks already registered"), required=False
    )

    def __init__(
        self, *args: Any, units: QuerySet[OrgUnit], people: QuerySet[User], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["readers"].queryset = people


class VersionForm(_Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class SignIssueForm(VersionForm):
    """Sign and issue: with the unit's key, or from the signer's phone through the remote
    signing service (offered only when one is configured or simulated), with the code the
    phone shows."""

    method = forms.ChoiceField(
        label=_("How to sign"),
        choices=SigningMethod.choices,
        initial=SigningMethod.UNIT_KEY,
        required=False,
        widget=forms.RadioSelect,
    )
    otp = forms.CharField(
        label=_("Code shown on your phone"),
        max_length=10,
        required=False,
        help_text=_(
            "Only when signing from your phone: confirm the signature, then type the code."
        ),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not remote_signing_available():
            self.fields["method"].choices = [
                c for c in SigningMethod.choices if c[0] == SigningMethod.UNIT_KEY
            ]
            self.fields["method"].widget = forms.HiddenInput()
            del self.fields["otp"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        cleaned["method"] = cleaned.get("method") or SigningMethod.UNIT_KEY
        if cleaned["method"] == SigningMethod.REMOTE and not cleaned.get("otp", "").strip():
            self.add_error("otp", _("Enter the code your phone shows."))
        return cleaned


class ReasonForm(VersionForm):
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class NoteForm(VersionForm):
    note = forms.CharField(
        label=_("Note"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ProgressForm(VersionForm):
    note = forms.CharField(
        label=_("Progress"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class AssignForm(VersionForm):
    """The handling slip (phiếu giải quyết văn bản đến)."""

    lead_unit = UnitChoiceField(label=_("Lead unit (chủ trì)"), queryset=OrgUnit.objects.none())
    lead_person = PersonChoiceField(
        label=_("Lead person"), queryset=User.objects.none(), required=False
    )
    cooperating_units = UnitMultipleChoiceField(
        label=_("Cooperating units (phối hợp)"), queryset=OrgUnit.objects.none(), required=False
    )
    informed_units = UnitMultipleChoiceField(
        label=_("Units informed (để biết)"), queryset=OrgUnit.objects.none(), required=False
    )
    due_on = forms.DateField(
        label=_("Deadline"),
        required=False,
        **DATE,
        help_text=_("A working day; empty: the sender's or the usual time limit."),
    )
    note = forms.CharField(
        label=pgettext_lazy("handling slip", "Direction"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def set_choices(self, *, units: QuerySet[OrgUnit], people: QuerySet[User]) -> None:
        for name in ("lead_unit", "cooperating_units", "informed_units"):
            self.fields[name].queryset = units
        self.fields["lead_person"].queryset = people


class SendForm(_Form):
    units = UnitMultipleChoiceField(
        label=_("Units of the platform"), queryset=OrgUnit.objects.none(), required=False
    )
    outside = forms.ModelMultipleChoiceField(
        label=_("Bodies outside the platform"),
        help_text=_(
            "From the register of outside bodies: one with an identifier code is sent by "
            "electronic exchange, one without on paper."
        ),
        queryset=OutsideBody.objects.active().order_by("name"),
        required=False,
    )
    paper = forms.CharField(
        label=_("Other recipients, on paper (one per line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def set_choices(self, *, units: QuerySet[OrgUnit], people: QuerySet[User]) -> None:
        self.fields["units"].queryset = units


class ReadersForm(_Form):
    users = PeopleChoiceField(label=_("People to name"), queryset=User.objects.none())

    def set_choices(self, *, units: QuerySet[OrgUnit], people: QuerySet[User]) -> None:
        self.fields["users"].queryset = people


class LinkForm(_Form):
    kind = forms.ChoiceField(label=_("This document"), choices=LinkKind.choices)
    target = forms.CharField(label=_("Number and notation of the other document"), max_length=45)


class AttachForm(_Form):
    files = MultipleFileField(label=_("Files"), required=True)


class VerifyForm(_Form):
    file_id = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
