"""Hà Nội demo data of citizen feedback: report categories, questions and reports in every
state (waiting — some late and escalated —, answered, published; received, processing,
answered, rated and closed, refused, reopened, merged as a duplicate), pinned around Ba Đình,
sent by the demo citizens to the local and the other local unit and answered by their
chairmen. Everything goes through the services, replayed at past moments so clocks, audit
trails and figures are real. Never meant for production.

Needs the org tree, the demo officers and the demo citizens (the portal demo loads them
first)."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from unittest import mock

from django.utils import timezone

from egov.accounts.models import User
from egov.feedback import services
from egov.feedback.models import Category, Question, Report
from egov.feedback.services.escalation import escalations_send
from egov.orgs.models import OrgUnit
from egov.workdays.rules import VN_TZ

CATEGORIES = (
    ("roads", "Giao thông, đường hư hỏng", None),
    ("lighting", "Chiếu sáng công cộng", None),
    ("waste", "Vệ sinh môi trường, rác thải", Decimal("10")),
    ("construction", "Trật tự xây dựng", None),
    ("noise", "Tiếng ồn", Decimal("10")),
)
QUESTIONS = (
    ("Cấp lại giấy khai sinh", "Giấy khai sinh của con tôi bị mất, cần giấy tờ gì để cấp lại?",
     "Công dân nộp tờ khai theo mẫu và giấy tờ tùy thân; không cần bản chính cũ."),
    ("Đăng ký thường trú cho con", "Con tôi mới sinh, đăng ký thường trú ở đâu?",
     "Đăng ký tại Công an phường nơi cha mẹ thường trú, trực tuyến trên Cổng dịch vụ công."),
    ("Chứng thực bản sao", "Chứng thực bản sao có cần mang bản chính không?",
     "Có, người yêu cầu xuất trình bản chính để đối chiếu."),
    ("Giấy phép xây dựng nhà ở", "Sửa chữa nhà không thay đổi kết cấu có phải xin phép không?",
     "Không phải xin giấy phép nếu không thay đổi kết cấu chịu lực và công năng."),
    ("Đăng ký kết hôn", "Đăng ký kết hôn mất bao nhiêu ngày?",
     "Giải quyết ngay trong ngày; trường hợp cần xác minh không quá 05 ngày làm việc."),
    ("Xác nhận tình trạng hôn nhân", "Tôi cần giấy xác nhận tình trạng hôn nhân để mua nhà.",
     "Nộp tờ khai tại UBND phường nơi thường trú; có kết quả trong 03 ngày làm việc."),
)  # fmt: skip
REPORTS = (
    ("roads", "Ổ gà trên phố Đội Cấn", "Ổ gà sâu trước số 120 Đội Cấn, xe máy dễ ngã.",
     "120 Đội Cấn"),
    ("lighting", "Đèn đường không sáng", "Cả dãy đèn ngõ 45 không sáng ba hôm nay.",
     "Ngõ 45 Hoàng Hoa Thám"),
    ("waste", "Rác thải tồn đọng", "Điểm tập kết rác không được thu gom hai ngày.",
     "Đầu ngõ 12 Vĩnh Phúc"),
    ("construction", "Xây dựng lấn chiếm vỉa hè", "Công trình đổ vật liệu ra vỉa hè.",
     "18 Liễu Giai"),
    ("noise", "Karaoke gây ồn ban đêm", "Quán karaoke mở nhạc to sau 23 giờ.",
     "Phố Nguyễn Thái Học"),
    ("roads", "Nắp cống bị vỡ", "Nắp cống vỡ giữa đường, nguy hiểm cho người đi bộ.",
     "25 Kim Mã"),
    ("lighting", "Đèn công viên hỏng", "Đèn trong công viên nhỏ không sáng.",
     "Vườn hoa Lê Nin"),
)  # fmt: skip
# The demo's places are within Hà Nội's box, around Ba Đình.
PLACE = (Decimal("21.035000"), Decimal("105.830000"))


@contextmanager
def _at(moment: datetime.datetime) -> Iterator[None]:
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def _ago(days: int, hour: int = 9) -> datetime.datetime:
    day = timezone.localdate() - datetime.timedelta(days=days)
    moment = datetime.datetime.combine(day, datetime.time(hour), tzinfo=VN_TZ)
    return min(moment, timezone.now() - datetime.timedelta(minutes=5))


def _area(unit: OrgUnit) -> OrgUnit:
    """The commune where the reports are: the unit itself on two levels, else its first."""
    if unit.kind == "commune":
        return unit
    return OrgUnit.objects.active().filter(parent=unit, kind="commune").order_by("name").first()


def _categories() -> dict[str, Category]:
    return {
        code: Category.objects.get_or_create(
            code=code, defaults={"name": name, "answer_days": days}
        )[0]
        for code, name, days in CATEGORIES
    }


def _questions(citizens: list[User], units: list[tuple[OrgUnit, User]]) -> int:
    made = 0
    for index, (title, body, answer) in enumerate(QUESTIONS * 2):
        unit, head = units[index % 2]
        asker = citizens[index % len(citizens)]
        state = index % 4  # 0 waiting (late when old), 1 answered, 2-3 published
        with _at(_ago(30 - index * 2)):
            question = services.question_ask(actor=asker, unit=unit, title=title, body=body)
        made += 1
        if state == 0:
            continue
        with _at(_ago(26 - index * 2, 15)):
            services.question_answer(actor=head, question=question, answer=answer)
        if state >= 2:
            with _at(_ago(25 - index * 2, 10)):
                services.question_publish(
                    actor=head, question=question, public_title=title, public_body=body
                )
    return made


def _place(index: int) -> tuple[Decimal, Decimal]:
    """A pin spread around the demo's place (within about a kilometre), the same each run."""
    step = Decimal("0.001")
    return (
        PLACE[0] + ((index * 37) % 21 - 10) * step,
        PLACE[1] + ((index * 53) % 21 - 10) * step,
    )


