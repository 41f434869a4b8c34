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
import random
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from unittest import mock

from django.utils import timezone

from egov.accounts.models import User
from egov.feedback import services
from egov.feedback.choices import RegulationCriterion
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


# The spread: reports across the city's wards, each pinned near the ward's centre (approximate
# centres, for the demo map only), in every state, handled by the city office's head.
WARDS = (
    ("Phường Ba Đình", 21.0365, 105.8345), ("Phường Ngọc Hà", 21.0390, 105.8195),
    ("Phường Giảng Võ", 21.0270, 105.8190), ("Phường Hoàn Kiếm", 21.0285, 105.8520),
    ("Phường Cửa Nam", 21.0245, 105.8420), ("Phường Tây Hồ", 21.0680, 105.8190),
    ("Phường Hồng Hà", 21.0420, 105.8600), ("Phường Đống Đa", 21.0150, 105.8250),
    ("Phường Kim Liên", 21.0060, 105.8360), ("Phường Văn Miếu - Quốc Tử Giám", 21.0270, 105.8360),
    ("Phường Láng", 21.0180, 105.8080), ("Phường Ô Chợ Dừa", 21.0200, 105.8260),
    ("Phường Hai Bà Trưng", 21.0120, 105.8540), ("Phường Vĩnh Tuy", 21.0000, 105.8700),
    ("Phường Bạch Mai", 21.0000, 105.8470), ("Phường Cầu Giấy", 21.0300, 105.7950),
    ("Phường Nghĩa Đô", 21.0460, 105.7990), ("Phường Yên Hòa", 21.0200, 105.7920),
    ("Phường Thanh Xuân", 20.9950, 105.8100), ("Phường Khương Đình", 20.9900, 105.8170),
    ("Phường Phương Liệt", 20.9980, 105.8380), ("Phường Hoàng Mai", 20.9830, 105.8630),
    ("Phường Định Công", 20.9830, 105.8300), ("Phường Tương Mai", 20.9900, 105.8500),
    ("Phường Long Biên", 21.0450, 105.8900), ("Phường Bồ Đề", 21.0400, 105.8760),
    ("Phường Hà Đông", 20.9700, 105.7800), ("Phường Từ Liêm", 21.0350, 105.7650),
)  # fmt: skip
SPREAD = 282  # with the 18 above: 300 reports
SPREAD_TEXTS = {
    "roads": (("Ổ gà giữa đường", "Mặt đường có ổ gà sâu, xe máy dễ ngã."),
              ("Nắp hố ga bị vỡ", "Nắp hố ga vỡ, nguy hiểm cho người đi bộ.")),
    "lighting": (("Đèn đường tắt nhiều ngày", "Dãy đèn đường không sáng nhiều ngày."),
                 ("Cột đèn nghiêng", "Cột đèn bị nghiêng sau mưa bão.")),
    "waste": (("Rác tồn đọng", "Điểm tập kết rác không được thu gom."),
              ("Đổ phế thải trái phép", "Có người đổ phế thải xây dựng ra lề đường.")),
    "construction": (("Lấn chiếm vỉa hè", "Công trình để vật liệu xây dựng trên vỉa hè."),
                     ("Xây dựng không phép", "Nhà xây thêm tầng, không có biển cấp phép.")),
    "noise": (("Tiếng ồn ban đêm", "Quán mở nhạc to sau 23 giờ."),
              ("Công trình thi công đêm", "Máy khoan hoạt động sau 22 giờ.")),
}  # fmt: skip


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
        second = index >= len(REPORTS)  # the second round: a supplement asked, a late refusal
        if state == 0:
            if second:
                with _at(_ago(days_ago - 1, 10)):
                    services.report_request_supplement(
                        actor=head,
                        report=report,
                        reason="Đề nghị bổ sung ảnh chụp hiện trường và số nhà gần nhất.",
                    )
            continue
        if state == 1:  # the second refused after the national portal's 2 working days
            with _at(_ago(max(days_ago - 5, 0) if second else days_ago, 14)):
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


REGULATIONS = (
    ("Thông báo 15/TB-UBND ngày 02/01/2026 về giờ thu gom rác", "unsuited",
     "Giờ thu gom rác không phù hợp", "Thu gom lúc 14 giờ gây mùi giữa ngày; đề nghị chuyển về "
     "sau 19 giờ."),
    ("Quyết định 08/QĐ-UBND ngày 10/02/2026 về sử dụng tạm thời vỉa hè", "inconsistent",
     "Quy định vỉa hè chưa thống nhất", "Khoảng đi bộ tối thiểu khác với quy định của Thành phố."),
    ("Kế hoạch 21/KH-UBND ngày 05/3/2026 về cấp giấy phép sửa chữa nhà", "implementation",
     "Chậm hướng dẫn thủ tục", "Bộ phận một cửa hướng dẫn nhiều lần, mỗi lần một yêu cầu khác."),
)  # fmt: skip


