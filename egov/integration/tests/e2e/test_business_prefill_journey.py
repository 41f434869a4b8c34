"""Journey: a business logs in with its password, starts an online dossier, fills its
enterprise's details from the national business registry (simulator, over real HTTP from the
live server as in the demo), each marked "From the National business registry"; a detail it
had typed is kept with the registry's value told beside it; the draft is saved with the
registry's values recorded, the draft's page marks them, and "Who read my data" shows the
business its own look-up."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from egov.accounts.services import public_account_register
from egov.onestop.models import Dossier
from egov.onestop.tests.online_helpers import online_procedure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TIMEOUT_MS = 15000
PASSWORD = "Mật-khẩu-thử-2026"
HEAD_OFFICE = "Số 8 phố Lý Thường Kiệt, phường Cửa Nam, Thành phố Hà Nội"


def test_a_business_fills_its_online_form_from_the_business_registry(
    browser, live_server, settings, world
):
    settings.EGOV_INTEGRATION_SIMULATORS = True
    settings.SITE_URL = live_server.url
    base = live_server.url
    procedure = online_procedure()
    business = public_account_register(
        full_name="Công ty TNHH Sen Vàng Hà Nội",
        password=PASSWORD,
        email="senvang@example.vn",
        tax_code="0101234567",
    )
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)

    page.goto(f"{base}/accounts/login/")
    page.get_by_label("E-mail or phone number").fill("senvang@example.vn")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)

    page.goto(f"{base}{reverse('onestop:procedure-detail', args=[procedure.code])}")
    page.get_by_role("link", name="Submit online").click()
    page.get_by_label("Legal representative").fill("Nguyễn Thị Hoa")  # typed before: kept
    page.get_by_label("Diện tích (m²)").fill("120,5")
    page.get_by_role(
        "button", name="Fill my enterprise's details from the National business registry"
    ).click()
    expect(page.get_by_label("Enterprise name")).to_have_value("Công ty TNHH Sen Vàng Hà Nội")
    expect(page.get_by_label("Enterprise code")).to_have_value("0101234567")
    expect(page.get_by_label("Head office address")).to_have_value(HEAD_OFFICE)
    expect(page.get_by_label("Legal representative")).to_have_value("Nguyễn Thị Hoa")
    expect(page.locator("[data-source=kept]")).to_contain_text("Phạm Thị Dung")
    expect(page.locator("[data-source=business]")).to_have_count(3)
    expect(page.locator("[data-source=business]").first).to_have_text(
        "From the National business registry"
    )
    page.get_by_label("Mục đích").select_option("Xây mới")
    page.get_by_label("Tôi cam đoan").check()
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Draft dossier")
    expect(page.locator("dd [data-source=business]")).to_have_count(3)

    dossier = Dossier.objects.get(applicant=business)
    assert sorted(dossier.prefilled["fields"]) == [
        "applicant_address",
        "applicant_business_name",
        "applicant_enterprise_code",
    ]
    assert dossier.form_data["applicant_legal_representative"] == "Nguyễn Thị Hoa"

    page.get_by_role("link", name="Who read my data").click()
    lookup = page.locator("#data-lookups tbody tr").first
    expect(lookup).to_contain_text("You")
    expect(lookup).to_contain_text("Fill an application form for the applicant")
    expect(lookup).to_contain_text(procedure.code)
    context.close()
