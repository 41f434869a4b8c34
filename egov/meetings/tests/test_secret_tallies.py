"""A secret vote's count while it is open: each ballot adds to one of the vote's tally slots,
picked at random; the close sums them onto the vote and deletes them (ADR 0017, addendum;
issue 19). The race on PostgreSQL is in ``test_vote_concurrency``."""

from __future__ import annotations

from importlib import import_module

import pytest
from django.apps import apps as django_apps

from egov.meetings import services
from egov.meetings.models import SecretTally, Turnout, Vote
from egov.meetings.services import votes
from egov.meetings.tests.test_session import _invited

COUNTS = ("slot", "count_for", "count_against", "count_abstain")


@pytest.fixture
def secret_vote(world, people, clock):
    meeting, item = _invited(world, people)
    services.invitee_check_in(actor=people.office, invitee=meeting.invitees.get())
    return services.vote_open(actor=people.chairman, item=item, question="Bầu?", secret=True)


def _slots(vote: Vote) -> list[tuple[int, int, int, int]]:
    """The slots that counted something, in slot order."""
    rows = SecretTally.objects.filter(vote=vote).order_by("slot").values_list(*COUNTS)
    return [row for row in rows if any(row[1:])]


def test_secret_ballots_count_in_random_slots_and_the_close_seals_their_sum(
    secret_vote, people, monkeypatch
):
    picks = iter([5, 9])
    monkeypatch.setattr(votes, "_tally_slot", lambda: next(picks))

    services.vote_cast(actor=people.dept_head, vote=secret_vote, choice="for")
    services.vote_cast(actor=people.dept_staff, vote=secret_vote, choice="abstain")
    secret_vote.refresh_from_db()

    assert SecretTally.objects.filter(vote=secret_vote).count() == votes.SECRET_TALLY_SLOTS
    assert _slots(secret_vote) == [(5, 1, 0, 0), (9, 0, 0, 1)]
    assert (secret_vote.count_for, secret_vote.count_against, secret_vote.count_abstain) == (
        0,
        0,
        0,
    )

    closed = services.vote_close(actor=people.chairman, vote=secret_vote)

    assert (closed.count_for, closed.count_against, closed.count_abstain) == (1, 0, 1)
    assert not SecretTally.objects.filter(vote=secret_vote).exists()
    assert Turnout.objects.filter(vote=secret_vote).count() == 2


def test_a_named_vote_has_no_slots(world, people, clock):
    meeting, item = _invited(world, people)
    services.invitee_check_in(actor=people.office, invitee=meeting.invitees.get())

    vote = services.vote_open(actor=people.chairman, item=item, question="Thông qua?")

    assert not SecretTally.objects.filter(vote=vote).exists()


def test_a_secret_ballot_without_slots_is_refused_not_dropped(secret_vote, people):
    SecretTally.objects.filter(vote=secret_vote).delete()

    with pytest.raises(RuntimeError, match="no tally slots"):
        services.vote_cast(actor=people.dept_head, vote=secret_vote, choice="for")

    assert not Turnout.objects.filter(vote=secret_vote).exists()


def test_the_migration_moves_an_open_secret_votes_count_into_its_first_slot(secret_vote, people):
    migration = import_module("egov.meetings.migrations.0016_secret_tallies_of_open_votes")
    SecretTally.objects.filter(vote=secret_vote).delete()
    Vote.objects.filter(pk=secret_vote.pk).update(count_for=3, count_against=1)

    migration.slots_create(django_apps, None)
    migration.slots_create(django_apps, None)  # a second run adds nothing
    secret_vote.refresh_from_db()

    assert SecretTally.objects.filter(vote=secret_vote).count() == votes.SECRET_TALLY_SLOTS
    assert _slots(secret_vote) == [(0, 3, 1, 0)]
    assert (secret_vote.count_for, secret_vote.count_against) == (0, 0)

    services.vote_cast(actor=people.dept_head, vote=secret_vote, choice="for")
    closed = services.vote_close(actor=people.chairman, vote=secret_vote)

    assert (closed.count_for, closed.count_against, closed.count_abstain) == (4, 1, 0)


def test_the_migration_reversed_puts_the_slots_back_on_the_vote(secret_vote, people):
    migration = import_module("egov.meetings.migrations.0016_secret_tallies_of_open_votes")
    services.vote_cast(actor=people.dept_head, vote=secret_vote, choice="against")

    migration.slots_remove(django_apps, None)
    secret_vote.refresh_from_db()

    assert not SecretTally.objects.filter(vote=secret_vote).exists()
    assert (secret_vote.count_for, secret_vote.count_against) == (0, 1)
