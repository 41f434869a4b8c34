"""Journey on a phone-sized screen: a citizen logs in with the national identity (VNeID
simulator over real HTTP), opens their draft, lists the papers of their personal data store on
the national portal, attaches their birth certificate as the procedure's first document, and
sees it on the draft marked as taken from the store."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from egov.onestop.models import DossierFile
from egov.onestop.tests.online_helpers import (
    agency_code_set,
    draft_for,
    first_document,
    online_procedure,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TIMEOUT_MS = 20000
PAPER = "Giấy khai sinh (bản sao điện tử)"


def test_a_citizen_attaches_a_paper_from_the_personal_store_on_a_phone(
    browser, live_server, settings, world, citizen
):
    settings.EGOV_INTEGRATION_SIMULATORS = True
    settings.SITE_URL = live_server.url
    agency_code_set(world)
    draft = draft_for(citizen, online_procedure(), with_file=False)
    document = first_document(draft.procedure)
    detail = reverse("onestop:my-dossier-detail", args=[draft.pk])
    context = browser.new_context(locale="en-US", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)

    page.goto(f"{live_server.url}/accounts/login/?next={detail}")
    page.get_by_role("link", name="Log in with the national identity (VNeID)").click()
    page.get_by_role("button", name="Nguyễn Văn An (001085012345, level 2)").click()
    page.wait_for_url(f"{live_server.url}{detail}")
    page.get_by_role(
        "link", name="Attach papers from your personal data store (national public-service portal)"
    ).click()
    expect(page.get_by_role("heading", name="Papers from your personal data store")).to_be_visible()
    row = page.get_by_role("row").filter(has_text=PAPER)
    row.get_by_label(f"Attach {PAPER} as").select_option(label=document.name)
    row.get_by_role("button", name="Attach").click()

    page.wait_for_url(f"{live_server.url}{detail}")
    expect(page.locator("main")).to_contain_text(
        "The paper from your personal data store has been attached."
    )
    expect(page.locator("main")).to_contain_text("from your personal data store")
    context.close()

    stored = DossierFile.objects.get(dossier=draft)
    assert (stored.required_document, stored.personal_store_code) == (
        document,
        "KDL-001085012345-0002",
    )
