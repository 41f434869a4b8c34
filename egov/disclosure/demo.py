"""Hà Nội demo data of disclosure and consultation: the duties of the local commune (or the
first commune of a district on the three-level structure) published on time, its poor-household
list posted at the commune hall with a photo; another commune late with its budget estimate and
missing its list (both on the city office's late list); the local People's Committee's closed
consultation on a draft plan with comments (one with answers to its questions), answers, the
synthesis signed and issued by its chairman, and the adopted plan; and the local commune's
open consultation on a draft land-use plan with citizens' comments; a department's own
satisfaction results. Everything goes through the services, replayed at past moments. Never
meant for production.

Needs the org tree, the demo accounts and the demo signing keys of the portal demo (loaded
first)."""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

from django.utils import timezone
from PIL import Image

from egov.accounts.choices import AccountKind
from egov.accounts.models import User
from egov.common.periods import period_of
from egov.common.tables import Sheet, xlsx_write
from egov.disclosure import services
from egov.disclosure.choices import Place
from egov.disclosure.models import Duty
from egov.documents.models import DocumentType
from egov.documents.services import FileIn, document_draft_create
from egov.orgs.models import OrgUnit
from egov.workdays.rules import VN_TZ

DAY = datetime.timedelta(days=1)


@contextmanager
def _at(moment: datetime.datetime) -> Iterator[None]:
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def _moment(day: datetime.date, hour: int = 9) -> datetime.datetime:
    while day.weekday() >= 5:
        day -= DAY
    return min(datetime.datetime.combine(day, datetime.time(hour), tzinfo=VN_TZ), timezone.now())


def _commune(unit: OrgUnit) -> OrgUnit:
    if unit.kind == "commune":
        return unit
    return (
        OrgUnit.objects.active()
        .filter(kind="commune", path__startswith=unit.path)
        .order_by("name")
        .first()
    )


def _photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 180, 120)).save(out, format="JPEG")
    return out.getvalue()


def _table(rows: list[list[object]]) -> FileIn:
    return FileIn(name="bang.xlsx", content=xlsx_write([Sheet("Bang", rows)]))


def _publish(actor: User, unit: OrgUnit, code: str, day: datetime.date, **values: object):
    moment = _moment(day)
    published = timezone.localdate(moment)
    with _at(moment):
        return services.item_publish(
            actor=actor,
            unit=unit,
            duty=Duty.objects.get(code=code),
            display_from=published,
            display_until=published + 44 * DAY,
            **values,
        )


def _items(
    local: OrgUnit, other: OrgUnit, local_head: User, other_head: User, today: datetime.date
) -> int:
    year = today.year
    _publish(
        local_head,
        local,
        "budget-estimate",
        datetime.date(year, 1, 12),
        period_day=datetime.date(year, 1, 1),
        title=f"Dự toán ngân sách {local.name} năm {year}",
        summary="Dự toán thu, chi ngân sách đã được Hội đồng nhân dân quyết định.",
        places=[Place.PORTAL, Place.UNIT_PAGE, Place.NOTICE_BOARD],
        upload=_table(
            [["Nội dung", "Dự toán (triệu đồng)"], ["Tổng thu", 48250], ["Tổng chi", 47900]]
        ),
    )
    households = _publish(
        local_head,
        local,
        "poor-households",
        datetime.date(year - 1, 12, 30) if today.month > 1 else today - 5 * DAY,
        period_day=datetime.date(year - 1, 6, 1),
        title=f"Danh sách hộ nghèo, hộ cận nghèo {local.name} năm {year - 1}",
        places=[Place.NOTICE_BOARD, Place.VILLAGE_BOARD],
        upload=_table(
            [
                ["Họ tên chủ hộ", "Tổ dân phố", "Diện"],
                ["Nguyễn Văn Hải", "Tổ 3", "Hộ nghèo"],
                ["Trần Thị Lan", "Tổ 7", "Hộ cận nghèo"],
            ]
        ),
    )
    with _at(_moment(households.published_on, 15)):
        services.posting_confirm(
            actor=local_head,
            item=households,
            place=Place.NOTICE_BOARD,
            posted_on=households.published_on,
            photo=FileIn(name="niem-yet.jpg", content=_photo()),
        )
    quarter = period_of("quarter", today).previous()
    yearly = [
        (
            "budget-execution",
            quarter.last + 3 * DAY,
            quarter.first,
            "Tình hình thực hiện dự toán quý",
        ),
        (
            "land-use-plan",
            datetime.date(year, 1, 15),
            datetime.date(year, 1, 1),
            "Kế hoạch sử dụng đất",
        ),
        (
            "satisfaction",
            datetime.date(year, 1, 20),
            datetime.date(year - 1, 1, 1),
            "Kết quả đo lường sự hài lòng",
        ),
        (
            "budget-settlement",
            datetime.date(year, 8, 20),
            datetime.date(year - 1, 1, 1),
            "Quyết toán ngân sách",
        ),
    ]
    for code, day, period_day, title in yearly:
        _publish(
            local_head,
            local,
            code,
            day,
            period_day=period_day,
            title=f"{title} — {local.name}",
            places=[Place.UNIT_PAGE, Place.NOTICE_BOARD],
            upload=_table([["Nội dung", "Giá trị"], [title, 1]]),
        )
    _publish(
        other_head,
        other,
        "budget-estimate",
        datetime.date(year, 3, 16),
        period_day=datetime.date(year, 1, 1),
        title=f"Dự toán ngân sách {other.name} năm {year}",
        places=[Place.UNIT_PAGE, Place.NOTICE_BOARD],
        upload=_table([["Nội dung", "Dự toán (triệu đồng)"], ["Tổng thu", 39100]]),
    )
    return 3 + len(yearly)


