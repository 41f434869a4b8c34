"""Votes on an agenda item (biểu quyết): opened by the chair at the quorum, cast once per
person (named ballots kept, secret ones only counted, ADR 0017), sealed at the close with
the result under the session's majority rule."""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.audit.services import event_record
from egov.audit.versioned import row_lock, versioned_update
from egov.common.exceptions import PermissionDenied
from egov.common.validation import require_text
from egov.meetings import rules
from egov.meetings.choices import Choice, Response, VoteStatus
from egov.meetings.exceptions import MeetingConflict, MeetingError
from egov.meetings.models import AgendaItem, Ballot, Invitee, SecretTally, Turnout, Vote
from egov.meetings.selectors import invitee_for, is_chair, meeting_quorum
from egov.meetings.services._common import A, _invalid, _lock


def vote_open(*, actor: Any, item: AgendaItem, question: str, secret: bool = False) -> Vote:
    """The chair opens a named or secret vote on an agenda item, once the quorum (the
    meeting's share of invitees checked in) is reached. The same question on the same item
    while its vote is open is that vote (a double click or a retry opens one)."""
    meeting = item.meeting
    if not is_chair(actor, meeting):
        raise PermissionDenied(_("Only the chair can open or close a vote."))
    question = require_text(question, "question")
    with transaction.atomic():
        locked = _lock(meeting)
        rules.MEETING_TRANSITIONS.check("open_vote", locked.status)
        quorum = meeting_quorum(locked)
        if not quorum.reached:
            raise MeetingError(
                _(
                    "The quorum is not reached: %(present)s of %(invited)s invitees present, "
                    "%(needed)s needed."
                )
                % {"present": quorum.present, "invited": quorum.invited, "needed": quorum.needed},
                code="no_quorum",
            )
        same = Vote.objects.filter(item=item, question=question, status=VoteStatus.OPEN).first()
        if same is not None:
            return same  # a double click or a retry opens one vote
        rule = rules.majority_rule_for(locked.kind, settings.EGOV_MEETING_MAJORITY)
        vote = Vote.objects.create(
            item=item,
            question=question,
            secret=bool(secret),
            opened_at=timezone.now(),
            majority_base=rule.base,
            majority_share=rule.share,
        )
        if vote.secret:
            SecretTally.objects.bulk_create(
                SecretTally(vote=vote, slot=slot) for slot in range(SECRET_TALLY_SLOTS)
            )
        event_record(
            actor=actor,
            action=A.VOTE_OPENED,
            obj=vote,
            changes={
                "item": item.pk,
                "question": question,
                "secret": bool(secret),
                "present": quorum.present,
                "invited": quorum.invited,
                "majority": f"{rule.base}:{rule.share}",
            },
        )
    return vote


# A secret vote's count slots: ballots cast at the same moment pick one at random, so two wait
# for each other only when they pick the same (with the app's few workers, seldom).
SECRET_TALLY_SLOTS = 16

COUNT_FIELDS = {
    Choice.FOR: "count_for",
    Choice.AGAINST: "count_against",
    Choice.ABSTAIN: "count_abstain",
}


def vote_cast(*, actor: Any, vote: Vote, choice: str) -> Turnout:
    """An attending invitee's vote; once per person. A named vote keeps the ballot (who chose
    what); a secret vote only adds the choice to one of the vote's tally slots and records
    who voted. Either way the vote row is share-locked (``_held``): ballots are cast side by
    side, and the close waits for them."""
    meeting = vote.item.meeting
    invitee = invitee_for(actor, meeting)
    if invitee is None or invitee.response == Response.DECLINED:
        raise PermissionDenied(_("Only participants of the meeting can vote."))
    if choice not in Choice.values:
        raise _invalid("choice", _("Choose for, against or abstain."))
    try:
        with transaction.atomic():
            locked = _held(vote.pk)
            rules.VOTE_TRANSITIONS.check("cast", locked.status)
            turnout = record_choice(locked, actor, choice)
            event_record(actor=actor, action=A.VOTE_CAST, obj=turnout, changes={"vote": locked.pk})
    except IntegrityError:
        raise MeetingConflict(_("You have already voted."), code="voted") from None
    return turnout


def _held(pk: int) -> Vote:
    """The vote ``pk``, share-locked until the end of the transaction (PostgreSQL's FOR SHARE,
    which Django's ``select_for_update`` does not offer): the named ballots of one vote are cast
    side by side and commit together, while its close (FOR UPDATE) waits for the ballots being
    cast and they for it. A conference's 2,000 ballots in 60 s queued one by one behind the
    exclusive lock, each holding it through its commit (issue 19). A secret ballot writes to
    a tally slot (``SecretTally``), not to the vote row, so it shares the lock as well.
    Elsewhere (SQLite) writers are serialised already: the row is read as ``row_lock`` does."""
    if connection.vendor != "postgresql":
        return row_lock(Vote.objects.all(), pk)
    sql = f'SELECT * FROM "{Vote._meta.db_table}" WHERE "id" = %s FOR SHARE'  # noqa: S608 - our table
    held = next(iter(Vote.objects.raw(sql, [pk])), None)
    if held is None:
        raise Vote.DoesNotExist
    return held


