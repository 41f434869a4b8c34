"""Journey of a city leader: the dashboard shows the indicators with targets and bands (and
"no data source yet" for a module not built), the leader drills into the late district, reaches
the list of overdue dossiers, then opens the Decision 766 scoreboard, which ranks the districts
and shows the same totals as the public page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD
from egov.dashboards.tests.conftest import at
from egov.onestop.tests.figures_factories import DossierFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
Q3 = "?kind=quarter&on=2026-07-15"


def log_in(page: object, base: str, login: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("E-mail or phone number").fill(login)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def trends_loaded(page: object) -> None:
    """Wait for the trend table the dashboard loads after it shows. The live server's threads
    share one in-memory SQLite connection in tests: a request still running while the next
    one starts can break that one's transaction (not so on a real server)."""
    expect(page.locator("#trend-table")).to_be_visible()


def test_leader_sees_bands_drills_into_a_late_district_and_opens_766(
    scene, english_page, live_server, no_feedback_source
) -> None:
    world = scene.world
    DossierFactory(  # still open past its appointment: the overdue list shows it
        code="HK-QUA-HAN",
        applicant_name="Lê Thị Quá Hạn",
        receiving_unit=world.district_b,
        competent_unit=world.district_b,
        received_at=at(7, 1),
        due_at=at(7, 3),
    )
    base = live_server.url
    leader = english_page()
    log_in(leader, base, scene.leader.email)

    leader.locator("#workspace-menu summary", has_text="Oversight").click()
    leader.get_by_role("link", name="Indicator dashboard").first.click()
    trends_loaded(leader)
    leader.goto(leader.url + Q3)
    trends_loaded(leader)
    table = leader.locator("#indicators")
    online = table.locator("tr[data-indicator='online-dossiers']")
    expect(online).to_contain_text("50.00 %")
    expect(online.locator("[data-band]")).to_have_text("Đạt")
    on_time = table.locator("tr[data-indicator='settled-on-time']")
    expect(on_time.locator("[data-band]")).to_have_text("Chưa đạt")
    for code in ("electronic-documents", "reports-through-system", "meetings-online"):
        expect(table.locator(f"tr[data-indicator='{code}']")).to_be_visible()
    questions = table.locator("tr[data-indicator='questions-answered']")
    expect(questions).to_contain_text("no data source yet")

    on_time.get_by_role("link", name="Quận Hoàn Kiếm").click()
    expect(leader.get_by_role("heading", level=1)).to_contain_text("Quận Hoàn Kiếm")
    trends_loaded(leader)
    late = leader.locator("#indicators tr[data-indicator='settled-on-time']")
    expect(late).to_contain_text("25.00 %")
    late.get_by_role("link", name="List").click()
    expect(leader.get_by_text("HK-QUA-HAN")).to_be_visible()

    leader.go_back()
    trends_loaded(leader)
    leader.get_by_role("link", name="Decision 766 index").click()
    expect(leader.get_by_role("heading", level=1)).to_contain_text("Decision 766")
    leader.goto(f"{base}/workspace/dashboards/766/{Q3}")
    rows = leader.locator("#scoreboard tbody tr")
    expect(rows.nth(1)).to_contain_text("Quận Ba Đình")
    expect(rows.nth(1).locator("td").first).to_have_text("1")
    expect(rows.nth(2)).to_contain_text("Quận Hoàn Kiếm")
    totals = rows.locator("td[data-total]").all_inner_texts()

    public = english_page()
    public.goto(f"{base}/dashboards/766/{Q3}")
    expect(public.locator("#scoreboard tbody tr td[data-total]")).to_have_text(totals)


def test_leader_closes_a_month_and_its_values_stay_after_a_correction(
    scene, english_page, live_server, no_feedback_source
) -> None:
    from egov.dashboards.tests.test_snapshots import _correct_one_late_dossier

    july = "?kind=month&on=2026-07-01"
    base = live_server.url
    leader = english_page()
    log_in(leader, base, scene.leader.email)
    leader.goto(f"{base}/workspace/dashboards/{july}")
    trends_loaded(leader)

    leader.get_by_role("button", name="Close this period (freeze every unit's values)").click()
    expect(leader.locator("#closed-period")).to_contain_text("This period was closed on")
    _correct_one_late_dossier(scene.world.district_b)  # a late dossier corrected afterwards
    trends_loaded(leader)
    leader.locator("#units").get_by_role("link", name="Quận Hoàn Kiếm").click()
    trends_loaded(leader)

    on_time = leader.locator("#indicators tr[data-indicator='settled-on-time']")
    expect(on_time).to_contain_text("25.00 %")
    expect(on_time.locator("[data-live]")).to_have_text("(current value: 50.00 %)")
