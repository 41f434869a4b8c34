"""Directive tasks (``directives.Task``) hung on generated directive documents, with the lead
unit named on each (``TaskUnit``) and the reports sent on them (``TaskReport``).

A city or district directive assigns tasks to units below it (a district's to its communes and
divisions, the city's to departments and districts), with a deadline 15–180 days after issue;
a tenth recur monthly or quarterly. Tasks are done early, on time or late, or still open /
overdue at the end moment; reports follow (accepted, returned once in a while, or waiting).
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterator
from dataclasses import dataclass

from bench.generate.documents import TOPICS, DocumentPlan
from bench.generate.people import Staff
from bench.generate.sink import Sink, table_spec
from bench.generate.world import World
from egov.directives.models import Task, TaskReport, TaskUnit
from egov.directives.rules import task_search_text
from egov.orgs.choices import UnitKind
from egov.workdays.rules import VN_TZ

TASK_COLUMNS = (
    "id",
    "document_id",
    "order",
    "content",
    "assigning_unit_id",
    "lead_unit_id",
    "expected_result",
    "assigned_on",
    "recurrence",
    "deadline_on",
    "original_deadline_on",
    "period_day",
    "extension_count",
    "percent_done",
    "done_on",
    "version",
    "created_at",
    "search_text",
)
UNIT_COLUMNS = ("id", "task_id", "unit_id", "role")
REPORT_COLUMNS = (
    "id",
    "task_id",
    "unit_id",
    "period_start",
    "period_end",
    "due_on",
    "status",
    "progress",
    "percent",
    "done_text",
    "submitted_by_id",
    "submitted_at",
    "reviewed_by_id",
    "reviewed_at",
    "version",
)
VERBS = (
    "Chủ trì, phối hợp",
    "Khẩn trương",
    "Tổ chức",
    "Rà soát, tham mưu",
    "Chỉ đạo",
    "Kiểm tra, đôn đốc",
    "Xây dựng kế hoạch",
    "Hoàn thành",
)
RESULTS = (
    "Báo cáo kết quả thực hiện",
    "Kế hoạch được phê duyệt",
    "Văn bản tham mưu",
    "Tỷ lệ hồ sơ đúng hạn đạt 98%",
    "Danh sách rà soát",
    "Đề án trình UBND",
)


@dataclass
class _Ids:
    task: int
    unit: int
    report: int


def _lead_for(world: World, rng: random.Random, assigning: int) -> int:
    unit = world.units[assigning]
    if unit.kind == UnitKind.DISTRICT:
        below = [
            u.id
            for u in world.units.values()
            if u.parent_id == assigning and u.kind in (UnitKind.COMMUNE, UnitKind.DIVISION)
        ]
    else:
        below = world.departments + world.districts
    return rng.choice(below or [assigning])


def _rows(
    world: World,
    staff: Staff,
    rng: random.Random,
    plan: DocumentPlan,
    count: int,
    today: datetime.date,
    ids: _Ids,
    units: list,
    reports: list,
) -> Iterator[tuple]:
    directives = plan.directives
    made = 0
    while made < count and directives:
        doc_id, assigning, issued_on = directives[rng.randrange(len(directives))]
        for order in range(1, rng.randint(2, 14)):
            if made >= count:
                break
            yield _task(
                world, staff, rng, ids, doc_id, assigning, issued_on, order, today, units, reports
            )
            made += 1


def _task(
    world: World,
    staff: Staff,
    rng: random.Random,
    ids: _Ids,
    doc_id: int,
    assigning: int,
    issued_on: datetime.date,
    order: int,
    today: datetime.date,
    units: list,
    reports: list,
) -> tuple:
    lead = _lead_for(world, rng, assigning)
    content = f"{rng.choice(VERBS)} {rng.choice(TOPICS)} tại {world.units[lead].name}"
    result = rng.choice(RESULTS)
    recurrence = (
        "monthly" if rng.random() < 0.07 else "quarterly" if rng.random() < 0.04 else "none"
    )
    deadline = issued_on + datetime.timedelta(days=rng.randint(15, 180))
    u = rng.random()
    if u < 0.55:
        done = deadline - datetime.timedelta(days=rng.randint(0, 10))
    elif u < 0.7:
        done = deadline + datetime.timedelta(days=rng.randint(1, 40))
    else:
        done = None
    if done is not None and done > today:
        done = None
    percent = 100 if done else rng.choice((0, 10, 30, 50, 70, 90))
    task_id = ids.task
    ids.task += 1
    units.append((ids.unit, task_id, lead, "lead"))
    ids.unit += 1
    if deadline <= today or done:
        reports.append(
            _report(
                staff, rng, ids, task_id, lead, assigning, issued_on, deadline, done, percent, today
            )
        )
    created = datetime.datetime(issued_on.year, issued_on.month, issued_on.day, 9, tzinfo=VN_TZ)
    return (
        task_id,
        doc_id,
        order,
        content,
        assigning,
        lead,
        result,
        issued_on,
        recurrence,
        deadline if recurrence == "none" else None,
        deadline if recurrence == "none" else None,
        15 if recurrence != "none" else None,
        0,
        percent,
        done,
        1,
        created,
        task_search_text(content, result),
    )


def _report(
    staff: Staff,
    rng: random.Random,
    ids: _Ids,
    task_id: int,
    lead: int,
    assigning: int,
    start: datetime.date,
    due: datetime.date,
    done: datetime.date | None,
    percent: int,
    today: datetime.date,
) -> tuple:
    sent = done or min(today, due + datetime.timedelta(days=rng.randint(-5, 20)))
    submitter = (staff.of(lead, "specialist") or staff.of(lead, "clerk") or [None])[0]
    reviewer = (staff.of(assigning, "unit_head") or [None])[0]
    at = datetime.datetime(sent.year, sent.month, sent.day, 10, tzinfo=VN_TZ)
    accepted = done is not None and rng.random() < 0.9
    row = (
        ids.report,
        task_id,
        lead,
        start,
        due,
        due,
        "accepted" if accepted else "submitted",
        "done" if done else "in_progress",
        percent,
        "Đã triển khai thực hiện theo chỉ đạo." if percent else "Đang triển khai.",
        submitter,
        at,
        reviewer if accepted else None,
        at + datetime.timedelta(days=2) if accepted else None,
        1,
    )
    ids.report += 1
    return row


def tasks_create(
    sink: Sink,
    world: World,
    staff: Staff,
    rng: random.Random,
    plan: DocumentPlan,
    count: int,
    today: datetime.date,
) -> int:
    """Write ``count`` tasks on the plan's directives, their lead units and their reports."""
    ids = _Ids(sink.next_id(Task), sink.next_id(TaskUnit), sink.next_id(TaskReport))
    units: list[tuple] = []
    reports: list[tuple] = []
    written = sink.copy(
        table_spec(Task, TASK_COLUMNS),
        _rows(world, staff, rng, plan, count, today, ids, units, reports),
    )
    sink.copy(table_spec(TaskUnit, UNIT_COLUMNS), units)
    sink.copy(table_spec(TaskReport, REPORT_COLUMNS), reports)
    from egov.directives.scoreboard.services import scoreboard_rebuild

    scoreboard_rebuild()  # the app's own rebuild of the scoreboard roll-up
    return written
