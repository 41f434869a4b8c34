"""Journey of a paperless meeting: the city office plans a meeting, invites a department, adds
an agenda item with a sub-item and a paper and issues the invitation through the registry
(the sub-item nested under its item on the page and in the conclusion notice); the department's
head confirms and reads the paper; the chair opens a vote, the head votes, the chair closes it,
marks the meeting held and records a conclusion; the office issues the conclusion notice and
turns the conclusion into a task of directives.

Everything the people do goes through the pages, each person in their own English browser
context. Signing is replaced by a fixed PDF (the registry's own journey signs for real)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from conftest import PASSWORD, make_officer
from egov.common.testing import files as samples
from egov.directives.models import Task
from egov.meetings.models import Meeting
from egov.orgs.services import orgunit_update

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


def issue_in_registry(page: object, base: str, pk: int) -> None:
    """The registry's own pages: submit, approve, sign and issue (one head does all here)."""
    for title, done in (
        ("Submit for review", "The draft was sent for review."),
        ("Approve", "The draft was approved"),
        ("Sign and issue", "The document was signed and issued."),
    ):
        page.goto(f"{base}{reverse('documents:document-detail', args=[pk])}")
        page.locator("summary", has_text=title).click()
        page.locator("details[open] button[type=submit]").first.click()
        expect(page.get_by_text(done)).to_be_visible()


def meeting_page(page: object, base: str, meeting: Meeting) -> None:
    page.goto(f"{base}{reverse('meetings:meeting-detail', args=[meeting.pk])}")


