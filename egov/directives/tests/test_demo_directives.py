"""The Hà Nội demo of task tracking: through the services, every task state on the day it is
loaded, a granted extension, and the published press release of the past working week."""

from __future__ import annotations

import datetime

import pytest

from egov.accounts.services import officer_account_create
from egov.audit.selectors import audit_chain_verify
from egov.directives.demo import directives_demo_load
from egov.directives.models import DeadlineExtension, PressRelease
from egov.directives.scoreboard.selectors import ScoreFilters, scoreboard_for
from egov.directives.serving import dimension_panels
from egov.directives.tests.conftest import at
from egov.orgs.loaders import orgs_dataset_load
from egov.orgs.models import OrgUnit
from egov.orgs.services import membership_grant

D = datetime.date


@pytest.fixture
def hanoi_demo(db, clock, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    clock.set(at(2026, 11, 22, 17))
    orgs_dataset_load(actor=None, name="hanoi-2020")
    people = {}
    for email, unit_name, kind in (
        ("chanhvanphong@hanoi.demo", "Thành phố Hà Nội", "province"),
        ("chutich.badinh@hanoi.demo", "Quận Ba Đình", "district"),
    ):
        user = officer_account_create(
            actor=None, full_name=email.split("@")[0], email=email, password="Egov@2026"
        )
        unit = OrgUnit.objects.active().get(kind=kind, name=unit_name)
        membership_grant(
            actor=None,
            user=user,
            unit=unit,
            role="unit_head",
            includes_subtree=True,
            started_on=D(2020, 1, 2),
        )
        people[email] = user
    return people


def test_demo_has_every_state_and_a_published_press_release(hanoi_demo):
    made = directives_demo_load()

    office = hanoi_demo["chanhvanphong@hanoi.demo"]
    board = scoreboard_for(
        user=office,
        filters=ScoreFilters(
            period_from=D(2025, 1, 1), period_to=D(2026, 12, 31), today=D(2026, 11, 22)
        ),
    )
    total = board.total
    assert made["directives"] == 4
    assert made["tasks"] == total.assigned == 15
    assert (
        total.done_on_time,
        total.done_late,
        total.overdue,
        total.not_reported,
        total.in_progress_on_time,
        total.not_yet_due,
    ) == (2, 1, 2, 1, 2, 7)
    assert (total.reports_late, total.reports_not_sent) == (2, 2)
    assert DeadlineExtension.objects.filter(status="granted").count() == 1
    release = PressRelease.objects.get()
    # Numbered in the city's register of the year: after the directives entered in it.
    assert (release.status, release.number_notation) == ("published", "413/TCBC-UBND")
    assert (release.period_start, release.period_end) == (D(2026, 11, 16), D(2026, 11, 20))
    assert [item["headline"][:20] for item in release.items] == [
        "Kết luận của Chủ tịc",
        "Về việc chủ động ứng",
    ]
    # two tasks serve a governance-index dimension: the standings page lists them at once
    papi = dimension_panels(office, OrgUnit.objects.get(kind="province"), "papi")
    pci = dimension_panels(office, OrgUnit.objects.get(kind="province"), "pci")
    assert [row.label[:30] for row in papi["e_governance"].rows] == [
        "Nâng cấp Cổng dịch vụ công Thà"
    ]
    assert [row.label[:30] for row in pci["land_access"].rows] == ["Hoàn thành thẩm định giá đất c"]
    assert papi["participation"].rows == ()
    assert audit_chain_verify().is_intact
