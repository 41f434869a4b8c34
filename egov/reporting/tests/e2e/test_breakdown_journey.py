"""A broken-down indicator in the page: a commune officer types the jobs created by sex and a
total that does not add up, is told the sum on that cell, leaves the total empty and sees it
added up; the department sees each option rolled up on the regime's page."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from conftest import make_officer
from egov.common.periods import period_of
from egov.reporting import services
from egov.reporting.models import Submission
from egov.reporting.tests.e2e.test_report_journey import log_in
from egov.reporting.tests.test_breakdown import JOBS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_options_typed_total_checked_then_added_up_and_rolled_up(
    world, english_page, live_server
) -> None:
    base = live_server.url
    regime = services.regime_create(
        actor=None,
        indicators=[JOBS],
        code="viec-lam",
        name="Báo cáo việc làm tháng",
        legal_basis="Nghị định 09/2019/NĐ-CP",
        frequency="month",
        reporter_kind="commune",
        reporter_root=world.city,
        receiving_unit=world.dept,
        deadline_days=2,
    )
    services.period_open(actor=None, regime=regime, period=period_of("month", timezone.localdate()))
    make_officer("cv.phucxa@example.vn", world.commune_a, "specialist")
    make_officer("cv.stc@example.vn", world.dept, "specialist")
    report = Submission.objects.get(regime=regime, unit=world.commune_a)

    commune = english_page()
    log_in(commune, base, "cv.phucxa@example.vn")
    commune.goto(f"{base}{reverse('reporting:submission-detail', args=[report.pk])}")
    expect(commune.locator("#row-01")).to_contain_text("Broken down by Giới tính")
    commune.get_by_label("Lao động được tạo việc làm: Nam").fill("70")
    commune.get_by_label("Lao động được tạo việc làm: Nữ").fill("50")
    commune.get_by_label("Lao động được tạo việc làm", exact=True).fill("130")
    commune.get_by_role("button", name="Save draft").click()
    expect(commune.locator("#row-01 .error")).to_contain_text("not the sum of its breakdown (120)")
    commune.get_by_label("Lao động được tạo việc làm", exact=True).fill("")
    commune.get_by_role("button", name="Send the report").click()
    expect(commune.locator("#report-status")).to_have_text("submitted")
    expect(commune.locator("#row-01")).to_contain_text("120")

    department = english_page()
    log_in(department, base, "cv.stc@example.vn")
    department.goto(f"{base}{reverse('reporting:regime-completeness', args=[regime.pk])}")
    expect(department.locator("#rollup")).to_contain_text("Lao động được tạo việc làm: Nữ")
    expect(department.locator("#rollup tbody tr")).to_have_count(3)
