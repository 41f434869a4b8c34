"""Journey to the complaints figures on a phone: the city inspector opens the petitions, goes
to the figures, sees the district with a case past its time limit named with its count and
the charts, follows it to that district's late cases, and downloads the workbook; the page
fits the phone's width (its wide tables scroll inside themselves)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from egov.common.tables import sheet_rows, xlsx_open
from egov.complaints.tests.e2e.test_complaint_journey import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


def test_the_inspector_walks_to_the_late_units_and_their_cases_on_a_phone(
    browser, live_server, cases, inspectorate, world
) -> None:
    late, _settled, _other = cases
    base = live_server.url
    context = browser.new_context(locale="en-US", viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(15000)
    try:
        log_in(page, base, "thanhtra.tp@example.vn")
        page.goto(f"{base}{reverse('complaints:petition-list')}")
        page.get_by_role("link", name="Figures", exact=True).click()

        expect(
            page.get_by_role("heading", name="Complaints and denunciations: figures")
        ).to_be_visible()
        expect(page.locator("#overdue-now")).to_have_text("1")
        late_units = page.locator("#late-units")
        expect(late_units.get_by_role("link", name=world.district_a.name)).to_be_visible()
        expect(page.locator("figure.figures-chart").first).to_be_visible()
        fits = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        assert fits

        page.get_by_label("Period", exact=True).select_option("quarter")
        page.get_by_label("Containing the day", exact=True).fill("2026-09-15")
        page.get_by_role("button", name="Show").click()
        expect(page.locator("#figures-series tbody tr").last).to_contain_text("Quarter 3/2026")

        with page.expect_download() as download:
            page.locator("#figures-xlsx").click()
        book = xlsx_open(download.value.path().read_bytes())
        assert next(iter(sheet_rows(book["Figures"])))[3] == "Quarter 3/2026"
        book.close()

        late_units.get_by_role("link", name=world.district_a.name).click()
        expect(page.locator("#list-filter")).to_contain_text("past their time limit")
        rows = page.locator("table tbody tr")
        expect(rows).to_have_count(1)
        expect(rows.first).to_contain_text(late.number)
    finally:
        context.close()
