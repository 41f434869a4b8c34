"""Reads of citizen reception and petitions, each scoped to the actor: officers see the rows
of units within reach (``orgs.access``), a citizen their own petitions. A denouncer's identity
is read only through :func:`petition_identity_get` (named handlers, audited)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.complaints.choices import Outcome, PetitionKind, PetitionStatus, Verdict
from egov.complaints.exceptions import ComplaintsError
from egov.complaints.models import (
    Petition,
    ReceptionDay,
    RuleSet,
    VerificationTeamMember,
    Visit,
)
from egov.complaints.rules import OPEN, Limits, running_limit
from egov.orgs.access import get_for_user_or_404, reach_of, scope_to_units
from egov.orgs.models import Role
from egov.workdays.rules import VN_TZ

RECEIVERS = tuple(Role.values)
HANDLERS = (Role.SPECIALIST, Role.DIVISION_HEAD, Role.UNIT_HEAD)
LIMIT_FIELDS = tuple(Limits.__dataclass_fields__)


def rule_set_in_force(on: datetime.date) -> RuleSet:
    """The rule set in force on ``on``; a petition keeps the one in force when received
    (ADR 0006 shape: the old rules for older cases)."""
    found = list(RuleSet.objects.in_force_on(on)[:2])
    if len(found) != 1:
        raise ComplaintsError(
            _("No single complaints rule set is in force on %(day)s.") % {"day": on.isoformat()},
            code="no_rule_set",
        )
    return found[0]


def limits_of(rule_set: RuleSet) -> Limits:
    return Limits(**{name: getattr(rule_set, name) for name in LIMIT_FIELDS})


def reception_days_published(*, first: datetime.date, last: datetime.date) -> QuerySet:
    """The published reception days (public: no personal data)."""
    return ReceptionDay.objects.filter(day__range=(first, last)).select_related("unit")


def visit_list_for_user(user: Any) -> QuerySet[Visit]:
    return scope_to_units(Visit.objects.select_related("unit", "officer"), user, unit_field="unit")


def visit_get_for_user(user: Any, pk: int) -> Visit:
    return get_for_user_or_404(
        Visit.objects.select_related("unit", "officer", "reception_day"),
        user,
        pk=pk,
        unit_field="unit",
    )


def _scoped(qs: QuerySet[Petition], user: Any) -> QuerySet[Petition]:
    """Petitions of units within reach, and the cases whose verification team ``user`` is on
    (officers of other units). The units and the team's cases are read first, as lists of ids:
    OR-ing the reach with a subquery made PostgreSQL scan the whole table for every inbox, and
    a lone subquery made it misjudge a wide reach (issue 18's benchmark, 500,000 petitions;
    ``Reach.q_listed``)."""
    reach = reach_of(user)
    if reach.is_empty:
        return qs.none()
    scope = reach.q_listed("unit")
    team_cases = list(
        VerificationTeamMember.objects.filter(user_id=user.pk).values_list(
            "team__petition_id", flat=True
        )
    )
    if team_cases:
        scope |= Q(pk__in=team_cases)
    return qs.filter(scope)


def petition_list_for_user(user: Any) -> QuerySet[Petition]:
    return _scoped(Petition.objects.select_related("unit", "notice", "decision"), user)


def petition_get_for_user(user: Any, pk: int) -> Petition:
    petition = (
        _scoped(
            Petition.objects.select_related(
                "unit",
                "notice",
                "decision",
                "rule_set",
                "incoming_document",
                "duplicate_of",
                "first_instance__unit",
                "first_instance__decision",
            ),
            user,
        )
        .filter(pk=pk)
        .first()
    )
    if petition is None:
        raise Http404
    return petition


def team_member_ids(petition: Petition) -> QuerySet:
    """The user ids of the petition's verification team (a subquery)."""
    return VerificationTeamMember.objects.filter(team__petition_id=petition.pk).values("user_id")


def is_team_member(user: Any, petition: Petition) -> bool:
    """True if ``user`` is on the verification team of ``petition``."""
    return VerificationTeamMember.objects.filter(
        team__petition_id=petition.pk, user_id=getattr(user, "pk", None)
    ).exists()


def may_see_identity(user: Any, petition: Petition) -> bool:
    """Who may see the petitioner: anyone who sees the petition, except for a denunciation,
    whose denouncer only the named handlers see (Law on Denunciations 2018 arts 8.3, 9)."""
    if not petition.is_denunciation:
        return True
    return petition.handlers.filter(pk=user.pk).exists()


