"""Journey of the city office: download the indicator definitions and targets, raise a target
from 2026 in the workbook, upload it, read the preview (nothing applied yet), apply it and see
the new target on the dashboard, with the old one kept for the periods before."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from egov.dashboards.models import Target
from egov.dashboards.tests.e2e.test_dashboard_journey import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TRENDS_MS = 30000  # twelve periods computed for a quarter nobody has opened yet


def trends_loaded(page: object) -> None:
    """Wait for the trend table the dashboard loads after it shows (one request at a time on
    the live server's shared in-memory SQLite connection: see test_dashboard_journey)."""
    expect(page.locator("#trend-table")).to_be_visible(timeout=TRENDS_MS)


def test_the_city_office_imports_a_new_target_and_sees_it_on_the_dashboard(
    scene, english_page, live_server, tmp_path: Path
) -> None:
    base = live_server.url
    office = english_page()
    log_in(office, base, scene.leader.email)
    office.goto(f"{base}/workspace/dashboards/?kind=quarter&on=2026-07-15")
    trends_loaded(office)
    target = office.locator("#indicators tr[data-indicator='online-dossiers'] [data-target]")
    expect(target).to_have_text("50.00 %")

    office.get_by_role("link", name="Indicator definitions and targets").click()
    with office.expect_download() as download:
        office.locator("#definitions-download").click()
    book = load_workbook(BytesIO(Path(download.value.path()).read_bytes()))
    book.worksheets[1].append(["online-dossiers", "", "", 2026, None, 75, "Kế hoạch 2026"])
    edited = tmp_path / "chi-so-chi-tieu.xlsx"
    book.save(edited)

    office.locator("#definitions-upload input[type=file]").set_input_files(str(edited))
    office.get_by_role("button", name="Upload and preview").click()
    preview = office.locator("#import-preview")
    expect(preview).to_contain_text("online-dossiers")
    expect(preview).to_contain_text("31/12/2025")
    assert not Target.objects.filter(value=75).exists()  # a preview applies nothing

    office.get_by_role("button", name="Apply").click()
    expect(office.locator("#import-applied")).to_be_visible()

    office.goto(f"{base}/workspace/dashboards/?kind=quarter&on=2026-07-15")
    trends_loaded(office)
    expect(target).to_have_text("75.00 %")
    office.goto(f"{base}/workspace/dashboards/?kind=quarter&on=2025-07-15")
    trends_loaded(office)
    expect(target).to_have_text("50.00 %")  # the periods before keep the old target
