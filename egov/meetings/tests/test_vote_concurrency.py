"""A real race on PostgreSQL: a named ballot being cast holds its vote open (a share lock, so
the conference's ballots are cast side by side), and the chair's close waits for it and counts
it (issue 19)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, transaction

from egov.meetings import services
from egov.meetings.tests.test_views import _invited

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks need PostgreSQL; SQLite serialises writers",
)


@pytest.mark.django_db(transaction=True)
def test_the_close_waits_for_a_named_ballot_being_cast_and_counts_it(world, people, clock):
    meeting, item, _paper = _invited(world, people)
    services.invitee_check_in(actor=people.office, invitee=meeting.invitees.get())
    vote = services.vote_open(actor=people.chairman, item=item, question="Thông qua?")
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