def _draft(actor: User, unit: OrgUnit, type_code: str, subject: str, body: str = ""):
    return document_draft_create(
        actor=actor,
        drafting_unit=unit,
        unit=unit,
        doc_type=DocumentType.objects.get(code=type_code),
        subject=subject,
        body=body,
    )


def _weekday(day: datetime.date) -> datetime.date:
    while day.weekday() >= 5:
        day -= DAY
    return day


def _closed(unit: OrgUnit, officer: User, citizens: list[User], today: datetime.date) -> None:
    """The unit's closed consultation, run by its head (who signs the synthesis)."""
    opened = _weekday(today - 45 * DAY)
    closing = _weekday(opened + 21 * DAY)
    with _at(_moment(opened)):
        draft = _draft(
            officer,
            unit,
            "ke-hoach",
            f"Dự thảo Kế hoạch chuyển đổi số của {unit.name} giai đoạn 2026-2030",
        )
        consultation = services.consultation_open(
            actor=officer,
            unit=unit,
            draft=draft,
            title="Lấy ý kiến dự thảo Kế hoạch chuyển đổi số giai đoạn 2026-2030",
            summary="UBND đề nghị người dân, doanh nghiệp góp ý dự thảo Kế hoạch.",
            questions=(
                "Các chỉ tiêu có phù hợp không? | Phù hợp | Chưa phù hợp\n"
                "Nên ưu tiên dịch vụ công nào?"
            ),
            audience="city",
            opens_on=opened,
            closes_on=closing,
            sections=[
                "Phần I. Mục tiêu, chỉ tiêu",
                "Phần II. Nhiệm vụ, giải pháp",
                "Phần III. Tổ chức thực hiện",
            ],
        )
    first, second, _third = consultation.sections.all()
    bodies = [
        (first, "Đề nghị bổ sung chỉ tiêu tỷ lệ hồ sơ trực tuyến toàn trình ở cấp xã."),
        (second, "Nên ưu tiên cấp phép xây dựng và đăng ký hộ kinh doanh."),
        (second, "Cần hướng dẫn người cao tuổi sử dụng dịch vụ công trực tuyến."),
    ]
    fit, priority = consultation.asked.all()
    answers = [
        {
            fit.pk: ("Chưa phù hợp", "Thiếu chỉ tiêu cấp xã."),
            priority.pk: ("", "Cấp phép xây dựng"),
        },
        {fit.pk: ("Phù hợp", "")},
        {},
    ]
    comments = []
    for n, (section, body) in enumerate(bodies):
        with _at(_moment(opened + (n + 2) * DAY, 10)):
            comments.append(
                services.comment_send(
                    actor=citizens[n % len(citizens)],
                    consultation=consultation,
                    section=section,
                    body=body,
                    responses=answers[n],
                )
            )
    with _at(_moment(opened + 8 * DAY, 14)):
        services.comment_support(actor=citizens[1 % len(citizens)], comment=comments[0])
        services.comments_answer(
            actor=officer, comments=comments[:1], answer="Tiếp thu, bổ sung chỉ tiêu tại Phần I."
        )
        services.comments_answer(
            actor=officer, comments=comments[1:], answer="Tiếp thu, đưa vào nhiệm vụ năm 2026."
        )
    with _at(_moment(closing, 16)):
        closed = services.consultation_close(
            actor=officer,
            consultation=consultation,
            synthesis="UBND đã tiếp thu toàn bộ ý kiến góp ý.",
        )
    with _at(_moment(opened + 30 * DAY, 10)):
        adopted = _draft(
            officer,
            unit,
            "ke-hoach",
            f"Kế hoạch chuyển đổi số của {unit.name} giai đoạn 2026-2030",
        )
        services.synthesis_issue(actor=officer, consultation=closed)
        closed.refresh_from_db()
        services.consultation_adopt(actor=officer, consultation=closed, adopted=adopted)


