"""The city's completeness page names every reporting unit (609 at the size of Hà Nội before
2025): its queries stay the same in number whatever the number of units, and each unit's link
is the report's page. Its time is measured by ``python -m bench.reporting_city_table``."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import World, make_officer
from egov.orgs.services import orgunit_create
from egov.reporting import services
from egov.reporting.choices import Frequency, SubmissionStatus
from egov.reporting.models import Submission
from egov.reporting.tests.conftest import INDICATORS, MAY

pytestmark = pytest.mark.django_db


def _city(world: World, districts: int, communes: int, extra: int = 0) -> None:
    """``districts`` more districts of ``communes`` communes each (the first ``extra`` more)."""
    for d in range(districts):
        district = orgunit_create(
            actor=None, name=f"Huyện thử {d}", kind="district", parent=world.city
        )
        for c in range(communes + (extra if d == 0 else 0)):
            orgunit_create(actor=None, name=f"Xã thử {d}.{c}", kind="commune", parent=district)


def _regime(world: World):
    regime = services.regime_create(
        actor=None,
        indicators=INDICATORS,
        levels=[services.LevelIn("district", 4)],
        code="kt-xh-city",
        name="Báo cáo kinh tế - xã hội tháng",
        legal_basis="Nghị định 09/2019/NĐ-CP",
        frequency=Frequency.MONTH,
        reporter_kind="commune",
        reporter_root=world.city,
        receiving_unit=world.city,
        deadline_days=2,
    )
    services.period_open(actor=None, regime=regime, period=MAY)
    ids = list(Submission.objects.filter(regime=regime).values_list("pk", flat=True))
    Submission.objects.filter(pk__in=ids[::3]).update(status=SubmissionStatus.DRAFT)
    return regime


def _page(client, regime, level: int) -> tuple[int, str, CaptureQueriesContext]:
    url = reverse("reporting:regime-completeness", args=[regime.pk])
    with CaptureQueriesContext(connection) as queries:
        answer = client.get(url, {"period": MAY.first.isoformat(), "level": level})
    assert answer.status_code == 200
    return len(queries), answer.content.decode(), queries


@pytest.mark.parametrize("level", [0, 1])
def test_the_city_page_reads_a_constant_number_of_queries(world: World, client, level) -> None:
    head = make_officer("chanhvanphong@example.vn", world.city, "unit_head", subtree=True)
    _city(world, 2, 2)
    regime = _regime(world)
    client.force_login(head)
    small, _page_html, _q = _page(client, regime, level)
    _city(world, 3, 4)
    services.period_open(actor=None, regime=regime, period=MAY)
    large, page, queries = _page(client, regime, level)
    assert large == small == PINNED, [q["sql"][:200] for q in queries.captured_queries]
    report = Submission.objects.filter(regime=regime, level=level).order_by("unit__path").first()
    link = reverse("reporting:submission-detail", args=[report.pk])
    assert f'<a href="{link}">{report.unit.name}</a>' in page


# session, user, reach, notifications, the regime, its periods, levels, the reports of the
# level, the count behind the roll-up, the totals, the indicators…
PINNED = 14
