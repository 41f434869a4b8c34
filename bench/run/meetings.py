"""The conference bursts of issue 19: 2,000 participants check in (each opens their personal
QR code's link on their phone, logged in, and confirms) and then vote on the open item, each
burst sent within 60 s through the app's real routes, every request once, with a share of
retries (the same request sent twice at the same moment: a double tap, a phone that resent).

Before each burst the state is made fresh: for the check-in, the conference's invitees are
set back to not checked in (one UPDATE: the harness's reset, not an app path); for a vote,
the earlier burst's vote of the same kind is deleted (:func:`votes_reset`) and the chair
opens a new vote with the app's ``vote_open`` (audited; the quorum is reached once the
check-in burst ran, else the invitees are checked in by the same reset first).

After each burst, :func:`burst_verify` checks exactly-once: the rows in the database (check-ins,
turnout, ballots, the sealed count after the chair's ``vote_close``, and their audit entries)
equal the requests the app accepted (answers below 400), no participant is counted twice, and
none whose request was accepted is missing.
"""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from django.db.models import Count
from django.utils import timezone

from bench.generate.meetings import TITLE
from bench.run.prepare import Session, session_for
from egov.accounts.models import User
from egov.audit.models import AuditEvent
from egov.meetings.choices import Choice, MeetingAuditAction
from egov.meetings.models import AgendaItem, Ballot, Invitee, Meeting, Turnout, Vote

WINDOW_SECONDS = 60.0
RETRY_EVERY = 50  # one participant in 50 sends the same request twice (2 %)
CHOICES = (Choice.FOR,) * 8 + (Choice.AGAINST, Choice.ABSTAIN)


@dataclass
class Conference:
    """The generated conference and its participants' sessions (made once per run)."""

    meeting: Meeting
    item: AgendaItem
    chair: User
    invitees: list[Invitee]
    sessions: dict[int, Session] = field(default_factory=dict)


def conference() -> Conference | None:
    """The conference ``bench.generate`` wrote, or None when the database has none."""
    meeting = Meeting.objects.filter(title=TITLE).select_related("chair").order_by("pk").first()
    if meeting is None:
        return None
    return Conference(
        meeting=meeting,
        item=meeting.items.order_by("-path").first(),
        chair=meeting.chair,
        invitees=list(meeting.invitees.select_related("person").order_by("pk")),
    )


def sessions_make(conf: Conference) -> None:
    """A logged-in session for each participant (as ``login()`` stores one)."""
    for invitee in conf.invitees:
        conf.sessions[invitee.person_id] = session_for(invitee.person)


def _with_retries(lines: list[str]) -> list[str]:
    out = []
    for n, line in enumerate(lines):
        out.append(line)
        if n % RETRY_EVERY == RETRY_EVERY // 2:
            out.append(line)  # the retry, sent by the next wrk thread at about the same time
    return out


