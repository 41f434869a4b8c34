"""A citizen whose dossier the desk received opens the notification centre from the header,
reads the message and clicks through to the dossier (issue 15: a notification centre listing
what was sent)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from egov.accounts.models import Notification
from egov.common.testing.axe import axe_report, axe_violations
from egov.onestop.tests.e2e.test_dossier_journey import log_in
from egov.onestop.tests.factories_desk import (
    agency_codes,
    district_procedure,
    internal_procedure,
    received,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_citizen_opens_the_received_mail_and_clicks_through_to_the_dossier(
    browser, live_server, world, citizen, front_desk_officer
):
    agency_codes(world)
    procedure = district_procedure(effective_to=None)
    internal_procedure(world, procedure)
    dossier = received(world, front_desk_officer, procedure, applicant=citizen)
    sent = Notification.objects.filter(recipient=citizen, object_id=str(dossier.pk))
    email = sent.get(channel="email", subject__contains=dossier.code)
    unread = sent.count()
    assert unread >= 2  # the e-mail and the SMS of the receipt, at least
    context = browser.new_context(
        locale="en-US", viewport={"width": 1280, "height": 900}, bypass_csp=True
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    log_in(page, live_server.url, citizen.phone)

    header = page.get_by_role("navigation", name="Main menu")
    header.get_by_role("link", name=f"Notifications {unread} unread").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Notifications")
    assert axe_violations(page) == [], axe_report(axe_violations(page))
    row = (
        page.get_by_role("row")
        .filter(has_text="E-mail · an.nguyen@example.vn")
        .filter(has_text=dossier.code)
    )
    expect(row).to_contain_text("Unread")
    row.get_by_role("link", name=email.subject).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(email.subject)
    expect(page.locator(".notification-body")).to_contain_text(dossier.code)
    expect(header.get_by_role("link", name=f"Notifications {unread - 1} unread")).to_be_visible()
    page.get_by_role("link", name="Open what this is about").click()

    expect(page).to_have_url(
        f"{live_server.url}{reverse('onestop:my-dossier-detail', args=[dossier.pk])}"
    )
    expect(page.get_by_role("heading", level=1)).to_contain_text(dossier.code)
    email.refresh_from_db()
    assert email.read_at is not None
    context.close()
