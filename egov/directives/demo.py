"""Hà Nội demo data of task tracking: four directives of the city with their tasks in every
state on the day the demo is loaded (done on time, done late, overdue, in progress, not yet due,
a monthly report missing, reports sent late), one deadline extension, and the published press
release of the past working week. Two tasks serve a governance-index dimension (PAPI
e-governance, PCI land access), so the standings page links them from the first run.
Everything goes through the services, replayed at past moments, so audit trails, reports and
the scoreboard are real. Never meant for production.

Needs the org tree of a Hà Nội dataset and the city office's demo account (the portal demo
loads both first). On the two-level structure (from 1 July 2025) the districts' tasks go to the
ward or commune of the same name (``SUCCESSORS``), and the tasks of a city body merged on
1 March 2025 to the body that took it over. Nothing happens after the present."""

from __future__ import annotations

import datetime
import heapq
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from unittest import mock

from django.utils import timezone

from egov.accounts.models import User
from egov.directives import services
from egov.directives.choices import ProgressStatus, Recurrence
from egov.directives.models import Task
from egov.directives.press.services import (
    press_default_period,
    press_release_create,
    press_release_publish,
)
from egov.directives.rules import report_periods
from egov.directives.scoreboard.services import scoreboard_refresh_tasks
from egov.documents.models import DocumentType
from egov.orgs.access import can_act_for_unit
from egov.orgs.choices import Role
from egov.orgs.loaders import orgunit_now_named
from egov.orgs.models import OrgUnit
from egov.workdays.rules import VN_TZ

OFFICE = "chanhvanphong@hanoi.demo"
HEADS = ("chutich.badinh@hanoi.demo", "chutich.hoankiem@hanoi.demo")
SIGNER = ("Trần Minh Đức", "Phó Chủ tịch")
DAY = datetime.timedelta(days=1)
# The lead units named below are those of the three-level structure; without districts, the
# ward or commune of the same name leads, and a city body merged on 1 March 2025 hands its
# tasks to the body that took it over (Sở Thông tin và Truyền thông → Sở Khoa học và Công nghệ).
SUCCESSORS = {
    "Quận Ba Đình": "Phường Ba Đình",
    "Quận Hoàn Kiếm": "Phường Hoàn Kiếm",
    "Huyện Ba Vì": "Xã Ba Vì",
    "Huyện Sóc Sơn": "Xã Sóc Sơn",
}


@dataclass
class DemoTask:
    """A task of the demo and what happens to it, in days from today (negative: past)."""

    lead: str
    content: str
    deadline: int | None
    story: str = "idle"  # on_time, late, progress, submitted, extended, monthly, idle
    cooperating: tuple[str, ...] = ()
    expected: str = ""
    serves: str = ""  # the governance-index dimension it serves, "index.dimension"


@dataclass
class DemoDirective:
    doc_type: str
    number: int
    notation: str
    subject: str
    issued: int | str  # days from today, or "week" / "week+2" (the past working week)
    tasks: list[DemoTask] = field(default_factory=list)