def protected_ids(user: Any, petitions: list[Petition]) -> set[int]:
    """The ids among ``petitions`` whose petitioner ``user`` may not see (one query)."""
    denunciations = [p.pk for p in petitions if p.is_denunciation]
    if not denunciations:
        return set()
    named = set(
        Petition.handlers.through.objects.filter(
            petition_id__in=denunciations, user_id=user.pk
        ).values_list("petition_id", flat=True)
    )
    return set(denunciations) - named


def petition_list_for_citizen(user: Any) -> QuerySet[Petition]:
    if not getattr(user, "is_authenticated", False):
        return Petition.objects.none()
    return Petition.objects.filter(citizen=user).select_related("unit")


def petition_get_for_citizen(user: Any, pk: int) -> Petition:
    petition = petition_list_for_citizen(user).filter(pk=pk).first()
    if petition is None:
        raise Http404
    return petition


def petition_find_duplicate(*, unit_id: int, match_key: str) -> Petition | None:
    """The first petition of the unit with the same person and content."""
    return (
        Petition.objects.filter(unit_id=unit_id, match_key=match_key)
        .order_by("received_at", "pk")
        .first()
    )


@dataclass(frozen=True)
class PetitionTrack:
    """What the public look-up of a petition shows: its state and legal time limit. Never a
    person (petitioner, denouncer, officer), the content or the summary, which may name them
    (Law on Denunciations 2018 art 8.3: whistle-blower protection)."""

    number: str
    unit_name: str
    received_on: datetime.date
    kind_label: str
    status: str
    status_label: str
    outcome_label: str
    competent_body: str
    due_on: datetime.date | None
    due_label: str
    is_overdue: bool
    settled_on: datetime.date | None
    verdict_label: str


_TRACK_COLUMNS = (
    "number",
    "unit__name",
    "received_at",
    "kind",
    "status",
    "outcome",
    "competent_body",
    "acceptance_due_on",
    "settlement_due_on",
    "settled_on",
    "verdict",
)


def _track_due(row: dict) -> tuple[datetime.date | None, str]:
    """The time limit running now: the settlement once accepted, before that the acceptance."""
    stage, due = running_limit(
        status=row["status"],
        acceptance_due_on=row["acceptance_due_on"],
        settlement_due_on=row["settlement_due_on"],
    )
    if stage == "settlement":
        return due, str(_("Settlement due on"))
    if stage == "acceptance":
        return due, str(_("Acceptance decision due on"))
    return None, ""


def petition_track_get(
    *, number: str, code: str, today: datetime.date | None = None
) -> PetitionTrack | None:
    """The public state of the petition with this number and tracking code (both already
    normalised), or None; one query. Two petitions of different units sharing both keys (one
    chance in four billion) answer None rather than one of them."""
    rows = list(
        Petition.objects.filter(number=number, tracking_code=code)
        .order_by()
        .values(*_TRACK_COLUMNS)[:2]
    )
    if len(rows) != 1:
        return None
    row = rows[0]
    due_on, due_label = _track_due(row)
    today = today or timezone.localdate()
    is_open = row["status"] in OPEN
    return PetitionTrack(
        number=row["number"],
        unit_name=row["unit__name"],
        received_on=timezone.localtime(row["received_at"], VN_TZ).date(),
        kind_label=str(PetitionKind(row["kind"]).label) if row["kind"] else "",
        status=row["status"],
        status_label=str(PetitionStatus(row["status"]).label),
        outcome_label=str(Outcome(row["outcome"]).label) if row["outcome"] else "",
        competent_body=row["competent_body"],
        due_on=due_on,
        due_label=due_label,
        is_overdue=bool(is_open and due_on is not None and due_on < today),
        settled_on=row["settled_on"],
        verdict_label=str(Verdict(row["verdict"]).label) if row["verdict"] else "",
    )


def decisions_published() -> QuerySet[Petition]:
    """Settled decisions as published (public: the published document's title and text, the
    unit, the day and the finding; never the petition's own fields naming people)."""
    return (
        Petition.objects.filter(published_decision__isnull=False)
        .select_related("unit", "published_decision")
        .only(
            "number",
            "kind",
            "instance",
            "settled_on",
            "verdict",
            "published_at",
            "unit__name",
            "published_decision__subject",
            "published_decision__body",
        )
        .order_by("-published_at", "-pk")
    )
