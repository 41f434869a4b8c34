"""Forms of reception and petition pages: the shape of the input; the services check the
rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from egov.accounts.models import User
from egov.complaints.choices import (
    Channel,
    IneligibleReason,
    Outcome,
    PetitionKind,
    ReceptionForm,
    Verdict,
    VisitOutcome,
)
from egov.complaints.models import Petition
from egov.complaints.selectors import HANDLERS, team_member_ids
from egov.directives.selectors.access import directive_scope
from egov.documents.models import Document
from egov.orgs.access import reach_of
from egov.orgs.forms import UnitChoiceField
from egov.orgs.levels import ADMINISTRATIVE_KINDS
from egov.orgs.models import Membership, OrgUnit

DAY = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
MOMENT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
MOMENT_FORMATS = ["%Y-%m-%dT%H:%M"]
TEXT = forms.Textarea(attrs={"rows": 3})


class _UnitForm(forms.Form):
    unit = UnitChoiceField(label=_("Unit"), queryset=OrgUnit.objects.none())

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        reach = reach_of(user)
        if not reach.is_empty:
            self.fields["unit"].queryset = OrgUnit.objects.active().filter(
                reach.q("self"), kind__in=ADMINISTRATIVE_KINDS
            )


class ReceptionDayForm(_UnitForm):
    day = forms.DateField(label=_("Day"), widget=DAY)
    starts_at = forms.TimeField(label=_("From"), widget=TIME)
    ends_at = forms.TimeField(label=_("Until"), widget=TIME)
    leader_name = forms.CharField(label=_("Leader receiving"), max_length=200)
    leader_position = forms.CharField(label=_("Position"), max_length=200)
    place = forms.CharField(label=_("Place"), max_length=300)
    form = forms.ChoiceField(label=_("Form"), choices=ReceptionForm.choices)


class VisitForm(_UnitForm):
    received_at = forms.DateTimeField(
        label=_("Received at"), widget=MOMENT, input_formats=MOMENT_FORMATS
    )
    form = forms.ChoiceField(label=_("Form"), choices=ReceptionForm.choices)
    visitor_name = forms.CharField(label=_("Visitor"), max_length=200)
    visitor_id_number = forms.CharField(label=_("Identity number"), max_length=20, required=False)
    visitor_address = forms.CharField(label=_("Address"), max_length=300, required=False)
    visitor_phone = forms.CharField(label=_("Phone"), max_length=15, required=False)
    crowd_size = forms.IntegerField(label=_("Number of people"), min_value=1, initial=1)
    representatives = forms.CharField(
        label=_("Representatives"),
        widget=TEXT,
        required=False,
        help_text=_("Groups of five or more name their representatives."),
    )
    content = forms.CharField(label=_("Content"), widget=TEXT)
    documents_handed = forms.CharField(label=_("Documents handed in"), widget=TEXT, required=False)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=VisitOutcome.choices)
    outcome_note = forms.CharField(label=_("Guidance or reason"), widget=TEXT, required=False)
    subject = forms.CharField(
        label=_("Summary of the petition"),
        max_length=300,
        required=False,
        help_text=_("When the visit is received as a petition."),
    )
    contested_on = forms.DateField(
        label=_("Day the decision or act was known"), widget=DAY, required=False
    )


class PetitionForm(_UnitForm):
    channel = forms.ChoiceField(
        label=_("Channel"), choices=[c for c in Channel.choices if c[0] != Channel.PORTAL]
    )
    received_at = forms.DateTimeField(
        label=_("Received at"), widget=MOMENT, input_formats=MOMENT_FORMATS
    )
    is_anonymous = forms.BooleanField(label=_("Anonymous"), required=False)
    petitioner_name = forms.CharField(label=_("Petitioner"), max_length=200, required=False)
    petitioner_id_number = forms.CharField(
        label=_("Identity number"), max_length=20, required=False
    )
    petitioner_address = forms.CharField(label=_("Address"), max_length=300, required=False)
    subject = forms.CharField(label=_("Summary"), max_length=300)
    content = forms.CharField(label=_("Content"), widget=TEXT)
    contested_on = forms.DateField(
        label=_("Day the decision or act was known"), widget=DAY, required=False
    )
    incoming_document = forms.IntegerField(
        label=_("Incoming document (number in the registry)"),
        required=False,
        help_text=_("For a petition transferred by another agency."),
    )


class ClassifyForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    kind = forms.ChoiceField(label=_("Kind"), choices=PetitionKind.choices)
    is_competent = forms.BooleanField(label=_("Within our competence"), required=False)
    reasons = forms.MultipleChoiceField(
        label=_("Reasons not eligible"),
        choices=IneligibleReason.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    competent_body = forms.CharField(label=_("Competent body"), max_length=300, required=False)
    outcome_note = forms.CharField(label=_("Note"), widget=TEXT, required=False)
    is_complex = forms.BooleanField(label=_("Complex case"), required=False)
    is_remote = forms.BooleanField(label=_("Remote area"), required=False)


class StepForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    on = forms.DateField(label=_("Day"), widget=DAY)
    note = forms.CharField(label=_("Record"), widget=TEXT)


class ExtendForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason for the extension"), widget=TEXT)


class SettleForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    decided_on = forms.DateField(label=_("Decided on"), widget=DAY)
    verdict = forms.ChoiceField(label=_("Finding"), choices=Verdict.choices)
    summary = forms.CharField(label=_("Content of the decision"), widget=TEXT)


class AppealForm(forms.Form):
    received_at = forms.DateTimeField(
        label=_("Received at"), widget=MOMENT, input_formats=MOMENT_FORMATS
    )
    channel = forms.ChoiceField(
        label=_("Channel"),
        choices=[c for c in Channel.choices if c[0] in (Channel.VISIT, Channel.POST)],
    )
    subject = forms.CharField(label=_("Summary"), max_length=300, required=False)
    content = forms.CharField(label=_("Content of the second complaint"), widget=TEXT)


class PublishForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    public_title = forms.CharField(label=_("Published title"), max_length=500)
    public_text = forms.CharField(
        label=_("Published text"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Remove names, ID numbers, addresses and phone numbers of private persons."),
    )
    confirmed = forms.BooleanField(
        label=_("I have checked the text: what remains may be published"), required=False
    )


class HandlerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.full_name


class HandlerForm(forms.Form):
    handler = HandlerChoiceField(label=_("Handler"), queryset=User.objects.none())

    def __init__(self, petition: Petition, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        in_unit = Q(
            memberships__ended_on__isnull=True,
            memberships__unit__path__startswith=petition.unit.path,
        )
        on_team = Q(pk__in=team_member_ids(petition))
        self.fields["handler"].queryset = (
            User.objects.filter(in_unit | on_team).distinct().order_by("full_name")
        )


class MembershipChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Membership) -> str:
        return f"{obj.user.full_name} — {obj.unit.name} ({obj.get_role_display()})"


class MembershipMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Membership) -> str:
        return f"{obj.user.full_name} — {obj.unit.name} ({obj.get_role_display()})"


def _handling_roles() -> Any:
    """Officers holding a handling role now, in any active unit (a team crosses units)."""
    return (
        Membership.objects.current()
        .filter(role__in=HANDLERS, unit__status="active", user__is_active=True)
        .select_related("user", "unit")
        .order_by("unit__path", "user__full_name")
    )


class TeamForm(forms.Form):
    """A verification team: its leader and members (officers of any units), the day formed."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    leader = MembershipChoiceField(label=_("Team leader"), queryset=Membership.objects.none())
    members = MembershipMultipleChoiceField(
        label=_("Members"),
        queryset=Membership.objects.none(),
        help_text=_("Officers of any unit; the leader need not be chosen again."),
    )
    formed_on = forms.DateField(label=_("Formed on"), widget=DAY)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = _handling_roles()
        self.fields["members"].queryset = _handling_roles()


