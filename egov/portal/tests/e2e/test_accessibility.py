"""axe-core on the key pages, at desktop and phone width: no serious or critical violation.
And the phone layout: on a 390×844 screen an officer page folds its menus behind one button,
so that the page's own content starts above the fold."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from conftest import PASSWORD
from egov.common.testing.axe import axe_report, axe_violations
from egov.onestop.tests.factories_desk import (
    agency_codes,
    district_procedure,
    internal_procedure,
    received,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
PUBLIC_PAGES = ("portal:home", "onestop:procedure-list", "onestop:dossier-status", "accounts:login")
OFFICER_PAGES = (
    "portal:workspace",
    "onestop:officer-dossier-list",
    "onestop:desk-home",
    "documents:incoming-list",
    "workflow:inbox",
)


def _context(browser, viewport):
    # The axe script is injected as a tag, which the site's CSP refuses: bypass it here only.
    return browser.new_context(locale="vi-VN", viewport=viewport, bypass_csp=True)


def _login(page, live_server, email):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Thư điện tử hoặc số điện thoại").fill(email)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/workspace/")


def _check(page, url):
    response = page.goto(url)
    assert response.status == 200, url
    violations = axe_violations(page)
    return [f"{url}\n{axe_report(violations)}"] if violations else []


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_key_pages_have_no_serious_accessibility_violation(
    browser, live_server, world, front_desk_officer, viewport
):
    agency_codes(world)
    procedure = district_procedure(effective_to=None)  # in force today
    internal_procedure(world, procedure)
    dossier = received(world, front_desk_officer, procedure)
    context = _context(browser, viewport)
    page = context.new_page()
    page.set_default_timeout(60000)
    problems = []

    for name in PUBLIC_PAGES:
        problems += _check(page, f"{live_server.url}{reverse(name)}")
    problems += _check(
        page, f"{live_server.url}{reverse('onestop:dossier-status')}?code={dossier.code}"
    )
    _login(page, live_server, "motcua.badinh@example.vn")
    for name in OFFICER_PAGES:
        problems += _check(page, f"{live_server.url}{reverse(name)}")
    problems += _check(
        page, f"{live_server.url}{reverse('onestop:officer-dossier-detail', args=[dossier.pk])}"
    )
    context.close()

    assert not problems, "\n\n".join(problems)


def test_an_officer_page_on_a_phone_starts_with_its_content(
    browser, live_server, world, front_desk_officer
):
    context = browser.new_context(locale="vi-VN", viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(60000)
    _login(page, live_server, "motcua.badinh@example.vn")
    page.goto(f"{live_server.url}{reverse('onestop:officer-dossier-list')}")

    menu = page.get_by_role("button", name="Trình đơn")
    expect(menu).to_be_visible()
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_role("navigation", name="Trình đơn Không gian làm việc")).to_be_hidden()
    heading = page.get_by_role("heading", level=1)
    box = heading.bounding_box()
    assert box is not None and box["y"] + box["height"] < 200, box
    filters = page.get_by_role("search").bounding_box()
    assert filters is not None and filters["y"] < 844

    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    page.get_by_role("navigation", name="Trình đơn Không gian làm việc").get_by_role(
        "link", name="Hồ sơ cần xử lý"
    ).click()
    page.wait_for_url(f"{live_server.url}{reverse('workflow:inbox')}")
    context.close()
