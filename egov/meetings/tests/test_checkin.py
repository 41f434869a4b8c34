"""Check-in by the invitation's personal QR code: the secretary's scan, the invitee's phone,
a code used twice, a code of another meeting, strangers, and the live attendance list."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from egov.audit.models import AuditEvent
from egov.common.exceptions import PermissionDenied
from egov.meetings import rules, services
from egov.meetings.choices import MeetingKind
from egov.meetings.exceptions import MeetingError
from egov.meetings.models import Invitee
from egov.meetings.services.checkin import invitee_check_in_by_code
from egov.meetings.tests.conftest import at, issue

CODE = "A" * 43


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _invited(world, people, *, title="Phiên họp UBND", day=10):
    meeting = services.meeting_create(
        actor=people.office,
        host_unit=world.city,
        chair=people.chairman,
        kind=MeetingKind.UBND_SESSION,
        title=title,
        starts_at=at(2026, 3, day, 8),
        planned_minutes=120,
        place="Phòng họp số 1",
    )
    services.invitee_add(actor=people.office, meeting=meeting, unit=world.dept)
    services.invitee_add(actor=people.office, meeting=meeting, person=people.outsider)
    document = services.invitation_draft(
        actor=people.office, meeting=meeting, drafting_unit=world.city_office, expected_version=None
    )
    issue(document, people.office, people.chairman)
    meeting, _warning = services.meeting_invite(
        actor=people.office, meeting=meeting, expected_version=None
    )
    return meeting


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (CODE, CODE),
        (f"  https://egov.example/workspace/meetings/check-in/{CODE}/ ", CODE),
        (f"/workspace/meetings/check-in/{CODE}", CODE),
        ("A" * 42, None),
        (f"{CODE}!", None),
        ("", None),
    ],
)
def test_checkin_code_is_read_from_the_code_or_the_url(text, expected):
    assert rules.checkin_code_from(text) == expected


def test_each_invitee_has_its_own_code(world, people, clock):
    meeting = _invited(world, people)

    codes = list(meeting.invitees.values_list("checkin_code", flat=True))

    assert len(codes) == 2
    assert len(set(codes)) == 2
    assert all(rules.checkin_code_from(code) == code for code in codes)


def test_secretary_scan_checks_in_once_and_a_second_scan_is_refused(world, people, clock):
    meeting = _invited(world, people)
    dept = Invitee.objects.get(meeting=meeting, unit=world.dept)
    clock.set(at(2026, 3, 10, 7))

    checked = invitee_check_in_by_code(actor=people.office, meeting=meeting, code=dept.checkin_code)

    assert (checked.checked_in_at, checked.checked_in_via) == (at(2026, 3, 10, 7), "qr_scan")
    clock.set(at(2026, 3, 10, 8))
    with pytest.raises(MeetingError, match=r"already used: .* checked in at 07:00") as refused:
        invitee_check_in_by_code(actor=people.office, meeting=meeting, code=dept.checkin_code)
    assert refused.value.code == "code_used"
    dept.refresh_from_db()
    assert dept.checked_in_at == at(2026, 3, 10, 7)
    events = AuditEvent.objects.filter(action="meetings.invitee_checked_in")
    assert events.count() == 1
    assert events.get().changes["checked_in_via"] == ["", "qr_scan"]


def test_code_of_another_meeting_is_refused(world, people, clock):
    meeting = _invited(world, people)
    other = _invited(world, people, title="Phiên họp khác", day=11)
    code = Invitee.objects.get(meeting=other, unit=world.dept).checkin_code

    with pytest.raises(MeetingError, match="invitation to another meeting"):
        invitee_check_in_by_code(actor=people.office, meeting=meeting, code=code)
    with pytest.raises(MeetingError, match="not the check-in code"):
        invitee_check_in_by_code(actor=people.office, meeting=meeting, code=CODE)

    assert not Invitee.objects.exclude(checked_in_at=None).exists()
    assert not AuditEvent.objects.filter(action="meetings.invitee_checked_in").exists()


def test_invitee_checks_in_on_the_phone_a_stranger_cannot(world, people, clock):
    meeting = _invited(world, people)
    dept = Invitee.objects.get(meeting=meeting, unit=world.dept)
    mine = Invitee.objects.get(meeting=meeting, person=people.outsider)

    with pytest.raises(PermissionDenied):
        invitee_check_in_by_code(actor=people.outsider, meeting=meeting, code=dept.checkin_code)
    checked = invitee_check_in_by_code(
        actor=people.outsider, meeting=meeting, code=mine.checkin_code
    )

    assert checked.checked_in_via == "qr_phone"
    dept.refresh_from_db()
    assert dept.checked_in_at is None


def test_code_before_the_invitation_is_sent_is_refused(world, people, clock):
    meeting = services.meeting_create(
        actor=people.office,
        host_unit=world.city,
        chair=people.chairman,
        kind=MeetingKind.WORKING,
        title="Họp",
        starts_at=at(2026, 3, 10, 8),
        planned_minutes=60,
        place="Phòng 2",
    )
    invitee = services.invitee_add(actor=people.office, meeting=meeting, unit=world.dept)

    with pytest.raises(MeetingError, match="not possible while the meeting is Planned"):
        invitee_check_in_by_code(actor=people.office, meeting=meeting, code=invitee.checkin_code)


def test_qr_page_opened_on_the_phone_checks_in(client, world, people, clock):
    meeting = _invited(world, people)
    mine = Invitee.objects.get(meeting=meeting, person=people.outsider)
    url = reverse("meetings:check-in", args=[mine.checkin_code])
    client.force_login(people.outsider)

    page = client.get(url)
    done = client.post(url)
    again = client.post(url)

    assert page.status_code == 200
    assert "Phiên họp UBND" in page.content.decode()
    assert done.status_code == 302
    assert done["Location"] == reverse("meetings:meeting-detail", args=[meeting.pk])
    assert again.status_code == 400
    assert "Mã này đã được dùng" in again.content.decode()
    mine.refresh_from_db()
    assert mine.checked_in_via == "qr_phone"


def test_qr_page_is_not_found_for_someone_else(client, world, people, clock):
    meeting = _invited(world, people)
    mine = Invitee.objects.get(meeting=meeting, person=people.outsider)
    client.force_login(people.dept_head)

    assert client.get(reverse("meetings:check-in", args=[mine.checkin_code])).status_code == 404
    assert client.post(reverse("meetings:check-in", args=[mine.checkin_code])).status_code == 404
    assert client.get(reverse("meetings:check-in", args=[CODE])).status_code == 404
    mine.refresh_from_db()
    assert mine.checked_in_at is None


def test_scan_page_checks_in_and_the_attendance_list_shows_it(client, world, people, clock):
    meeting = _invited(world, people)
    dept = Invitee.objects.get(meeting=meeting, unit=world.dept)
    other = _invited(world, people, title="Phiên họp khác", day=11)
    foreign = Invitee.objects.get(meeting=other, unit=world.dept)
    client.force_login(people.office)
    scan = reverse("meetings:check-in-scan", args=[meeting.pk])
    scanned = f"http://testserver/workspace/meetings/check-in/{dept.checkin_code}/"

    ok = client.post(scan, {"code": scanned})
    wrong = client.post(scan, {"code": foreign.checkin_code})
    part = client.get(reverse("meetings:attendance", args=[meeting.pk]))

    assert ok.status_code == 302
    assert wrong.status_code == 400
    assert "Mã này thuộc giấy mời của một cuộc họp khác." in wrong.content.decode()
    body = part.content.decode()
    assert 'hx-trigger="every 3s"' in body
    assert "09:00" in body  # the clock's time of the scan
    dept.refresh_from_db()
    assert (dept.checked_in_at, dept.checked_in_via) == (at(2026, 3, 2, 9), "qr_scan")
    foreign.refresh_from_db()
    assert foreign.checked_in_at is None


def test_scan_page_and_codes_are_for_the_host_office_only(client, world, people, clock):
    meeting = _invited(world, people)
    client.force_login(people.dept_head)  # an invitee sees the meeting but does not manage it

    assert client.get(reverse("meetings:check-in-scan", args=[meeting.pk])).status_code == 403
    assert client.get(reverse("meetings:check-in-codes", args=[meeting.pk])).status_code == 403
    client.force_login(people.office)
    codes = client.get(reverse("meetings:check-in-codes", args=[meeting.pk]))
    assert codes.status_code == 200
    assert codes.content.decode().count("<svg") == 2


def test_meeting_page_shows_the_invitees_personal_qr(client, world, people, clock):
    meeting = _invited(world, people)
    client.force_login(people.outsider)

    body = client.get(reverse("meetings:meeting-detail", args=[meeting.pk])).content.decode()

    assert 'id="my-qr"' in body
    assert "<svg" in body
