"""CappedPaginator: pages of a long list counted only up to the cap."""

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
