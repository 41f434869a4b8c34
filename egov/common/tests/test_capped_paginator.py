"""CappedPaginator: pages of a long list read without a count (one row more than shown), counted
only up to the cap for a page past the end."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from egov.common.pagination import CappedPaginator
from egov.orgs.models import OrgUnit
from egov.orgs.services import orgunit_create


def test_the_count_stops_at_the_cap_and_later_pages_are_not_offered(db):
    for n in range(7):
        orgunit_create(actor=None, name=f"Đơn vị {n}", kind="province")
    units = OrgUnit.objects.order_by("pk")

    paginator = CappedPaginator(units, 2, cap=5)
    with CaptureQueriesContext(connection) as counted:
        last = paginator.get_page(99)
        names = [u.name for u in last.object_list]

    assert paginator.count == 5 and paginator.num_pages == 3
    assert last.number == 3 and names == ["Đơn vị 4"]
    assert not last.has_next() and len(counted) == 2
    assert CappedPaginator(list(units), 2, cap=5).count == 5
    assert CappedPaginator(units, 2, cap=100).count == 7


def test_a_page_reads_one_row_more_than_it_shows_and_counts_nothing(db):
    for n in range(7):
        orgunit_create(actor=None, name=f"Đơn vị {n}", kind="province")
    units = OrgUnit.objects.filter(name__startswith="Đơn vị").order_by("pk")
    paginator = CappedPaginator(units, 2, cap=5)

    with CaptureQueriesContext(connection) as read:
        pages = [paginator.get_page(number) for number in (1, 2, 3, "x")]
        names = [[u.name for u in page.object_list] for page in pages]

    assert len(read) == 4  # one a page; "x" is the first page again
    first_two = ["Đơn vị 0", "Đơn vị 1"]
    assert names == [first_two, ["Đơn vị 2", "Đơn vị 3"], ["Đơn vị 4"], first_two]
    first, second, third, _again = pages
    assert first.has_next() and not first.has_previous() and first.next_page_number() == 2
    assert second.has_previous() and second.previous_page_number() == 1 and second.has_next()
    assert not third.has_next() and third.has_other_pages()


def test_a_page_past_the_rows_is_the_last_one_counted(db):
    for n in range(3):
        orgunit_create(actor=None, name=f"Đơn vị {n}", kind="province")
    units = OrgUnit.objects.filter(name__startswith="Đơn vị").order_by("pk")

    last = CappedPaginator(units, 2, cap=100).get_page(4)
    empty = CappedPaginator(units.none(), 2, cap=100).get_page(3)

    assert last.number == 2 and [u.name for u in last.object_list] == ["Đơn vị 2"]
    assert not last.has_next() and last.has_previous()
    assert empty.number == 1 and list(empty.object_list) == [] and not empty.has_other_pages()
