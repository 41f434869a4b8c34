"""Journey of a satisfaction survey: a district's head starts a survey from the SIPAS
template, edits the draft (changes a question, moves a factor, adds a section), sends it after
every second returned dossier and publishes it; the one-stop desk returns two dossiers from
their pages: the first one's applicant gets the link and answers on a
phone-sized screen without logging in (the page passes axe); the reused link is refused; the
head reads the answer on the index page and publishes the results, which the public page shows
with its charts and its xlsx, with the one-stop ratings as a second series. A city officer
records the city's PAPI standing."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from conftest import PASSWORD, make_officer
from egov.common.testing.axe import axe_report, axe_violations
from egov.onestop.choices import DossierStatus
from egov.onestop.models import Dossier
from egov.onestop.tests.factories_desk import agency_codes, district_procedure, received
from egov.surveys.models import Invitation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TIMEOUT_MS = 60000  # a loaded machine: the live server answers slowly
LIKERT = [
    "access_place",
    "access_online",
    "procedure_public",
    "procedure_papers",
    "result_on_time",
    "result_correct",
    "feedback_channel",
    "feedback_handled",
]


expect.set_options(timeout=30000)


def _context(browser, **kwargs):
    context = browser.new_context(locale="en-US", **kwargs)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    return context, page


def _results_ready(world, desk_officer, count):
    """``count`` dossiers received at the desk whose result is ready to return (their handling
    is onestop's journey)."""
    agency_codes(world)
    procedure = district_procedure(effective_to=None)
    pks = []
    for number in range(count):
        dossier = received(world, desk_officer, procedure, key=f"survey-journey-{number}")
        Dossier.objects.filter(pk=dossier.pk).update(status=DossierStatus.RESULT_READY)
        pks.append(dossier.pk)
    return pks


def _login(page, base, email):
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("E-mail or phone number").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def _desk_returns(page, base, pk):
    """The desk officer opens the dossier and returns its result (as onestop's journey does)."""
    page.goto(f"{base}{reverse('onestop:officer-dossier-detail', args=[pk])}")
    page.locator("summary", has_text="Return the result").click()
    page.locator("form[action$='/actions/return_result/'] button[type=submit]").click()
    expect(page.get_by_text("The result was returned.")).to_be_visible()


def test_survey_from_template_to_public_figures(browser, live_server, world, front_desk_officer):
    make_officer("chutich.badinh@example.vn", world.district_a, "unit_head", subtree=True)
    base = live_server.url
    officer_context, officer = _context(browser, viewport={"width": 1280, "height": 900})
    officer.goto(f"{base}/accounts/login/")
    officer.get_by_label("E-mail or phone number").fill("chutich.badinh@example.vn")
    officer.get_by_label("Password").fill(PASSWORD)
    officer.get_by_role("button", name="Log in").click()
    officer.wait_for_url(lambda url: "/accounts/login/" not in url)

    # the head starts from the SIPAS template, sends it after every dossier and publishes it
    officer.goto(f"{base}{reverse('surveys:survey-create')}")
    picker = officer.get_by_role("combobox", name="Unit", exact=True)
    picker.fill("Ba Đình")
    picker.press("ArrowDown")
    picker.press("Enter")
    officer.get_by_role("button", name="Create the draft").click()
    expect(officer.get_by_text("The survey was created as a draft.")).to_be_visible()
    expect(officer.get_by_text("Receiving and handling feedback")).to_be_visible()
    officer.get_by_role("link", name="Change question trips").click()
    officer.get_by_label("Largest number").fill("10")
    officer.get_by_role("button", name="Save", exact=True).click()
    expect(officer.get_by_text("The question was saved.")).to_be_visible()
    officer.get_by_role("button", name="Move the section Kết quả giải quyết up").click()
    expect(officer.get_by_text("The section was moved.")).to_be_visible()
    officer.locator("#id_section-code").fill("digital")
    officer.locator("#id_section-title_vi").fill("Dịch vụ công trực tuyến")
    officer.get_by_role("button", name="Add the section").click()
    expect(officer.get_by_text("The section was added.")).to_be_visible()
    expect(officer.locator("section.card h3").nth(2)).to_contain_text("Kết quả giải quyết")
    officer.get_by_label("Sent after a service").check()
    officer.get_by_label("Invite every n-th dossier").fill("2")
    officer.get_by_role("button", name="Save the settings").click()
    expect(officer.get_by_text("The settings were saved.")).to_be_visible()
    officer.get_by_role("button", name="Publish", exact=True).click()
    expect(officer.get_by_text("The survey was published")).to_be_visible()

    # the desk returns two dossiers: by the sampling rule only the first applicant is invited
    ready = _results_ready(world, front_desk_officer, 2)
    mail.outbox.clear()
    desk_context, desk = _context(browser, viewport={"width": 1280, "height": 900})
    _login(desk, base, front_desk_officer.email)
    for pk in ready:
        _desk_returns(desk, base, pk)
    desk_context.close()
    invited = [m for m in mail.outbox if "/surveys/r/" in m.body]
    assert [m.to for m in invited] == [["an.nguyen@example.vn"]]
    assert Invitation.objects.get().procedure_code == "1.001731"
    link = re.search(r"https?://\S+/surveys/r/\S+/", invited[0].body).group(0)
    path = link.split("/surveys/", 1)[1]

    phone_context, phone = _context(
        browser, viewport={"width": 390, "height": 844}, is_mobile=True, bypass_csp=True
    )
    phone.goto(f"{base}/surveys/{path}")
    expect(
        phone.get_by_role("heading", name="Satisfaction with administrative services")
    ).to_be_visible()
    assert axe_violations(phone) == [], axe_report(axe_violations(phone))
    detail = phone.locator("#question-extra_payment_detail")
    expect(detail).to_be_hidden()
    phone.locator("#question-extra_payment").get_by_label("Yes").check()
    expect(detail).to_be_visible()
    phone.locator("#question-extra_payment").get_by_label("No").check()
    expect(detail).to_be_hidden()
    for code in LIKERT:
        phone.locator(f"#question-{code}").get_by_label("5 – Very satisfied").check()
    rows = phone.locator("#question-servant fieldset")
    for index in range(rows.count()):
        rows.nth(index).get_by_label("4 – Satisfied").check()
    phone.get_by_role("button", name="Send my answers").click()
    expect(phone.get_by_role("heading", name="Thank you for your answers")).to_be_visible()
    phone.goto(f"{base}/surveys/{path}")
    expect(phone.get_by_text("used already")).to_be_visible()

    # the head reads the answer and publishes the results
    officer.get_by_role("link", name="Indices").click()
    expect(officer.locator(".facts dd").first).to_have_text("1")
    expect(officer.locator(".overall-index")).to_have_text(re.compile(r"100[.,]00 / 100"))
    combined = officer.locator(".combined-satisfaction tbody tr")
    expect(combined.nth(0).locator("td").first).to_have_text("1")
    expect(combined.nth(1)).to_contain_text("One-stop ratings")
    officer.go_back()
    officer.get_by_role("button", name="Publish the results").click()
    expect(officer.get_by_text("The results are shown on the public page.")).to_be_visible()

    phone.goto(f"{base}{reverse('surveys:public-home')}")
    phone.get_by_role("link", name="Quận Ba Đình").click()
    expect(phone.locator(".overall-index")).to_have_text(re.compile(r"100[.,]00 / 100"))
    expect(phone.get_by_text("Too few answers")).to_be_visible()
    expect(phone.locator("svg .bar-index")).to_have_count(6)  # the overall index, five factors
    expect(phone.locator("svg .bar-level-5")).to_have_count(len(LIKERT))
    with phone.expect_download() as download:
        phone.get_by_role("link", name="Download the figures (xlsx)").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    assert axe_violations(phone) == [], axe_report(axe_violations(phone))
    phone_context.close()
    officer_context.close()


def test_the_city_office_records_a_papi_standing(browser, live_server, world):
    make_officer("papi.vanphong@example.vn", world.city, "specialist")
    base = live_server.url
    context, page = _context(browser, viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("E-mail or phone number").fill("papi.vanphong@example.vn")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)

    page.goto(f"{base}{reverse('surveys:standing-list')}")
    expect(page.get_by_text("No standing recorded for this index yet.")).to_be_visible()
    page.get_by_label("Year").fill("2024")
    page.get_by_label("Score", exact=True).fill("45.5")
    page.get_by_label("Rank among provinces").fill("12")
    page.get_by_label("Source").fill("Báo cáo PAPI 2024")
    page.get_by_role("button", name="Record the standing").click()
    expect(page.get_by_text("The standing was recorded.")).to_be_visible()
    expect(page.locator("table.standings tbody tr").first).to_contain_text(
        re.compile(r"45[.,]50 \(12\)")
    )
    expect(page.get_by_text("Báo cáo PAPI 2024")).to_be_visible()
    assert axe_violations(page) == [], axe_report(axe_violations(page))
    context.close()
