"""Journey of the directives issue's done-when: the city office registers a plan, imports its
task table from xlsx and resolves an ambiguous unit name; the lead unit reports; a task is
overdue and the scoreboard shows it, with the list behind the number; the press release of
the week is drafted, published and read on the portal without logging in.

Set-up goes through fixtures; everything the people do goes through the pages, each person in
their own English browser context."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from conftest import PASSWORD, make_officer
from egov.common.testing.browser import unit_choose
from egov.directives.models import PressRelease, Task, TaskImport
from egov.directives.press.services import press_default_period
from egov.directives.tests.tables import xlsx_bytes
from egov.orgs.models import OutsideBody

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def log_in(page: object, base: str, login: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("E-mail or phone number").fill(login)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def task_table(issued_on: datetime.date) -> bytes:
    overdue = (issued_on + datetime.timedelta(days=1)).strftime("%d/%m/%Y")
    later = f"31/12/{issued_on.year + 1}"
    return xlsx_bytes(
        rows=[
            [
                "1",
                "Dữ liệu số",
                "Kho dữ liệu",
                "Sở TT&TT",
                "Xây dựng Kho dữ liệu dùng chung của Thành phố",
                f"01 kho dữ liệu. Hoàn thành trước {later}",
                "Công an Thành phố",
                "",
            ],
            [
                "2",
                "Chính quyền số",
                "Hồ sơ cán bộ",
                "Sở Nội vụ",
                "Số hóa hồ sơ cán bộ, công chức, viên chức",
                "100% hồ sơ",
                "",
                overdue,
            ],
            [
                "3",
                "Xã hội số",
                "Tuyên truyền",
                "Phòng Văn hóa và Thông tin",
                "Tuyên truyền về chuyển đổi số trên địa bàn",
                "",
                "",
                later,
            ],
        ],
        merges=[],
    )


def register_plan(page: object, base: str, issued_on: datetime.date) -> None:
    page.goto(f"{base}{reverse('directives:directive-register')}")
    page.get_by_label("Document type").select_option(label="Kế hoạch")
    page.get_by_label("Number").fill("215")
    page.get_by_label("Notation").fill("KH-UBND")
    page.get_by_label("Date of issue").fill(issued_on.isoformat())
    page.get_by_label("Summary (trích yếu)").fill("Kế hoạch chuyển đổi số năm 2027")
    page.get_by_label("Signer's name").fill("Trần Minh Đức")
    page.get_by_label("Signer's position").fill("Phó Chủ tịch")
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_role("link", name="Import a task table")).to_be_visible()


def import_table(page: object, issued_on: datetime.date) -> None:
    page.get_by_role("link", name="Import a task table").click()
    page.get_by_label("Task table (.xlsx, .docx or .csv)").set_input_files(
        {"name": "phu-luc-nhiem-vu.xlsx", "mimeType": XLSX, "buffer": task_table(issued_on)}
    )
    page.get_by_role("button", name="Read the table").click()
    page.get_by_role("link", name="Open the result").click()  # the job's page, done at once here
    row = page.locator("tr", has_text="several units have this name")
    expect(row).to_contain_text("Phòng Văn hóa và Thông tin")
    unit_choose(row, "Unit", "Phòng Văn hóa và Thông tin (Quận Ba Đình)")
    row.get_by_role("button", name="Resolve").click()
    police = page.locator("tr", has_text="looks like a body outside the org tree")
    expect(police).to_contain_text("Công an Thành phố")
    police.get_by_label("or register a new outside body").fill("Công an Thành phố Hà Nội")
    police.get_by_role("button", name="Resolve").click()
    expect(page.get_by_text("0 items are still to be resolved.")).to_be_visible()
    page.get_by_role("button", name="Create the 3 tasks").click()
    expect(page.get_by_text("3 tasks were created.")).to_be_visible()


def lead_unit_reports(page: object, base: str, task: Task) -> None:
    page.goto(f"{base}{reverse('directives:task-detail', args=[task.pk])}")
    page.get_by_text("Write the report of this period").click()
    unit_choose(page, "Reporting unit", "Sở Thông tin và Truyền thông")
    page.get_by_label("Progress").select_option(label="in progress")
    page.get_by_label("Percent done").fill("40")
    page.get_by_label("What was done").fill("Đã hoàn thành thiết kế kho dữ liệu.")
    page.get_by_role("button", name="Save the report").click()
    page.get_by_role("button", name="Send").click()
    expect(page.locator("table").filter(has_text="Đã hoàn thành thiết kế")).to_contain_text(
        "submitted"
    )


def scoreboard_shows_the_overdue_task(page: object, base: str, issued_on: datetime.date) -> None:
    page.goto(
        f"{base}{reverse('directives:scoreboard')}?period_from={issued_on.isoformat()}"
        f"&period_to={issued_on.isoformat()}"
    )
    home_affairs = page.locator("table.scoreboard-table tr", has_text="Sở Nội vụ")
    cells = home_affairs.locator("td")
    expect(cells.nth(0)).to_have_text("1")  # assigned
    expect(cells.nth(3)).to_have_text("1")  # overdue
    it = page.locator("table.scoreboard-table tr", has_text="Sở Thông tin và Truyền thông")
    expect(it.locator("td").nth(5)).to_have_text("1")  # in progress, on time
    total = page.locator("table.scoreboard-table tr.figures-total td")
    expect(total.nth(0)).to_have_text("3")
    cells.nth(3).get_by_role("link").click()  # the list behind the number (HTMX panel)
    panel = page.locator("#scoreboard-items")
    expect(panel).to_contain_text("Overdue — Sở Nội vụ (1)")
    expect(panel).to_contain_text("Số hóa hồ sơ cán bộ, công chức, viên chức")
    expect(page.locator("svg .bar-overdue")).to_have_count(1)


def press_release_of_the_week(page: object, base: str) -> None:
    page.goto(f"{base}{reverse('directives:press-create')}")
    expect(page.get_by_label("215/KH-UBND", exact=False)).to_be_checked()
    page.get_by_role("button", name="Draft the press release").click()
    preview = page.locator("article.press-preview")
    expect(preview).to_contain_text("THÔNG CÁO BÁO CHÍ")
    expect(preview).to_contain_text(
        "UBND Thành phố ban hành Kế hoạch số 215/KH-UBND về chuyển đổi số năm 2027."
    )
    expect(preview).to_contain_text("Sở Nội vụ chủ trì: số hóa hồ sơ cán bộ")
    page.get_by_role("button", name="Publish on the portal").click()
    expect(page.get_by_text("The press release is published on the portal.")).to_be_visible()


def test_plan_from_xlsx_to_scoreboard_and_press_release(
    english_page, live_server, world, hanoi, dept_head
):
    base = live_server.url
    office_head = make_officer("chanhvanphong@example.vn", world.city, "unit_head", subtree=True)
    issued_on = press_default_period().start

    office = english_page()
    log_in(office, base, office_head.email)
    register_plan(office, base, issued_on)
    import_table(office, issued_on)
    assert TaskImport.objects.get().is_applied
    tasks = {t.lead_unit.name: t for t in Task.objects.select_related("lead_unit")}
    assert set(tasks) == {"Sở Thông tin và Truyền thông", "Sở Nội vụ", "Phòng Văn hóa và Thông tin"}
    assert tasks["Phòng Văn hóa và Thông tin"].lead_unit == world.division_a
    data_store = tasks["Sở Thông tin và Truyền thông"]
    assert (data_store.expected_result, data_store.deadline_on.year) == (
        "01 kho dữ liệu.",
        issued_on.year + 1,
    )
    assert list(data_store.outside_bodies.all()) == [OutsideBody.objects.get()]

    lead = english_page()
    log_in(lead, base, dept_head.email)
    lead_unit_reports(lead, base, tasks["Sở Thông tin và Truyền thông"])

    scoreboard_shows_the_overdue_task(office, base, issued_on)
    press_release_of_the_week(office, base)
    release = PressRelease.objects.get()
    # Numbered in the city's register, after the plan registered in it (215).
    assert (release.status, release.number_notation) == ("published", "216/TCBC-UBND")

    reader = english_page()  # anyone, without logging in
    reader.goto(f"{base}{reverse('press:release-list')}")
    reader.get_by_role("link", name=release.title).click()
    expect(reader.locator("article.press-preview")).to_contain_text("Số: 216/TCBC-UBND")
    pdf = reader.request.get(f"{base}{reverse('press:release-file', args=[release.pk, 'pdf'])}")
    assert pdf.status == 200
    assert pdf.body().startswith(b"%PDF")
