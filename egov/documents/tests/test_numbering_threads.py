"""A real race: two clerks issuing at the same second get consecutive numbers, never the same
one and none skipped (two threads, two connections, PostgreSQL row locks)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from egov.documents.choices import NumberSeries
from egov.documents.models import Document, NumberRegister
from egov.documents.services import document_sign_and_issue
from egov.documents.services.numbering import register_next_number
from egov.documents.tests.factories import approved

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks need PostgreSQL; SQLite serialises through IMMEDIATE transactions",
)


def _race(*actions) -> list[object]:
    barrier, results = threading.Barrier(len(actions)), []

    def run(action) -> None:
        barrier.wait()
        try:
            results.append(action())
        except Exception as error:  # the test shows what went wrong
            results.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(a,)) for a in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.mark.django_db(transaction=True)
def test_two_documents_issued_at_once_get_consecutive_numbers(
    docs_world, specialist, division_head, unit_head, fake_signing
):
    first = approved(specialist, division_head, docs_world.division_a)
    second = approved(specialist, division_head, docs_world.division_a)

    results = _race(
        lambda: document_sign_and_issue(actor=unit_head, document=first, expected_version=3),
        lambda: document_sign_and_issue(actor=unit_head, document=second, expected_version=3),
    )

    assert all(isinstance(r, Document) for r in results), results
    assert sorted(Document.objects.values_list("number_notation", flat=True)) == [
        "01/UBND-VHTT",
        "02/UBND-VHTT",
    ]
    assert NumberRegister.objects.get().last_number == 2


@pytest.mark.django_db(transaction=True)
def test_a_new_register_created_by_two_at_once_counts_once(docs_world):
    def take_three() -> list[int]:
        return [
            register_next_number(unit=docs_world.district_a, series=NumberSeries.GENERAL, year=2027)
            for _ in range(3)
        ]

    results = _race(take_three, take_three, take_three)

    assert sorted(n for batch in results for n in batch) == list(range(1, 10))
    assert NumberRegister.objects.get(year=2027).last_number == 9
