"""Rules of citizen reception and petition handling, pure (no ORM): the petition's
transitions, the time limits counted as the law counts them, the time limit to complain,
eligibility to outcome, and the key that finds the same person's same content."""

from __future__ import annotations

import datetime
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from egov.common.text import fold
from egov.common.transitions import Transition, TransitionTable
from egov.complaints.choices import (
    DayCount,
    IneligibleReason,
    Outcome,
    PetitionKind,
    ReminderKind,
)
from egov.complaints.choices import PetitionStatus as S
from egov.complaints.exceptions import ComplaintsError
from egov.workdays.rules import WorkCalendar, is_working_day, next_working_day

ONE_DAY = datetime.timedelta(days=1)
# The public look-up's two keys: the petition's number in its unit's book ("12/2026") and the
# tracking code given at registration (8 hex digits, ``secrets.token_hex(4)``). A key of any
# other shape is not looked up (the same miss as an unknown one).
NUMBER_RE = re.compile(r"^[1-9][0-9]{0,6}/[0-9]{4}$")
TRACKING_CODE_RE = re.compile(r"^[0-9A-F]{8}$")
OPEN_STEPS = [S.ACCEPTED, S.VERIFYING, S.DIALOGUE]
OPEN = [S.REGISTERED, *OPEN_STEPS]
# Handlers are reminded this many working days before a time limit (a working week's notice
# less the weekend: enough to draft and sign a decision).
REMINDER_WORKING_DAYS = 3

PETITION_TRANSITIONS = TransitionTable(
    Transition("classify", [S.REGISTERED]),
    Transition("accept", [S.REGISTERED], S.ACCEPTED),
    Transition("guide", [S.REGISTERED], S.GUIDED),
    Transition("transfer", [S.REGISTERED], S.TRANSFERRED),
    Transition("keep", [S.REGISTERED], S.FILED),
    Transition("verify", [S.ACCEPTED, S.VERIFYING], S.VERIFYING),
    Transition("dialogue", [S.VERIFYING, S.DIALOGUE], S.DIALOGUE),
    Transition("extend", OPEN_STEPS),
    Transition("form_team", [S.ACCEPTED, S.VERIFYING]),
    Transition("name_handler", [S.REGISTERED, *OPEN_STEPS]),
    Transition("settle", [S.VERIFYING, S.DIALOGUE], S.SETTLED),
    label=lambda state: str(S(state).label),
    message=_("This is not possible while the petition is %(status)s."),
    error=ComplaintsError,
)
OUTCOME_TRANSITION = {
    Outcome.ACCEPT: "accept",
    Outcome.GUIDE: "guide",
    Outcome.TRANSFER: "transfer",
    Outcome.KEEP: "keep",
}


@dataclass(frozen=True)
class Limits:
    """The time limits of a rule set a petition was received under (plain values, so the
    rules stay pure: the model ``RuleSet`` fills it)."""

    complaint_acceptance_days: int
    complaint_acceptance_count: str
    first_instance_days: int
    first_instance_complex_days: int
    first_instance_remote_days: int
    first_instance_remote_complex_days: int
    settlement_count: str
    complaint_time_limit_days: int
    denunciation_acceptance_days: int
    denunciation_settlement_days: int
    denunciation_extension_days: int
    denunciation_extensions_max: int
    second_instance_days: int = 45
    second_instance_complex_days: int = 60
    second_instance_remote_days: int = 60
    second_instance_remote_complex_days: int = 70
    appeal_time_limit_days: int = 30
    appeal_time_limit_remote_days: int = 45


def add_working_days(calendar: WorkCalendar, start: datetime.date, days: int) -> datetime.date:
    """The ``days``-th working day after ``start`` (the day of receipt is not counted)."""
    day = start
    for _i in range(days):
        day = next_working_day(calendar, day)
    return day


def add_days(calendar: WorkCalendar, start: datetime.date, days: int) -> datetime.date:
    """``days`` calendar days after ``start``; a time limit whose last day is a day off ends on
    the next working day (Civil Code 2015 art 148.5)."""
    day = start + datetime.timedelta(days=days)
    if not is_working_day(calendar, day):
        day = next_working_day(calendar, day)
    return day


def due_on(calendar: WorkCalendar, start: datetime.date, days: int, count: str) -> datetime.date:
    """The last day of a time limit of ``days`` counted as ``count`` (days or working days)."""
    if count == DayCount.WORKING:
        return add_working_days(calendar, start, days)
    return add_days(calendar, start, days)


