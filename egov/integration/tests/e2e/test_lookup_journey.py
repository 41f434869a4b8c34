"""Journey at the desk: an officer fills a citizen's details from the (simulated) national
population database over real HTTP, and the system administrator's connector page shows the
call (who, which unit, which purpose, the masked ID) and the connector as working."""

from __future__ import annotations

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from conftest import PASSWORD
from egov.integration.models import ConnectorCall

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TIMEOUT_MS = 15000


def _page(browser):
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    return context, page


def _log_in(page, base, login):
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("E-mail or phone number").fill(login)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
    if "/login/verify/" in page.url:  # administrators: the authenticator's code
        page.get_by_label("Authenticator code").fill(_totp(login))
        page.get_by_role("button", name="Verify").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def _totp(login):
    device = TOTPDevice.objects.get(user__email=login)
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():06d}"


def test_desk_fills_a_citizen_from_the_population_database_and_the_operator_sees_it(
    browser, live_server, settings, world, desk_officer, system_admin
):
    settings.EGOV_INTEGRATION_SIMULATORS = True
    settings.SITE_URL = live_server.url
    base = live_server.url

    desk_context, desk = _page(browser)
    _log_in(desk, base, desk_officer.email)
    desk.goto(f"{base}/integration/lookup/")
    desk.get_by_label("Citizen ID or tax code").fill("001085012345")
    desk.get_by_label("Purpose").select_option("form_fill")
    desk.get_by_role("button", name="Look up and fill").click()

    expect(desk.get_by_label("Full name")).to_have_value("Nguyễn Văn An")
    expect(desk.get_by_label("Date of birth")).to_have_value("12/03/1985")
    expect(desk.get_by_text("From the National population database").first).to_be_visible()
    desk_context.close()

    call = ConnectorCall.objects.get()
    assert (call.actor_id, call.unit_id, call.purpose, call.outcome) == (
        desk_officer.pk,
        world.desk_a.pk,
        "form_fill",
        "success",
    )

    admin_context, admin = _page(browser)
    _log_in(admin, base, system_admin.email)
    admin.goto(f"{base}/integration/connectors/")
    population = admin.locator("#connector-health tr[data-connector=population]")
    expect(population).to_contain_text("Working")
    expect(population).to_contain_text("simulated")
    calls = admin.locator("#connector-calls")
    expect(calls).to_contain_text("0010******45")
    expect(calls).to_contain_text("Fill an application form for the applicant")
    expect(calls).to_contain_text(desk_officer.full_name)
    admin_context.close()
