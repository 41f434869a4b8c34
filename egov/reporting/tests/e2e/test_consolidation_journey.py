"""The issue's "Done when" journey: the city office publishes a monthly regime with a
10-indicator form (commune → district → city); two communes of a district fill it, one by
uploading the form's workbook with one wrong cell fixed, the other late; the district returns
one report, accepts the corrected one, consolidates the accepted reports into its own, changes
one value with a note and sends it upward; the city sees completeness with the late commune
named and the consolidated values; accepting the district's report, the city sends it to the
national reporting system, which acknowledges it.

Set-up (units, officers, the draft regime with nine indicators, opening the period, the clock
moved past the deadline) goes through fixtures and services; what people do goes through the
pages. The district's chairman signs its report from the report's page (the documents app's
signing, PAdES) and the city downloads the signed copy."""

from __future__ import annotations

import datetime
import io

import openpyxl
import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from conftest import make_officer
from egov.common.periods import period_of
from egov.documents.signing import pdf_verify
from egov.documents.tests.conftest_pki import pki, pki_material  # noqa: F401 - fixtures
from egov.integration.services import client as connector_client
from egov.integration.simulators.national_reporting import reports_forget, reports_received
from egov.integration.tests.conftest import InProcess
from egov.orgs.models import OrgUnit
from egov.orgs.services import orgunit_create
from egov.reporting import editing, services
from egov.reporting.models import Regime, Submission
from egov.reporting.tests.e2e.test_report_journey import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
NINE = [
    ("01", "Tăng trưởng GRDP", "%", "decimal", "avg"),
    ("02", "Chỉ số sản xuất công nghiệp", "%", "decimal", "avg"),
    ("03", "Kim ngạch xuất khẩu", "triệu USD", "decimal", "sum"),
    ("04", "Tổng mức bán lẻ", "tỷ đồng", "decimal", "sum"),
    ("05", "Thu ngân sách", "tỷ đồng", "decimal", "sum"),
    ("06", "Doanh nghiệp thành lập mới", "doanh nghiệp", "integer", "sum"),
    ("07", "Lao động có việc làm mới", "người", "integer", "sum"),
    ("08", "Hộ nghèo", "hộ", "integer", "sum"),
    ("09", "Vốn đầu tư công giải ngân", "tỷ đồng", "decimal", "sum"),
]
A_VALUES = ["7,1", "6,5", "120", "2400", "850", "35", "410", "12", "95"]


