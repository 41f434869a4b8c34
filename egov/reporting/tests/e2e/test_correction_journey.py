"""Journey of a correction after acceptance: a commune's report, accepted by the department
(the regime's receiving unit) and acknowledged by the national reporting system, is reopened
by the commune's officer with a reason, corrected and sent again; the department accepts it,
and the report's page shows the accepted version kept and the correction acknowledged by the
national system as a correction of the first receipt.

Set-up (regime, period, the first version sent and accepted) goes through fixtures and
services; what people do goes through the pages."""

from __future__ import annotations

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from conftest import make_officer
from egov.common.periods import period_of
from egov.integration.services import client as connector_client
from egov.integration.simulators.national_reporting import reports_forget, reports_received
from egov.integration.tests.conftest import InProcess
from egov.reporting import services
from egov.reporting.models import NationalSending, Submission
from egov.reporting.tests.conftest import INDICATORS
from egov.reporting.tests.e2e.test_report_journey import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
REASON = "Số thu ngân sách điều chỉnh theo Kho bạc"


def test_reopen_correct_send_accept_and_the_correction_reaches_the_national_system(
    world, english_page, live_server, settings
) -> None:
    settings.EGOV_INTEGRATION_SIMULATORS = True
    settings.SITE_URL = "http://testserver"
    connector_client.transport_set(InProcess(app=WSGIHandler()))
    reports_forget()
    try:
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
        services.period_open(
            actor=None, regime=regime, period=period_of("month", timezone.localdate())
        )
        filler = make_officer("chuyenvien.phucxa@example.vn", world.commune_a, "specialist")
        receiver = make_officer("chuyenvien.stc@example.vn", world.dept, "specialist")
        report = Submission.objects.get(regime=regime, unit=world.commune_a)
        report = services.submission_save(
            actor=filler,
            submission=report,
            values={"01": "1250,5", "02": "7,2", "03": "12"},
            expected_version=report.version,
        )
        report = services.submission_submit(
            actor=filler, submission=report, expected_version=report.version
        )
        services.submission_accept(
            actor=receiver, submission=report, expected_version=report.version
        )
        assert NationalSending.objects.get().receipt == "TN00000001"
        base = live_server.url
        url = f"{base}{reverse('reporting:submission-detail', args=[report.pk])}"

        officer = english_page()
        log_in(officer, base, "chuyenvien.phucxa@example.vn")
        officer.goto(url)
        expect(officer.locator("#report-status")).to_have_text("accepted")
        officer.get_by_label("Reason for correction").fill(REASON)
        officer.get_by_role("button", name="Reopen for correction").click()
        expect(officer.locator("#report-status")).to_have_text("returned for correction")
        expect(officer.locator("#report-versions")).to_contain_text(REASON)
        expect(officer.locator("#report-versions")).to_contain_text("01: 1250.5")
        officer.get_by_label("Thu ngân sách").fill("1300")
        officer.get_by_role("button", name="Send the report").click()
        expect(officer.locator("#report-status")).to_have_text("submitted")

        department = english_page()
        log_in(department, base, "chuyenvien.stc@example.vn")
        department.goto(url)
        department.get_by_role("button", name="Accept the report").click()
        expect(department.locator("#report-status")).to_have_text("accepted")
        rows = department.locator("#national-sendings tbody tr")
        expect(rows).to_have_count(2)
        expect(rows.first).to_contain_text("correction of TN00000001")
        expect(rows.first).to_contain_text("TN00000002")
        expect(rows.first.locator(".national-state")).to_have_text("acknowledged")
    finally:
        connector_client.transport_set(None)
        connector_client.breakers_reset()
    first, second = (item["message"] for item in reports_received())
    assert second["HieuChinh"] == {"MaTiepNhanTruoc": "TN00000001", "LyDo": REASON}
    assert (first["PhienBan"], second["PhienBan"]) == (1, 2)
    reports_forget()
