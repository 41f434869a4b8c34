"""Journey: a citizen signs the application of their online draft from their phone through
the remote-signing service's simulator over real HTTP (a wrong code first, then the code the
phone shows), submits it, and the desk sees the applicant's signature verified on the
dossier's page."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from egov.common.testing.browser import unit_choose
from egov.integration.simulators import csc
from egov.onestop.models import Dossier
from egov.onestop.services.desk import dossier_receive
from egov.onestop.tests.e2e.test_dossier_journey import log_in
from egov.onestop.tests.online_helpers import (
    agency_code_set,
    draft_for,
    online_definition,
    online_procedure,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TIMEOUT_MS = 20000


def test_a_citizen_signs_from_the_phone_and_the_desk_sees_it_verified(
    browser, live_server, settings, world, citizen, front_desk_officer
):
    settings.EGOV_INTEGRATION_SIMULATORS = True
    settings.SITE_URL = live_server.url
    agency_code_set(world)
    procedure = online_procedure()
    draft = draft_for(citizen, procedure)
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    log_in(page, live_server.url, citizen.phone)

    page.goto(f"{live_server.url}{reverse('onestop:my-dossier-detail', args=[draft.pk])}")
    page.get_by_role(
        "link", name="Sign the application with the digital signature on your phone"
    ).click()
    expect(page.locator("#sign-certificate")).to_contain_text("CN=001085012345")
    page.get_by_label("Code shown on your phone").fill("000000")
    page.get_by_role("button", name="Sign", exact=True).click()
    expect(page.get_by_role("alert").first).to_contain_text(
        "The code from your phone is wrong or has expired."
    )
    page.get_by_label("Code shown on your phone").fill(csc.PHONE_CODE)
    page.get_by_role("button", name="Sign", exact=True).click()
    expect(page.locator("#application-signed")).to_contain_text(
        "Application signed with the digital signature on your phone"
    )
    page.get_by_role("link", name="Submit online").click()
    unit_choose(page, "Unit that will handle the dossier", world.district_a.name)
    page.get_by_label("I declare that the information").check()
    page.get_by_role("button", name="Submit", exact=True).click()
    expect(page.get_by_text("Your dossier has been submitted.")).to_be_visible()
    context.close()

    online_definition(world, procedure)
    dossier_receive(actor=front_desk_officer, dossier=Dossier.objects.get(pk=draft.pk))
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    log_in(page, live_server.url, front_desk_officer.email)
    page.goto(f"{live_server.url}{reverse('onestop:officer-dossier-detail', args=[draft.pk])}")
    section = page.locator("#application-signature")
    expect(section).to_contain_text("Signed by the applicant with the digital signature")
    expect(section.locator('[data-status="valid"]')).to_have_text("valid")
    expect(section).to_contain_text("Nguyễn Văn An (001085012345)")
    context.close()
