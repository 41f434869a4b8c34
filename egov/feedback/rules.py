"""Pure rules of citizen feedback: the state tables, codes, the province box and the
escalation levels. No ORM. (The personal-data warning shown before an answer is published is
``egov.common.personal_data``, shared with disclosure and complaints' published decisions.)"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from egov.common.transitions import Transition, TransitionTable
from egov.feedback.choices import QuestionStatus, RegulationBasis, RegulationOutcome, ReportStatus

R = ReportStatus
REPORT_TRANSITIONS = TransitionTable(
    Transition("receive", [R.RECEIVED], R.PROCESSING),
    Transition("refuse", [R.RECEIVED], R.REFUSED),
    Transition("assign", [R.PROCESSING]),
    Transition("hand_over", [R.RECEIVED, R.PROCESSING]),
    Transition("request_supplement", [R.RECEIVED, R.PROCESSING], R.SUPPLEMENT),
    Transition("supplement", [R.SUPPLEMENT]),
    Transition("answer", [R.PROCESSING], R.ANSWERED),
    Transition("close", [R.ANSWERED], R.CLOSED),
    Transition(
        "rate",
        [R.ANSWERED, R.CLOSED],
        message=_("Only an answered report can be rated (it is %(status)s)."),
    ),
    Transition("reopen", [R.ANSWERED, R.CLOSED], R.RECEIVED),
    Transition("merge", [R.RECEIVED, R.PROCESSING], R.MERGED),
    Transition("unmerge", [R.MERGED]),
    label=lambda state: str(ReportStatus(state).label).lower(),
)

Q = QuestionStatus
QUESTION_TRANSITIONS = TransitionTable(
    Transition("reassign", [Q.WAITING]),
    Transition("answer", [Q.WAITING, Q.ANSWERED], Q.ANSWERED),
    Transition("publish", [Q.ANSWERED, Q.PUBLISHED], Q.PUBLISHED),
    label=lambda state: str(QuestionStatus(state).label).lower(),
)


def next_code(prefix: str, year: int, last: str | None) -> str:
    """``PA-2026-000123`` after ``PA-2026-000122`` (or the first of the year)."""
    number = 1
    if last and last.startswith(f"{prefix}-{year}-"):
        number = int(last.rsplit("-", 1)[1]) + 1
    return f"{prefix}-{year}-{number:06d}"


def in_box(latitude: float, longitude: float, box: tuple[float, float, float, float]) -> bool:
    """Whether a point lies in the province's box (south, west, north, east)."""
    south, west, north, east = box
    return south <= latitude <= north and west <= longitude <= east


def escalation_level_due(*, late: bool, late_days: Decimal, interval: int, top: int) -> int:
    """The escalation level a late item should have reached (DIGIT PGR auto-escalation): 0 in
    time; 1 (the head of its unit) as soon as its time limit has passed; one level up every
    further ``interval`` working days; never above ``top`` (the root of the org tree)."""
    if not late or top < 1:
        return 0
    return min(top, 1 + int(max(late_days, Decimal(0)) // interval))


def regulation_decision_problem(basis: str, outcome: str) -> str | None:
    """Why a decision does not fit its basis (Decree 20/2008/NĐ-CP arts. 14–15): without enough
    basis the unit keeps collecting feedback; with enough it decides one of art. 15's outcomes
    (or to keep the regulation)."""
    if outcome not in RegulationOutcome.values:
        return str(_("Choose the decision."))
    collecting = outcome == RegulationOutcome.COLLECT
    if basis == RegulationBasis.NOT_ENOUGH and not collecting:
        return str(_("Without enough basis, the decision is to keep collecting feedback."))
    if basis == RegulationBasis.ENOUGH and collecting:
        return str(_("With enough basis, decide on the regulation."))
    return None
