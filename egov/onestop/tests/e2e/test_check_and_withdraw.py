"""Issue 15: the applicant checks their answers before submitting (GOV.UK pattern), the
declaration is required, and a withdrawal is confirmed first and then shown in the history."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from egov.common.testing.browser import unit_choose
from egov.onestop.choices import DossierStatus
from egov.onestop.models import Dossier
from egov.onestop.tests.e2e.test_dossier_journey import log_in
from egov.onestop.tests.online_helpers import agency_code_set, draft_for, online_procedure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_check_answers_declare_submit_then_withdraw_with_confirmation(
    english_page, live_server, world, citizen
):
    base = live_server.url
    agency_code_set(world)
    draft = draft_for(citizen, online_procedure())
    page = english_page()
    log_in(page, base, "0912345678")

    # Check your answers: the applicant, the form and the documents, each changeable.
    page.goto(f"{base}{reverse('onestop:my-dossier-detail', args=[draft.pk])}")
    page.get_by_role("link", name="Submit online").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check your answers before submitting"
    )
    applicant = page.get_by_role("region", name="Applicant")
    expect(applicant).to_contain_text("Nguyễn Văn An")
    expect(page.get_by_role("link", name="Change the application form")).to_be_visible()
    expect(page.get_by_role("region", name="Documents")).to_contain_text("Đơn đề nghị")

    # Without the declaration nothing is submitted.
    unit_choose(page, "Unit that will handle the dossier", "Quận Ba Đình (Thành phố Hà Nội)")
    page.get_by_role("button", name="Submit", exact=True).click()
    expect(page.get_by_text("Confirm the declaration to submit the dossier.").first).to_be_visible()
    assert Dossier.objects.get(pk=draft.pk).status == DossierStatus.DRAFT
    page.get_by_label("I declare that the information").check()
    page.get_by_role("button", name="Submit", exact=True).click()
    expect(
        page.get_by_text(re.compile(r"Your dossier has been submitted\. Its code is"))
    ).to_be_visible()

    # Withdraw: a confirmation page first; "No" keeps it, "Yes" withdraws it.
    page.get_by_role("link", name="Withdraw the dossier").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Are you sure you want to withdraw this dossier?"
    )
    page.get_by_role("link", name="No, keep it").click()
    assert Dossier.objects.get(pk=draft.pk).status == DossierStatus.SUBMITTED
    page.get_by_role("link", name="Withdraw the dossier").click()
    page.get_by_label("Reason (optional)").fill("Nộp nhầm thủ tục")
    page.get_by_role("button", name="Yes, withdraw the dossier").click()
    expect(page.get_by_text("The dossier has been withdrawn.")).to_be_visible()
    history = page.get_by_role("region", name="History")
    expect(history).to_contain_text("Withdrawn by the applicant")
    expect(history).to_contain_text("Nộp nhầm thủ tục")
    assert Dossier.objects.get(pk=draft.pk).status == DossierStatus.WITHDRAWN
