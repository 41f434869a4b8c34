"""Journeys that stopped short (issue 15): an inbox item opens its dossier by a click; the
receipt (Form 01) is printed from the desk's dossier page; a payment typed "150.000" is read
as 150,000 đồng, shown in words and recorded after confirmation."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from egov.onestop.models import DossierPayment
from egov.onestop.tests.e2e.test_dossier_journey import log_in
from egov.onestop.tests.factories_desk import (
    agency_codes,
    district_procedure,
    internal_procedure,
    received,
)
from egov.onestop.tests.online_helpers import agency_code_set, online_procedure, submitted_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def dossier(world, citizen, front_desk_officer):
    """A dossier received at the district A desk today: its receipt issued, waiting at the
    desk's first step."""
    agency_codes(world)
    procedure = district_procedure(effective_to=None)  # in force today
    internal_procedure(world, procedure)
    return received(world, front_desk_officer, procedure, applicant=citizen)


def test_an_inbox_item_opens_its_dossier(english_page, live_server, front_desk_officer, dossier):
    page = english_page()
    log_in(page, live_server.url, front_desk_officer.email)

    page.goto(f"{live_server.url}{reverse('workflow:inbox')}")
    page.get_by_role("link", name=dossier.code).click()

    expect(page).to_have_url(
        f"{live_server.url}{reverse('onestop:officer-dossier-detail', args=[dossier.pk])}"
    )
    expect(page.get_by_role("heading", level=1)).to_contain_text(dossier.code)


def test_the_receipt_is_printed_from_the_desk_dossier_page(
    english_page, live_server, front_desk_officer, dossier
):
    page = english_page()
    log_in(page, live_server.url, front_desk_officer.email)
    page.goto(f"{live_server.url}{reverse('onestop:officer-dossier-detail', args=[dossier.pk])}")

    forms = page.get_by_role("region", name="Print the official forms")
    forms.get_by_role("link", name="Receipt and appointment (Form 01)", exact=True).click()

    expect(page.get_by_text("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ")).to_be_visible()
    expect(page.locator("body")).to_contain_text(dossier.code)


def test_a_payment_typed_with_dots_is_confirmed_in_words_and_recorded(
    english_page, live_server, world, citizen
):
    agency_code_set(world)
    dossier = submitted_for(citizen, online_procedure(), world.district_a)  # fee 75,000
    page = english_page()
    log_in(page, live_server.url, citizen.phone)
    page.goto(f"{live_server.url}{reverse('onestop:my-dossier-detail', args=[dossier.pk])}")

    page.get_by_role("link", name="Pay the fees").click()
    page.get_by_label("Amount paid (VND)").fill("150.000")
    page.get_by_label("Receipt number").fill("BL-2026/0150")
    page.get_by_label("Paid by").select_option(label="Bank transfer")
    page.get_by_role("button", name="Record the payment").click()

    expect(page.get_by_test_id("payment-amount")).to_have_text("150,000")
    expect(page.get_by_test_id("payment-words")).to_have_text("Một trăm năm mươi nghìn đồng")
    expect(page.get_by_role("alert")).to_contain_text("more than the 75,000 VND")
    page.get_by_role("button", name="Confirm and record the payment").click()

    expect(page.get_by_text("The payment has been recorded.")).to_be_visible()
    assert list(DossierPayment.objects.values_list("amount_vnd", "receipt_number")) == [
        (150_000, "BL-2026/0150")
    ]