def _open(local: OrgUnit, local_head: User, citizens: list[User], today: datetime.date) -> None:
    opened = today - 5 * DAY
    with _at(_moment(opened)):
        draft = _draft(
            local_head,
            local,
            "ke-hoach",
            f"Dự thảo Kế hoạch sử dụng đất năm {today.year + 1} của {local.name}",
        )
        consultation = services.consultation_open(
            actor=local_head,
            unit=local,
            draft=draft,
            title=f"Lấy ý kiến dự thảo Kế hoạch sử dụng đất năm {today.year + 1}",
            summary="Người dân góp ý các khu đất chuyển mục đích sử dụng trong năm tới.",
            audience="area",
            opens_on=opened,
            closes_on=today + 25 * DAY,
            sections=["Khu đất trường học tổ 5", "Khu đất công viên ven hồ"],
        )
    school, park = consultation.sections.all()
    with _at(_moment(opened + DAY, 10)):
        first = services.comment_send(
            actor=citizens[0],
            consultation=consultation,
            section=school,
            body="Đồng ý xây trường, đề nghị mở rộng ngõ vào.",
            residence=local,  # a resident of the ward the consultation asks
        )
    if len(citizens) > 1:
        with _at(_moment(opened + 2 * DAY, 10)):
            services.comment_send(
                actor=citizens[1],
                consultation=consultation,
                section=park,
                body="Giữ lại cây xanh ven hồ.",
                residence=local,
            )
            services.comment_support(actor=citizens[1], comment=first)


def _department_item(department: OrgUnit, officer: User, today: datetime.date) -> int:
    """A department's own duty: the satisfaction results of the year before."""
    _publish(
        officer,
        department,
        "satisfaction",
        datetime.date(today.year, 1, 20),
        period_day=datetime.date(today.year - 1, 1, 1),
        title=f"Kết quả đo lường sự hài lòng năm {today.year - 1} — {department.name}",
        places=[Place.PORTAL, Place.UNIT_PAGE],
        upload=_table([["Chỉ số", "Tỷ lệ hài lòng (%)"], ["Chung", 87.5]]),
    )
    return 1


def disclosure_demo_load(
    *,
    local: OrgUnit,
    other: OrgUnit,
    local_head: User,
    other_head: User,
    department: OrgUnit | None = None,
    department_officer: User | None = None,
) -> dict[str, int]:
    """Load the story; returns the counts for the summary. With ``department`` and one of its
    specialists, the department publishes its own duty too."""
    today = timezone.localdate()
    citizens = list(User.objects.filter(kind=AccountKind.CITIZEN).order_by("pk")[:3])
    items = _items(_commune(local), _commune(other), local_head, other_head, today)
    if department is not None and department_officer is not None:
        items += _department_item(department, department_officer, today)
    _closed(local, local_head, citizens, today)
    _open(_commune(local), local_head, citizens, today)
    return {"disclosure items": items, "consultations": 2}
