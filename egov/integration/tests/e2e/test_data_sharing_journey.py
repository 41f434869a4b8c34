"""Journey (issue 22's "done when"): a citizen logs in with the national identity (VNeID
simulator), starts an online dossier whose personal fields fill from the national population
database (simulator), saves, uploads and submits it, pays its fee online (payment simulator),
the dossier's status is in the national-portal simulator; a consumer system registered by the
city office reads that dossier's status through the sharing API over real HTTP with its token;
the citizen opens "Who read my data" from the account menu and sees the read (system, agency,
purpose) and their own look-up in the population database. Every simulator is reached over
real HTTP from the live server, as in the demo."""

from __future__ import annotations

import datetime

import httpx
import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from conftest import make_officer
from egov.common.testing import files as samples
from egov.common.testing.browser import unit_choose
from egov.integration.choices import ShareDataset, ShareOutcome
from egov.integration.models import ShareRead
from egov.integration.services.consumers import (
    ConsumerData,
    share_consumer_register,
    share_consumer_token_issue,
)
from egov.onestop.models import Dossier
from egov.onestop.tests.online_helpers import agency_code_set, online_procedure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TIMEOUT_MS = 15000
ADDRESS = "Số 12 phố Hàng Bông, phường Hoàn Kiếm, Thành phố Hà Nội"


def _start_and_fill_from_the_population_database(page, base, procedure):
    page.goto(f"{base}{reverse('onestop:procedure-detail', args=[procedure.code])}")
    page.get_by_role("link", name="Submit online").click()
    page.get_by_label("Diện tích (m²)").fill("120,5")  # typed before: kept by the fill
    page.get_by_role("button", name="Fill my details from the National population database").click()
    expect(page.get_by_label("Date of birth")).to_have_value("1985-03-12")
    expect(page.get_by_label("Sex")).to_have_value("Nam")
    expect(page.get_by_label("Permanent residence")).to_have_value(ADDRESS)
    expect(page.get_by_label("Diện tích (m²)")).to_have_value("120,5")
    expect(page.locator("[data-source=population]")).to_have_count(4)
    expect(page.locator("[data-source=population]").first).to_have_text(
        "From the National population database"
    )
    page.get_by_label("Mục đích").select_option("Xây mới")
    page.get_by_label("Tôi cam đoan").check()
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Draft dossier")


def _upload_and_submit(page, world):
    row = page.locator("table.dossier-files tbody tr", has_text="Đơn đề nghị")
    row.locator("input[type=file]").set_input_files(
        {"name": "don.pdf", "mimeType": "application/pdf", "buffer": samples.pdf()}
    )
    row.get_by_role("button", name="Upload").click()
    expect(page.get_by_role("link", name="don.pdf")).to_be_visible()
    page.get_by_role("link", name="Submit online").click()
    # the answers to check show which values came from the population database
    expect(page.locator("dd [data-source=population]")).to_have_count(4)
    unit_choose(page, "Unit that will handle the dossier", world.district_a.name)
    page.get_by_label("I declare that the information").check()
    page.get_by_role("button", name="Submit", exact=True).click()
    expect(page.get_by_text("Your dossier has been submitted.")).to_be_visible()


def test_a_citizen_files_online_with_national_data_and_sees_who_read_it(
    browser, live_server, settings, world, citizen
):
    settings.EGOV_INTEGRATION_SIMULATORS = True
    settings.SITE_URL = live_server.url
    base = live_server.url
    agency_code_set(world)
    procedure = online_procedure()  # fee 75,000
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

    # ... starts an online dossier whose personal fields fill from the population database,
    # saves it, uploads the application and submits it.
    _start_and_fill_from_the_population_database(page, base, procedure)
    _upload_and_submit(page, world)
    dossier = Dossier.objects.get(applicant=citizen)
    assert sorted(dossier.prefilled["fields"]) == [
        "applicant_address",
        "applicant_birth_date",
        "applicant_place_of_origin",
        "applicant_sex",
    ]

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
    lookup = page.locator("#data-lookups tbody tr").first
    expect(lookup).to_contain_text("You")
    expect(lookup).to_contain_text("Fill an application form for the applicant")
    expect(lookup).to_contain_text(procedure.code)
    context.close()

    read = ShareRead.objects.get()
    assert (read.consumer_id, read.owner_id, read.outcome) == (
        consumer.pk,
        citizen.pk,
        ShareOutcome.SERVED,
    )
