"""Crowded and long-running cases on the city's five-step plan: a new year starts from the
2019 days, the city inspectorate alone sets them (in order, within the year) and open
milestones follow; a case is put on the plan once, with its five milestones; steps are done
in order, never in the future, never twice; the city list marks late milestones and shows a
unit only its own cases; every write is audited."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.urls import reverse

from egov.audit.models import AuditEvent
from egov.common.exceptions import DomainError, PermissionDenied
from egov.complaints import services, services_crowded
from egov.complaints.choices import Channel
from egov.complaints.models import CrowdedCase, CrowdedMilestone, CrowdedPlan
from egov.complaints.selectors_crowded import case_rows, crowded_cases_for_user, may_edit_plans
from egov.complaints.tests.conftest import at

D = datetime.date
pytestmark = pytest.mark.django_db


@contextmanager
def refused(field: str) -> Iterator[None]:
    """The block is refused with a message on ``field``."""
    with pytest.raises(DomainError) as error:
        yield
    assert field in error.value.fields, error.value.fields


def _open(people, petition, year=2026):
    return services_crowded.crowded_case_open(
        actor=people.handler,
        petition=petition,
        year=year,
        is_crowded=True,
        is_long_running=True,
        people=30,
        note="30 hộ dân",
    )


def test_the_2019_plan_is_seeded_and_a_new_year_starts_from_its_days(people, accepted):
    seeded = CrowdedPlan.objects.get(year=2019)
    assert [seeded.due(s) for s in services_crowded.STEPS] == [
        D(2019, 9, 30),
        D(2019, 10, 31),
        D(2019, 11, 30),
        D(2019, 12, 15),
        D(2019, 12, 31),
    ]
    case = _open(people, accepted)
    days = list(case.milestones.order_by("position").values_list("step", "due_on"))
    assert days == [
        ("review", D(2026, 9, 30)),
        ("agree", D(2026, 10, 31)),
        ("dialogue", D(2026, 11, 30)),
        ("decide", D(2026, 12, 15)),
        ("publish", D(2026, 12, 31)),
    ]
    assert AuditEvent.objects.filter(action="complaints.crowded_case_opened").count() == 1
    assert AuditEvent.objects.filter(action="complaints.crowded_plan_saved").count() == 1


def test_a_case_goes_on_the_plan_once_and_only_when_accepted(clock, people, accepted, world):
    _open(people, accepted)
    with refused("year"):
        _open(people, accepted)
    assert CrowdedMilestone.objects.count() == 5
    registered = services.petition_register(
        actor=people.receiver,
        unit=world.district_a,
        channel=Channel.POST,
        received_at=at(2026, 9, 1),
        subject="Kiến nghị khác",
        content="Kiến nghị",
        petitioner_name="Lê Văn C",
    )
    with refused("year"):
        _open(people, registered)
    with pytest.raises(PermissionDenied):
        services_crowded.crowded_case_open(
            actor=people.receiver,
            petition=accepted,
            year=2026,
            is_crowded=True,
            is_long_running=False,
        )
    with refused("is_crowded"):
        services_crowded.crowded_case_open(
            actor=people.handler,
            petition=accepted,
            year=2026,
            is_crowded=False,
            is_long_running=False,
        )


def test_only_the_city_inspectorate_sets_the_plan_and_open_milestones_follow(
    clock, people, accepted, inspectorate
):
    case = _open(people, accepted)
    clock.set(at(2026, 10, 5))
    services_crowded.crowded_milestone_done(
        actor=people.handler, case=case, step="review", done_on=D(2026, 10, 2)
    )
    days = {
        "review": D(2026, 9, 15),
        "agree": D(2026, 10, 20),
        "dialogue": D(2026, 11, 20),
        "decide": D(2026, 12, 10),
        "publish": D(2026, 12, 30),
    }
    assert not may_edit_plans(people.chairman)
    assert may_edit_plans(inspectorate)
    with pytest.raises(PermissionDenied):
        services_crowded.crowded_plan_save(actor=people.chairman, year=2026, days=days)
    with refused("decide_by"):
        services_crowded.crowded_plan_save(
            actor=inspectorate, year=2026, days={**days, "decide": D(2026, 11, 1)}
        )
    with refused("publish_by"):
        services_crowded.crowded_plan_save(
            actor=inspectorate, year=2026, days={**days, "publish": D(2027, 1, 5)}
        )
    plan = services_crowded.crowded_plan_save(
        actor=inspectorate, year=2026, days=days, expected_version=1
    )
    assert plan.version == 2
    due = dict(case.milestones.values_list("step", "due_on"))
    assert due["review"] == D(2026, 9, 30)  # done: keeps the day it was held to
    assert due["agree"] == D(2026, 10, 20)
    with pytest.raises(DomainError):  # the page showed version 1: changed since
        services_crowded.crowded_plan_save(
            actor=inspectorate, year=2026, days=days, expected_version=1
        )
    event = AuditEvent.objects.filter(action="complaints.crowded_plan_saved").order_by("pk").last()
    assert event.changes["milestones_moved"] == 4


def test_steps_are_done_in_order_never_in_the_future_never_twice(clock, people, accepted):
    case = _open(people, accepted)
    clock.set(at(2026, 11, 3))
    done = services_crowded.crowded_milestone_done
    with refused("done_on"):
        done(actor=people.handler, case=case, step="agree", done_on=D(2026, 10, 1))
    with refused("done_on"):
        done(actor=people.handler, case=case, step="review", done_on=D(2026, 11, 4))
    with pytest.raises(PermissionDenied):
        done(actor=people.receiver, case=case, step="review", done_on=D(2026, 9, 20))
    done(actor=people.handler, case=case, step="review", done_on=D(2026, 9, 20))
    with refused("done_on"):
        done(actor=people.handler, case=case, step="review", done_on=D(2026, 9, 21))
    with refused("done_on"):
        done(actor=people.handler, case=case, step="agree", done_on=D(2026, 9, 19))
    late = done(actor=people.handler, case=case, step="agree", done_on=D(2026, 11, 2))
    assert late.is_late(D(2026, 11, 3))
    events = AuditEvent.objects.filter(action="complaints.crowded_milestone_done")
    assert [e.changes["late"] for e in events.order_by("pk")] == [False, True]


def test_the_city_list_marks_late_milestones_and_scopes_units(
    client, clock, people, accepted, inspectorate
):
    case = _open(people, accepted)
    clock.set(at(2026, 12, 7))
    services_crowded.crowded_milestone_done(
        actor=people.handler, case=case, step="review", done_on=D(2026, 9, 28)
    )
    row = case_rows(crowded_cases_for_user(inspectorate, year=2026), D(2026, 12, 7))[0]
    assert [m.late for m in row.milestones] == [False, True, True, False, False]
    assert list(crowded_cases_for_user(people.outsider, year=2026)) == []
    client.force_login(inspectorate)
    page = client.get(reverse("complaints:crowded-list"), {"year": 2026})
    assert page.status_code == 200
    html = page.content.decode()
    assert accepted.number in html
    assert html.count('class="milestone late"') == 2
    client.force_login(people.outsider)
    outside = client.get(reverse("complaints:crowded-list"), {"year": 2026})
    assert outside.context["rows"] == []
    assert 'id="crowded-cases"' not in outside.content.decode()
    assert client.get(reverse("complaints:crowded-detail", args=[case.pk])).status_code == 404


def test_pages_refuse_bad_input_with_a_message(client, clock, people, accepted, inspectorate):
    clock.set(at(2026, 10, 5))
    client.force_login(people.handler)
    url = reverse("complaints:crowded-open", args=[accepted.pk])
    bad = client.post(url, {"year": 2026, "people": 3})
    assert bad.status_code == 400
    assert bad.context["form"].errors["is_crowded"]
    made = client.post(url, {"year": 2026, "people": 3, "is_crowded": "on"})
    case = CrowdedCase.objects.get()
    assert made.status_code == 302
    again = client.post(url, {"year": 2026, "people": 3, "is_crowded": "on"})
    assert again.status_code == 400 and CrowdedCase.objects.count() == 1
    step = reverse("complaints:crowded-milestone", args=[case.pk, "review"])
    assert client.post(step, {"done_on": "không phải ngày"}).status_code == 400
    assert client.post(step, {"done_on": "2026-09-29"}).status_code == 302
    assert client.post(step, {"done_on": "2026-09-29"}).status_code == 400
    plan = f"{reverse('complaints:crowded-plan')}?year=2026"
    assert client.get(plan).status_code == 200
    assert client.post(plan, {}).status_code == 403
    client.force_login(inspectorate)
    bad = client.post(plan, {"review_by": "2026-12-01", "agree_by": "2026-10-31"})
    assert bad.status_code == 400
    good = {
        "version": 1,
        "review_by": "2026-09-30",
        "agree_by": "2026-10-31",
        "dialogue_by": "2026-11-30",
        "decide_by": "2026-12-20",
        "publish_by": "2026-12-31",
    }
    assert client.post(plan, good).status_code == 302
    assert CrowdedPlan.objects.get(year=2026).decide_by == D(2026, 12, 20)


def test_crowded_cases_open_figure_counts_cases_not_settled_at_the_period_end(
    clock, people, world, accepted
):
    from egov.common.figures import figure_get
    from egov.complaints.models import Petition

    case = _open(people, accepted)
    figure = figure_get("complaints.crowded_cases_open")
    opened_on = case.created_at.date()

    assert figure.read(first=D(2026, 1, 1), last=D(2026, 12, 31)) == {world.district_a.pk: 1}
    assert figure.read(first=D(2026, 1, 1), last=opened_on - datetime.timedelta(days=2)) == {}

    Petition.objects.filter(pk=accepted.pk).update(settled_on=D(2026, 11, 20))
    assert figure.read(first=D(2026, 11, 1), last=D(2026, 11, 19)) == {world.district_a.pk: 1}
    assert figure.read(first=D(2026, 11, 1), last=D(2026, 11, 30)) == {}
    assert (
        figure.read(first=D(2026, 1, 1), last=D(2026, 11, 19), unit_ids=[world.district_b.pk]) == {}
    )
