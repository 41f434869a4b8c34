"""Journey of a complaint: the reception officer records a visit at the desk and receives it as
a petition (with the visitor's receipt as a PDF); the inspector classifies it as a complaint
and accepts it, which drafts the acceptance notice in the registry; verifies, holds the
dialogue and settles it with a decision; the citizen, whose identity number is that of their
portal account, follows it on the portal; anyone holding the number and tracking code on the
receipt looks it up without logging in and sees its state, never the person. A denunciation's
denouncer is seen by its named handler only. Each person in their own English browser context."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from conftest import PASSWORD, make_officer
from egov.accounts.services import public_account_register
from egov.audit.models import AuditEvent
from egov.common.tables import sheet_rows, xlsx_open
from egov.complaints import services
from egov.complaints.choices import Channel, Outcome, PetitionKind
from egov.complaints.models import Petition
from egov.complaints.reminders import complaints_reminders_send

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page: object, base: str, login: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("E-mail or phone number").fill(login)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def pick_unit(page: object, label: str, typed: str) -> None:
    picker = page.get_by_role("combobox", name=label, exact=True)
    picker.fill(typed)
    picker.press("ArrowDown")
    picker.press("Enter")


def test_a_visit_becomes_a_complaint_settled_and_followed_by_the_citizen(
    english_page, live_server, world
) -> None:
    base = live_server.url
    make_officer("tiepdan@example.vn", world.district_a, "clerk")
    make_officer("thanhtra@example.vn", world.district_a, "specialist")
    public_account_register(
        full_name="Trần Văn Bình", password=PASSWORD, phone="0912000111", citizen_id="001080001234"
    )
    today = timezone.localdate().isoformat()

    desk = english_page()
    log_in(desk, base, "tiepdan@example.vn")
    desk.goto(f"{base}{reverse('complaints:visit-create')}")
    pick_unit(desk, "Unit", "Ba Đình")
    desk.get_by_label("Visitor").fill("Trần Văn Bình")
    desk.get_by_label("Identity number").fill("001080001234")
    desk.locator("#id_content").fill("Khiếu nại quyết định xử phạt trật tự xây dựng")
    desk.get_by_label("Documents handed in").fill("Đơn khiếu nại; bản sao quyết định")
    desk.get_by_label("Outcome").select_option("petition")
    desk.get_by_label("Summary of the petition").fill("Khiếu nại quyết định xử phạt")
    desk.get_by_role("button", name="Save").click()
    expect(desk.get_by_text("The visit was recorded in the reception book.")).to_be_visible()
    href = desk.get_by_role("link", name="Receipt (PDF)").get_attribute("href")
    receipt = desk.request.get(f"{base}{href}")
    assert receipt.ok
    assert receipt.body().startswith(b"%PDF")
    petition = Petition.objects.get()
    assert petition.number == f"1/{timezone.localdate().year}"

    inspector = english_page()
    log_in(inspector, base, "thanhtra@example.vn")
    inspector.goto(f"{base}{reverse('complaints:petition-detail', args=[petition.pk])}")
    classify = inspector.locator("form[action$='/classify/']")
    classify.get_by_label("Kind").select_option("complaint")
    classify.get_by_label("Outcome").select_option("accept")
    classify.get_by_role("button").click()
    expect(inspector.locator("#petition-status")).to_have_text("Accepted for settlement")
    expect(inspector.get_by_role("link", name="On accepting the complaint")).to_be_visible()
    for step, note in (("verify", "Đã xác minh tại hiện trường"), ("dialogue", "Có mặt hai bên")):
        form = inspector.locator(f"form[action$='/{step}/']")
        form.get_by_label("Day").fill(today)
        form.get_by_label("Record").fill(note)
        form.get_by_role("button").click()
        expect(inspector.get_by_text("The step was recorded.")).to_be_visible()
    settle = inspector.locator("form[action$='/settle/']")
    settle.get_by_label("Decided on").fill(today)
    settle.get_by_label("Finding").select_option("partly")
    settle.get_by_label("Content of the decision").fill("Khiếu nại đúng một phần.")
    settle.get_by_role("button").click()
    expect(inspector.locator("#petition-status")).to_have_text("Settled")
    expect(inspector.get_by_role("link", name="Decision settling the complaint")).to_be_visible()
    publish = inspector.locator("form[action$='/publish/']")
    offered = publish.get_by_label("Published text").input_value()
    assert "Trần Văn Bình" not in offered and "001080001234" not in offered
    publish.get_by_role("button").click()
    expect(
        inspector.get_by_text("The decision was published with personal data removed.")
    ).to_be_visible()
    expect(inspector.locator("#published")).to_be_visible()

    citizen = english_page()
    log_in(citizen, base, "0912000111")
    citizen.goto(f"{base}{reverse('complaints:my-petition-list')}")
    citizen.get_by_role("link", name=petition.number).click()
    expect(citizen.locator("#my-status")).to_have_text("Settled")
    expect(citizen.get_by_text("Partly right (partly true)")).to_be_visible()

    visitor = english_page()
    visitor.goto(f"{base}{reverse('complaints:petition-track')}")
    visitor.get_by_label("Petition number").fill(petition.number)
    visitor.get_by_label("Tracking code").fill(petition.tracking_code.lower())
    visitor.get_by_role("button", name="Look up").click()
    expect(visitor.locator("#track-status")).to_have_text("Settled")
    expect(visitor.get_by_text("Trần Văn Bình")).to_have_count(0)
    expect(visitor.get_by_text("001080001234")).to_have_count(0)
    # the decision published anonymised, for anyone
    visitor.goto(f"{base}{reverse('complaints:decision-list')}")
    expect(visitor.locator("article.decision")).to_have_count(1)
    expect(visitor.locator("article.decision")).to_contain_text("Partly right (partly true)")
    expect(visitor.get_by_text("Trần Văn Bình")).to_have_count(0)
    expect(visitor.get_by_text("001080001234")).to_have_count(0)


def test_a_settled_complaint_is_taken_to_the_city_as_a_second_complaint(
    english_page, live_server, world
) -> None:
    base = live_server.url
    handler = make_officer("thanhtra@example.vn", world.district_a, "specialist")
    city = make_officer("tiepdan.tp@example.vn", world.city, "specialist", subtree=True)
    now = timezone.now()
    first = services.petition_register(
        actor=handler,
        unit=world.district_a,
        channel=Channel.POST,
        received_at=now,
        subject="Khiếu nại quyết định thu hồi đất",
        content="Khiếu nại quyết định thu hồi đất",
        petitioner_name="Trần Văn Bình",
    )
    first = services.petition_classify(
        actor=handler,
        petition=first,
        kind=PetitionKind.COMPLAINT,
        is_competent=True,
        outcome=Outcome.ACCEPT,
    )
    today = timezone.localdate()
    first = services.petition_step_record(
        actor=handler, petition=first, step="verify", on=today, note="Xác minh"
    )
    first = services.petition_settle(
        actor=handler, petition=first, decided_on=today, verdict="wrong", summary="Khiếu nại sai."
    )

    page = english_page()
    log_in(page, base, "tiepdan.tp@example.vn")
    page.goto(f"{base}{reverse('complaints:petition-detail', args=[first.pk])}")
    appeal = page.locator("form[action$='/appeal/']")
    appeal.get_by_label("Content of the second complaint").fill("Không đồng ý với quyết định")
    appeal.get_by_role("button", name="Register the second complaint").click()
    expect(page.get_by_text("The second complaint was registered as")).to_be_visible()
    second = Petition.objects.get(instance=2)
    assert (second.unit, second.first_instance, city.is_active) == (world.city, first, True)
    page.goto(f"{base}{reverse('complaints:petition-detail', args=[second.pk])}")
    expect(page.locator("#first-instance")).to_contain_text(first.decision.subject)


def _accepted_complaint(handler, unit, received_at, subject):
    petition = services.petition_register(
        actor=handler,
        unit=unit,
        channel=Channel.VISIT,
        received_at=received_at,
        subject=subject,
        content=subject,
        petitioner_name="Đại diện 40 hộ dân",
    )
    return services.petition_classify(
        actor=handler,
        petition=petition,
        kind=PetitionKind.COMPLAINT,
        is_competent=True,
        outcome=Outcome.ACCEPT,
    )


def test_a_crowded_case_with_the_five_step_plan_shows_a_late_milestone_on_the_city_list(
    english_page, live_server, world
) -> None:
    """The district's inspector puts a crowded complaint on last year's five-step plan and
    records the first step done on time; the city inspectorate's list shows the case with the
    second step late (its day passed, not done) and the first not."""
    base = live_server.url
    handler = make_officer("thanhtra@example.vn", world.district_a, "specialist")
    make_officer("thanhtra.tp@example.vn", world.city, "specialist", subtree=True)
    petition = _accepted_complaint(
        handler, world.district_a, timezone.now(), "Khiếu nại đông người về bồi thường"
    )
    year = timezone.localdate().year - 1

    district = english_page()
    log_in(district, base, "thanhtra@example.vn")
    district.goto(f"{base}{reverse('complaints:petition-detail', args=[petition.pk])}")
    district.get_by_role("link", name="Put on the five-step plan of crowded cases").click()
    district.get_by_label("Plan of the year").fill(str(year))
    district.get_by_label("Many people (đông người)").check()
    district.get_by_label("Number of people").fill("40")
    district.get_by_role("button", name="Save").click()
    expect(district.get_by_text("The case was put on the five-step plan.")).to_be_visible()
    expect(district.locator("#milestones tbody tr")).to_have_count(5)
    district.get_by_label("Done on").fill(f"{year}-09-28")
    district.get_by_role("button", name="Record as done").click()
    expect(district.get_by_text("The step was recorded as done.")).to_be_visible()

    city = english_page()
    log_in(city, base, "thanhtra.tp@example.vn")
    city.goto(f"{base}{reverse('complaints:crowded-list')}?year={year}")
    row = city.locator("#crowded-cases tbody tr", has_text=petition.number)
    expect(row).to_have_class("late")
    expect(row.locator("td[data-step='review']")).not_to_contain_text("Late")
    expect(row.locator("td[data-step='agree']")).to_have_class("milestone late")
    expect(row.locator("td[data-step='agree']")).to_contain_text("Late")
    expect(city.locator("#crowded-summary")).to_contain_text("1 with a late milestone")


def test_the_daily_reminders_tell_the_handler_of_an_overdue_petition_once(
    english_page, live_server, world
) -> None:
    """A petition registered three weeks ago is not yet accepted: the daily run flags it
    overdue and tells its named handler, once; the handler follows the notification to the
    petition, marked overdue, also on the register."""
    base = live_server.url
    receiver = make_officer("tiepdan@example.vn", world.district_a, "clerk")
    handler = make_officer("thanhtra@example.vn", world.district_a, "specialist")
    head = make_officer("chutich@example.vn", world.district_a, "unit_head", subtree=True)
    petition = services.petition_register(
        actor=receiver,
        unit=world.district_a,
        channel=Channel.POST,
        received_at=timezone.now() - datetime.timedelta(days=21),
        subject="Kiến nghị sửa đường ngõ 5",
        content="Kiến nghị sửa đường ngõ 5",
        petitioner_name="Lê Thị Mai",
    )
    services.petition_handler_name(actor=head, petition=petition, handler=handler)
    first = complaints_reminders_send()
    again = complaints_reminders_send()
    assert (first.flagged, again.flagged, again.overdue) == (1, 0, 0)

    page = english_page()
    log_in(page, base, "thanhtra@example.vn")
    page.goto(f"{base}{reverse('accounts:notifications')}")
    notice = page.get_by_role("link", name=f"Đơn {petition.number} quá hạn")
    expect(notice).to_have_count(1)
    notice.click()
    page.goto(f"{base}{reverse('complaints:petition-detail', args=[petition.pk])}")
    expect(page.locator("#petition-overdue")).to_be_visible()
    page.goto(f"{base}{reverse('complaints:petition-list')}")
    row = page.locator("tr", has_text=petition.number)
    expect(row.locator(".badge.overdue")).to_have_text("Overdue")


def test_a_denunciation_shows_its_denouncer_to_the_handler_only(
    english_page, live_server, world
) -> None:
    """A denunciation registered and accepted by the district's inspector, its named handler:
    the handler opens the denouncer's identity (recorded in the audit trail); the head of the
    district, not named in the case, sees it protected on the page, in the list and in the
    Excel export, and the identity page answers 404."""
    base = live_server.url
    handler = make_officer("thanhtra@example.vn", world.district_a, "specialist")
    make_officer("chutich@example.vn", world.district_a, "unit_head", subtree=True)
    petition = services.petition_register(
        actor=handler,
        unit=world.district_a,
        channel=Channel.POST,
        received_at=timezone.now(),
        subject="Tố cáo cán bộ địa chính nhận tiền",
        content="Tố cáo cán bộ địa chính nhận tiền khi làm thủ tục",
        petitioner_name="Phạm Thị Tố",
        petitioner_id_number="001190004321",
    )
    services.petition_classify(
        actor=handler,
        petition=petition,
        kind=PetitionKind.DENUNCIATION,
        is_competent=True,
        outcome=Outcome.ACCEPT,
    )
    detail = f"{base}{reverse('complaints:petition-detail', args=[petition.pk])}"

    inspector = english_page()
    log_in(inspector, base, "thanhtra@example.vn")
    inspector.goto(detail)
    inspector.get_by_role("link", name="identity").click()
    expect(inspector.locator("#identity-name")).to_have_text("Phạm Thị Tố")

    head = english_page()
    log_in(head, base, "chutich@example.vn")
    head.goto(detail)
    expect(head.locator("#identity-hidden")).to_be_visible()
    expect(head.get_by_text("Phạm Thị Tố")).to_have_count(0)
    head.goto(f"{base}{reverse('complaints:petition-list')}")
    expect(head.get_by_role("link", name=petition.number)).to_be_visible()
    expect(head.get_by_text("Phạm Thị Tố")).to_have_count(0)
    with head.expect_download() as download:
        head.get_by_role("link", name="Download as Excel (.xlsx)").click()
    sheet = xlsx_open(download.value.path().read_bytes()).worksheets[0]
    cells = [str(cell) for row in sheet_rows(sheet) for cell in row]
    assert petition.number in cells
    assert "Protected" in cells
    assert not any("Phạm Thị Tố" in cell for cell in cells)
    identity = head.request.get(
        f"{base}{reverse('complaints:petition-identity', args=[petition.pk])}"
    )
    assert identity.status == 404
    assert AuditEvent.objects.filter(action="complaints.identity_read").count() == 1
