"""Forms of the meeting pages; each checks the input's shape, the services check the rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models.functions import Length
from django.utils.translation import gettext_lazy as _

from egov.accounts.models import User
from egov.meetings import rules
from egov.meetings.choices import Choice, MeetingKind, Response
from egov.meetings.models import AgendaItem, Meeting
from egov.orgs.access import reach_of
from egov.orgs.forms import UnitChoiceField, UnitMultipleChoiceField
from egov.orgs.models import Membership, OrgUnit, OutsideBody

LOCAL_MOMENT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def officers() -> Any:
    return (
        User.objects.filter(memberships__ended_on__isnull=True, is_active=True)
        .distinct()
        .order_by("full_name")
    )


class OfficerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.full_name


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=MeetingKind.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    host_unit = UnitChoiceField(label=_("Host unit"), queryset=OrgUnit.objects.none())
    chair = OfficerChoiceField(label=_("Chair"), queryset=User.objects.none())
    starts_at = forms.DateTimeField(
        label=_("Starts at"), widget=LOCAL_MOMENT, input_formats=["%Y-%m-%dT%H:%M"]
    )
    planned_minutes = forms.IntegerField(
        label=_("Planned duration (minutes)"), min_value=1, max_value=24 * 60
    )
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    online_url = forms.URLField(
        label=_("Online room"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_(
            "The link of the city's video conference room (Jitsi-compatible); left empty for "
            "an online meeting, a room is made."
        ),
    )
    online = forms.BooleanField(
        label=_("Held online"),
        required=False,
        help_text=_("Without a link above, a room is made on the city's video conference system."),
    )
    quorum_percent = forms.IntegerField(
        label=_("Quorum (percent of invitees present)"),
        min_value=1,
        max_value=100,
        required=False,
        help_text=_("The share of invitees checked in that a vote needs."),
    )

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        reach = reach_of(user)
        units = OrgUnit.objects.active().filter(reach.q("self")) if not reach.is_empty else None
        self.fields["host_unit"].queryset = units if units is not None else OrgUnit.objects.none()
        self.fields["chair"].queryset = officers()


class InviteeForm(forms.Form):
    unit = UnitChoiceField(label=_("Unit"), queryset=OrgUnit.objects.none(), required=False)
    person = OfficerChoiceField(label=_("Person"), queryset=User.objects.none(), required=False)
    outside_body = forms.ModelChoiceField(
        label=_("Outside body"), queryset=OutsideBody.objects.none(), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = OrgUnit.objects.active()
        self.fields["person"].queryset = officers()
        self.fields["outside_body"].queryset = OutsideBody.objects.active().order_by("name")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        chosen = [name for name in ("unit", "person", "outside_body") if data.get(name)]
        if len(chosen) != 1:
            raise forms.ValidationError(_("Choose one person, unit or outside body to invite."))
        return data


class ItemForm(forms.Form):
    title = forms.CharField(label=_("Title of the item"), max_length=300)
    parent = forms.ModelChoiceField(
        label=_("Sub-item of"),
        queryset=AgendaItem.objects.none(),
        required=False,
        empty_label=_("(an item of the agenda)"),
    )
    presenter = forms.CharField(label=_("Presenter"), max_length=200, required=False)
    planned_minutes = forms.IntegerField(label=_("Planned minutes"), min_value=1, max_value=1440)

    def __init__(self, meeting: Meeting, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = meeting.items.annotate(path_length=Length("path")).filter(
            path_length__lte=rules.item_path_length(rules.AGENDA_DEPTH - 1)
        )


class ItemChoiceForm(forms.Form):
    item = forms.ModelChoiceField(
        label=_("Agenda item"), queryset=AgendaItem.objects.none(), empty_label=None
    )

    def __init__(self, meeting: Meeting, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = meeting.items.all()


class PaperForm(ItemChoiceForm):
    file = forms.FileField(label=_("Paper (PDF)"))
    secret = forms.BooleanField(label=_("Secret paper (named readers only)"), required=False)
    readers = forms.ModelMultipleChoiceField(
        label=_("Named readers"), queryset=User.objects.none(), required=False
    )

    def __init__(self, meeting: Meeting, *args: Any, **kwargs: Any) -> None:
        super().__init__(meeting, *args, **kwargs)
        self.fields["readers"].queryset = officers()
        self.fields["readers"].label_from_instance = lambda user: user.full_name


class OpinionForm(ItemChoiceForm):
    text = forms.CharField(label=_("Opinion"), widget=forms.Textarea(attrs={"rows": 3}))


class NoteForm(forms.Form):
    item = forms.ModelChoiceField(
        label=_("On the agenda item"), queryset=AgendaItem.objects.none(), required=False
    )
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, meeting: Meeting, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = meeting.items.all()


class VoteOpenForm(ItemChoiceForm):
    question = forms.CharField(label=_("Question put to the vote"), max_length=300)
    secret = forms.BooleanField(label=_("Secret vote"), required=False)


class SpeakForm(forms.Form):
    item = forms.ModelChoiceField(
        label=_("On the agenda item"), queryset=AgendaItem.objects.none(), required=False
    )

    def __init__(self, meeting: Meeting, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = meeting.items.all()


class MoveForm(forms.Form):
    target = forms.IntegerField(widget=forms.HiddenInput)
    up = forms.BooleanField(required=False, widget=forms.HiddenInput)


class PointForm(forms.Form):
    unit = UnitChoiceField(label=_("Connected unit"), queryset=OrgUnit.objects.none())
    officer = OfficerChoiceField(label=_("Responsible officer"), queryset=User.objects.none())
    place = forms.CharField(label=_("Hall"), max_length=300, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = OrgUnit.objects.active()
        self.fields["officer"].queryset = officers()


class PointCheckInForm(forms.Form):
    target = forms.IntegerField(widget=forms.HiddenInput)
    present = forms.IntegerField(label=_("People present"), min_value=0, max_value=10000)


class DraftForm(forms.Form):
    drafting_unit = UnitChoiceField(label=_("Drafting unit"), queryset=OrgUnit.objects.none())
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, meeting: Meeting, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["drafting_unit"].queryset = OrgUnit.objects.active().subtree_of(
            meeting.host_unit
        )


class VersionForm(forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class AnswerForm(forms.Form):
    response = forms.ChoiceField(
        label=_("Your answer"),
        choices=[c for c in Response.choices if c[0] != Response.PENDING],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason (when declining)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    delegate = OfficerChoiceField(
        label=_("Delegate to"), queryset=User.objects.none(), required=False
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any) -> None:
        """``units``: offer only the officers of these units (the invited unit, or the
        invited person's units: whom the service lets them delegate to); a bound form takes
        any officer and the service says why one is refused."""
        super().__init__(*args, **kwargs)
        people = officers()
        if units is not None:
            people = people.filter(
                pk__in=Membership.objects.current().filter(unit_id__in=units).values("user_id")
            )
        self.fields["delegate"].queryset = people


class BallotForm(forms.Form):
    vote = forms.IntegerField(widget=forms.HiddenInput)
    choice = forms.ChoiceField(label=_("Your vote"), choices=Choice.choices)


class WrittenSendForm(forms.Form):
    """The vote to send written ballots for, and the working days the absent have."""

    target = forms.IntegerField(widget=forms.HiddenInput)
    workdays = forms.IntegerField(
        label=_("Working days for written ballots"), min_value=1, max_value=15, initial=3
    )


class PaperVersionForm(forms.Form):
    target = forms.IntegerField(widget=forms.HiddenInput)
    file = forms.FileField(label=_("New version (PDF)"))


class PickForm(forms.Form):
    """The row an action applies to (an invitee to check in, a vote to close...)."""

    target = forms.IntegerField(widget=forms.HiddenInput)


class ConclusionForm(forms.Form):
    text = forms.CharField(label=_("Conclusion"), widget=forms.Textarea(attrs={"rows": 3}))
    lead_unit = UnitChoiceField(
        label=_("Lead unit (when it assigns work)"), queryset=OrgUnit.objects.none(), required=False
    )
    cooperating = UnitMultipleChoiceField(
        label=_("Cooperating units"), queryset=OrgUnit.objects.none(), required=False
    )
    deadline_on = forms.DateField(
        label=_("Deadline"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead_unit"].queryset = OrgUnit.objects.active()
        self.fields["cooperating"].queryset = OrgUnit.objects.active()
