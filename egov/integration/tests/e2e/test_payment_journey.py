"""Journey: a citizen pays a dossier's fee online from its pay page through the payment
platform's simulator over real HTTP, comes back to the receipt, and the fee is recorded on
the dossier."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from egov.integration.models import PaymentOrder
from egov.onestop.models import DossierPayment
from egov.onestop.tests.e2e.test_dossier_journey import log_in
from egov.onestop.tests.online_helpers import agency_code_set, online_procedure, submitted_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TIMEOUT_MS = 15000


def test_a_citizen_pays_the_fee_online_and_sees_the_receipt(
    browser, live_server, settings, world, citizen
):
    settings.EGOV_INTEGRATION_SIMULATORS = True
    settings.SITE_URL = live_server.url
    agency_code_set(world)
    dossier = submitted_for(citizen, online_procedure(), world.district_a)  # fee 75,000
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    log_in(page, live_server.url, citizen.phone)

    page.goto(f"{live_server.url}{reverse('onestop:my-dossier-detail', args=[dossier.pk])}")
    page.get_by_role("link", name="Pay the fees").click()
    expect(page.locator("#pay-online")).to_contain_text("Fees still due: 75,000 đồng.")
    page.get_by_role("button", name="Pay online").click()
    expect(page.get_by_test_id("sim-amount")).to_have_text("75.000")
    page.get_by_role("button", name="Pay", exact=True).click()

    expect(page.get_by_role("status")).to_contain_text("The payment was successful.")
    order = PaymentOrder.objects.get()
    expect(page.get_by_test_id("receipt-number")).to_have_text(order.order_ref)
    expect(page.get_by_test_id("receipt-amount")).to_have_text("75,000")
    context.close()
    assert list(DossierPayment.objects.values_list("receipt_number", "method")) == [
        (order.order_ref, "payment_platform")
    ]
