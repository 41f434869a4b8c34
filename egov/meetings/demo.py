"""Hà Nội demo data of paperless meetings: a past working session of the city with its
invitation, paper, attendance, a closed vote, minutes and a conclusion notice whose two
conclusions that assign work became tasks in directives; and an upcoming session with its
invitation issued and sent and its papers. Everything goes through the services, replayed at
past moments, so audit trails and figures are real. Never meant for production.

Needs the city's org tree, the city office's demo account and the demo signing keys (the portal
demo loads them first)."""

from __future__ import annotations

import datetime
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
from egov.meetings.models import Invitee, Meeting
from egov.orgs.loaders import orgunit_now_named
from egov.orgs.models import OrgUnit
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


def _paper(title: str) -> bytes:
    try:
        return html_to_pdf(f"<h1>{title}</h1><p>Tài liệu họp (dữ liệu mẫu).</p>", unavailable="")
    except PdfUnavailable:
        return FALLBACK_PDF


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


def _invite(office: User, city: OrgUnit, meeting: Meeting, items: list[tuple[str, int]]) -> None:
    for title, minutes in items:
        item = services.item_add(
            actor=office,
            meeting=meeting,
            title=title,
            planned_minutes=minutes,
            presenter=DEPARTMENT,
        )
        services.paper_upload(actor=office, item=item, upload=_paper(title), name=f"{title}.pdf")
    document = services.invitation_draft(
        actor=office, meeting=meeting, drafting_unit=city, expected_version=None
    )
    _issue(document, office)
    services.meeting_invite(actor=office, meeting=meeting, expected_version=None)


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
    with _at(_moment(_working_day(held_day, -7))):
        past = _planned(
            office,
            city,
            dept,
            _moment(held_day, 8),
            kind=MeetingKind.ONLINE_CONFERENCE,
            title="Hội nghị trực tuyến triển khai chuyển đổi số các xã, phường",
            planned_minutes=120,
            place="Phòng họp tầng 2, trụ sở UBND Thành phố",
            online_url="https://meet.jit.si/hanoi-chuyen-doi-so",
        )
        _invite(
            office,
            city,
            past,
            [("Báo cáo tiến độ chuyển đổi số", 40), ("Dự thảo kế hoạch năm tới", 50)],
        )
    invitee = Invitee.objects.get(meeting=past, unit=dept)
    with _at(_moment(_working_day(held_day, -3))):
        if person is not None:
            services.invitee_answer(actor=person, invitee=invitee, response=Response.CONFIRMED)
            services.opinion_give(
                actor=person,
                item=past.items.get(order=2),
                text="Đề nghị bổ sung chỉ tiêu dịch vụ công trực tuyến toàn trình.",
            )
    with _at(_moment(held_day, 8)):
        services.invitee_check_in(actor=office, invitee=invitee)
        vote = services.vote_open(
            actor=office, item=past.items.get(order=2), question="Thông qua dự thảo kế hoạch?"
        )
        if person is not None:
            services.vote_cast(actor=person, vote=vote, choice="for")
    with _at(_moment(held_day, 10)):
        services.vote_close(actor=office, vote=vote)
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
                deadline_on=_working_day(held_day, 45),
            ),
            services.conclusion_add(
                actor=office,
                meeting=past,
                text="Thống nhất chủ trương triển khai trên toàn thành phố.",
            ),
        ]
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
            title="Phiên họp UBND Thành phố thường kỳ",
            planned_minutes=180,
            place="Phòng họp số 1, trụ sở UBND Thành phố",
        )
        _invite(
            office,
            city,
            upcoming,
            [("Tờ trình về kế hoạch đầu tư công", 60), ("Báo cáo kinh tế - xã hội tháng", 45)],
        )
    return {"meetings": Meeting.objects.count(), "tasks": tasks}