def record_choice(locked: Vote, voter: Any, choice: str) -> Turnout:
    """Record who voted and, by ADR 0017, what: a named vote keeps the ballot, a secret one
    only adds to a tally slot picked at random. Inside the caller's transaction, the vote row
    locked (shared or exclusive); a second vote of the same person is an ``IntegrityError``
    (the turnout is unique)."""
    turnout = Turnout.objects.create(vote=locked, voter=voter)
    if locked.secret:
        _tally_add(locked, COUNT_FIELDS[Choice(choice)])
    else:
        Ballot.objects.create(vote=locked, voter=voter, choice=choice, cast_at=timezone.now())
    return turnout


def _tally_add(locked: Vote, field: str) -> None:
    """Add 1 to ``field`` of one of the secret vote's tally slots. On PostgreSQL: the first
    slot no ballot being cast holds, counting on from a random one (``SKIP LOCKED``), so a
    ballot never waits for another while a slot is free. Picking the random slot alone, 2.5 %
    of a burst's secret ballots waited 10-78 ms for the ballot holding it to commit (issue 19,
    bench/NOTES.md). When every slot is held, or elsewhere (SQLite serialises writers), the
    random slot itself."""
    start = _tally_slot()
    if connection.vendor == "postgresql":
        table = SecretTally._meta.db_table
        column = SecretTally._meta.get_field(field).column
        sql = (
            f'UPDATE "{table}" SET "{column}" = "{column}" + 1 WHERE "id" = ('  # noqa: S608 - ours
            f'SELECT "id" FROM "{table}" WHERE "vote_id" = %s '
            f'ORDER BY ("slot" + %s) %% %s LIMIT 1 FOR UPDATE SKIP LOCKED)'
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [locked.pk, SECRET_TALLY_SLOTS - start, SECRET_TALLY_SLOTS])
            if cursor.rowcount == 1:
                return
    slot = SecretTally.objects.filter(vote=locked, slot=start)
    if slot.update(**{field: F(field) + 1}) != 1:
        # Never a ballot dropped silently: every secret vote gets its slots at its opening.
        raise RuntimeError(f"secret vote {locked.pk} has no tally slots")


def _tally_slot() -> int:
    """The slot a secret ballot adds to: random, from the system's source (never derived from
    the voter, the time or the order of the ballots)."""
    return secrets.randbelow(SECRET_TALLY_SLOTS)


def vote_close(*, actor: Any, vote: Vote) -> Vote:
    """The chair closes a vote; its count is sealed on the row (a secret vote's tally slots
    summed). The exclusive lock waits for the ballots being cast, named or secret."""
    if not is_chair(actor, vote.item.meeting):
        raise PermissionDenied(_("Only the chair can open or close a vote."))
    with transaction.atomic():
        locked = row_lock(Vote.objects.all(), vote.pk)
        return vote_seal(locked, actor=actor, action=A.VOTE_CLOSED)


def vote_seal(
    locked: Vote, *, actor: Any, action: str, changes: dict[str, Any] | None = None
) -> Vote:
    """Close ``locked`` (its row locked by the caller) and seal its count on the row: a named
    vote's ballots counted, a secret vote's tally slots summed and deleted. The one close of a
    vote, by the chair or at the written ballots' deadline."""
    target = rules.VOTE_TRANSITIONS.target("close", locked.status)
    fields: dict[str, Any] = {"status": target, "closed_at": timezone.now()}
    if locked.secret:
        counted = _tallies_sum(locked)
    else:
        counted = rules.vote_count(locked.ballots.values_list("choice", flat=True))
    fields.update({COUNT_FIELDS[choice]: n for choice, n in counted.items()})
    fields.update(_outcome_fields(locked, counted[Choice.FOR]))
    return versioned_update(actor=actor, row=locked, action=action, fields=fields, changes=changes)


def _tallies_sum(locked: Vote) -> dict[Choice, int]:
    """A secret vote's count: its tally slots summed, then deleted (only the totals stay)."""
    tallies = SecretTally.objects.filter(vote=locked)
    sums = tallies.aggregate(**{field: Sum(field) for field in COUNT_FIELDS.values()})
    tallies.delete()
    return {choice: sums[field] or 0 for choice, field in COUNT_FIELDS.items()}


def _outcome_fields(locked: Vote, count_for: int) -> dict[str, Any]:
    """The vote's result under the rule it opened with: the meeting's invitees are its
    members; those present are the invitees checked in at the close and the absent members
    who answered a written ballot."""
    invitees = Invitee.objects.filter(meeting_id=locked.item.meeting_id).aggregate(
        members=Count("pk"), present=Count("pk", filter=Q(checked_in_at__isnull=False))
    )
    written = locked.written_ballots.filter(answered_at__isnull=False).count()
    outcome = rules.vote_outcome(
        rule=rules.MajorityRule(locked.majority_base, locked.majority_share),
        count_for=count_for,
        members=invitees["members"],
        present=invitees["present"] + written,
        voted=locked.turnout.count(),
    )
    return {"counted": outcome.counted, "needed": outcome.needed, "passed": outcome.passed}
