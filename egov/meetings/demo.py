"""Hà Nội demo data of paperless meetings, a month of every kind: the weekly People's
Committee sessions (three held, online, timed by the chair agenda item by agenda item, the
invitees checked in by their invitations' QR codes; the second with a speaker, a named vote
where an absent member voted by written ballot, minutes and a conclusion notice whose two
work-assigning conclusions became tasks in directives; the next one invited with its
papers), and planned ones of the other kinds (a working meeting, a conference, an online
conference to the districts' connected points).
Everything goes through the services, replayed at past moments, so audit trails and figures
are real; papers share one rendered sample PDF to keep the load fast. Never meant for
production.

Needs the city's org tree, the city office's demo account and the demo signing keys (the portal
demo loads them first)."""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

from django.utils import timezone

from egov.accounts.models import User
from egov.common.pdf import PdfUnavailable, html_to_pdf
from egov.documents.models import Document
from egov.documents.services import (
    document_approve,
    document_sign_and_issue,
    document_submit_for_review,
)
from egov.meetings import services
from egov.meetings.choices import MeetingKind, Response
from egov.meetings.models import AgendaItem, Invitee, Meeting
from egov.meetings.services.calendar import calendar_feed_issue
from egov.meetings.services.checkin import invitee_check_in_by_code
from egov.meetings.services.notes import note_add
from egov.meetings.services.timers import item_end, item_start
from egov.meetings.services.written import vote_send_written, written_ballot_cast
from egov.orgs.loaders import orgunit_now_named
from egov.orgs.models import Membership, OrgUnit
from egov.orgs.services import orgunit_update
from egov.workdays.rules import VN_TZ

OFFICE = "chanhvanphong@hanoi.demo"
CITY = "Thành phố Hà Nội"
# The department of 2020, or the one that took it over on 1 March 2025 (Sở Khoa học và Công nghệ)
DEPARTMENT = "Sở Thông tin và Truyền thông"
DEPARTMENT_PEOPLE = ("chuyenvien.skhcn@hanoi.demo", "chuyenvien.stttt@hanoi.demo")
DAY = datetime.timedelta(days=1)
# A tiny PDF when WeasyPrint cannot render (no Pango): the paper still goes through the intake.
FALLBACK_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Count 0/Kids[]>>"
    b"endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


@contextmanager
def _at(moment: datetime.datetime) -> Iterator[None]:
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def _moment(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=VN_TZ)


def _working_day(day: datetime.date, step: int) -> datetime.date:
    """``day`` moved by ``step`` days, then off the weekend in the same direction."""
    day += datetime.timedelta(days=step)
    while day.weekday() >= 5:
        day += DAY if step >= 0 else -DAY
    return day


@functools.cache
def _sample_pdf() -> bytes:
    """One rendered sample paper, reused by every demo paper (rendering is the slow part)."""
    try:
        return html_to_pdf("<h1>Tài liệu họp</h1><p>Dữ liệu mẫu.</p>", unavailable="")
    except PdfUnavailable:
        return FALLBACK_PDF


def _paper(title: str) -> bytes:
    return _sample_pdf()


def _issue(document: Document, head: User) -> Document:
    document = document_submit_for_review(actor=head, document=document, expected_version=None)
    document = document_approve(actor=head, document=document, expected_version=None)
    return document_sign_and_issue(actor=head, document=document, expected_version=None)


def _planned(
    office: User, city: OrgUnit, dept: OrgUnit, starts: datetime.datetime, **kw
) -> Meeting:
    meeting = services.meeting_create(
        actor=office, host_unit=city, chair=office, starts_at=starts, **kw
    )
    services.invitee_add(actor=office, meeting=meeting, unit=dept)
    return meeting


Agenda = list[tuple[str, int, "Agenda"]]  # title, planned minutes, sub-items