def _fill_workbook(content: bytes, values: list[object]) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(content))
    sheet = book.worksheets[0]
    for row, value in enumerate(values, 2):
        sheet.cell(row=row, column=4, value=value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_publish_fill_upload_late_return_consolidate_send_up(
    world,
    english_page,
    live_server,
    monkeypatch,
    tmp_path,
    pki,  # noqa: F811 - the fixture imported above
    settings,
) -> None:
    base = live_server.url
    OrgUnit.objects.filter(pk=world.district_a.pk).update(short_name="UBND")
    pki.issue(world.district_a)
    make_officer("chutich.badinh@example.vn", world.district_a, "unit_head")
    truc_bach = orgunit_create(
        actor=None, name="Phường Trúc Bạch", kind="commune", parent=world.district_a
    )
    make_officer("cv.stc@example.vn", world.dept, "specialist")
    make_officer("cv.phucxa@example.vn", world.commune_a, "specialist")
    make_officer("cv.trucbach@example.vn", truc_bach, "specialist")
    make_officer("cv.badinh@example.vn", world.district_a, "specialist")
    editor = make_officer("cv.vp@example.vn", world.dept, "division_head")
    draft = editing.regime_draft_create(
        actor=editor,
        code="kt-xh-3cap",
        level_kind="district",
        level_days=4,
        name="Báo cáo kinh tế - xã hội tháng",
        kind="periodic",
        legal_basis="Nghị định 09/2019/NĐ-CP",
        outline="",
        frequency="month",
        reporter_kind="commune",
        reporter_root=world.city,
        receiving_unit=world.dept,
        cutoff_day=14,
        deadline_days=2,
        deadline_unit="working_days",
        sending_method="Hệ thống thông tin báo cáo",
    )
    for code, name, unit, data_type, rule in NINE:
        editing.indicator_add(
            actor=editor,
            regime=draft,
            data={
                "code": code,
                "name": name,
                "unit_of_measure": unit,
                "data_type": data_type,
                "aggregation": rule,
                "required": True,
            },
        )

    # The city office adds the tenth indicator and publishes.
    city = english_page()
    log_in(city, base, "cv.stc@example.vn")
    city.goto(f"{base}{reverse('reporting:regime-form', args=[draft.pk])}")
    form = city.locator("#indicator-form")
    form.locator("#ind_code").fill("10")
    form.locator("#ind_name").fill("Tỷ lệ hồ sơ trực tuyến")
    form.locator("#ind_unit_of_measure").fill("%")
    form.locator("#ind_data_type").select_option("decimal")
    form.locator("#ind_aggregation").select_option("avg")
    form.locator("#ind_min_value").fill("0")
    form.locator("#ind_max_value").fill("100")
    form.get_by_role("button", name="Add the indicator").click()
    expect(city.locator("#indicators tbody tr")).to_have_count(10)
    city.get_by_role("button", name="Publish the regime").click()
    expect(city.locator("#regime-status")).to_have_text("published")
    regime = Regime.objects.get(pk=draft.pk)
    month = period_of("month", timezone.localdate())
    services.period_open(actor=None, regime=regime, period=month)  # the daily run
    due_on = Submission.objects.get(regime=regime, unit=world.commune_a).due_on

    # Phúc Xá fills the form in Excel: one wrong cell named, fixed, uploaded again, sent.
    phuc_xa = english_page()
    log_in(phuc_xa, base, "cv.phucxa@example.vn")
    phuc_xa.locator("#workspace-menu summary", has_text="Direction").click()
    phuc_xa.get_by_role("link", name="Periodic reports").first.click()
    phuc_xa.get_by_role("link", name="Báo cáo kinh tế - xã hội tháng").click()
    expect(phuc_xa.locator("#report-receiver")).to_have_text("Quận Ba Đình")
    with phuc_xa.expect_download() as download:
        phuc_xa.get_by_role("link", name="Download the form (.xlsx)").click()
    blank = download.value.path().read_bytes()
    wrong = tmp_path / "wrong.xlsx"
    wrong.write_bytes(_fill_workbook(blank, [*A_VALUES, "nhiều"]))
    phuc_xa.get_by_label("Filled workbook (.xlsx)").set_input_files(str(wrong))
    phuc_xa.get_by_role("button", name="Upload the values").click()
    expect(phuc_xa.get_by_role("alert")).to_contain_text("10: Give a number.")
    right = tmp_path / "right.xlsx"
    right.write_bytes(_fill_workbook(blank, [*A_VALUES, "62,5"]))
    phuc_xa.get_by_label("Filled workbook (.xlsx)").set_input_files(str(right))
    phuc_xa.get_by_role("button", name="Upload the values").click()
    expect(phuc_xa.get_by_label("Tỷ lệ hồ sơ trực tuyến")).to_have_value("62.5")
    phuc_xa.get_by_role("button", name="Send the report").click()
    expect(phuc_xa.locator("#report-status")).to_have_text("submitted")

    # Two days after the deadline, Trúc Bạch sends late.
    later = timezone.make_aware(datetime.datetime.combine(due_on, datetime.time(9)))
    later += datetime.timedelta(days=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    truc = english_page()
    log_in(truc, base, "cv.trucbach@example.vn")
    truc.locator("#workspace-menu summary", has_text="Direction").click()
    truc.get_by_role("link", name="Periodic reports").first.click()
    truc.get_by_role("link", name="Báo cáo kinh tế - xã hội tháng").click()
    for (_code, name, *_rest), value in zip(NINE, A_VALUES, strict=True):
        truc.get_by_label(name).fill(value)
    truc.get_by_label("Thu ngân sách").fill("900")
    truc.get_by_label("Tỷ lệ hồ sơ trực tuyến").fill("40")
    truc.get_by_role("button", name="Send the report").click()
    expect(truc.locator("#report-status")).to_have_text("submitted")

    # The district returns Trúc Bạch's report, accepts Phúc Xá's.
    district = english_page()
    log_in(district, base, "cv.badinh@example.vn")
    trucs = Submission.objects.get(regime=regime, unit=truc_bach)
    district.goto(f"{base}{reverse('reporting:submission-detail', args=[trucs.pk])}")
    district.get_by_label("Reason for return").fill("Thu ngân sách chưa khớp Kho bạc")
    district.get_by_role("button", name="Return for correction").click()
    expect(district.locator("#report-status")).to_have_text("returned for correction")
    phucs = Submission.objects.get(regime=regime, unit=world.commune_a)
    district.goto(f"{base}{reverse('reporting:submission-detail', args=[phucs.pk])}")
    district.get_by_role("button", name="Accept the report").click()
    expect(district.locator("#report-status")).to_have_text("accepted")

    truc.reload()
    truc.get_by_label("Thu ngân sách").fill("880")
    truc.get_by_role("button", name="Send the report").click()
    expect(truc.locator("#report-status")).to_have_text("submitted")
    district.goto(f"{base}{reverse('reporting:submission-detail', args=[trucs.pk])}")
    district.get_by_role("button", name="Accept the report").click()
    expect(district.locator("#report-status")).to_have_text("accepted")

    # The district consolidates into its own report, changes one value with a note, sends.
    own = Submission.objects.get(regime=regime, unit=world.district_a)
    district.goto(f"{base}{reverse('reporting:submission-detail', args=[own.pk])}")
    expect(district.locator("#children")).to_contain_text("Phường Trúc Bạch")
    district.get_by_role("button", name="Consolidate the accepted reports").click()
    expect(district.get_by_label("Thu ngân sách")).to_have_value("1730")  # 850 + 880
    expect(district.get_by_label("Tỷ lệ hồ sơ trực tuyến")).to_have_value("51.25")  # average
    district.get_by_label("Thu ngân sách").fill("1750")
    district.get_by_role("button", name="Send the report").click()
    expect(district.get_by_role("alert")).to_contain_text("the computed value is 1730")
    district.locator("#note_05").fill("Cộng thêm số thu của quận")
    district.get_by_role("button", name="Send the report").click()
    expect(district.locator("#report-status")).to_have_text("submitted")
    expect(district.locator("#report-receiver")).to_have_text("Sở Thông tin và Truyền thông")

    # The city sees the communes' completeness with the late one named, and the district's
    # consolidated values.
    page = f"{base}{reverse('reporting:regime-completeness', args=[regime.pk])}"
    log_in(city, base, "cv.stc@example.vn")  # the session idled out over the days skipped
    city.goto(page)
    # expected, sent, on time, late, missing (Hàng Trống, of the other district)
    expect(city.locator("#completeness tbody td")).to_have_text(["3", "2", "1", "1", "1"])
    expect(city.locator("#missing-units")).to_contain_text("Phường Hàng Trống")
    expect(city.locator("#late-units")).to_contain_text("Phường Trúc Bạch")
    expect(city.locator("#on-time-units")).to_contain_text("Phường Phúc Xá")
    city.get_by_label("Level").select_option("1")
    city.get_by_role("button", name="Show").click()
    expect(city.locator("#on-time-units")).to_contain_text("Quận Ba Đình")
    expect(city.locator("#missing-units")).to_contain_text("Quận Hoàn Kiếm")
    expect(city.locator("#rollup")).to_contain_text("1750")

    # The district's chairman signs its report from the report's page; the city reads the
    # signed copy.
    chairman = english_page()
    log_in(chairman, base, "chutich.badinh@example.vn")
    chairman.goto(f"{base}{reverse('reporting:submission-detail', args=[own.pk])}")
    expect(chairman.locator("#report-signature")).to_contain_text("Not signed")
    chairman.get_by_role("button", name="Sign the report (digital signature)").click()
    expect(chairman.locator("#report-signature")).to_contain_text("Signed by")
    city.goto(f"{base}{reverse('reporting:submission-detail', args=[own.pk])}")
    expect(city.locator("#report-signature")).to_contain_text("/BC-UBND")
    with city.expect_download() as signed:
        city.get_by_role("link", name="Signed report (PDF)").click()
    [result] = pdf_verify(signed.value.path().read_bytes())
    assert result.intact and result.trusted

    # The city accepts the district's report: it goes to the national reporting system (its
    # simulator, in this process), which acknowledges it with a receipt number.
    settings.EGOV_INTEGRATION_SIMULATORS = True
    settings.SITE_URL = "http://testserver"
    connector_client.transport_set(InProcess(app=WSGIHandler()))
    try:
        city.get_by_role("button", name="Accept the report").click()
        expect(city.locator("#report-status")).to_have_text("accepted")
        expect(city.locator("#national-sendings .national-state")).to_have_text("acknowledged")
        expect(city.locator("#national-sendings")).to_contain_text("TN00000001")
    finally:
        connector_client.transport_set(None)
        connector_client.breakers_reset()
    [received] = reports_received()
    assert received["message"]["DonViBaoCao"]["Ten"] == "Quận Ba Đình"
    assert received["message"]["VanBan"]["DaKySo"] is True
    revenue = next(c for c in received["message"]["ChiTieu"] if c["Ma"] == "05")
    assert revenue["GiaTri"] == "1750"
    reports_forget()
