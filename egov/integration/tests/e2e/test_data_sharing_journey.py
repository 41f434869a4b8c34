"""Journey (issue 22's "done when", from the login on): a citizen logs in with the national
identity (VNeID simulator), pays their dossier's fee online (payment simulator), the dossier's
status is in the national-portal simulator; a consumer system registered by the city office
reads that dossier's status through the sharing API over real HTTP with its token; the citizen
opens "Who read my data" from the account menu and sees the read (system, agency, purpose).

The dossier is submitted by the test's set-up (the online form is onestop's own journey)."""

from __future__ import annotations

import datetime

import httpx
import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from conftest import make_officer
from egov.integration.choices import ShareDataset, ShareOutcome
from egov.integration.models import ShareRead
from egov.integration.services.consumers import (
    ConsumerData,
    share_consumer_register,
    share_consumer_token_issue,
)
from egov.onestop.tests.online_helpers import agency_code_set, online_procedure, submitted_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TIMEOUT_MS = 15000


def test_a_consumer_reads_the_citizens_dossier_status_and_the_citizen_sees_the_read(
    browser, live_server, settings, world, citizen
):
    settings.EGOV_INTEGRATION_SIMULATORS = True
    settings.SITE_URL = live_server.url
    base = live_server.url
    agency_code_set(world)
    dossier = submitted_for(citizen, online_procedure(), world.district_a)  # fee 75,000
    office = make_officer("chanhvanphong@example.vn", world.city, "unit_head", subtree=True)
    consumer = share_consumer_register(
        actor=office,
        data=ConsumerData(
            code="VN/GOV/000.00.12.H26/QLDD",
            name="Hệ thống thông tin đất đai",
            agency="Văn phòng đăng ký đất đai Ba Đình",
            purpose="Kiểm tra tiến độ hồ sơ đất đai",
            legal_basis="Nghị định 278/2025/NĐ-CP",
            datasets=[ShareDataset.DOSSIER_STATUS],
            valid_from=timezone.localdate() - datetime.timedelta(days=1),
        ),
    )
    secret = share_consumer_token_issue(actor=office, consumer=consumer).secret
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)

    # The citizen logs in with the national identity.
    page.goto(f"{base}/accounts/login/?next=/accounts/profile/")
    page.get_by_role("link", name="Log in with the national identity (VNeID)").click()
    page.get_by_role("button", name="Nguyễn Văn An (001085012345, level 2)").click()
    page.wait_for_url(f"{base}/accounts/profile/")

    # ... pays the fee online.
    page.goto(f"{base}{reverse('onestop:my-dossier-detail', args=[dossier.pk])}")
    page.get_by_role("link", name="Pay the fees").click()
    page.get_by_role("button", name="Pay online").click()
    expect(page.get_by_test_id("sim-amount")).to_have_text("75.000")
    page.get_by_role("button", name="Pay", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("The payment was successful.")

    # The dossier's status reached the national portal's simulator.
    page.goto(f"{base}{reverse('sim:portal-page')}")
    expect(page.locator("#portal-received")).to_contain_text(dossier.code)

    # A consumer system reads that dossier's status through the sharing API with its token.
    reply = httpx.get(
        f"{base}/api/v1/integration/dossier-status",
        params={"code": dossier.code},
        headers={"Authorization": f"Bearer {secret}"},
        timeout=10,
    )
    assert reply.status_code == 200, reply.text
    assert reply.json()["dossier_code"] == dossier.code

    # The citizen's data owner page, from the account menu, shows the read.
    page.goto(f"{base}/")
    page.get_by_role("link", name="Who read my data").click()
    expect(page.get_by_role("heading", name="Who read my data")).to_be_visible()
    row = page.locator("#data-reads tbody tr").first
    expect(row).to_contain_text("Hệ thống thông tin đất đai")
    expect(row).to_contain_text("Văn phòng đăng ký đất đai Ba Đình")
    expect(row).to_contain_text("Kiểm tra tiến độ hồ sơ đất đai")
    context.close()

    read = ShareRead.objects.get()
    assert (read.consumer_id, read.owner_id, read.outcome) == (
        consumer.pk,
        citizen.pk,
        ShareOutcome.SERVED,
    )