def _items(office: User, meeting: Meeting, items: Agenda, parent: AgendaItem | None) -> None:
    for title, minutes, subs in items:
        item = services.item_add(
            actor=office,
            meeting=meeting,
            title=title,
            planned_minutes=minutes,
            presenter=DEPARTMENT,
            parent=parent,
        )
        services.paper_upload(actor=office, item=item, upload=_paper(title), name=f"{title}.pdf")
        _items(office, meeting, subs, item)


def _invite(office: User, city: OrgUnit, meeting: Meeting, items: Agenda) -> None:
    _items(office, meeting, items, None)
    document = services.invitation_draft(
        actor=office, meeting=meeting, drafting_unit=city, expected_version=None
    )
    _issue(document, office)
    services.meeting_invite(actor=office, meeting=meeting, expected_version=None)


DISTRICT_HEADS = ("chutich.badinh@hanoi.demo", "chutich.hoankiem@hanoi.demo")


def _district_heads() -> list[tuple[User, OrgUnit]]:
    """The demo's district heads with their district (those loaded), for connected points."""
    found = []
    for email in DISTRICT_HEADS:
        user = User.objects.filter(email=email).first()
        membership = (
            Membership.objects.current().filter(user=user).select_related("unit").first()
            if user
            else None
        )
        if membership is not None:
            found.append((user, membership.unit))
    return found


def _weekly_session(
    office: User, city: OrgUnit, dept: OrgUnit, person: User | None, day: datetime.date, n: int
) -> Meeting:
    """A weekly People's Committee session held on ``day``: invited a week before, checked in,
    started and ended by the chair (a little over or under plan)."""
    with _at(_moment(_working_day(day, -7))):
        session = _planned(
            office,
            city,
            dept,
            _moment(day, 8),
            kind=MeetingKind.UBND_SESSION,
            title=f"Phiên họp UBND Thành phố thường kỳ tuần {n}",
            planned_minutes=150,
            place="Phòng họp số 1, trụ sở UBND Thành phố",
            online_url="https://meet.jit.si/hanoi-ubnd-thuong-ky",
        )
        _invite(office, city, session, [("Báo cáo tình hình kinh tế - xã hội trong tuần", 60, [])])
    invitee = Invitee.objects.get(meeting=session, unit=dept)
    with _at(_moment(day, 8) - datetime.timedelta(minutes=10)):  # the QR scanned at the door
        invitee_check_in_by_code(actor=office, meeting=session, code=invitee.checkin_code)
    with _at(_moment(day, 8)):
        services.meeting_start(actor=office, meeting=session, expected_version=None)
    item = session.items.get(number="1")
    with _at(_moment(day, 8) + datetime.timedelta(minutes=5)):
        item_start(actor=office, item=item)
    with _at(_moment(day, 9) + datetime.timedelta(minutes=5 * n)):
        item_end(actor=office, item=item)
    with _at(_moment(day, 10) + datetime.timedelta(minutes=20 + 10 * n)):
        services.meeting_end(actor=office, meeting=session, expected_version=None)
        return services.meeting_hold(actor=office, meeting=session, expected_version=None)


def _upcoming(office: User, city: OrgUnit, dept: OrgUnit, today: datetime.date) -> None:
    """Planned meetings of the other kinds in the coming weeks (no invitation sent yet)."""
    with _at(min(timezone.now(), _moment(today, 17))):
        working = _planned(
            office,
            city,
            dept,
            _moment(_working_day(today, 2), 9),
            kind=MeetingKind.WORKING,
            title="Họp làm việc với Sở về hạ tầng số",
            planned_minutes=90,
            place="Phòng họp tầng 3, trụ sở UBND Thành phố",
        )
        services.item_add(
            actor=office, meeting=working, title="Hiện trạng hạ tầng số", planned_minutes=45
        )
        _planned(
            office,
            city,
            dept,
            _moment(_working_day(today, 10), 8),
            kind=MeetingKind.CONFERENCE,
            title="Hội nghị sơ kết công tác cải cách hành chính",
            planned_minutes=180,
            place="Hội trường lớn, trụ sở UBND Thành phố",
        )
        online = _planned(
            office,
            city,
            dept,
            _moment(_working_day(today, 4), 14),
            kind=MeetingKind.ONLINE_CONFERENCE,
            title="Hội nghị trực tuyến triển khai chuyển đổi số các xã, phường",
            planned_minutes=120,
            place="Phòng họp tầng 2, trụ sở UBND Thành phố",
            online_url="https://meet.jit.si/hanoi-chuyen-doi-so",
        )
        for head, district in _district_heads():
            services.invitee_add(actor=office, meeting=online, unit=district)
            services.point_add(
                actor=office,
                meeting=online,
                unit=district,
                officer=head,
                place=f"Hội trường {district.name}",
            )


