"""Journey: a citizen logs in with the national identity (VNeID) over OpenID Connect against
the provider simulator over real HTTP: the login page's button, the provider's page choosing
the demo citizen, back logged in to the account with that ID number, the login audited."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from egov.accounts.models import ExternalIdentity
from egov.audit.models import AuditEvent
from egov.integration.choices import IntegrationAuditAction

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TIMEOUT_MS = 15000


def test_a_citizen_logs_in_with_the_national_identity(browser, live_server, settings, citizen):
    settings.EGOV_INTEGRATION_SIMULATORS = True
    settings.SITE_URL = live_server.url
    base = live_server.url
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)

    page.goto(f"{base}/accounts/login/?next=/accounts/profile/")
    page.get_by_role("link", name="Log in with the national identity (VNeID)").click()
    expect(page.get_by_role("heading", name="National identity (VNeID) simulator")).to_be_visible()
    page.get_by_role("button", name="Nguyễn Văn An (001085012345, level 2)").click()

    page.wait_for_url(f"{base}/accounts/profile/")
    expect(page.locator("main")).to_contain_text("Nguyễn Văn An")
    context.close()

    assert ExternalIdentity.objects.get().user_id == citizen.pk
    event = AuditEvent.objects.get(action=IntegrationAuditAction.NATIONAL_IDENTITY_LOGIN)
    assert (event.actor_id, event.changes["level"]) == (citizen.pk, 2)