PLANS = [
    DemoDirective(
        "ke-hoach",
        52,
        "KH-UBND",
        "Chuyển đổi số, phát triển chính quyền số thành phố Hà Nội năm {year}",
        -150,
        [
            DemoTask(
                "Sở Thông tin và Truyền thông",
                "Nâng cấp Cổng dịch vụ công Thành phố, kết "
                "nối, tích hợp với Cổng Dịch vụ công quốc gia",
                -60,
                "on_time",
                expected="Cổng dịch vụ công được nâng cấp, kết nối",
                serves="papi.e_governance",
            ),
            DemoTask(
                "Sở Thông tin và Truyền thông",
                "Xây dựng Kho dữ liệu dùng chung của Thành phố phục vụ chỉ đạo, điều hành",
                -90,
                "late",
                ("Văn phòng UBND Thành phố",),
            ),
            DemoTask(
                "Sở Nội vụ",
                "Hoàn thành số hóa hồ sơ cán bộ, công chức, viên chức của Thành phố",
                -30,
                "progress",
                expected="100% hồ sơ",
            ),
            DemoTask(
                "Quận Ba Đình",
                "Cấp chữ ký số cho 100% cán bộ, công chức cấp phường",
                45,
                "progress",
            ),
            DemoTask(
                "Quận Hoàn Kiếm",
                "Lắp đặt camera giám sát an ninh, trật tự tại các tuyến phố trung tâm",
                -5,
                "extended",
            ),
            DemoTask(
                "Sở Kế hoạch và Đầu tư",
                "Báo cáo tiến độ giải ngân vốn đầu tư công cho chuyển đổi số",
                None,
                "monthly",
            ),
        ],
    ),
    DemoDirective(
        "chi-thi",
        18,
        "CT-UBND",
        "Về tăng cường công tác phòng, chống dịch bệnh gia súc, gia cầm trên địa bàn Thành phố",
        -40,
        [
            DemoTask(
                "Sở Nông nghiệp và Phát triển nông thôn",
                "Tổ chức tiêm phòng vắc xin lở mồm long móng, dịch tả lợn châu Phi đợt 2",
                -10,
                "on_time",
                ("Huyện Ba Vì", "Huyện Sóc Sơn"),
            ),
            DemoTask(
                "Huyện Ba Vì", "Tiêu hủy gia súc mắc bệnh, khử trùng, tiêu độc khu vực ổ dịch", -7
            ),
            DemoTask("Sở Y tế", "Giám sát các bệnh lây truyền từ động vật sang người", 20),
            DemoTask(
                "Huyện Sóc Sơn",
                "Kiểm soát việc vận chuyển, giết mổ gia súc, gia cầm trên địa bàn",
                60,
                "submitted",
            ),
        ],
    ),
    DemoDirective(
        "thong-bao",
        412,
        "TB-UBND",
        "Kết luận của Chủ tịch UBND Thành phố tại cuộc "
        "họp về công tác giải phóng mặt bằng dự án đường Vành đai 4 - Vùng Thủ đô",
        "week",
        [
            DemoTask(
                "Sở Tài nguyên và Môi trường",
                "Hoàn thành thẩm định giá đất cụ thể phục vụ bồi thường, hỗ trợ, tái định cư",
                30,
                serves="pci.land_access",
            ),
            DemoTask(
                "Huyện Sóc Sơn",
                "Bàn giao toàn bộ mặt bằng còn lại cho chủ đầu tư",
                45,
                cooperating=("Sở Xây dựng",),
            ),
            DemoTask(
                "Sở Xây dựng", "Bố trí đủ quỹ nhà tái định cư cho các hộ dân bị ảnh hưởng", 60
            ),
        ],
    ),
    DemoDirective(
        "cong-dien",
        7,
        "CĐ-UBND",
        "Về việc chủ động ứng phó với mưa lớn, ngập úng trên địa bàn Thành phố",
        "week+2",
        [
            DemoTask(
                "Sở Xây dựng",
                "Vận hành hệ thống thoát nước, bố trí lực lượng ứng trực tại các điểm ngập úng",
                20,
            ),
            DemoTask("Quận Hoàn Kiếm", "Rà soát, cắt tỉa cây xanh có nguy cơ gãy đổ", 25),
        ],
    ),
]


@contextmanager
def _at(moment: datetime.datetime) -> Iterator[None]:
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def _moment(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=VN_TZ)


def _unit(name: str) -> OrgUnit:
    """The unit called ``name``, or the one that took it over: a city body merged on 1 March
    2025 (``orgunit_now_named``), a district's ward or commune of the same name."""
    for candidate in (name, SUCCESSORS.get(name)):
        unit = orgunit_now_named(candidate) if candidate else None
        if unit is not None:
            return unit
    return OrgUnit.objects.active().get(name__startswith=name)


class _Replay:
    """The demo's events, run in time order, each at its moment."""

    def __init__(self, today: datetime.date, office: User) -> None:
        self.today, self.office = today, office
        # The last moment anything may happen at: now (or the end of ``today`` if earlier).
        self.limit = min(timezone.now(), _moment(today + DAY, 0)) - datetime.timedelta(minutes=1)
        self.events: list[tuple[datetime.datetime, int, Callable[[], Any]]] = []
        self.count = 0
        self.now = _moment(today - 400 * DAY)
        self.tasks: list[Task] = []
        self.heads = list(User.objects.filter(email__in=HEADS))

    def at(self, day: datetime.date, hour: int, action: Callable[[], Any]) -> None:
        """Run ``action`` at ``day``, ``hour`` (never after now nor before the event that
        schedules it)."""
        moment = max(min(_moment(min(day, self.today), hour), self.limit), self.now)
        self.count += 1
        heapq.heappush(self.events, (moment, self.count, action))

    def run(self) -> None:
        while self.events:
            self.now, _order, action = heapq.heappop(self.events)
            with _at(self.now):
                action()

    def head_for(self, unit: OrgUnit) -> User:
        """A demo head of the unit (a district chairman), else the city office."""
        for head in self.heads:
            if can_act_for_unit(head, unit, roles=(Role.UNIT_HEAD,)):
                return head
        return self.office


def _issued_on(replay: _Replay, issued: int | str) -> datetime.date:
    if isinstance(issued, int):
        return replay.today + issued * DAY
    week = press_default_period(replay.today)
    return min(week.start + (2 * DAY if issued == "week+2" else 0 * DAY), week.end)


def _report(
    replay: _Replay,
    task: Task,
    day: datetime.date,
    *,
    percent: int,
    text: str,
    period_start: datetime.date | None = None,
    accept_after: int | None = 2,
) -> None:
    """The lead unit writes and sends a report on ``day``; the office accepts it later."""
    head = replay.head_for(task.lead_unit)
    state: dict[str, Any] = {}

    def send() -> None:
        progress = ProgressStatus.DONE if percent == 100 else ProgressStatus.IN_PROGRESS
        report = services.task_report_save(
            actor=head,
            task=task,
            progress=progress,
            percent=percent,
            done_text=text,
            period_start=period_start,
        )
        state["report"] = services.task_report_submit(
            actor=head, report=report, expected_version=report.version
        )

    def accept() -> None:
        report = state["report"]
        services.task_report_accept(
            actor=replay.office, report=report, expected_version=report.version
        )

    replay.at(day, 10, send)
    if accept_after is not None:
        replay.at(day + accept_after * DAY, 15, accept)


