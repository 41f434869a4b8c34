"""The issue's "Done when" journey: the city office invites two departments and two districts
to an online People's Committee session with three agenda items and papers; a district
delegates, the other gives a written opinion; during the meeting check-in, a speakers list and
a named vote; after it the minutes and the conclusion notice are issued through the registry
and two conclusions become tasks on the directives scoreboard; the figures page shows the
meeting as online with its duration against plan (the timed agenda items).

Each person in their own English browser context, everything through the pages (signing is
replaced by a fixed PDF, as in the other meeting journey)."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from conftest import make_officer
from egov.common.testing import files as samples
from egov.directives.models import Task
from egov.meetings.models import Invitee, Meeting
from egov.meetings.tests.e2e.test_meeting_journey import (
    issue_in_registry,
    log_in,
    meeting_page,
    pick_unit,
)
from egov.orgs.services import orgunit_create, orgunit_update

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ITEMS = (
    ("Tờ trình kế hoạch đầu tư công", "to-trinh-dau-tu-cong.pdf"),
    ("Báo cáo kinh tế - xã hội tháng", "bao-cao-kt-xh.pdf"),
    ("Dự thảo quyết định chuyển đổi số", "du-thao-quyet-dinh.pdf"),
)


def test_ubnd_session_from_invitation_to_scoreboard_and_figures(
    english_page, live_server, world, monkeypatch
):
    signed = samples.pdf()
    monkeypatch.setattr("egov.documents.services.issuing._signed_pdf", lambda document: signed)
    orgunit_update(actor=None, unit=world.city, short_name="UBND")
    planning = orgunit_create(
        actor=None, name="Sở Kế hoạch và Đầu tư", kind="department", parent=world.city
    )
    base = live_server.url
    office_head = make_officer("chanhvanphong@example.vn", world.city, "unit_head", subtree=True)
    chairman = make_officer("chutich.tp@example.vn", world.city, "unit_head", subtree=True)
    dept_head = make_officer("giamdoc.stttt@example.vn", world.dept, "unit_head")
    ba_dinh_head = make_officer("chutich.bd@example.vn", world.district_a, "unit_head")
    ba_dinh_deputy = make_officer("phochutich.bd@example.vn", world.district_a, "specialist")
    hoan_kiem_head = make_officer("chutich.hk@example.vn", world.district_b, "unit_head")
    starts = timezone.localdate() + datetime.timedelta(days=14)

    # The office plans the online session, invites, builds the agenda with papers.
    office = english_page()
    log_in(office, base, office_head.email)
    # The office makes its secret calendar link: its own feed and the city's, to subscribe to.
    office.goto(f"{base}{reverse('meetings:meeting-list')}")
    office.get_by_role("button", name="Make my calendar link").click()
    expect(office.locator("#calendar-feed")).to_have_value(re.compile(r"/calendar/[\w-]{43}\.ics$"))
    expect(office.locator(f"#unit-feed-{world.city.pk}")).to_have_value(
        re.compile(rf"/units/{world.city.pk}\.ics$")
    )
    office.goto(f"{base}{reverse('meetings:meeting-create')}")
    office.get_by_label("Kind").select_option(label="People's Committee session")
    office.get_by_label("Title").fill("Phiên họp UBND Thành phố thường kỳ")
    pick_unit(office, "Host unit", world.city.name)
    office.get_by_label("Chair").select_option(label=chairman.full_name)
    office.get_by_label("Starts at").fill(f"{starts.isoformat()}T08:00")
    office.get_by_label("Planned duration (minutes)").fill("150")
    office.get_by_label("Place", exact=True).fill("Phòng họp số 1")
    office.get_by_label("Online room").fill("https://meet.jit.si/hanoi-ubnd")
    office.get_by_role("button", name="Plan the meeting").click()
    expect(office.get_by_text("The meeting was planned.")).to_be_visible()
    meeting = Meeting.objects.get()
    for unit in (world.dept, planning, world.district_a, world.district_b):
        pick_unit(office, "Unit", unit.name)
        office.get_by_role("button", name="Invite", exact=True).click()
        expect(office.get_by_text("The invitee was added.")).to_be_visible()
    for order, (title, file_name) in enumerate(ITEMS, start=1):
        office.get_by_label("Title of the item").fill(title)
        office.get_by_label("Planned minutes").fill("40")
        office.get_by_role("button", name="Add the item").click()
        expect(office.get_by_text("The agenda item was added.")).to_be_visible()
        office.get_by_label("Agenda item").select_option(label=f"{order}. {title}")
        office.get_by_label("Paper (PDF)").set_input_files(
            {"name": file_name, "mimeType": "application/pdf", "buffer": samples.pdf()}
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

    # The department confirms; Ba Đình delegates; Hoàn Kiếm gives a written opinion.
    dept = english_page()
    log_in(dept, base, dept_head.email)
    meeting_page(dept, base, meeting)
    dept.get_by_label("Will attend").check()
    dept.get_by_role("button", name="Answer").click()
    expect(dept.locator("#my-answer")).to_have_text("Will attend")
    ba_dinh = english_page()
    log_in(ba_dinh, base, ba_dinh_head.email)
    meeting_page(ba_dinh, base, meeting)
    ba_dinh.get_by_label("Delegated").check()
    ba_dinh.get_by_label("Delegate to").select_option(label=ba_dinh_deputy.full_name)
    ba_dinh.get_by_role("button", name="Answer").click()
    expect(ba_dinh.get_by_text("Your answer was recorded.")).to_be_visible()
    hoan_kiem = english_page()
    log_in(hoan_kiem, base, hoan_kiem_head.email)
    meeting_page(hoan_kiem, base, meeting)
    hoan_kiem.locator("#id_opinion-item").select_option(label=f"3. {ITEMS[2][0]}")
    hoan_kiem.locator("#id_opinion-text").fill("Đề nghị làm rõ lộ trình chuyển đổi số cấp xã.")
    hoan_kiem.get_by_role("button", name="Send the opinion").click()
    expect(hoan_kiem.get_by_text("Your opinion was recorded.")).to_be_visible()

    # During the meeting: check-in by the invitations' personal QR codes — the department
    # opens its code on the phone, the secretary scans Ba Đình's at the room (a code used
    # twice is refused) — and the office's attendance list updates live (polled), then quorum.
    invitee = Invitee.objects.filter(meeting=meeting)
    dept_code = invitee.get(unit=world.dept).checkin_code
    ba_dinh_code = invitee.get(unit=world.district_a).checkin_code
    meeting_page(office, base, meeting)
    expect(office.locator("#attendance")).to_contain_text("0 present")
    meeting_page(dept, base, meeting)
    expect(dept.locator("#my-qr svg")).to_be_visible()
    dept.goto(f"{base}{reverse('meetings:check-in', args=[dept_code])}")
    dept.get_by_role("button", name="Check in now").click()
    expect(dept.get_by_text(f"{world.dept.name} is checked in.")).to_be_visible()
    expect(office.locator("#attendance")).to_contain_text("1 present")  # no reload: polled
    office.get_by_role("link", name="Check-in at the room (scan QR codes)").click()
    office.get_by_label("Check-in code or link").fill(
        f"{base}/workspace/meetings/check-in/{ba_dinh_code}/"
    )
    office.locator("#scan-submit").click()
    expect(office.get_by_text(f"{world.district_a.name} is checked in.")).to_be_visible()
    office.get_by_label("Check-in code or link").fill(dept_code)
    office.locator("#scan-submit").click()
    expect(office.locator("#id_code_error")).to_contain_text("This code was already used")
    meeting_page(office, base, meeting)
    expect(office.locator("#quorum")).to_contain_text("quorum reached")
    expect(office.get_by_role("row", name=world.district_a.name)).to_contain_text(
        "QR scanned at the room"
    )
    chair = english_page()
    log_in(chair, base, chairman.email)
    meeting_page(chair, base, meeting)
    chair.get_by_role("button", name="Start the meeting").click()
    expect(chair.get_by_text("The start of the meeting was recorded.")).to_be_visible()

    # Per-item timers: the chair starts the first item; its clock runs on the polled panel
    # for everyone; starting the third ends the first (planned against actual shown).
    chair.get_by_role("button", name="Start item 1").click()
    expect(chair.get_by_text("The item has started.")).to_be_visible()
    expect(hoan_kiem.locator("#item-timer")).to_have_text(
        re.compile(r"^00:(0[1-9]|[1-5]\d)$"), timeout=10000
    )
    chair.get_by_role("button", name="Start item 3").click()
    expect(chair.locator("#item-time-1")).to_have_text("0 of 40 minutes")

    # The speakers list: Hoàn Kiếm asks from the phone, the chair gives the floor, the timer
    # runs on the polled list, the chair ends the turn.
    meeting_page(hoan_kiem, base, meeting)
    hoan_kiem.get_by_role("button", name="Ask to speak").click()
    expect(hoan_kiem.get_by_text("You are on the speakers list.")).to_be_visible()
    expect(chair.locator("#speakers")).to_contain_text(hoan_kiem_head.full_name)  # polled
    chair.get_by_role("button", name=f"Give the floor to {hoan_kiem_head.full_name}").click()
    expect(chair.locator("#speaking-now")).to_have_text(hoan_kiem_head.full_name)
    expect(hoan_kiem.locator("#speaker-timer")).to_have_text(
        re.compile(r"^00:(0[1-9]|[1-5]\d)$"), timeout=10000
    )
    chair.get_by_role("button", name="End the turn").click()
    expect(chair.get_by_text("The turn has ended.")).to_be_visible()

    # A named vote on the draft: the department and Ba Đình's delegate vote.
    chair.locator("#id_vote-item").select_option(label=f"3. {ITEMS[2][0]}")
    chair.locator("#id_vote-question").fill("Thông qua dự thảo quyết định?")
    chair.get_by_role("button", name="Open the vote").click()
    expect(chair.get_by_text("The vote is open.")).to_be_visible()
    meeting_page(dept, base, meeting)
    dept.get_by_label("Your vote").select_option(label="For")
    dept.get_by_role("button", name="Vote", exact=True).click()
    expect(dept.get_by_text("Your vote was counted.")).to_be_visible()
    deputy = english_page()
    log_in(deputy, base, ba_dinh_deputy.email)
    meeting_page(deputy, base, meeting)
    deputy.get_by_label("Your vote").select_option(label="Abstain")
    deputy.get_by_role("button", name="Vote", exact=True).click()
    expect(deputy.get_by_text("Your vote was counted.")).to_be_visible()
    meeting_page(chair, base, meeting)
    chair.get_by_role("button", name="Close the vote").click()
    expect(chair.locator(".vote-result")).to_have_text("1 for, 0 against, 1 abstain")
    expect(chair.locator(".ballots")).to_contain_text(f"{dept_head.full_name}: For")
    # A People's Committee session decides by more than half of all members (the setting).
    expect(chair.locator(".vote-outcome")).to_have_text(
        "Not passed: 1 for, 3 needed (more than half of all members, 4 counted)."
    )
    chair.get_by_role("button", name="End the meeting").click()
    expect(chair.get_by_text("The end of the meeting was recorded.")).to_be_visible()
    chair.get_by_role("button", name="Mark as held").click()
    expect(chair.get_by_text("The meeting is marked as held.")).to_be_visible()

    # The secretary's note, which the minutes are drafted from.
    meeting_page(office, base, meeting)
    office.locator("#id_note-text").fill("Sở TT&TT tiếp thu ý kiến của quận Hoàn Kiếm.")
    office.get_by_role("button", name="Record the note").click()
    expect(office.get_by_text("The note was recorded.")).to_be_visible()

    # Two conclusions that assign work.
    deadline = (starts + datetime.timedelta(days=30)).isoformat()
    for text, unit in (
        ("Sở Thông tin và Truyền thông hoàn thiện dự thảo quyết định.", world.dept),
        ("UBND quận Ba Đình triển khai thí điểm tại các phường.", world.district_a),
    ):
        chair.locator("#id_conclusion-text").fill(text)
        pick_unit(chair, "Lead unit (when it assigns work)", unit.name)
        chair.get_by_label("Deadline").fill(deadline)
        chair.get_by_role("button", name="Record the conclusion").click()
        expect(chair.get_by_text("The conclusion was recorded.")).to_be_visible()

    # After it: minutes and notice through the registry; the conclusions become tasks.
    meeting_page(office, base, meeting)
    pick_unit(office, "Drafting unit", world.city_office.name)
    office.get_by_role("button", name="Draft the minutes").click()
    expect(office.get_by_text("The minutes were drafted in the registry.")).to_be_visible()
    pick_unit(office, "Drafting unit", world.city_office.name)
    office.get_by_role("button", name="Draft the conclusion notice").click()
    expect(office.get_by_text("The conclusion notice was drafted")).to_be_visible()
    meeting.refresh_from_db()
    assert "Sở TT&TT tiếp thu ý kiến của quận Hoàn Kiếm." in meeting.minutes.body
    issue_in_registry(office, base, meeting.minutes_id)
    issue_in_registry(office, base, meeting.notice_id)
    meeting_page(office, base, meeting)
    for _ in range(2):
        office.get_by_role("button", name="Turn into a task").first.click()
        expect(office.get_by_text("The conclusion is now a task in directives.")).to_be_visible()
    assert Task.objects.filter(document_id=meeting.notice_id).count() == 2

    # The directives scoreboard counts them for their lead units.
    year = f"period_from={starts.year}-01-01&period_to={starts.year + 1}-12-31"
    office.goto(f"{base}{reverse('directives:scoreboard')}?{year}")
    for unit in (world.dept, world.district_a):
        expect(office.get_by_role("row", name=unit.name).first).to_be_visible()

    # The figures: the session is online, with its planned and actual duration.
    first, last = starts.replace(day=1), starts + datetime.timedelta(days=31)
    office.goto(
        f"{base}{reverse('meetings:figures')}?unit={world.city.pk}"
        f"&first={first.isoformat()}&last={last.isoformat()}"
    )
    row = office.locator("#held-meetings tr", has_text="Phiên họp UBND Thành phố thường kỳ")
    expect(row).to_contain_text("online")
    expect(row).to_contain_text("80")  # items 1 and 3 were timed: 40 + 40 planned minutes
    expect(row).to_contain_text("timed agenda items")
    expect(office.get_by_text("Duration against plan")).to_be_visible()