def test_meeting_from_invitation_to_a_directives_task(
    english_page, live_server, world, monkeypatch
):
    signed = samples.pdf()
    monkeypatch.setattr("egov.documents.services.issuing._signed_pdf", lambda document: signed)
    orgunit_update(actor=None, unit=world.city, short_name="UBND")
    base = live_server.url
    office_head = make_officer("chanhvanphong@example.vn", world.city, "unit_head", subtree=True)
    chairman = make_officer("chutich.tp@example.vn", world.city, "unit_head", subtree=True)
    dept_head = make_officer("giamdoc.stttt@example.vn", world.dept, "unit_head")
    starts = timezone.localdate() + datetime.timedelta(days=14)

    # The office plans the meeting and prepares it.
    office = english_page()
    log_in(office, base, office_head.email)
    office.goto(f"{base}{reverse('meetings:meeting-create')}")
    office.get_by_label("Kind").select_option(label="Working meeting")
    office.get_by_label("Title").fill("Họp bàn kế hoạch chuyển đổi số")
    pick_unit(office, "Host unit", world.city.name)
    office.get_by_label("Chair").select_option(label=chairman.full_name)
    office.get_by_label("Starts at").fill(f"{starts.isoformat()}T08:00")
    office.get_by_label("Planned duration (minutes)").fill("90")
    office.get_by_label("Place", exact=True).fill("Phòng họp tầng 3")
    office.get_by_role("button", name="Plan the meeting").click()
    expect(office.get_by_text("The meeting was planned.")).to_be_visible()
    meeting = Meeting.objects.get()

    pick_unit(office, "Unit", world.dept.name)
    office.get_by_role("button", name="Invite", exact=True).click()
    expect(office.get_by_text("The invitee was added.")).to_be_visible()
    office.get_by_label("Title of the item").fill("Dự thảo kế hoạch chuyển đổi số")
    office.get_by_label("Presenter").fill("Sở Thông tin và Truyền thông")
    office.get_by_label("Planned minutes").fill("45")
    office.get_by_role("button", name="Add the item").click()
    expect(office.get_by_text("The agenda item was added.")).to_be_visible()
    # a sub-item under it, nested in the agenda as "1.1."
    office.get_by_label("Title of the item").fill("Lộ trình thực hiện")
    office.get_by_label("Sub-item of").select_option(label="1. Dự thảo kế hoạch chuyển đổi số")
    office.get_by_label("Planned minutes").fill("15")
    office.get_by_role("button", name="Add the item").click()
    expect(office.get_by_text("The agenda item was added.")).to_be_visible()
    agenda = office.locator("article.agenda-item")
    expect(agenda).to_have_count(2)
    expect(agenda.nth(0).get_by_role("heading", level=3)).to_have_text(
        "1. Dự thảo kế hoạch chuyển đổi số"
    )
    expect(agenda.nth(1)).to_have_class("card agenda-item depth-2")
    expect(agenda.nth(1).get_by_role("heading", level=4)).to_have_text("1.1. Lộ trình thực hiện")
    office.get_by_label("Agenda item").select_option(label="1. Dự thảo kế hoạch chuyển đổi số")
    office.get_by_label("Paper (PDF)").set_input_files(
        {"name": "du-thao-ke-hoach.pdf", "mimeType": "application/pdf", "buffer": samples.pdf()}
    )
    office.get_by_role("button", name="Add the paper").click()
    expect(office.get_by_text("The paper was added.")).to_be_visible()
    pick_unit(office, "Drafting unit", world.city_office.name)
    office.get_by_role("button", name="Draft the invitation").click()
    expect(office.get_by_text("The invitation was drafted in the registry")).to_be_visible()
    meeting.refresh_from_db()
    issue_in_registry(office, base, meeting.invitation_id)
    meeting_page(office, base, meeting)
    office.get_by_role("button", name="Send the invitation").click()
    expect(office.get_by_text("The invitation was sent.")).to_be_visible()
    expect(office.locator("#meeting-status")).to_have_text("Invitation sent")

    # The department's head confirms and reads the paper.
    guest = english_page()
    log_in(guest, base, dept_head.email)
    meeting_page(guest, base, meeting)
    guest.get_by_label("Will attend").check()
    guest.get_by_role("button", name="Answer").click()
    expect(guest.get_by_text("Your answer was recorded.")).to_be_visible()
    expect(guest.locator("#my-answer")).to_have_text("Will attend")
    href = guest.get_by_role("link", name="du-thao-ke-hoach.pdf").get_attribute("href")
    paper = guest.request.get(f"{base}{href}")
    assert paper.status == 200 and paper.body().startswith(b"%PDF")
    guest.get_by_role("button", name="Check in").click()  # the vote needs the quorum
    expect(guest.get_by_text("Checked in.")).to_be_visible()

    # The chair opens a vote; the head votes; the chair closes it and concludes.
    chair = english_page()
    log_in(chair, base, chairman.email)
    meeting_page(chair, base, meeting)
    chair.get_by_label("Question put to the vote").fill("Thông qua dự thảo kế hoạch?")
    chair.get_by_role("button", name="Open the vote").click()
    expect(chair.get_by_text("The vote is open.")).to_be_visible()
    meeting_page(guest, base, meeting)
    guest.get_by_label("Your vote").select_option(label="For")
    guest.get_by_role("button", name="Vote", exact=True).click()
    expect(guest.get_by_text("Your vote was counted.")).to_be_visible()
    meeting_page(chair, base, meeting)
    chair.get_by_role("button", name="Close the vote").click()
    expect(chair.locator(".vote-result")).to_have_text("1 for, 0 against, 0 abstain")
    chair.get_by_role("button", name="Mark as held").click()
    expect(chair.get_by_text("The meeting is marked as held.")).to_be_visible()
    chair.locator("#id_conclusion-text").fill(
        "Sở Thông tin và Truyền thông hoàn thiện dự thảo, trình UBND Thành phố."
    )
    pick_unit(chair, "Lead unit (when it assigns work)", world.dept.name)
    chair.get_by_label("Deadline").fill((starts + datetime.timedelta(days=30)).isoformat())
    chair.get_by_role("button", name="Record the conclusion").click()
    expect(chair.get_by_text("The conclusion was recorded.")).to_be_visible()

    # The office issues the conclusion notice and turns the conclusion into a task.
    meeting_page(office, base, meeting)
    pick_unit(office, "Drafting unit", world.city_office.name)
    office.get_by_role("button", name="Draft the conclusion notice").click()
    expect(office.get_by_text("The conclusion notice was drafted")).to_be_visible()
    meeting.refresh_from_db()
    issue_in_registry(office, base, meeting.notice_id)
    # the notice lists the agenda with the sub-item under its item
    expect(office.get_by_text("1.1. Lộ trình thực hiện")).to_be_visible()
    meeting.notice.refresh_from_db()
    lines = meeting.notice.body.splitlines()
    first = lines.index("1. Dự thảo kế hoạch chuyển đổi số")
    assert lines[first + 1] == "   1.1. Lộ trình thực hiện"
    meeting_page(office, base, meeting)
    office.get_by_role("button", name="Turn into a task").click()
    expect(office.get_by_text("The conclusion is now a task in directives.")).to_be_visible()
    office.get_by_role("link", name="task in directives").click()
    expect(office.get_by_role("heading", level=1)).to_be_visible()
    task = Task.objects.get()
    assert (task.document_id, task.lead_unit) == (meeting.notice_id, world.dept)
    assert office.url.endswith(reverse("directives:task-detail", args=[task.pk]))