class CitizenPetitionForm(forms.Form):
    unit = UnitChoiceField(label=_("Sent to"), queryset=OrgUnit.objects.none())
    subject = forms.CharField(label=_("Summary"), max_length=300)
    content = forms.CharField(label=_("Content"), widget=forms.Textarea(attrs={"rows": 6}))
    address = forms.CharField(label=_("Your address"), max_length=300, required=False)
    contested_on = forms.DateField(
        label=_("Day you knew of the decision or act"),
        widget=DAY,
        required=False,
        help_text=_("For a complaint: the time limit to complain counts from this day."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = OrgUnit.objects.active().filter(
            kind__in=ADMINISTRATIVE_KINDS
        )


class CrowdedPlanForm(forms.Form):
    """The five due days of a year's plan of crowded cases."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    review_by = forms.DateField(label=_("Review and propose by"), widget=DAY)
    agree_by = forms.DateField(label=_("Agree the solution by"), widget=DAY)
    dialogue_by = forms.DateField(label=_("Dialogue by"), widget=DAY)
    decide_by = forms.DateField(label=_("Decision by"), widget=DAY)
    publish_by = forms.DateField(label=_("Carry out and publish by"), widget=DAY)
    basis = forms.CharField(label=_("Basis"), max_length=300, required=False)
    document = forms.ModelChoiceField(
        label=_("Plan document"),
        queryset=Document.objects.none(),
        required=False,
        help_text=_(
            "The issued plan that assigns the milestones; with it, each case's milestones "
            "become tasks followed in the task tracker."
        ),
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = (
            directive_scope(user).select_related("doc_type").order_by("-issued_on", "-pk")
        )


class CrowdedOpenForm(forms.Form):
    year = forms.IntegerField(label=_("Plan of the year"), min_value=2000, max_value=2100)
    is_crowded = forms.BooleanField(label=_("Many people (đông người)"), required=False)
    is_long_running = forms.BooleanField(label=_("Long-running (kéo dài)"), required=False)
    people = forms.IntegerField(label=_("Number of people"), min_value=1, initial=1)
    note = forms.CharField(label=_("Situation"), widget=TEXT, required=False)


class MilestoneDoneForm(forms.Form):
    done_on = forms.DateField(label=_("Done on"), widget=DAY)
    note = forms.CharField(label=_("Record"), widget=TEXT, required=False)


class FiguresForm(forms.Form):
    """The figures page's filters: a unit within reach (the view checks it), the kind of
    period and a day in it (default: this month)."""

    unit = forms.IntegerField(label=_("Unit"), required=False, min_value=1)
    kind = forms.ChoiceField(
        label=_("Period"),
        required=False,
        choices=[
            ("month", _("Month")),
            ("quarter", _("Quarter")),
            ("half_year", _("Half year")),
            ("year", _("Year")),
        ],
    )
    on = forms.DateField(label=_("Containing the day"), required=False, widget=DAY)


class PetitionFilterForm(forms.Form):
    """The petition list's filters: one receiving unit, the open cases past their limit."""

    unit = forms.IntegerField(label=_("Unit"), required=False, min_value=1)
    overdue = forms.BooleanField(label=_("Past the time limit only"), required=False)
