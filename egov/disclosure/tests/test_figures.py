"""Figures of disclosure and consultation, checked against naive counts of the same rows, and
their query counts constant in the number of units."""

from __future__ import annotations

import datetime
from decimal import Decimal

from egov.common.figures import figure_get
from egov.disclosure import services
from egov.disclosure.tests.conftest import at
from egov.disclosure.tests.test_services import open_consultation, publish

D = datetime.date


def read(code: str, first: datetime.date, last: datetime.date, unit_ids=None) -> dict:
    return figure_get(code).read(first=first, last=last, unit_ids=unit_ids)


def test_consultation_figures_match_the_rows(clock, world, people, draft):
    consultation = open_consultation(world, people, draft)
    one = services.comment_send(actor=people.citizen, consultation=consultation, body="Một.")
    services.comment_send(actor=people.other_citizen, consultation=consultation, body="Hai.")
    clock.set(at(2026, 3, 2, 11))  # two hours after the comments
    services.comments_answer(actor=people.consulting_officer, comments=[one], answer="Tiếp thu.")
    month = (D(2026, 3, 1), D(2026, 3, 31))

    assert read("disclosure.consultations_held", *month) == {world.dept.pk: 1}
    assert read("disclosure.comments_received", *month) == {world.dept.pk: 2}
    assert read("disclosure.comments_answered", *month) == {world.dept.pk: 1}
    assert read("disclosure.answer_minutes", *month) == {world.dept.pk: Decimal(120)}
    assert read("disclosure.comments_received", D(2026, 4, 1), D(2026, 4, 30)) == {}
    assert read("disclosure.comments_received", *month, unit_ids=[world.commune_a.pk]) == {}


def test_duty_figures_count_each_communes_duties_due_in_the_range(clock, world, people):
    clock.set(at(2026, 1, 12))
    publish(people.commune_officer, world.commune_a, display_from=D(2026, 1, 12))
    january_february = (D(2026, 1, 1), D(2026, 2, 28))
    communes = [world.commune_a.pk, world.commune_b.pk]

    due = read("disclosure.duties_due", *january_february, unit_ids=communes)
    on_time = read("disclosure.duties_on_time", *january_february, unit_ids=communes)
    late = read("disclosure.duties_late", *january_february, unit_ids=communes)

    # due in January-February 2026: the budget estimate (20 working days from 1 January), the
    # land-use plan (15), the budget execution of the last quarter of 2025 (10 after 31
    # December), the poor-household list of 2025 (10 after 31 December), the satisfaction
    # results of 2025 (30 after 31 December)
    assert due == {world.commune_a.pk: 5, world.commune_b.pk: 5}
    assert on_time == {world.commune_a.pk: 1}
    assert late == {world.commune_a.pk: 4, world.commune_b.pk: 5}


def test_duty_figures_take_a_constant_number_of_queries(
    clock, world, people, django_assert_num_queries
):
    publish(people.commune_officer, world.commune_a)
    # duties, calendar revision, units, items
    with django_assert_num_queries(4):
        read("disclosure.duties_due", D(2026, 1, 1), D(2026, 12, 31))