def _regulations(citizens: list[User], unit: OrgUnit, head: User) -> int:
    """Feedback on the ward's own regulations (Decree 20/2008/NĐ-CP), sent to the ward as
    their issuer: one assessed, decided and its result published, one being processed, one
    waiting to be classified."""
    category, _created = Category.objects.get_or_create(
        code="regulation",
        defaults={"name": "Quy định hành chính (Nghị định 20/2008)", "kind": "regulation"},
    )
    for index, (regulation, content, title, description) in enumerate(REGULATIONS):
        with _at(_ago(20 - index * 6)):
            report = services.report_submit(
                actor=citizens[index % len(citizens)],
                category=category,
                area=unit,
                title=title,
                description=description,
                regulation=regulation,
                regulation_content=content,
            )
        if index < 2:
            with _at(_ago(19 - index * 6, 10)):
                services.regulation_classify(
                    actor=head,
                    report=report,
                    classification="implementation" if content == "implementation" else "within",
                )
        if index == 0:
            with _at(_ago(12, 15)):
                services.regulation_decide(
                    actor=head,
                    report=report,
                    basis="enough",
                    findings=dict.fromkeys(RegulationCriterion.values, "meets")
                    | {"reasonableness": "fails", "feasibility": "fails"},
                    outcome="amend",
                    answer="UBND phường tiếp thu; từ tháng sau rác được thu gom sau 19 giờ.",
                )
            with _at(_ago(11, 9)):
                services.regulation_publish(actor=head, report=report)
    return len(REGULATIONS)


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


def _spread_places(fallback: list[OrgUnit]) -> list[tuple[OrgUnit, float, float]]:
    """The wards of ``WARDS`` that exist, with their centres; else (another structure) the
    demo's own units around its place."""
    found = {
        unit.name: unit
        for unit in OrgUnit.objects.active().filter(
            kind="commune", name__in=[name for name, _lat, _lng in WARDS]
        )
    }
    places = [(found[name], lat, lng) for name, lat, lng in WARDS if name in found]
    if len(places) >= 2:
        return places
    return [(_area(unit), float(PLACE[0]), float(PLACE[1])) for unit in fallback]


def _spread(citizens: list[User], head: User, places: list, count: int = SPREAD) -> int:
    """``count`` reports across the wards and categories, in every state (about a tenth each:
    waiting, refused, being processed, answered in time, answered late, closed by the unit,
    rated satisfied, rated not satisfied, reopened, handed over to the next ward), sent over
    the last 120 days and handled through the services by ``head`` (the city office, which
    acts for every ward)."""
    rng = random.Random(2026)  # noqa: S311 - demo places, the same each run
    categories = _categories()
    codes = [code for code, _name, _days in CATEGORIES]
    for index in range(count):
        unit, lat, lng = places[index % len(places)]
        code = codes[(index * 3 + index // len(places)) % len(codes)]
        title, description = SPREAD_TEXTS[code][index % 2]
        citizen = citizens[index % len(citizens)]
        days_ago = 2 + (index * 7919) % 118
        with _at(_ago(days_ago, 8 + index % 9)):
            report = services.report_submit(
                actor=citizen,
                category=categories[code],
                area=unit,
                title=title,
                description=description,
                address=f"Số {1 + index % 150}, {unit.name}",
                latitude=Decimal(f"{lat + rng.uniform(-0.006, 0.006):.6f}"),
                longitude=Decimal(f"{lng + rng.uniform(-0.006, 0.006):.6f}"),
            )
        neighbour = places[(index + 1) % len(places)][0]
        _spread_handle(report, head, citizen, index % 10, days_ago, neighbour)
    return count


def _spread_handle(
    report: Report, head: User, citizen: User, state: int, days_ago: int, neighbour: OrgUnit
) -> None:
    if state == 0:
        return
    if state == 1:
        with _at(_ago(days_ago, 17)):
            services.report_refuse(actor=head, report=report, reason="Không đủ thông tin vị trí.")
        return
    with _at(_ago(max(days_ago - 1, 0), 10)):
        services.report_receive(actor=head, report=report)
    if state == 9:
        with _at(_ago(max(days_ago - 1, 0), 14)):
            services.report_hand_over(
                actor=head, report=report, to_unit=neighbour, reason="Vị trí thuộc địa bàn lân cận."
            )
        return
    if state == 2 or days_ago < 4:
        return
    # answered in a few days, or late (30 days on, past 15 working days) when the state is 4
    answer_after = 30 if state == 4 and days_ago > 35 else 2 + state % 3
    answered = days_ago - answer_after
    with _at(_ago(answered, 15)):
        services.report_answer(actor=head, report=report, answer="Đơn vị đã kiểm tra, khắc phục.")
    later = _ago(max(answered - 1, 0), 20)
    if state == 5:
        with _at(later):
            services.report_close(actor=head, report=report)
    elif state in (6, 7):
        with _at(later):
            rating = "like" if state == 6 else "dislike"
            services.report_rate(actor=citizen, report=report, rating=rating)
    elif state == 8:
        with _at(later):
            services.report_reopen(actor=citizen, report=report, reason="Chưa được khắc phục.")


def feedback_demo_load(
    *,
    local: OrgUnit,
    other: OrgUnit,
    local_head: User,
    other_head: User,
    city_head: User | None = None,
    spread: int = SPREAD,
) -> dict[str, int]:
    """Load the demo categories, questions and reports (and, given the city office's head,
    ``spread`` more reports across the city's wards); returns how many of each."""
    citizens = list(User.objects.filter(kind="citizen", is_active=True).order_by("pk")[:6])
    if not citizens:
        return {"questions": 0, "reports": 0}
    units = [(local, local_head), (other, other_head)]
    made = {"questions": _questions(citizens, units), "reports": _reports(citizens, units)}
    made["reports"] += _regulations(citizens, local, local_head)
    if city_head is not None and spread:
        made["reports"] += _spread(citizens, city_head, _spread_places([local, other]), spread)
    escalations_send()  # what the daily run would have done by now: late items escalated
    return made


def feedback_demo_counts() -> dict[str, int]:
    return {"questions": Question.objects.count(), "reports": Report.objects.count()}
