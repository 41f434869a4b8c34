"""Journey of the one-stop issue's done-when: a citizen submits a dossier online with files;
the desk receives it; it goes through every step of a district procedure, including the step
at a city department (liên thông) and a supplement requested from the applicant; the result is
recorded and returned; the citizen follows each status on the public page and rates the
service; the figures page counts the dossier.

Set-up goes through factories and services; everything the people do goes through the pages,
each person in their own English browser context (the UI does not depend on translations)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from conftest import PASSWORD, World
from egov.common.testing import files as samples
from egov.common.testing.browser import unit_choose
from egov.onestop.choices import DossierStatus
from egov.onestop.models import Dossier, DossierRating
from egov.onestop.tests.factories import ProcedureFactory, RequiredDocumentFactory
from egov.onestop.tests.factories_desk import (
    agency_codes,
    dept_specialist,
    internal_procedure,
    liaison_steps,
)
from egov.onestop.tests.online_helpers import FORM_FIELDS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = samples.pdf()
DOCUMENTS = ("Đơn đề nghị cấp giấy phép", "Bản vẽ thiết kế")


def pdf(name: str) -> dict[str, object]:
    return {"name": name, "mimeType": "application/pdf", "buffer": PDF}


def district_online_procedure() -> object:
    """A district procedure in force today, offered online, two documents to upload and one
    to show at the desk, no fee."""
    procedure = ProcedureFactory(
        level="district",
        name="Cấp giấy phép xây dựng (thử nghiệm)",
        competent_authority="UBND cấp huyện",
        form_fields=FORM_FIELDS,
    )
    for order, name in enumerate(DOCUMENTS, start=1):
        RequiredDocumentFactory(procedure=procedure, order=order, name=name)
    RequiredDocumentFactory(procedure=procedure, order=3, name="CCCD", submit_mode="present")
    return procedure


def log_in(page: object, base: str, login: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("E-mail or phone number").fill(login)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def expect_public_status(page: object, base: str, code: str, label: str, step: str = "") -> None:
    """The public status page (no login) shows ``label`` (and the current step)."""
    page.goto(f"{base}/track/?code={code}")
    result = page.locator("section.result")
    expect(result.get_by_role("heading", level=2)).to_have_text(f"Dossier {code}")
    expect(result.locator(".badge")).to_have_text(label)
    if step:
        expect(result).to_contain_text(step)
    # Only progress, never personal data.
    expect(page.locator("main, body").first).not_to_contain_text("Nguyễn Văn An")


def act(page: object, base: str, pk: int, action: str, title: str, done: str, **fill) -> None:
    """Open the dossier page, unfold the action ``title``, fill it and run it."""
    page.goto(f"{base}{reverse('onestop:officer-dossier-detail', args=[pk])}")
    page.locator("summary", has_text=title).click()
    for field, value in fill.items():
        target = page.locator(f"#id_{action}_{field}")
        if isinstance(value, dict):
            target.set_input_files(value)
        else:
            target.fill(value)
    page.locator(f"form[action$='/actions/{action}/'] button[type=submit]").click()
    expect(page.get_by_text(done)).to_be_visible()


def open_from_list(page: object, base: str, code: str) -> None:
    """The officer finds the dossier in their list (scoped to what they may see)."""
    page.goto(f"{base}{reverse('onestop:officer-dossier-list')}")
    page.get_by_role("link", name=code, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(code)


def citizen_submits(page: object, base: str, procedure: object) -> None:
    page.goto(f"{base}{reverse('onestop:procedure-detail', args=[procedure.code])}")
    page.get_by_role("link", name="Submit online").click()
    page.get_by_label("Mục đích").select_option("Xây mới")
    page.get_by_label("Diện tích (m²)").fill("120,5")
    page.get_by_label("Tôi cam đoan").check()
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Draft dossier")
    for index, name in enumerate(DOCUMENTS, start=1):
        row = page.locator("table.dossier-files tbody tr", has_text=name)
        row.locator("input[type=file]").set_input_files(pdf(f"tai-lieu-{index}.pdf"))
        row.get_by_role("button", name="Upload").click()
        expect(
            page.locator("table.dossier-files tbody tr", has_text=name).get_by_role(
                "link", name=f"tai-lieu-{index}.pdf"
            )
        ).to_be_visible()
    page.get_by_role("link", name="Submit online").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check your answers before submitting"
    )
    unit_choose(page, "Unit that will handle the dossier", "Quận Ba Đình (Thành phố Hà Nội)")
    page.get_by_label("I declare that the information").check()
    page.get_by_role("button", name="Submit", exact=True).click()
    expect(
        page.get_by_text(re.compile(r"Your dossier has been submitted\. Its code is"))
    ).to_be_visible()


def test_online_dossier_goes_through_a_district_procedure_with_liaison(
    english_page,
    live_server,
    world: World,
    citizen,
    front_desk_officer,
    specialist,
    division_head,
    unit_head,
):
    base = live_server.url
    agency_codes(world)
    procedure = district_online_procedure()
    steps = liaison_steps(world)
    internal_procedure(world, procedure, steps=steps)
    city_specialist = dept_specialist(world)
    step_names = [s.name for s in steps]  # receive, appraise, consult (city), review, sign

    # The citizen submits online with a PDF for each document.
    applicant = english_page()
    log_in(applicant, base, "0912345678")
    citizen_submits(applicant, base, procedure)
    dossier = Dossier.objects.get(applicant=citizen)
    assert dossier.status == DossierStatus.SUBMITTED and dossier.code
    code, pk = dossier.code, dossier.pk
    expect(applicant.get_by_role("heading", level=1)).to_have_text(f"Dossier {code}")
    assert dossier.files.count() == 2

    public = english_page()  # anyone, without logging in
    expect_public_status(public, base, code, "Submitted online, waiting for the desk")

    # The desk sees it among the online dossiers to check, and receives it.
    desk = english_page()
    log_in(desk, base, front_desk_officer.email)
    desk.goto(f"{base}{reverse('onestop:desk-home')}")
    waiting = desk.locator("section", has=desk.locator("#waiting-title"))
    waiting.get_by_role("link", name=code, exact=True).click()
    act(desk, base, pk, "receive", "Receive the dossier", "The dossier was received.")
    expect_public_status(public, base, code, "Being processed", step_names[0])
    act(
        desk,
        base,
        pk,
        "forward",
        "Forward to the next step",
        "The dossier was forwarded to the next step.",
        note="Hồ sơ đủ, chuyển phòng chuyên môn",
    )

    # The division's specialist asks the applicant for a supplement: the clock stops.
    division = english_page()
    log_in(division, base, specialist.email)
    open_from_list(division, base, code)
    act(
        division,
        base,
        pk,
        "request_supplement",
        "Request a supplement from the applicant",
        "The supplement was requested; the clock is stopped.",
        reason="Bổ sung bản vẽ mặt cắt có chữ ký của đơn vị thiết kế",
    )
    expect_public_status(public, base, code, "Supplement requested")

    # The citizen sends the missing file from their dossier page; processing resumes.
    applicant.goto(f"{base}{reverse('onestop:my-dossier-detail', args=[pk])}")
    expect(applicant.get_by_role("heading", name="Complete the dossier")).to_be_visible()
    applicant.get_by_label("Files completing the dossier (PDF, JPEG or PNG)").set_input_files(
        [pdf("ban-ve-mat-cat.pdf")]
    )
    applicant.get_by_role("button", name="Send the files").click()
    expect(applicant.get_by_text("The files have been sent to the one-stop desk.")).to_be_visible()
    expect_public_status(public, base, code, "Being processed", step_names[1])

    # The division forwards to the city department (liên thông), which finds it in its list,
    # appraises and sends it on; it comes back to the district.
    act(
        division,
        base,
        pk,
        "forward",
        "Forward to the next step",
        "The dossier was forwarded to the next step.",
    )
    expect_public_status(public, base, code, "Being processed", step_names[2])
    city = english_page()
    log_in(city, base, city_specialist.email)
    open_from_list(city, base, code)
    act(
        city,
        base,
        pk,
        "forward",
        "Forward to the next step",
        "The dossier was forwarded to the next step.",
        note="Sở thống nhất",
    )
    expect_public_status(public, base, code, "Being processed", step_names[3])

    head_of_division = english_page()
    log_in(head_of_division, base, division_head.email)
    open_from_list(head_of_division, base, code)
    act(
        head_of_division,
        base,
        pk,
        "forward",
        "Forward to the next step",
        "The dossier was forwarded to the next step.",
    )
    expect_public_status(public, base, code, "Being processed", step_names[4])

    # The district head signs: the signed result is recorded; the desk returns it.
    head = english_page()
    log_in(head, base, unit_head.email)
    open_from_list(head, base, code)
    act(
        head,
        base,
        pk,
        "record_result",
        "Record the result",
        "The result was recorded.",
        file=pdf("giay-phep-xay-dung.pdf"),
        note="Giấy phép số 12/GPXD",
    )
    expect_public_status(public, base, code, "Result ready")
    act(desk, base, pk, "return_result", "Return the result", "The result was returned.")
    expect_public_status(public, base, code, "Result returned")
    expect(public.locator("section.result")).to_contain_text("Early")  # timeliness

    # The citizen rates the service on their dossier page.
    applicant.goto(f"{base}{reverse('onestop:my-dossier-detail', args=[pk])}")
    applicant.get_by_label("5 – Very satisfied").check()
    applicant.get_by_label("Comment").fill("Nhanh, cán bộ hướng dẫn tận tình")
    applicant.get_by_role("button", name="Send the rating").click()
    expect(applicant.get_by_text("Thank you for your rating.")).to_be_visible()
    expect(applicant.get_by_role("heading", name="Your rating")).to_be_visible()
    rating = DossierRating.objects.get(dossier_id=pk)
    assert rating.score == 5

    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.RETURNED
    assert dossier.timeliness == "early"

    # The district head reads the figures: one received online, one finished early, returned.
    head.goto(f"{base}{reverse('onestop:figures')}")
    table = head.locator("table.figures-table")
    headers = [h.strip() for h in table.locator("thead th").all_inner_texts()]
    row = table.locator("tbody tr", has=head.locator("th", has_text=re.compile(r"^Quận Ba Đình$")))
    expect(row).to_have_count(1)
    texts = [c.strip() for c in row.locator("td").all_inner_texts()]
    cells = dict(zip(headers[1:], texts, strict=True))
    assert cells["Received"] == "1", cells
    assert cells["of which online"] == "1", cells
    assert cells["of which at the desk or by post"] == "0", cells
    assert cells["Finished early"] == "1", cells
    assert cells["Finished on time"] == "0", cells
    assert cells["Finished late"] == "0", cells
    assert cells["Results returned"] == "1", cells
    assert cells["In progress, on time (now)"] == "0", cells
    assert cells["Waiting for completion (now)"] == "0", cells
    assert cells["Refused"] == "0", cells
    assert cells["Submitted online (%)"].startswith("100"), cells
    assert cells["Average satisfaction (1–5)"].startswith("5"), cells
