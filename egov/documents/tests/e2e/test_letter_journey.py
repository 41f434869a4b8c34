"""Journey of the registry issue's done-when: a department drafts a letter, its head signs it,
it is issued with the next number and sent to two districts; one district registers it and
directs its handling, the other returns it with a reason; the sender sees both statuses; the
signed PDF verifies.

Set-up goes through services (units, officers, signing keys); everything the people do goes
through the pages, each person in their own browser context. Delivery between the units is the
exchange app's (platform-internal sending)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from conftest import PASSWORD, make_officer
from egov.common.testing.browser import unit_choose
from egov.documents.choices import Direction, DocumentStatus, RecipientStatus, SignatureStatus
from egov.documents.models import Document, DocumentRecipient
from egov.documents.signing import pdf_verify
from egov.orgs.models import OrgUnit
from egov.orgs.services import orgunit_create
from egov.workdays.selectors import deadline_compute

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SUBJECT = "V/v triển khai Kế hoạch chuyển đổi số năm 2026"
REASON = "Văn bản không thuộc thẩm quyền giải quyết của quận"


def log_in(page: object, base: str, login: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("E-mail or phone number").fill(login)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def act(
    page: object, base: str, pk: int, action: str, title: str, done: str, **fill: object
) -> None:
    """Open the document page, unfold the action ``title``, fill it and run it."""
    page.goto(f"{base}{reverse('documents:document-detail', args=[pk])}")
    page.locator("summary", has_text=title).click()
    for field, value in fill.items():
        target = page.locator(f"#id_{action}_{field}")
        if isinstance(value, list):
            target.select_option(value)
        elif isinstance(value, OrgUnit):  # the searchable unit picker
            label = page.locator(f"label[for=id_{action}_{field}]").inner_text().rstrip(" *")
            unit_choose(page, label, value.name)
        else:
            target.fill(str(value))
    page.locator(f"form[action$='/actions/{action}/'] button[type=submit]").click()
    expect(page.get_by_text(done)).to_be_visible()


def open_from_list(page: object, base: str, list_name: str, number: str) -> None:
    page.goto(f"{base}{reverse(list_name)}")
    page.get_by_role("link", name=number, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(number)


def _copy_at(unit: object) -> Document:
    return Document.objects.get(direction=Direction.INCOMING, unit=unit)


def test_a_letter_from_a_department_to_two_districts(
    english_page, live_server, docs_world, pki_world, clerk, unit_head, clerk_b
):
    base = live_server.url
    dept = docs_world.dept
    office = orgunit_create(
        actor=None, name="Văn phòng Sở", kind="division", parent=dept, short_name="VP"
    )
    drafter = make_officer("chuyenvien.vp.stttt@example.vn", office, "specialist")
    office_head = make_officer("chanhvanphong.stttt@example.vn", office, "division_head")
    director = make_officer("giamdoc.stttt@example.vn", dept, "unit_head", subtree=True)
    dept_clerk = make_officer("vanthu.stttt@example.vn", dept, "clerk")
    deadline = deadline_compute(timezone.now(), Decimal(5), apply_cutoff=False).due_at.date()

    # The specialist of the department's office drafts the letter and submits it.
    page = english_page()
    log_in(page, base, drafter.email)
    page.goto(f"{base}{reverse('documents:outgoing-create')}")
    unit_choose(page, "Drafting unit", office.name)
    page.locator("#id_doc_type").select_option(label="Công văn")
    page.get_by_label("Summary (trích yếu)").fill(SUBJECT)
    page.locator("#id_body").fill("Đề nghị UBND các quận triển khai kế hoạch.")
    page.get_by_role("button", name="Save the draft").click()
    expect(page.get_by_text("The draft was saved.")).to_be_visible()
    letter = Document.objects.get(subject=SUBJECT)
    assert (letter.unit, letter.drafting_unit) == (dept, office)
    act(page, base, letter.pk, "submit", "Submit for review", "The draft was sent for review.")

    # The head of the office approves it; the director signs: the next number is issued.
    page = english_page()
    log_in(page, base, office_head.email)
    act(page, base, letter.pk, "approve", "Approve", "The draft was approved")
    page = english_page()
    log_in(page, base, director.email)
    act(
        page, base, letter.pk, "sign_issue", "Sign and issue", "The document was signed and issued."
    )
    expect(page.get_by_role("heading", level=1)).to_contain_text("01/STTTT-VP")

    # The department's clerk sends it to the two districts.
    sender = english_page()
    log_in(sender, base, dept_clerk.email)
    open_from_list(sender, base, "documents:outgoing-list", "01/STTTT-VP")
    act(
        sender,
        base,
        letter.pk,
        "send",
        "Send",
        "The document was sent.",
        units=[str(docs_world.district_a.pk), str(docs_world.district_b.pk)],
    )
    copy_a, copy_b = _copy_at(docs_world.district_a), _copy_at(docs_world.district_b)
    assert (copy_a.source, copy_a.arrival_number, copy_b.arrival_number) == (letter, 1, 1)

    # District A: the clerk registers it, the chairman directs its handling.
    page = english_page()
    log_in(page, base, clerk.email)
    open_from_list(page, base, "documents:incoming-list", "01/STTTT-VP")
    expect(page.locator("h1 .badge")).to_have_text("arrived, to be registered")
    act(page, base, copy_a.pk, "accept", "Register", "The document was registered.")
    page = english_page()
    log_in(page, base, unit_head.email)
    act(
        page,
        base,
        copy_a.pk,
        "assign",
        "Direct the handling",
        "The handling slip was recorded.",
        lead_unit=docs_world.division_a,
        due_on=deadline.isoformat(),
        note="Phòng VHTT chủ trì tham mưu.",
    )

    # District B: the clerk returns it to the sender with the reason.
    page = english_page()
    log_in(page, base, clerk_b.email)
    act(
        page,
        base,
        copy_b.pk,
        "return",
        "Return to the sender",
        "The document was returned to the sender.",
        reason=REASON,
    )

    # The sender sees both statuses, and the signed original verifies.
    sender.goto(f"{base}{reverse('documents:document-detail', args=[letter.pk])}")
    rows = sender.locator("table.document-recipients tbody tr")
    expect(rows.filter(has_text="Quận Ba Đình").locator(".badge")).to_have_text("assigned")
    expect(rows.filter(has_text="Quận Hoàn Kiếm").locator(".badge")).to_have_text("rejected")
    expect(rows.filter(has_text="Quận Hoàn Kiếm")).to_contain_text(REASON)
    act(sender, base, letter.pk, "verify", "Check the signatures", "The signatures were checked.")
    expect(sender.locator("td.signature-checks .badge")).to_have_text("valid")
    with sender.expect_download() as download:
        sender.get_by_role("link", name="01_STTTT-VP.pdf").click()
    signed = download.value.path().read_bytes()
    assert [(r.status, r.intact, r.trusted) for r in pdf_verify(signed)] == [
        (SignatureStatus.VALID, True, True)
    ]

    assert sorted(
        DocumentRecipient.objects.filter(document=letter).values_list("unit__name", "status")
    ) == [("Quận Ba Đình", RecipientStatus.ASSIGNED), ("Quận Hoàn Kiếm", RecipientStatus.REJECTED)]
    copy_a.refresh_from_db()
    copy_b.refresh_from_db()
    assert (copy_a.status, copy_b.status) == (DocumentStatus.ASSIGNED, DocumentStatus.RETURNED)
    assert datetime.date.fromisoformat(deadline.isoformat()) == copy_a.assignments.get().due_on
