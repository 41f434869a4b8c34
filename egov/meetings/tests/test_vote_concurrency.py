"""A real race on PostgreSQL: a ballot being cast, named or secret, holds its vote open (a share
lock, so the conference's ballots are cast side by side; a secret one adds to a tally slot, not
to the vote row), and the chair's close waits for it and counts it (issue 19)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, transaction

from egov.meetings import services
from egov.meetings.models import SecretTally
from egov.meetings.services import votes
from egov.meetings.tests.test_views import _invited

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks need PostgreSQL; SQLite serialises writers",
)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("secret", [False, True], ids=["named", "secret"])
def test_the_close_waits_for_a_ballot_being_cast_and_counts_it(world, people, clock, secret):
    meeting, item, _paper = _invited(world, people)
    services.invitee_check_in(actor=people.office, invitee=meeting.invitees.get())
    vote = services.vote_open(
        actor=people.chairman, item=item, question="Thông qua?", secret=secret
    )
    cast, release, closed = threading.Event(), threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def voter() -> None:
        try:
            with transaction.atomic():
                services.vote_cast(actor=people.dept_head, vote=vote, choice="for")
                cast.set()
                release.wait(10)
        except BaseException as error:
            errors.append(error)
            cast.set()
        finally:
            connection.close()

    def chair() -> None:
        try:
            services.vote_close(actor=people.chairman, vote=vote)
            closed.set()
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    first = threading.Thread(target=voter)
    first.start()
    assert cast.wait(10)
    second = threading.Thread(target=chair)
    second.start()
    waited = not closed.wait(0.5)  # the ballot's transaction is still open
    release.set()
    first.join(10)
    second.join(10)

    assert errors == []
    assert waited
    vote.refresh_from_db()
    assert (vote.status, vote.count_for) == ("closed", 1)


def _held_ballot(vote, voter, choice, cast, release, errors) -> None:
    """Cast a ballot and keep its transaction open until ``release``."""
    try:
        with transaction.atomic():
            services.vote_cast(actor=voter, vote=vote, choice=choice)
            cast.set()
            release.wait(10)
    except BaseException as error:
        errors.append(error)
        cast.set()
    finally:
        connection.close()


def _two_held_ballots(vote, people) -> tuple[bool, list[BaseException]]:
    """The head casts "for" and keeps the transaction open; meanwhile the staff member casts
    "against". Return whether the second was cast while the first was still open, and the
    errors of both."""
    first_cast, second_cast, release = threading.Event(), threading.Event(), threading.Event()
    errors: list[BaseException] = []
    first = threading.Thread(
        target=_held_ballot,
        args=(vote, people.dept_head, "for", first_cast, release, errors),
    )
    first.start()
    assert first_cast.wait(10)
    second = threading.Thread(
        target=_held_ballot,
        args=(vote, people.dept_staff, "against", second_cast, release, errors),
    )
    second.start()
    side_by_side = second_cast.wait(5)
    release.set()
    first.join(10)
    second.join(10)
    return side_by_side, errors


@pytest.mark.django_db(transaction=True)
def test_secret_ballots_in_other_slots_do_not_wait_for_each_other(
    world, people, clock, monkeypatch
):
    meeting, item, _paper = _invited(world, people)
    services.invitee_check_in(actor=people.office, invitee=meeting.invitees.get())
    vote = services.vote_open(actor=people.chairman, item=item, question="Bầu?", secret=True)
    picks = iter([2, 7])
    monkeypatch.setattr(votes, "_tally_slot", lambda: next(picks))
    side_by_side, errors = _two_held_ballots(vote, people)
    closed = services.vote_close(actor=people.chairman, vote=vote)

    assert errors == []
    assert side_by_side
    assert (closed.count_for, closed.count_against, closed.count_abstain) == (1, 1, 0)


@pytest.mark.django_db(transaction=True)
def test_a_secret_ballot_takes_the_next_free_slot_when_its_random_one_is_held(
    world, people, clock, monkeypatch
):
    meeting, item, _paper = _invited(world, people)
    services.invitee_check_in(actor=people.office, invitee=meeting.invitees.get())
    vote = services.vote_open(actor=people.chairman, item=item, question="Bầu?", secret=True)
    monkeypatch.setattr(votes, "_tally_slot", lambda: 15)  # both pick the last slot
    side_by_side, errors = _two_held_ballots(vote, people)  # the first holds slot 15
    slots = sorted(
        (row.slot, row.count_for, row.count_against)
        for row in SecretTally.objects.filter(vote=vote)
        if row.count_for or row.count_against
    )
    closed = services.vote_close(actor=people.chairman, vote=vote)

    assert errors == []
    assert side_by_side
    assert slots == [(0, 0, 1), (15, 1, 0)]  # counted on from 15: the next free slot is 0
    assert (closed.count_for, closed.count_against, closed.count_abstain) == (1, 1, 0)
