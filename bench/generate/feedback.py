"""Citizen feedback at issue 17's scale: 1,000,000 reports on local problems over the years
and 200,000 published answers to questions, spread over the communes (and a few categories
routed to departments), most pinned on the map.

Rows carry what the services would have set: the routing of the category (the commune of the
place, or the department for the fixed-unit categories), the accent-folded ``search_text``
(``egov.common.text.fold``, as the services fold it), the first time limit and the answer. Time
limits here are calendar days standing for the working days (15 working days ≈ 21 days;
10 ≈ 14): close enough for the lists and the search measured, not for deadline checks. The
last ``OPEN_DAYS`` days hold the reports still waiting or being processed; a few in ten of the
older ones were answered late; refused and merged ones are not public. No workflow instances,
photos, answer letters or audit entries are generated: the public pages read none of them."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal

from bench.generate.people import Citizens
from bench.generate.sink import Sink, table_spec
from bench.generate.world import World
from egov.common.text import fold
from egov.feedback.models import Category, Question, Report
from egov.workdays.rules import VN_TZ

MODELS = (Report, Question)
OPEN_DAYS = 30
# code, name, routed to a department (else: the commune of the place), weight, titles
CATEGORIES = (
    (
        "lighting",
        "Chiếu sáng công cộng",
        False,
        14,
        ("Đèn đường không sáng", "Đèn chiếu sáng bị hỏng", "Cột đèn nghiêng"),
    ),
    (
        "roads",
        "Hạ tầng giao thông",
        False,
        22,
        ("Ổ gà trên mặt đường", "Nắp cống bị vỡ", "Vỉa hè hư hỏng"),
    ),
    (
        "waste",
        "Rác thải, vệ sinh môi trường",
        False,
        20,
        ("Rác thải tồn đọng", "Điểm tập kết rác tự phát", "Nước thải chảy tràn"),
    ),
    (
        "construction",
        "Trật tự xây dựng",
        False,
        12,
        (
            "Xây dựng không phép",
            "Công trình lấn chiếm vỉa hè",
            "Vật liệu xây dựng để trên lòng đường",
        ),
    ),
    (
        "noise",
        "Tiếng ồn, trật tự đô thị",
        False,
        10,
        ("Tiếng ồn karaoke ban đêm", "Lấn chiếm lòng đường buôn bán", "Quán xá kinh doanh quá giờ"),
    ),
    (
        "trees",
        "Cây xanh",
        False,
        8,
        ("Cây xanh có nguy cơ đổ", "Cành cây che đèn tín hiệu", "Cây chết chưa được thay"),
    ),
    (
        "water",
        "Cấp thoát nước",
        True,
        9,
        ("Mất nước sinh hoạt kéo dài", "Ngập úng sau mưa", "Vỡ đường ống cấp nước"),
    ),
    (
        "telecoms",
        "Hạ tầng viễn thông",
        True,
        5,
        ("Cáp viễn thông treo thấp", "Tủ cáp mất an toàn", "Cột ăng-ten không phép"),
    ),
)
STREETS = (
    "Kim Mã",
    "Đội Cấn",
    "Hoàng Hoa Thám",
    "Nguyễn Trãi",
    "Giải Phóng",
    "Láng",
    "Trường Chinh",
    "Tây Sơn",
    "Xuân Thủy",
    "Cầu Giấy",
    "Lạc Long Quân",
    "Minh Khai",
    "Tam Trinh",
    "Ngọc Lâm",
    "Nguyễn Văn Cừ",
    "Phạm Văn Đồng",
    "Hồ Tùng Mậu",
    "Trần Phú",
)
QUESTIONS = (
    ("Hồ sơ cấp giấy phép xây dựng nhà ở riêng lẻ", "Hồ sơ gồm những giấy tờ gì và nộp ở đâu?"),
    ("Thời hạn cấp lại giấy khai sinh", "Cấp lại giấy khai sinh mất bao nhiêu ngày làm việc?"),
    ("Lệ phí đăng ký kết hôn", "Đăng ký kết hôn có phải nộp lệ phí không?"),
    ("Đăng ký thường trú cho con", "Con mới sinh đăng ký thường trú theo mẹ cần những gì?"),
    ("Chứng thực bản sao trực tuyến", "Có thể chứng thực bản sao điện tử từ bản chính không?"),
    ("Giấy phép kinh doanh hộ gia đình", "Hộ kinh doanh cần đăng ký ở cấp nào?"),
    ("Cấp giấy chứng nhận quyền sử dụng đất lần đầu", "Thửa đất chưa có sổ cần thủ tục gì?"),
    ("Trợ cấp xã hội cho người cao tuổi", "Người từ 75 tuổi được hưởng trợ cấp thế nào?"),
    ("Thủ tục xác nhận tình trạng hôn nhân", "Xin giấy xác nhận độc thân ở phường nào?"),
    ("Cấp phép đào đường lắp đặt cáp", "Doanh nghiệp xin phép đào hè đường ở đâu?"),
)
ANSWER = "Đơn vị đã kiểm tra, xử lý và thông báo kết quả tới người phản ánh."
REPORT_COLUMNS = (
    "id", "code", "reporter_id", "channel", "category_id", "area_id", "unit_id", "title",
    "description", "address", "latitude", "longitude", "status", "submitted_at", "due_at",
    "first_due_at", "answer", "first_answered_at", "answered_at", "closed_at", "rating",
    "rated_at", "refusal_reason", "search_text", "version",
)  # fmt: skip
QUESTION_COLUMNS = (
    "id", "code", "asker_id", "unit_id", "procedure_name", "title", "body", "status", "asked_at",
    "due_at", "answer", "answered_at", "public_title", "public_body", "published_at",
    "search_text", "version",
)  # fmt: skip


@dataclass
class FeedbackPlan:
    reports: int = 0
    questions: int = 0
    categories: dict[str, int] = field(default_factory=dict)
    busiest_unit_id: int | None = None


def categories_create(world: World) -> dict[str, tuple]:
    """The report categories through the ORM (a handful of rows): code → (id, routed to a
    department, weight, titles, the department)."""
    out = {}
    for code, name, fixed, weight, titles in CATEGORIES:
        unit = world.departments[len(out) % len(world.departments)] if fixed else None
        category, _created = Category.objects.get_or_create(
            code=code,
            defaults={"name": name, "routing": "unit" if fixed else "area", "unit_id": unit},
        )
        out[code] = (category.pk, fixed, weight, titles, category.unit_id)
    return out


def _moment(rng: random.Random, day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(
        day, datetime.time(6 + rng.randrange(15), rng.randrange(60)), tzinfo=VN_TZ
    )


def _report_rows(first_id, world, rng, citizens, categories, count, days, until):
    codes = list(categories)
    weights = [categories[c][2] for c in codes]
    communes = world.communes
    centres = {u: (20.85 + rng.random() * 0.3, 105.70 + rng.random() * 0.3) for u in communes}
    day_of = sorted(rng.randrange(len(days)) for _ in range(count))
    unit_weight = [1.0 + 6.0 * (i == 0) for i in range(len(communes))]  # one busy ward
    area_of = rng.choices(communes, unit_weight, k=count)
    for n in range(count):
        pk, day, area = first_id + n, days[day_of[n]], area_of[n]
        code = rng.choices(codes, weights)[0]
        category_id, fixed, _weight, titles, fixed_unit = categories[code]
        unit = fixed_unit if fixed else area
        title = f"{rng.choice(titles)} trên phố {rng.choice(STREETS)}"
        address = f"Số {rng.randint(1, 300)} phố {rng.choice(STREETS)}, {world.units[area].name}"
        description = f"{title}. Đề nghị đơn vị kiểm tra, xử lý."
        pinned = rng.random() < 0.85
        lat, lng = centres[area]
        latitude = Decimal(f"{lat + rng.uniform(-0.01, 0.01):.6f}") if pinned else None
        longitude = Decimal(f"{lng + rng.uniform(-0.01, 0.01):.6f}") if pinned else None
        submitted = _moment(rng, day)
        due = submitted + datetime.timedelta(days=21)
        age = (until - day).days
        status, answered, closed, rating, rated, answer, refusal = (
            "answered", None, None, "", None, ANSWER, ""
        )  # fmt: skip
        draw = rng.random()
        if age < OPEN_DAYS and draw < 0.6:
            status, answer = ("received" if draw < 0.25 else "processing"), ""
        elif draw < 0.02:
            status, answer, refusal = "refused", "", "Nội dung không thuộc phạm vi tiếp nhận."
            closed = submitted + datetime.timedelta(days=1)
        elif draw < 0.03:
            status, answer = "merged", ""
        else:
            late = rng.random() < 0.08
            answered = submitted + datetime.timedelta(
                days=rng.randint(22, 40) if late else rng.randint(1, 20), hours=rng.randint(0, 6)
            )
            if rng.random() < 0.55 and age > 10:
                status, closed = "closed", answered + datetime.timedelta(days=rng.randint(1, 7))
                if rng.random() < 0.6:
                    rating = "like" if rng.random() < 0.8 else "dislike"
                    rated = closed
        reporter = citizens.first + rng.randrange(citizens.count) if citizens.count else None
        yield (
            pk, f"PA-{day.year}-{pk:07d}", reporter, "online", category_id, area, unit, title,
            description, address, latitude, longitude, status, submitted, due, due, answer,
            answered, answered, closed, rating, rated, refusal,
            fold(f"{title} {description} {address}"), 1,
        )  # fmt: skip


def _question_rows(first_id, world, rng, citizens, count, days):
    units = [*world.communes, *world.districts, *world.departments]
    for n in range(count):
        pk, day = first_id + n, days[rng.randrange(len(days))]
        unit = rng.choice(units)
        title, body = rng.choice(QUESTIONS)
        asked = _moment(rng, day)
        answered = asked + datetime.timedelta(days=rng.randint(1, 16), hours=rng.randint(0, 5))
        published = answered + datetime.timedelta(hours=rng.randint(1, 48))
        answer = (
            f"{world.units[unit].name} trả lời: đề nghị công dân chuẩn bị hồ sơ theo hướng dẫn."
        )
        asker = citizens.first + rng.randrange(citizens.count)
        yield (
            pk, f"HD-{day.year}-{pk:07d}", asker, unit, title, title, body, "published", asked,
            asked + datetime.timedelta(days=14), answer, answered, title, body, published,
            fold(f"{title} {body} {answer}"), 1,
        )  # fmt: skip


def feedback_create(
    sink: Sink,
    world: World,
    rng: random.Random,
    citizens: Citizens,
    reports: int,
    answers: int,
    days: list[datetime.date],
    until: datetime.date,
) -> FeedbackPlan:
    """Write ``reports`` reports and ``answers`` published answers over ``days``."""
    plan = FeedbackPlan()
    if not days or not citizens.count:
        return plan
    categories = categories_create(world)
    plan.categories = {code: values[0] for code, values in categories.items()}
    plan.busiest_unit_id = world.communes[0] if world.communes else None
    plan.reports = sink.copy(
        table_spec(Report, REPORT_COLUMNS),
        _report_rows(sink.next_id(Report), world, rng, citizens, categories, reports, days, until),
    )
    plan.questions = sink.copy(
        table_spec(Question, QUESTION_COLUMNS),
        _question_rows(sink.next_id(Question), world, rng, citizens, answers, days),
    )
    return plan