def meetings_demo_load(*, today: datetime.date | None = None) -> dict[str, int]:
    """Load the two demo meetings; returns how many meetings and tasks were made."""
    today = today or timezone.localdate()
    office = User.objects.get(email=OFFICE)
    city = OrgUnit.objects.active().get(kind="province", name=CITY)
    dept = orgunit_now_named(DEPARTMENT)
    if dept is None:
        raise OrgUnit.DoesNotExist(DEPARTMENT)
    person = User.objects.filter(email__in=DEPARTMENT_PEOPLE).order_by("email").first()
    if not city.short_name:
        orgunit_update(actor=None, unit=city, short_name="UBND")
        city.refresh_from_db()

    held_day = _working_day(today, -14)
    _weekly_session(office, city, dept, person, _working_day(held_day, -7), 1)
    with _at(_moment(_working_day(held_day, -7))):
        past = _planned(
            office,
            city,
            dept,
            _moment(held_day, 8),
            kind=MeetingKind.UBND_SESSION,
            title="Phiên họp UBND Thành phố thường kỳ tuần 2",
            planned_minutes=120,
            place="Phòng họp số 1, trụ sở UBND Thành phố",
            online_url="https://meet.jit.si/hanoi-ubnd-thuong-ky",
        )
        absent = next(iter(_district_heads()), (None, None))[0]  # a member invited by name
        if absent is not None:
            services.invitee_add(actor=office, meeting=past, person=absent)
        _invite(
            office,
            city,
            past,
            [
                ("Báo cáo tiến độ chuyển đổi số", 40, []),
                (
                    "Dự thảo kế hoạch năm tới",
                    50,
                    [("Mục tiêu và chỉ tiêu", 20, []), ("Giải pháp và lộ trình", 25, [])],
                ),
            ],
        )
    invitee = Invitee.objects.get(meeting=past, unit=dept)
    with _at(_moment(_working_day(held_day, -3))):
        if person is not None:
            services.invitee_answer(actor=person, invitee=invitee, response=Response.CONFIRMED)
            services.opinion_give(
                actor=person,
                item=past.items.get(number="2"),
                text="Đề nghị bổ sung chỉ tiêu dịch vụ công trực tuyến toàn trình.",
            )
    with _at(_moment(held_day, 8) - datetime.timedelta(minutes=5)):
        # the department's specialist opens the invitation's QR on their phone at the door
        invitee_check_in_by_code(actor=person or office, meeting=past, code=invitee.checkin_code)
    with _at(_moment(held_day, 8)):
        services.meeting_start(actor=office, meeting=past, expected_version=None)
    with _at(_moment(held_day, 8) + datetime.timedelta(minutes=2)):
        item_start(actor=office, item=past.items.get(number="1"))
    with _at(_moment(held_day, 8) + datetime.timedelta(minutes=45)):  # 43 of 40 minutes
        item_start(actor=office, item=past.items.get(number="2"))
        if person is not None:
            speaker = services.speaker_request(
                actor=person, meeting=past, item=past.items.get(number="2")
            )
    with _at(_moment(held_day, 8) + datetime.timedelta(minutes=50)):
        if person is not None:
            services.speaker_start(actor=office, speaker=speaker)
    with _at(_moment(held_day, 8) + datetime.timedelta(minutes=54)):
        if person is not None:
            services.speaker_end(actor=office, speaker=speaker)
        vote = services.vote_open(
            actor=office, item=past.items.get(number="2"), question="Thông qua dự thảo kế hoạch?"
        )
        if person is not None:
            services.vote_cast(actor=person, vote=vote, choice="for")
        if absent is not None:  # the absent member gets a written ballot, two working days
            vote = vote_send_written(actor=office, vote=vote, workdays=2)
    with _at(_moment(held_day, 9) + datetime.timedelta(minutes=30)):  # 45 of 50 minutes
        item_end(actor=office, item=past.items.get(number="2"))
        note_add(
            actor=office,
            meeting=past,
            item=past.items.get(number="2"),
            text=f"{dept.name} trình bày dự thảo; đại biểu thống nhất, đề nghị bổ sung lộ trình.",
        )
    with _at(_moment(held_day, 10) + datetime.timedelta(minutes=15)):
        if absent is None:
            services.vote_close(actor=office, vote=vote)
        services.meeting_end(actor=office, meeting=past, expected_version=None)
        past = services.meeting_hold(actor=office, meeting=past, expected_version=None)
        conclusions = [
            services.conclusion_add(
                actor=office,
                meeting=past,
                text=f"{dept.name} hoàn thiện dự thảo kế hoạch, trình UBND Thành phố.",
                lead_unit=dept,
                deadline_on=_working_day(held_day, 21),
            ),
            services.conclusion_add(
                actor=office,
                meeting=past,
                text=f"{dept.name} hướng dẫn các xã, phường số hóa hồ sơ một cửa.",
                lead_unit=dept,
                cooperating=[unit for _head, unit in _district_heads()][:2],
                deadline_on=_working_day(held_day, 45),
            ),
            services.conclusion_add(
                actor=office,
                meeting=past,
                text="Thống nhất chủ trương triển khai trên toàn thành phố.",
            ),
        ]
    if absent is not None:  # the written ballot comes in the next morning; the vote closes
        with _at(_moment(_working_day(held_day, 1), 9)):
            written_ballot_cast(actor=absent, vote=vote, choice="for")
        with _at(_moment(_working_day(held_day, 1), 10)):
            services.vote_close(actor=office, vote=vote)
    _weekly_session(office, city, dept, person, _working_day(held_day, 7), 3)
    with _at(_moment(_working_day(held_day, 2), 14)):
        minutes = services.minutes_draft(
            actor=office, meeting=past, drafting_unit=city, expected_version=None
        )
        _issue(minutes, office)
        notice = services.notice_draft(
            actor=office, meeting=past, drafting_unit=city, expected_version=None
        )
        _issue(notice, office)
        tasks = 0
        for conclusion in conclusions[:2]:
            services.conclusion_to_task(actor=office, conclusion=conclusion)
            tasks += 1
        services.meeting_close(actor=office, meeting=past, expected_version=None)

    upcoming_day = _working_day(today, 7)
    with _at(min(timezone.now(), _moment(today, 17))):  # never after the present
        upcoming = _planned(
            office,
            city,
            dept,
            _moment(upcoming_day, 14),
            kind=MeetingKind.UBND_SESSION,
            title="Phiên họp UBND Thành phố thường kỳ tuần 5",
            planned_minutes=180,
            place="Phòng họp số 1, trụ sở UBND Thành phố",
        )
        _invite(
            office,
            city,
            upcoming,
            [
                ("Tờ trình về kế hoạch đầu tư công", 60, []),
                ("Báo cáo kinh tế - xã hội tháng", 45, []),
            ],
        )
    _upcoming(office, city, dept, today)
    calendar_feed_issue(actor=office)  # the office's calendar link, ready to subscribe to
    return {"meetings": Meeting.objects.count(), "tasks": tasks}
