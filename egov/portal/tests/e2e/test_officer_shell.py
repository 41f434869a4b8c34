"""Journey: an officer logs in, sees the workspace and their units, and switches language."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_logs_in_sees_workspace_and_switches_language(page, live_server, world, unit_head):
    page.goto(f"{live_server.url}/")
    assert page.locator("html").get_attribute("lang") == "vi"

    page.get_by_role("link", name="Đăng nhập").first.click()
    page.get_by_label("Thư điện tử hoặc số điện thoại").fill("chutich.badinh@example.vn")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()

    page.wait_for_url(f"{live_server.url}/workspace/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Xin chào")
    assert page.get_by_role("cell", name="Quận Ba Đình").is_visible()

    menu = page.get_by_role("navigation", name="Trình đơn Không gian làm việc")
    menu.locator("summary", has_text="Quản trị").click()  # the group holding the link
    menu.get_by_role("link", name="Đơn vị").click()
    page.get_by_label("Tên").fill("phuc xa")
    rows = page.locator("#unit-rows tbody tr")
    expect(rows).to_have_count(1)  # HTMX replaced the rows; CSP forbids evaluating JS strings
    assert rows.inner_text().startswith("Phường Phúc Xá")

    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    menu = page.get_by_role("navigation", name="Workspace menu")
    menu.locator("summary", has_text="Administration").click()
    expect(menu.get_by_role("link", name="Units")).to_be_visible()
    page.get_by_role("button", name="Tiếng Việt").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "vi"


def test_citizen_is_refused_the_workspace(page, live_server, citizen):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Thư điện tử hoặc số điện thoại").fill("0912345678")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")

    response = page.goto(f"{live_server.url}/workspace/")

    assert response.status == 403
    assert page.get_by_role("heading", name="Không có quyền truy cập").is_visible()