def acceptance_due(
    calendar: WorkCalendar, limits: Limits, *, kind: str, received_on: datetime.date
) -> datetime.date | None:
    """When the acceptance (thụ lý) must be decided: a complaint within the rule set's days
    (10 working days to 30/6/2026, 7 working days from 1/7/2026, Decree 155/2026); a
    denunciation within 7 working days (Law on Denunciations 2018 art 29). None for a
    request or reflection (no acceptance)."""
    if kind in (PetitionKind.COMPLAINT, PetitionKind.MIXED):
        return due_on(
            calendar,
            received_on,
            limits.complaint_acceptance_days,
            limits.complaint_acceptance_count,
        )
    if kind == PetitionKind.DENUNCIATION:
        return add_working_days(calendar, received_on, limits.denunciation_acceptance_days)
    return None


def settlement_days(
    limits: Limits, *, kind: str, is_complex: bool, is_remote: bool, instance: int = 1
) -> int:
    """Days to settle from acceptance: a first complaint 30, complex 45, remote 45, remote and
    complex 60 (Law on Complaints 2011 art 28); a second complaint 45, complex 60, remote 60,
    remote and complex 70 (art 37); a denunciation 30 (Law on Denunciations 2018 art 30)."""
    if kind == PetitionKind.DENUNCIATION:
        return limits.denunciation_settlement_days
    if instance == 2:
        if is_remote:
            return (
                limits.second_instance_remote_complex_days
                if is_complex
                else limits.second_instance_remote_days
            )
        return limits.second_instance_complex_days if is_complex else limits.second_instance_days
    if is_remote:
        return (
            limits.first_instance_remote_complex_days
            if is_complex
            else limits.first_instance_remote_days
        )
    return limits.first_instance_complex_days if is_complex else limits.first_instance_days


def settlement_due(
    calendar: WorkCalendar,
    limits: Limits,
    *,
    kind: str,
    accepted_on: datetime.date,
    is_complex: bool,
    is_remote: bool,
    extensions: int = 0,
    instance: int = 1,
) -> datetime.date:
    """The settlement's last day, with a denunciation's extensions of 30 days each."""
    days = settlement_days(
        limits, kind=kind, is_complex=is_complex, is_remote=is_remote, instance=instance
    )
    if kind == PetitionKind.DENUNCIATION:
        days += extensions * limits.denunciation_extension_days
    return due_on(calendar, accepted_on, days, limits.settlement_count)


def extension_problem(limits: Limits, *, kind: str, extensions: int) -> str | None:
    """Only a denunciation's settlement is extended, at most once or twice (art 30)."""
    if kind != PetitionKind.DENUNCIATION:
        return str(_("Only the settlement of a denunciation can be extended."))
    if extensions >= limits.denunciation_extensions_max:
        return str(
            _("The settlement has already been extended %(count)s times, the most allowed.")
            % {"count": extensions}
        )
    return None


def complaint_too_late(
    limits: Limits, *, contested_on: datetime.date | None, received_on: datetime.date
) -> bool:
    """A complaint lodged more than 90 days after the decision or act was known (Law on
    Complaints 2011 art 9)."""
    if contested_on is None:
        return False
    return (received_on - contested_on).days > limits.complaint_time_limit_days


def outcome_problem(
    *, kind: str, outcome: str, is_competent: bool, reasons: Iterable[str], is_anonymous: bool
) -> str | None:
    """The outcome the law gives for the classification, or why the chosen one is wrong:
    accepted only when competent and eligible, and never for a request (no thụ lý) nor an
    anonymous denunciation (kept for information, Law on Denunciations art 25)."""
    reasons = list(reasons)
    if outcome == Outcome.ACCEPT:
        if kind == PetitionKind.REQUEST:
            return str(_("A request or reflection is answered, not accepted for settlement."))
        if is_anonymous and kind == PetitionKind.DENUNCIATION:
            return str(
                _("An anonymous denunciation is not handled as a denunciation; keep it on file.")
            )
        if not is_competent:
            return str(_("Only a petition within competence can be accepted."))
        if reasons:
            return str(_("A petition that is not eligible cannot be accepted."))
    if outcome in (Outcome.GUIDE, Outcome.TRANSFER) and is_competent:
        return str(_("A petition within competence is not guided or transferred elsewhere."))
    return None


