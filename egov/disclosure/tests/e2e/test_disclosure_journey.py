"""The journey of issue 26: a commune publishes its budget estimate and its poor-household list
(posting confirmed with a photo) and the city office sees another commune late on its list; a
department opens a consultation on a draft plan with a question, two citizens comment on
sections (one answering the question) and a visitor without an account comments with the code
e-mailed to her (asking for a new one) and supports a citizen's comment the same way, the
department answers and closes, its director signs and issues the synthesis
(public as a signed PDF), and the adopted plan links both. Each person in their own English
browser context."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from conftest import PASSWORD, make_officer
from egov.accounts.services import public_account_register
from egov.common.testing import files as sample_files
from egov.disclosure.models import Consultation, Item
from egov.documents.models import DocumentLink, DocumentType
from egov.documents.services import document_draft_create
from egov.documents.tests.conftest_pki import pki, pki_material  # noqa: F401 - fixtures
from egov.orgs.models import OrgUnit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page: object, base: str, login: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("E-mail or phone number").fill(login)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def pick_unit(page: object, typed: str) -> None:
    picker = page.get_by_role("combobox", name="Unit", exact=True)
    picker.fill(typed)
    picker.press("ArrowDown")
    picker.press("Enter")


def publish(page: object, base: str, duty: str, title: str, name: str, content: bytes) -> None:
    today = timezone.localdate()
    page.goto(f"{base}{reverse('disclosure_officer:item-create')}")
    pick_unit(page, "Phúc Xá")
    page.get_by_label("Duty").select_option(label=duty)
    page.get_by_label("A day of the period").fill(
        f"{today.year - 1}-12-01" if "hộ nghèo" in duty else today.isoformat()
    )
    page.get_by_label("Title").fill(title)
    page.get_by_label("File of the item").set_input_files(
        files=[{"name": name, "mimeType": "application/octet-stream", "buffer": content}]
    )
    page.get_by_label("Notice board at the unit's office").check()
    page.get_by_label("Displayed from").fill(today.isoformat())
    page.get_by_label("Displayed until").fill((today + datetime.timedelta(days=40)).isoformat())
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The item is published.")).to_be_visible()
    page.get_by_label("Place").select_option(label="Notice board at the unit's office")
    page.get_by_label("Posted on").fill(today.isoformat())
    page.get_by_label("Photo of the posting").set_input_files(
        files=[{"name": "niem-yet.jpg", "mimeType": "image/jpeg", "buffer": sample_files.jpeg()}]
    )
    page.get_by_role("button", name="Confirm the posting").click()
    expect(page.get_by_text("The posting is confirmed.")).to_be_visible()


def code_of(message: object) -> str:
    return re.search(r"\b\d{6}\b", message.body)[0]


def test_disclosure_and_consultation_journey(
    english_page,
    live_server,
    world,
    pki,  # noqa: F811
    settings,
) -> None:
    settings.EGOV_ONE_TIME_CODE_RESEND_SECONDS = 0  # the visitor asks for a new code at once
    base = live_server.url
    OrgUnit.objects.filter(pk=world.dept.pk).update(short_name="STTTT")
    pki.issue(world.dept)
    make_officer("giamdoc@example.vn", world.dept, "unit_head")
    make_officer("congkhai@example.vn", world.commune_a, "specialist")
    make_officer("vp@example.vn", world.city, "unit_head", subtree=True)
    department_officer = make_officer("so@example.vn", world.dept, "specialist")
    for name, phone, number in (
        ("Nguyễn Văn An", "0912000111", "001085000111"),
        ("Trần Thị Bình", "0912000222", "001190000222"),
    ):
        public_account_register(full_name=name, password=PASSWORD, phone=phone, citizen_id=number)
    plan = DocumentType.objects.get(code="ke-hoach")
    draft = document_draft_create(
        actor=department_officer,
        drafting_unit=world.dept,
        unit=world.dept,
        doc_type=plan,
        subject="Dự thảo Kế hoạch chuyển đổi số",
    )
    adopted = document_draft_create(
        actor=department_officer,
        drafting_unit=world.dept,
        unit=world.dept,
        doc_type=plan,
        subject="Kế hoạch chuyển đổi số",
    )

    commune = english_page()
    log_in(commune, base, "congkhai@example.vn")
    budget = sample_files.xlsx([["Nội dung", "Dự toán"], ["Tổng chi", 47900]])
    publish(
        commune,
        base,
        "Dự toán ngân sách xã đã được Hội đồng nhân dân quyết định",
        "Dự toán ngân sách phường Phúc Xá",
        "du-toan.xlsx",
        budget,
    )
    households = sample_files.xlsx([["Họ tên chủ hộ", "Tổ"], ["Nguyễn Văn Hải", "Tổ 3"]])
    publish(
        commune,
        base,
        "Danh sách hộ nghèo, hộ cận nghèo",
        "Danh sách hộ nghèo phường Phúc Xá",
        "ho-ngheo.xlsx",
        households,
    )
    assert Item.objects.get(title="Danh sách hộ nghèo phường Phúc Xá").postings.count() == 1

    public = english_page()
    public.goto(f"{base}{reverse('disclosure:item-list')}?q=ho ngheo phuc xa")
    expect(public.get_by_role("link", name="Danh sách hộ nghèo phường Phúc Xá")).to_be_visible()

    office = english_page()
    log_in(office, base, "vp@example.vn")
    office.goto(f"{base}{reverse('disclosure_officer:late-list')}")
    late = (
        office.get_by_role("row")
        .filter(has_text="Phường Hàng Trống")
        .filter(has_text="Dự toán ngân sách xã đã được")
    )
    expect(late).to_contain_text("Missing (overdue)")

    department = english_page()
    log_in(department, base, "so@example.vn")
    department.goto(f"{base}{reverse('disclosure_officer:consultation-create')}")
    pick_unit(department, "Sở Thông tin")
    picker = department.get_by_label("The draft (a document of the registry)")
    picker.press_sequentially("du thao ke hoach")  # the registry searched without accents
    expect(department.locator(f"#document-choices option[value='{draft.pk}']")).to_have_text(
        re.compile("Dự thảo Kế hoạch chuyển đổi số")
    )
    expect(department.locator("#document-choices option")).to_have_count(1)
    picker.fill(str(draft.pk))  # what picking the offered document does
    department.get_by_label("Title").fill("Lấy ý kiến dự thảo Kế hoạch chuyển đổi số")
    department.get_by_label("Summary").fill("Đề nghị người dân góp ý.")
    department.get_by_label("Sections of the draft (one heading per line)").fill(
        "Phần I. Mục tiêu\nPhần II. Nhiệm vụ"
    )
    department.get_by_label("Questions asked (one per line)").fill(
        "Anh chị có đồng ý với lộ trình? | Đồng ý | Không đồng ý"
    )
    department.get_by_label("Audience").select_option(label="The whole city")
    today = timezone.localdate().isoformat()
    department.get_by_label("Opens on").fill(today)
    department.get_by_label("Closes on").fill(today)
    department.get_by_role("button", name="Save").click()
    expect(department.get_by_text("The consultation is open.")).to_be_visible()
    consultation = Consultation.objects.get()

    for login, section, body in (
        ("0912000111", "Phần I. Mục tiêu", "Cần thêm chỉ tiêu cấp xã."),
        ("0912000222", "Phần II. Nhiệm vụ", "Ưu tiên cấp phép xây dựng."),
    ):
        citizen = english_page()
        log_in(citizen, base, login)
        citizen.goto(f"{base}{reverse('disclosure:consultation-detail', args=[consultation.pk])}")
        citizen.get_by_label("Section").select_option(label=section)
        citizen.get_by_label("Your comment").fill(body)
        if login == "0912000111":
            citizen.get_by_label("Đồng ý", exact=True).check()
        citizen.get_by_role("button", name="Send the comment").click()
        expect(citizen.get_by_text("Your comment is published.")).to_be_visible()

    visitor = english_page()
    visitor.goto(f"{base}{reverse('disclosure:consultation-detail', args=[consultation.pk])}")
    visitor.get_by_label("Your name (shown with the comment)").fill("Lê Thị Khách")
    visitor.get_by_label("Your e-mail address or phone number (not shown)").fill("khach@example.vn")
    visitor.get_by_label("Your comment").fill("Cần công khai tiến độ hằng quý.")
    visitor.get_by_role("button", name="Send the comment").click()
    expect(visitor.get_by_role("heading", name="Confirm your comment")).to_be_visible()
    visitor.get_by_role("button", name="Send me a new code").click()  # the first did not come
    expect(visitor.get_by_text("A new code is sent to k***@example.vn.")).to_be_visible()
    _first, latest = [m for m in mail.outbox if m.to == ["khach@example.vn"]]
    visitor.get_by_label("The code you received").fill(code_of(latest))
    visitor.get_by_role("button", name="Publish my comment").click()
    expect(visitor.get_by_text("Your comment is published.")).to_be_visible()
    expect(visitor.get_by_text("Cần công khai tiến độ hằng quý.")).to_be_visible()

    visitor.locator(".comment").filter(has_text="Cần thêm chỉ tiêu cấp xã.").get_by_role(
        "link", name="Support"
    ).click()
    visitor.get_by_label("Your e-mail address or phone number (not shown)").fill("ung@example.vn")
    visitor.get_by_role("button", name="Send me the code").click()
    [support_mail] = [m for m in mail.outbox if m.to == ["ung@example.vn"]]
    visitor.get_by_label("The code you received").fill(code_of(support_mail))
    visitor.get_by_role("button", name="Count my support").click()
    expect(visitor.get_by_text("You support this comment.")).to_be_visible()
    expect(
        visitor.locator(".comment").filter(has_text="Cần thêm chỉ tiêu cấp xã.")
    ).to_contain_text("1 support")

    department.goto(
        f"{base}{reverse('disclosure_officer:consultation-detail', args=[consultation.pk])}"
    )
    department.get_by_label("Nguyễn Văn An").check()
    department.get_by_label("Trần Thị Bình").check()
    department.locator("#id_answer-answer").fill("Tiếp thu và bổ sung.")
    department.get_by_role("button", name="Answer", exact=True).click()
    expect(department.get_by_text("The answer is recorded.")).to_be_visible()
    department.get_by_label("Synthesis: what was taken in and why the rest was not").fill(
        "Tiếp thu toàn bộ ý kiến."
    )
    department.get_by_role("button", name="Close the consultation").click()
    expect(department.get_by_text("its synthesis is drafted in the registry")).to_be_visible()
    director = english_page()
    log_in(director, base, "giamdoc@example.vn")
    director.goto(
        f"{base}{reverse('disclosure_officer:consultation-detail', args=[consultation.pk])}"
    )
    director.get_by_role("button", name="Sign and issue the synthesis").click()
    expect(director.get_by_text("The synthesis is signed, issued and published.")).to_be_visible()
    department.reload()
    department.get_by_label("The adopted version (a document of the registry)").fill(
        str(adopted.pk)
    )
    department.get_by_role("button", name="Record the adopted version").click()
    expect(department.get_by_text("The adopted version is linked")).to_be_visible()

    public.goto(f"{base}{reverse('disclosure:consultation-detail', args=[consultation.pk])}")
    expect(public.locator(".adopted")).to_contain_text("Kế hoạch chuyển đổi số")
    expect(public.locator(".synthesis-body")).to_contain_text("Tiếp thu và bổ sung.")
    expect(public.locator(".synthesis-body")).to_contain_text("Đồng ý: 1")
    expect(public.locator(".synthesis")).to_contain_text("01/BC-STTTT")
    with public.expect_download() as download:
        public.get_by_role("link", name="signed PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")
    consultation.refresh_from_db()
    assert set(DocumentLink.objects.filter(source=adopted).values_list("target_id", flat=True)) == {
        draft.pk,
        consultation.synthesis_id,
    }