def _write(path: Path, lines: list[str]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def checkin_reset(conf: Conference) -> None:
    Invitee.objects.filter(meeting=conf.meeting).update(checked_in_at=None, checked_in_via="")


def checkin_file(directory: Path, conf: Conference) -> Path:
    """The check-in burst: each participant posts their own code's confirmation."""
    lines = [
        f"POST\t/workspace/meetings/check-in/{i.checkin_code}/\t"
        f"{conf.sessions[i.person_id].headers(form=True)}\t"
        for i in conf.invitees
    ]
    return _write(directory / "meeting_checkin.txt", _with_retries(lines))


def vote_choices(conf: Conference, seed: int = 19) -> dict[int, str]:
    rng = random.Random(seed)
    return {i.person_id: rng.choice(CHOICES) for i in conf.invitees}


def votes_reset(conf: Conference, *, secret: bool) -> None:
    """Delete the earlier bursts' votes of this kind on the conference's item, with their
    turnout and ballots (the harness's reset, not an app path). Every repeat then runs on the
    same meeting: at most one closed vote of each kind before it (the secret burst's page lists
    this repeat's named ballots), not one more closed named vote of 2,000 ballots per repeat
    and per earlier run, which the meeting page lists."""
    Vote.objects.filter(item=conf.item, secret=secret).delete()


def vote_open(conf: Conference, *, secret: bool) -> Vote:
    """A new vote on the conference's item, opened by the chair through the app."""
    from egov.meetings.selectors import meeting_quorum
    from egov.meetings.services import vote_open as app_vote_open

    if not meeting_quorum(conf.meeting).reached:
        Invitee.objects.filter(meeting=conf.meeting, checked_in_at=None).update(
            checked_in_at=timezone.now(), checked_in_via="secretary"
        )
    kind = "bỏ phiếu kín" if secret else "biểu quyết công khai"
    return app_vote_open(
        actor=conf.chair,
        item=conf.item,
        question=f"Thông qua Kế hoạch chuyển đổi số năm 2027 ({kind}, {timezone.now():%H:%M:%S})",
        secret=secret,
    )


def vote_file(directory: Path, conf: Conference, vote: Vote, name: str) -> Path:
    """The vote burst: each participant posts their ballot as the meeting page's form does."""
    choices = vote_choices(conf)
    lines = [
        f"POST\t/workspace/meetings/{conf.meeting.pk}/ballot/\t"
        f"{conf.sessions[i.person_id].headers(form=True)}\t"
        f"vote={vote.pk}&choice={choices[i.person_id]}"
        for i in conf.invitees
    ]
    return _write(directory / f"{name}.txt", _with_retries(lines))


@dataclass
class BurstCheck:
    """Exactly-once after a burst: what was sent and accepted, what the database holds."""

    scenario: str
    participants: int
    sent: int
    accepted: int
    refused: int
    failed: int
    counted: int
    audited: int
    doubled: int
    unanswered: int = 0  # sent, but wrk's window ended before the answer came
    tally_equal: bool | None = None
    exactly_once: bool = False
    detail: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _outcome(result: Any) -> tuple[int, int, int, int]:
    """(sent, accepted, refused, failed) of a wrk run: answers below 400 are accepted;
    failed counts wrk's socket errors and timeouts (a request answered after wrk's timeout is
    counted both as answered and as a timeout)."""
    sent = result.sent if result.sent is not None else result.requests
    refused = result.non_2xx_3xx
    return sent, result.requests - refused, refused, result.errors


def burst_verify(
    scenario: str,
    conf: Conference,
    *,
    sent: int,
    accepted: int,
    refused: int,
    failed: int,
    since: Any,
    vote: Vote | None = None,
) -> BurstCheck:
    """Compare the database with what the app accepted (see the module's docstring)."""
    participants = len(conf.invitees)
    if vote is None:
        checked = Invitee.objects.filter(meeting=conf.meeting, checked_in_at__gte=since)
        counted = checked.count()
        audited = AuditEvent.objects.filter(
            action=MeetingAuditAction.INVITEE_CHECKED_IN,
            at__gte=since,
            object_id__in=[str(i.pk) for i in conf.invitees],
        ).count()
        doubled = audited - len(
            set(
                AuditEvent.objects.filter(
                    action=MeetingAuditAction.INVITEE_CHECKED_IN,
                    at__gte=since,
                    object_id__in=[str(i.pk) for i in conf.invitees],
                ).values_list("object_id", flat=True)
            )
        )
        check = BurstCheck(
            scenario, participants, sent, accepted, refused, failed, counted, audited, doubled
        )
    else:
        from egov.meetings.services import vote_close

        turnout = Turnout.objects.filter(vote=vote)
        counted = turnout.count()
        doubled = counted - turnout.values("voter").distinct().count()
        audited = AuditEvent.objects.filter(
            action=MeetingAuditAction.VOTE_CAST, changes__vote=vote.pk
        ).count()
        closed = vote_close(actor=conf.chair, vote=vote)
        sealed = {
            Choice.FOR: closed.count_for,
            Choice.AGAINST: closed.count_against,
            Choice.ABSTAIN: closed.count_abstain,
        }
        voters = set(turnout.values_list("voter_id", flat=True))
        expected = dict.fromkeys(Choice.values, 0)
        for person, choice in vote_choices(conf).items():
            if person in voters:
                expected[choice] += 1
        detail: dict[str, Any] = {"sealed": {str(k): v for k, v in sealed.items()}}
        if not vote.secret:
            rows = Ballot.objects.filter(vote=vote).values("choice").annotate(n=Count("pk"))
            ballots = dict.fromkeys(Choice.values, 0) | {r["choice"]: r["n"] for r in rows}
            detail["ballots"] = ballots
        check = BurstCheck(
            scenario, participants, sent, accepted, refused, failed, counted, audited, doubled
        )
        expected_text = {str(k): v for k, v in expected.items()}
        check.tally_equal = (
            {str(k): v for k, v in sealed.items()} == expected_text
            and sum(sealed.values()) == counted
            and (vote.secret or detail["ballots"] == expected_text)
        )
        check.detail = detail
    check.unanswered = max(0, sent - accepted - refused)
    # Strict when every request was answered: the database holds exactly the accepted ones.
    # A request unanswered when wrk stopped may or may not have been accepted by the app.
    check.exactly_once = (
        accepted <= counted <= accepted + check.unanswered + failed
        and counted == audited
        and doubled == 0
        and check.tally_equal is not False
    )
    return check


def settle(conf: Conference, vote: Vote | None, *, limit: float = 120.0) -> float:
    """Wait until the burst's rows stop changing (the requests still queued in the server
    when wrk stopped are done): the same counts three times a second apart. Seconds waited."""
    import time

    def counts() -> tuple[int, int]:
        if vote is None:
            rows = Invitee.objects.filter(meeting=conf.meeting, checked_in_at__isnull=False)
        else:
            rows = Turnout.objects.filter(vote=vote)
        return rows.count(), AuditEvent.objects.count()

    started, last, same = time.monotonic(), None, 0
    while time.monotonic() - started < limit and same < 3:
        now = counts()
        same = same + 1 if now == last else 0
        last = now
        time.sleep(1.0)
    return time.monotonic() - started


@dataclass
class Burst:
    """One burst scenario's state between its preparation and its check."""

    name: str
    path: Path
    since: Any
    vote: Vote | None = None


def burst_prepare(name: str, directory: Path, conf: Conference) -> Burst:
    """Reset the state the burst changes and write its request file."""
    since = timezone.now()
    if name == "meeting_checkin":
        checkin_reset(conf)
        return Burst(name, checkin_file(directory, conf), since)
    secret = name == "meeting_vote_secret"
    votes_reset(conf, secret=secret)
    vote = vote_open(conf, secret=secret)
    return Burst(name, vote_file(directory, conf, vote, name), since, vote)


def burst_check(burst: Burst, conf: Conference, result: Any) -> BurstCheck:
    settle(conf, burst.vote)
    sent, accepted, refused, failed = _outcome(result)
    return burst_verify(
        burst.name,
        conf,
        sent=sent,
        accepted=accepted,
        refused=refused,
        failed=failed,
        since=burst.since,
        vote=burst.vote,
    )


def burst_rate(conf: Conference, window: float = WINDOW_SECONDS) -> float:
    """Requests per second that send the whole file (participants and retries) in
    ``window`` seconds."""
    lines = len(_with_retries([""] * len(conf.invitees)))
    return lines / window
