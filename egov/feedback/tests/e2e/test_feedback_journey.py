"""Journey of citizen feedback: a citizen asks a question (similar published answers are
suggested while typing), the ward's officer answers and publishes it, and the public search
finds it without the asker's name; the citizen reports a pothole with a photo, the ward's
officer receives and answers it, and the citizen rates the answer. Then: a procedure page
leads to the question form, a duplicate report is merged, a late report is escalated and
counted late on the ward's public figures.

Everything the people do goes through the pages, each person in their own English browser
context."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from conftest import PASSWORD, make_officer
from egov.accounts.services import public_account_register
from egov.common.testing.browser import unit_choose
from egov.feedback import services
from egov.feedback.models import Category, Question, Report
from egov.feedback.services.escalation import escalations_send
from egov.feedback.tests.conftest import photo_bytes
from egov.onestop.tests.factories import ProcedureFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page: object, base: str, login: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("E-mail or phone number").fill(login)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def test_question_published_and_report_rated(
    english_page, live_server, world, citizen, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    base = live_server.url
    officer = make_officer("chutich.phucxa@example.vn", world.commune_a, "unit_head")
    Category.objects.create(code="roads", name="Giao thông, đường hư hỏng")

    # The citizen asks the ward a question.
    person = english_page()
    log_in(person, base, citizen.phone)
    person.goto(f"{base}{reverse('feedback:question-ask')}")
    unit_choose(person, "Unit to ask", world.commune_a.name)
    person.get_by_label("Title").fill("Cấp lại giấy khai sinh")
    person.get_by_label("Your question").fill(
        "Tôi là Nguyễn Văn An, SĐT 0912345678: cấp lại giấy khai sinh cần gì?"
    )
    person.get_by_role("button", name="Send the question").click()
    expect(person.get_by_text("was sent to Phường Phúc Xá")).to_be_visible()
    question = Question.objects.get()

    # The ward's officer answers, is warned of the phone number, removes it and publishes.
    ward = english_page()
    log_in(ward, base, officer.email)
    ward.goto(f"{base}{reverse('feedback_officer:question-detail', args=[question.pk])}")
    ward.get_by_label("Answer").fill("Nộp tờ khai và giấy tờ tùy thân tại phường.")
    ward.get_by_role("button", name="Save the answer").click()
    expect(ward.get_by_text("The answer was saved.")).to_be_visible()
    expect(ward.get_by_role("alert").filter(has_text="a phone number")).to_be_visible()
    ward.get_by_label("Published question").fill("Cấp lại giấy khai sinh cần những giấy tờ gì?")
    ward.get_by_role("button", name="Publish the answer").click()
    expect(ward.get_by_text("The answer was published.")).to_be_visible()

    # Anyone finds it, accent-insensitively, without the asker's name.
    public = english_page()
    public.goto(f"{base}{reverse('feedback:answer-list')}?q=giay+khai+sinh")
    public.get_by_role("link", name="Cấp lại giấy khai sinh").click()
    expect(public.get_by_text("Nộp tờ khai và giấy tờ tùy thân tại phường.")).to_be_visible()
    expect(public.get_by_text("Nguyễn Văn An")).to_have_count(0)

    # While typing a new question, the citizen is shown the published answer.
    person.goto(f"{base}{reverse('feedback:question-ask')}")
    person.get_by_label("Title").fill("Làm lại giấy khai sinh")
    expect(person.locator("#suggestions").get_by_role("link")).to_have_text(
        "Cấp lại giấy khai sinh"
    )

    # The citizen reports a pothole with a photo.
    person.goto(f"{base}{reverse('feedback:report-create')}")
    person.get_by_label("Category").select_option(label="Giao thông, đường hư hỏng")
    unit_choose(person, "Ward or commune", world.commune_a.name)
    person.get_by_label("Title").fill("Ổ gà trước số 10")
    person.get_by_label("Description").fill("Ổ gà sâu giữa đường, xe máy dễ ngã.")
    person.get_by_label("Address of the place").fill("10 Phó Đức Chính")
    # The citizen puts the pin on the map (no tile server answers: a plain background).
    expect(person.get_by_label("Latitude")).to_have_value("")
    person.get_by_role("application", name="Map: click to place the pin").click()
    expect(person.get_by_text("Pin placed at")).to_be_visible()
    expect(person.get_by_label("Latitude")).not_to_have_value("")
    person.get_by_label("Photos (JPEG or PNG)").set_input_files(
        {"name": "o-ga.jpg", "mimeType": "image/jpeg", "buffer": photo_bytes()}
    )
    person.get_by_role("button", name="Send the report").click()
    expect(person.get_by_text("was sent to Phường Phúc Xá")).to_be_visible()
    report = Report.objects.get()
    assert report.photos.count() == 1
    south, west, north, east = settings.EGOV_FEEDBACK_BOUNDS
    assert south <= report.latitude <= north and west <= report.longitude <= east

    # The ward receives and answers it.
    ward.goto(f"{base}{reverse('feedback_officer:report-detail', args=[report.pk])}")
    expect(ward.get_by_text("removed from the public copy")).to_be_visible()
    ward.get_by_role("button", name="Receive for processing").click()
    expect(ward.get_by_text("The report was received.")).to_be_visible()
    ward.get_by_label("Answer").fill("Đã vá ổ gà ngày hôm nay.")
    ward.get_by_role("button", name="Send the answer").click()
    expect(ward.get_by_text("The report was answered.")).to_be_visible()

    # The citizen rates the answer.
    person.goto(f"{base}{reverse('feedback:report-mine', args=[report.pk])}")
    expect(person.get_by_text("Đã vá ổ gà ngày hôm nay.")).to_be_visible()
    person.get_by_label("Satisfied", exact=True).check()
    person.get_by_role("button", name="Rate the answer").click()
    expect(person.get_by_text("Thank you for rating the answer.")).to_be_visible()
    report.refresh_from_db()
    assert (report.status, report.rating) == ("closed", "like")

    # On a phone, the public map shows its pin, filtered by the ward, within the screen.
    public.set_viewport_size({"width": 390, "height": 844})
    public.goto(f"{base}{reverse('feedback:report-list')}?unit={world.commune_a.pk}")
    area = public.get_by_role("region", name="Map of the reports found")
    expect(area.locator("path.leaflet-interactive")).to_have_count(1)
    assert area.bounding_box()["width"] <= 390
    area.locator("path.leaflet-interactive").click()
    public.get_by_role("link", name="Ổ gà trước số 10").last.click()
    expect(public.get_by_text("Đã vá ổ gà ngày hôm nay.")).to_be_visible()


def test_procedure_question_duplicate_escalation_and_figures(
    english_page, live_server, world, citizen, settings, tmp_path
):
    """A procedure page leads to the question form with the procedure; the ward's head merges a
    duplicate report; the report left late is escalated to the head and shows on the ward's
    public figures."""
    settings.MEDIA_ROOT = tmp_path
    base = live_server.url
    head = make_officer("chutich.phucxa@example.vn", world.commune_a, "unit_head")
    neighbour = public_account_register(
        full_name="Trần Thị Bình", password=None, citizen_id="001190054321", email="b@example.vn"
    )
    lighting = Category.objects.create(code="lighting", name="Chiếu sáng công cộng")
    procedure = ProcedureFactory(code="1.001234", name="Đăng ký khai sinh")
    place = {"area": world.commune_a, "address": "10 Phó Đức Chính"}
    first = services.report_submit(
        actor=citizen, category=lighting, title="Đèn hỏng", description="Không sáng.", **place
    )
    second = services.report_submit(
        actor=neighbour, category=lighting, title="Đèn tắt", description="Tối om.", **place
    )

    # From the procedure page, the citizen reaches the question form with the procedure.
    person = english_page()
    log_in(person, base, citizen.phone)
    person.goto(f"{base}{reverse('onestop:procedure-detail', args=[procedure.code])}")
    person.get_by_role("link", name="A question about this procedure? Ask it").click()
    expect(person.get_by_label("Procedure code")).to_have_value("1.001234")
    expect(person.get_by_label("Procedure", exact=True)).to_have_value("Đăng ký khai sinh")

    # The head merges the second report into the first, offered as a candidate.
    ward = english_page()
    log_in(ward, base, head.email)
    ward.goto(f"{base}{reverse('feedback_officer:report-detail', args=[second.pk])}")
    ward.get_by_role("button", name=f"Merge into {first.code}").click()
    expect(
        ward.get_by_text("The report was merged with the report on the same problem.")
    ).to_be_visible()
    assert Report.objects.get(pk=second.pk).duplicate_of_id == first.pk

    # The first report is left past its time limit: the daily run escalates it to the head.
    yesterday = timezone.now() - datetime.timedelta(days=1)
    Report.objects.filter(pk=first.pk).update(due_at=yesterday, first_due_at=yesterday)
    assert escalations_send().reports == 1
    ward.goto(f"{base}{reverse('feedback_officer:inbox')}")
    expect(ward.get_by_role("row", name=first.code)).to_contain_text("escalated, level 1")

    # The ward's public figures count it late.
    public = english_page()
    public.goto(f"{base}{reverse('feedback:figures')}?unit={world.commune_a.pk}")
    reports_row = public.get_by_role("row", name="Reports")
    expect(reports_row.locator("td").nth(4)).to_have_text("1")


def test_ward_public_page_and_an_announcement_written_in_the_editor(
    english_page, live_server, world, citizen, tmp_path
):
    """A ward's public page (Decree 43/2011 art. 10) shows its leaders, procedures and answered
    questions; its chairman writes an announcement in the rich-text editor, the script typed in
    is stored as text, and the page holds on a phone's width."""
    base = live_server.url
    head = make_officer("chutich.phucxa@example.vn", world.commune_a, "unit_head")
    ProcedureFactory(name="Đăng ký kết hôn", competent_unit_kind="commune")
    question = services.question_ask(
        actor=citizen, unit=world.commune_a, title="Hỏi", body="Nguyễn Văn An hỏi khai tử"
    )
    services.question_answer(actor=head, question=question, answer="Nộp tờ khai tại phường.")
    services.question_publish(
        actor=head,
        question=question,
        public_title="Đăng ký khai tử cần gì?",
        public_body="Đăng ký khai tử cần những giấy tờ gì?",
    )

    # The chairman opens the ward's page from the list of agencies and writes an announcement.
    ward = english_page()
    log_in(ward, base, head.email)
    ward.goto(f"{base}{reverse('portal:unit-list')}?q=phuc+xa")
    ward.get_by_role("link", name=world.commune_a.name).click()
    ward.get_by_role("link", name="Edit this page").click()
    ward.get_by_role("link", name="Write an announcement").click()
    ward.get_by_label("Title").fill("Lịch tiếp công dân tháng 12")
    editor = ward.locator("trix-editor")
    editor.click()
    ward.get_by_role("button", name="Bold").click()
    ward.keyboard.type("Sáng thứ Năm")
    ward.get_by_role("button", name="Bold").click()
    ward.keyboard.type(" tại trụ sở <script>alert(1)</script>")
    ward.get_by_label("Publish on the unit's page").check()
    ward.get_by_role("button", name="Save").click()
    expect(ward.get_by_text("Published on the unit's page.")).to_be_visible()
    expect(ward.locator(".rich-text strong")).to_have_text("Sáng thứ Năm")
    expect(ward.locator(".rich-text script")).to_have_count(0)
    expect(ward.get_by_text("<script>alert(1)</script>")).to_be_visible()

    # Anyone, on a phone, sees the leaders, the procedures, the answer and the announcement.
    public = english_page()
    public.set_viewport_size({"width": 390, "height": 844})
    public.goto(f"{base}{reverse('portal:unit-page', args=[world.commune_a.pk])}")
    expect(public.get_by_role("heading", name="Leaders")).to_be_visible()
    expect(public.get_by_text(head.full_name, exact=True)).to_be_visible()
    expect(public.get_by_role("link", name="Đăng ký kết hôn")).to_be_visible()
    expect(public.get_by_role("link", name="Đăng ký khai tử cần gì?")).to_be_visible()
    expect(public.get_by_role("link", name="Lịch tiếp công dân tháng 12")).to_be_visible()
    expect(public.get_by_text("Nguyễn Văn An")).to_have_count(0)
    assert public.evaluate("document.documentElement.scrollWidth") <= 390
    public.screenshot(path=str(tmp_path / "unit-page-phone.png"), full_page=True)
