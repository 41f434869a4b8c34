"""The milestones of a crowded case become tasks of directives on the plan's issued document
(through directives' own services): the city scoreboard counts them, a late one shows
overdue; the plan moving a day moves the task's deadline with a recorded change; only the
office of the document's unit makes them; nothing is made twice."""

from __future__ import annotations

import datetime

import pytest

from conftest import make_officer
from egov.audit.models import AuditEvent
from egov.common.exceptions import DomainError, PermissionDenied
from egov.complaints import services_crowded
from egov.complaints.models import CrowdedMilestone, CrowdedPlan
from egov.complaints.services_crowded_tasks import crowded_case_tasks_create
from egov.complaints.tests.test_crowded import _open
from egov.directives.models import Task, TaskChange
from egov.directives.scoreboard.selectors import ScoreFilters, scoreboard_for
from egov.directives.tests.factories import DirectiveFactory

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def plan_document(world):
    return DirectiveFactory(
        unit=world.city,
        issued_on=D(2026, 8, 20),
        subject="Kế hoạch giải quyết vụ việc đông người, phức tạp, kéo dài năm 2026",
    )


def _plan(inspectorate, document, **days):
    defaults = services_crowded.default_days(2026) | days
    return services_crowded.crowded_plan_save(
        actor=inspectorate, year=2026, days=defaults, document=document
    )


def test_milestones_become_tasks_the_city_scoreboard_counts(
    clock, people, world, accepted, inspectorate, plan_document, django_capture_on_commit_callbacks
):
    _plan(inspectorate, plan_document)
    case = _open(people, accepted)

    with django_capture_on_commit_callbacks(execute=True):
        made = crowded_case_tasks_create(actor=inspectorate, case=case)

    assert [m.step for m in made] == services_crowded.STEPS
    tasks = Task.objects.filter(document=plan_document).order_by("deadline_on")
    assert [t.deadline_on for t in tasks] == [
        D(2026, 9, 30),
        D(2026, 10, 31),
        D(2026, 11, 30),
        D(2026, 12, 15),
        D(2026, 12, 31),
    ]
    assert {t.lead_unit_id for t in tasks} == {world.district_a.pk}
    assert tasks[0].content.startswith("Rà soát, đề xuất: ")
    assert f" {accepted.number} " in tasks[0].content
    assert tasks[0].content.endswith(" Quận Ba Đình")
    assert "Trần Văn Bình" not in " ".join(t.content for t in tasks)
    assert AuditEvent.objects.filter(action="complaints.crowded_tasks_created").count() == 1

    head = make_officer("chutich.tp@example.vn", world.city, "unit_head", subtree=True)
    board = scoreboard_for(
        user=head,
        filters=ScoreFilters(
            period_from=D(2026, 1, 1), period_to=D(2026, 12, 31), today=D(2026, 10, 5)
        ),
    )
    row = next(r for r in board.rows if r.unit.pk == world.district_a.pk)
    assert row.assigned == 5
    assert row.overdue == 1  # review and propose was due on 30/9

    assert crowded_case_tasks_create(actor=inspectorate, case=case) == []
    assert Task.objects.filter(document=plan_document).count() == 5


def test_the_plan_moving_a_day_moves_the_task_deadline(
    clock, people, accepted, inspectorate, plan_document
):
    _plan(inspectorate, plan_document)
    case = _open(people, accepted)
    crowded_case_tasks_create(actor=inspectorate, case=case)

    _plan(inspectorate, plan_document, agree=D(2026, 11, 10))

    milestone = CrowdedMilestone.objects.select_related("task").get(case=case, step="agree")
    assert milestone.due_on == D(2026, 11, 10)
    assert milestone.task.deadline_on == D(2026, 11, 10)
    change = TaskChange.objects.get(task=milestone.task, field="deadline_on")
    assert (change.old_value, change.new_value) == ("2026-10-31", "2026-11-10")
    assert change.reason == "Kế hoạch năm bước năm 2026 thay đổi thời hạn của bước này."


def test_only_the_office_of_the_document_makes_tasks_and_a_plan_needs_a_document(
    clock, people, accepted, inspectorate, plan_document
):
    case = _open(people, accepted)

    with pytest.raises(DomainError) as error:
        crowded_case_tasks_create(actor=inspectorate, case=case)
    assert "document" in error.value.fields

    _plan(inspectorate, plan_document)
    case.plan.refresh_from_db()
    with pytest.raises(PermissionDenied):
        crowded_case_tasks_create(actor=people.handler, case=case)
    assert not Task.objects.exists()
    assert not AuditEvent.objects.filter(action="complaints.crowded_tasks_created").exists()


def test_a_plan_document_must_assign_tasks_and_stays_once_tasks_hang_on_it(
    clock, people, world, accepted, inspectorate, plan_document
):
    draft = DirectiveFactory(unit=world.city, status="draft")
    with pytest.raises(DomainError) as error:
        _plan(inspectorate, draft)
    assert "document" in error.value.fields
    other_unit = DirectiveFactory(unit=world.district_b)
    with pytest.raises(DomainError):
        _plan(make_officer("x@example.vn", world.district_a, "specialist"), other_unit)

    _plan(inspectorate, plan_document)
    crowded_case_tasks_create(actor=inspectorate, case=_open(people, accepted))
    with pytest.raises(DomainError) as error:
        _plan(inspectorate, DirectiveFactory(unit=world.city))
    assert "document" in error.value.fields
    assert CrowdedPlan.objects.get(year=2026).document_id == plan_document.pk
