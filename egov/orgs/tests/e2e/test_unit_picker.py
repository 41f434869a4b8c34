"""Journey: an officer of the city picks a ward by typing its name in the unit picker, among
wards of the same name in two districts; typed text alone never picks one of them."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from conftest import PASSWORD, make_officer
from egov.orgs.services import orgunit_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, live_server, email):
    page.set_default_timeout(60000)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Thư điện tử hoặc số điện thoại").fill(email)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/workspace/")


def test_a_ward_is_picked_by_typing_its_name_among_same_named_wards(page, live_server, world):
    make_officer("chutich.hanoi@example.vn", world.city, "unit_head", subtree=True)
    orgunit_create(actor=None, name="Phường Tân Phong", kind="commune", parent=world.district_a)
    twin_b = orgunit_create(
        actor=None, name="Phường Tân Phong", kind="commune", parent=world.district_b
    )
    _login(page, live_server, "chutich.hanoi@example.vn")
    page.goto(f"{live_server.url}{reverse('documents:incoming-list')}")

    picker = page.get_by_role("combobox", name="Đơn vị")
    picker.fill("tan phong")
    options = page.get_by_role("listbox", name="Đơn vị").get_by_role("option")
    expect(options).to_have_count(2)
    expect(options.nth(0)).to_have_text("Phường Tân Phong (Quận Ba Đình)")
    expect(options.nth(1)).to_have_text("Phường Tân Phong (Quận Hoàn Kiếm)")

    # The bare name designates two wards: leaving the field picks neither and says so.
    picker.fill("Phường Tân Phong")
    picker.press("Tab")
    expect(picker).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_text("Có nhiều đơn vị cùng tên")).to_be_visible()
    assert page.locator("#id_unit_select").input_value() == ""

    picker.fill("tân phong hoàn kiếm")
    expect(options).to_have_count(1)
    picker.press("ArrowDown")
    picker.press("Enter")

    expect(picker).to_have_value("Phường Tân Phong (Quận Hoàn Kiếm)")
    expect(picker).not_to_have_attribute("aria-invalid", "true")
    assert page.locator("#id_unit_select").input_value() == str(twin_b.pk)
    page.wait_for_url(f"**unit={twin_b.pk}**")
