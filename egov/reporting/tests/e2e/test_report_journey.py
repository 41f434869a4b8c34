"""Journey of periodic reporting: a commune officer fills and sends the monthly report, the
receiving department returns it with a reason, the officer corrects and sends it again, the
department accepts it and the completeness page counts it on time, naming the commune that
has not reported. Set-up goes through fixtures; what people do goes through the pages."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from conftest import PASSWORD, make_officer
from egov.common.periods import period_of
from egov.reporting import services
from egov.reporting.models import Submission
from egov.reporting.tests.conftest import INDICATORS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page: object, base: str, login: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("E-mail or phone number").fill(login)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def test_fill_send_return_correct_accept_and_count(world, english_page, live_server) -> None:
    regime = services.regime_create(
        actor=None,
        indicators=INDICATORS,
        code="kt-xh",
        name="Báo cáo kinh tế - xã hội tháng",
        legal_basis="Nghị định 09/2019/NĐ-CP",
        frequency="month",
        reporter_kind="commune",
        reporter_root=world.city,
        receiving_unit=world.dept,
        deadline_days=2,
    )
    services.period_open(actor=None, regime=regime, period=period_of("month", timezone.localdate()))
    make_officer("chuyenvien.phucxa@example.vn", world.commune_a, "specialist")
    make_officer("chuyenvien.stc@example.vn", world.dept, "specialist")
    base = live_server.url

    officer = english_page()
    log_in(officer, base, "chuyenvien.phucxa@example.vn")
    officer.locator("#workspace-menu summary", has_text="Direction").click()
    officer.get_by_role("link", name="Periodic reports").first.click()
    officer.get_by_role("link", name="Báo cáo kinh tế - xã hội tháng").click()
    officer.get_by_label("Thu ngân sách").fill("1.250,5")
    officer.get_by_label("Tăng trưởng GRDP").fill("abc")
    officer.get_by_label("Doanh nghiệp mới").fill("12")
    officer.get_by_role("button", name="Send the report").click()
    expect(officer.get_by_role("alert")).to_contain_text("02: Give a number.")
    officer.get_by_label("Tăng trưởng GRDP").fill("7,2")
    officer.get_by_role("button", name="Send the report").click()
    expect(officer.locator("#report-status")).to_have_text("submitted")
    report_url = officer.url

    department = english_page()
    log_in(department, base, "chuyenvien.stc@example.vn")
    department.goto(report_url)
    department.get_by_label("Reason for return").fill("Số thu ngân sách chưa khớp Kho bạc")
    department.get_by_role("button", name="Return for correction").click()
    expect(department.locator("#report-status")).to_have_text("returned for correction")

    officer.reload()
    expect(officer.locator("dd", has_text="Số thu ngân sách chưa khớp Kho bạc")).to_be_visible()
    officer.get_by_label("Thu ngân sách").fill("1300")
    officer.get_by_role("button", name="Send the report").click()
    expect(officer.locator("#report-status")).to_have_text("submitted")

    department.reload()
    department.get_by_role("button", name="Accept the report").click()
    expect(department.locator("#report-status")).to_have_text("accepted")
    department.goto(f"{base}{reverse('reporting:regime-completeness', args=[regime.pk])}")
    cells = department.locator("#completeness tbody td")
    expect(cells).to_have_text(["2", "1", "1", "0", "1"])  # expected, sent, on time, late, missing
    expect(department.locator("#on-time-units")).to_contain_text("Phường Phúc Xá")
    expect(department.locator("#missing-units")).to_contain_text("Phường Hàng Trống")
    expect(department.locator("#rollup")).to_contain_text("1300")
    mine = Submission.objects.get(regime=regime, unit=world.commune_a)
    assert (mine.status, mine.times_submitted) == ("accepted", 2)