def _monthly(replay: _Replay, task: Task) -> None:
    """Reports sent on time, the one before the last sent late, the last one missing."""
    periods = [
        p
        for p in report_periods(
            task.recurrence,
            assigned_on=task.assigned_on,
            until=replay.today,
            period_day=task.period_day,
        )
        if p.due_on < replay.today
    ]
    for index, period in enumerate(periods[:-1]):
        late = index == len(periods) - 2
        day = period.due_on + (4 if late else -2) * DAY
        _report(
            replay,
            task,
            max(day, period.start),
            percent=0,
            period_start=period.start,
            text=f"Giải ngân đến ngày {period.end:%d/%m/%Y} đạt kế hoạch tháng.",
        )


def _story(replay: _Replay, task: Task, spec: DemoTask) -> None:
    deadline = task.deadline_on
    if spec.story == "on_time":
        _report(replay, task, deadline - 3 * DAY, percent=100, text="Đã hoàn thành.")
    elif spec.story == "late":
        _report(
            replay,
            task,
            deadline + 10 * DAY,
            percent=100,
            text="Đã hoàn thành, chậm so với thời hạn do điều chỉnh thiết kế.",
        )
    elif spec.story == "progress":
        _report(
            replay,
            task,
            min(deadline, replay.today) - 12 * DAY,
            percent=55,
            text="Đang triển khai theo kế hoạch.",
        )
    elif spec.story == "submitted":
        _report(
            replay,
            task,
            replay.today - 3 * DAY,
            percent=30,
            accept_after=None,
            text="Đã thành lập các chốt kiểm soát liên ngành.",
        )
    elif spec.story == "extended":
        head = replay.head_for(task.lead_unit)
        state: dict[str, Any] = {}
        replay.at(
            deadline - 7 * DAY,
            9,
            lambda: state.update(
                extension=services.extension_request(
                    actor=head,
                    task=task,
                    proposed_deadline_on=replay.today + 40 * DAY,
                    reason="Chờ bố trí vốn bổ sung cho gói thầu thiết bị.",
                )
            ),
        )
        replay.at(
            deadline - 5 * DAY,
            14,
            lambda: services.extension_grant(
                actor=replay.office, extension=state["extension"], note="Đồng ý gia hạn."
            ),
        )
    elif spec.story == "monthly":
        _monthly(replay, task)


def _directive(replay: _Replay, plan: DemoDirective) -> None:
    issued_on = _issued_on(replay, plan.issued)
    city = OrgUnit.objects.active().filter(kind="province").order_by("depth").first()

    def issue() -> None:
        document = services.directive_register(
            actor=replay.office,
            unit=city,
            doc_type=DocumentType.objects.get(code=plan.doc_type),
            number=plan.number,
            notation=plan.notation,
            issued_on=issued_on,
            subject=plan.subject.format(year=issued_on.year),
            signer_name=SIGNER[0],
            signer_position=SIGNER[1],
        )
        for spec in plan.tasks:
            monthly = spec.story == "monthly"
            index_code, _dot, index_dimension = spec.serves.partition(".")
            data = services.TaskData(
                content=spec.content,
                lead_unit=_unit(spec.lead),
                cooperating=[_unit(name) for name in spec.cooperating],
                expected_result=spec.expected,
                recurrence=Recurrence.MONTHLY if monthly else Recurrence.NONE,
                period_day=20 if monthly else None,
                deadline_on=None
                if spec.deadline is None
                else max(replay.today + spec.deadline * DAY, issued_on + 7 * DAY),
                index_code=index_code,
                index_dimension=index_dimension,
            )
            task = services.task_create(actor=replay.office, document=document, data=data)
            replay.tasks.append(task)
            _story(replay, task, spec)

    replay.at(issued_on, 8, issue)


def _press_release(replay: _Replay, city: OrgUnit) -> None:
    release = press_release_create(actor=replay.office, unit=city)
    press_release_publish(actor=replay.office, release=release, expected_version=release.version)


def directives_demo_load(*, today: datetime.date | None = None) -> dict[str, int]:
    """Load the demo directives, tasks, reports and press release (see the module docstring);
    returns how many tasks, reports and directives were made."""
    today = today or timezone.localdate()
    office = User.objects.get(email=OFFICE)
    replay = _Replay(today, office)
    for plan in PLANS:
        _directive(replay, plan)
    replay.run()
    with _at(max(min(_moment(today, 16), replay.limit), replay.now)):
        for task in replay.tasks:
            if task.recurrence != Recurrence.NONE:
                services.expected_reports_ensure(task, until=today)
        city = OrgUnit.objects.active().filter(kind="province").order_by("depth").first()
        _press_release(replay, city)
    scoreboard_refresh_tasks(replay.tasks)
    return {
        "directives": len(PLANS),
        "tasks": len(replay.tasks),
        "reports": sum(task.reports.count() for task in replay.tasks),
    }