def _report(
    citizen: User, category: Category, area: OrgUnit, row: tuple, days_ago: int, index: int = 0
) -> Report:
    _code, title, description, address = row
    latitude, longitude = _place(index)
    with _at(_ago(days_ago)):
        return services.report_submit(
            actor=citizen,
            category=category,
            area=area,
            title=title,
            description=description,
            address=address,
            latitude=latitude,
            longitude=longitude,
        )


def _reports(citizens: list[User], units: list[tuple[OrgUnit, User]]) -> int:
    categories = _categories()
    made = 0
    for index, row in enumerate(REPORTS * 2):
        unit, head = units[index % 2]
        citizen = citizens[index % len(citizens)]
        days_ago = 40 - index * 2
        report = _report(citizen, categories[row[0]], _area(unit), row, days_ago, index)
        made += 1
        state = index % 7  # received, refused, processing, answered, closed, rated, reopened
        if state == 0:
            continue
        if state == 1:
            with _at(_ago(days_ago, 14)):
                services.report_refuse(actor=head, report=report, reason="Không thuộc thẩm quyền.")
            continue
        with _at(_ago(days_ago - 1, 10)):
            services.report_receive(actor=head, report=report)
        if state == 2:
            continue
        with _at(_ago(max(days_ago - 6 - state * 3, 0), 16)):
            services.report_answer(actor=head, report=report, answer="Đơn vị đã kiểm tra, xử lý.")
        if state == 4:
            with _at(_ago(max(days_ago - 20, 0), 16)):
                services.report_close(actor=head, report=report)
        elif state == 5:
            services.report_rate(actor=citizen, report=report, rating="like")
        elif state == 6:
            services.report_reopen(actor=citizen, report=report, reason="Vẫn chưa được khắc phục.")
    return made + _duplicate(citizens, units, categories)


def _duplicate(
    citizens: list[User], units: list[tuple[OrgUnit, User]], categories: dict[str, Category]
) -> int:
    """Another citizen reports the first pothole again; the ward's head merges it."""
    unit, head = units[0]
    first = Report.objects.filter(area=_area(unit), title=REPORTS[0][1]).order_by("pk").first()
    if first is None or first.status != "received":
        return 0
    again = _report(citizens[-1], categories["roads"], _area(unit), REPORTS[0], 39, 1)
    with _at(_ago(38, 10)):
        services.report_merge(actor=head, report=again, into=first)
    return 1


def feedback_demo_load(
    *, local: OrgUnit, other: OrgUnit, local_head: User, other_head: User
) -> dict[str, int]:
    """Load the demo categories, questions and reports; returns how many of each."""
    citizens = list(User.objects.filter(kind="citizen", is_active=True).order_by("pk")[:6])
    if not citizens:
        return {"questions": 0, "reports": 0}
    units = [(local, local_head), (other, other_head)]
    made = {"questions": _questions(citizens, units), "reports": _reports(citizens, units)}
    escalations_send()  # what the daily run would have done by now: late items escalated
    return made


def feedback_demo_counts() -> dict[str, int]:
    return {"questions": Question.objects.count(), "reports": Report.objects.count()}