def reasons_known(reasons: Iterable[str]) -> bool:
    return all(reason in IneligibleReason.values for reason in reasons)


def match_key(*, name: str, id_number: str, content: str) -> str:
    """The same person and the same content, whatever the accents, case and spacing."""
    person = fold(id_number.strip()) or fold(" ".join(name.split()))
    words = " ".join(fold(content).split())
    return hashlib.sha256(f"{person}|{words}".encode()).hexdigest()


def track_keys_normalize(number: str | None, code: str | None) -> tuple[str, str] | None:
    """The number and tracking code as stored (spaces removed, the code in upper case), or
    None when either cannot be one."""
    number = "".join((number or "").split())
    code = "".join((code or "").split()).upper()
    if NUMBER_RE.match(number) and TRACKING_CODE_RE.match(code):
        return number, code
    return None


def running_limit(
    *, status: str, acceptance_due_on: datetime.date | None, settlement_due_on: datetime.date | None
) -> tuple[str, datetime.date | None]:
    """The time limit running for a petition in ``status``: ``("acceptance", day)`` while it
    is registered, ``("settlement", day)`` once accepted (and after it is settled, to grade it),
    ``("", None)`` when none runs (guided, transferred, kept on file)."""
    if status == S.REGISTERED:
        return "acceptance", acceptance_due_on
    if status in OPEN_STEPS or status == S.SETTLED:
        return "settlement", settlement_due_on
    return "", None


def reminder_kind(
    *, stage: str, due: datetime.date, today: datetime.date, horizon: datetime.date
) -> str | None:
    """The reminder an open petition is owed today: overdue once the limit has passed, near
    from ``horizon`` (``REMINDER_WORKING_DAYS`` working days ahead) on; None before."""
    if not stage:
        return None
    if due < today:
        return (
            ReminderKind.ACCEPTANCE_OVERDUE
            if stage == "acceptance"
            else ReminderKind.SETTLEMENT_OVERDUE
        )
    if due <= horizon:
        return (
            ReminderKind.ACCEPTANCE_BEFORE
            if stage == "acceptance"
            else ReminderKind.SETTLEMENT_BEFORE
        )
    return None


def appeal_deadline(
    calendar: WorkCalendar,
    limits: Limits,
    *,
    decided_on: datetime.date | None,
    settlement_due_on: datetime.date | None,
    is_remote: bool,
) -> datetime.date | None:
    """The last day to complain a second time (Law on Complaints 2011 art 33): 30 days (45 in
    a remote area) from the first-instance decision, or, when none was made in time, from the
    end of the first-instance time limit; days ending on a working day (Civil Code art 148).
    None while neither has happened."""
    start = decided_on or settlement_due_on
    if start is None:
        return None
    days = limits.appeal_time_limit_remote_days if is_remote else limits.appeal_time_limit_days
    return add_days(calendar, start, days)


def appeal_problem(
    *,
    kind: str,
    instance: int,
    status: str,
    settlement_due_on: datetime.date | None,
    received_on: datetime.date,
    deadline: datetime.date | None,
) -> str | None:
    """Why a second complaint on this first-instance case cannot be registered: only a
    complaint settled at first instance (or not settled within its time limit), only once,
    within the time limit (Law on Complaints 2011 arts 7, 33)."""
    if kind not in (PetitionKind.COMPLAINT, PetitionKind.MIXED) or instance != 1:
        return str(_("Only a first-instance complaint can be complained of a second time."))
    lapsed = status in OPEN_STEPS and settlement_due_on and settlement_due_on < received_on
    if status != S.SETTLED and not lapsed:
        return str(
            _(
                "A second complaint comes after the first-instance decision, or once its time "
                "limit has passed without one."
            )
        )
    if deadline is not None and received_on > deadline:
        return str(
            _("The time limit to complain a second time ended on %(day)s.")
            % {"day": deadline.strftime("%d/%m/%Y")}
        )
    return None


HIDDEN = "(đã ẩn)"


def identity_removed(text: str, values: Iterable[str]) -> str:
    """``text`` with each of the petitioner's known identity values (name, ID number, address)
    replaced by a mark, whatever their case; what is not known by value (another person's
    name) is left to the officer and the personal-data warning."""
    for value in sorted({v.strip() for v in values if v and v.strip()}, key=len, reverse=True):
        text = re.sub(re.escape(value), HIDDEN, text, flags=re.IGNORECASE)
    return text
