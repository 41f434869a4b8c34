"""A governance-index dimension turned into a directive task: the standings page (surveys)
shows, under each dimension, the tasks serving it and the way to add one, hung there by
directives through egov.common.panels (surveys may not import directives, ADR 0021); the task
is made through the directive's own task form with the dimension filled in, and audited."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from conftest import make_officer
from egov.audit.models import AuditEvent
from egov.directives.models import Task
from egov.surveys import services as surveys

pytestmark = pytest.mark.django_db


@pytest.fixture
def leader(world):
    return make_officer("chutich.hanoi@example.vn", world.city, "unit_head", subtree=True)


@pytest.fixture
def weak(world, leader):
    """PAPI transparency fell from 2022 to 2023; the department answers for it."""
    for year, score in ((2022, "5.6"), (2023, "5.1")):
        surveys.standing_record(
            actor=leader,
            province=world.city,
            index="papi",
            year=year,
            dimension="transparency",
            score=Decimal(score),
            source=f"PAPI {year}, UNDP",
        )
    surveys.dimension_owner_set(
        actor=leader, province=world.city, index="papi", dimension="transparency", unit=world.dept
    )


def _standings(client, world):
    url = reverse("surveys:standing-list")
    return client.get(url, {"province": world.city.pk, "index": "papi"}).content.decode()


def test_a_leader_turns_a_weak_dimension_into_a_task(client, world, leader, weak, directive):
    client.force_login(leader)
    serve = reverse("directives:dimension-serve", args=["papi", "transparency"])
    assert serve in _standings(client, world)

    page = client.get(serve)
    create = reverse("directives:task-create", args=[directive.pk])
    assert page.status_code == 200
    assert f"{create}?index=papi&amp;dimension=transparency" in page.content.decode()

    form = client.get(create, {"index": "papi", "dimension": "transparency"}).context["form"]
    assert form.initial["lead_unit"] == world.dept
    assert "Công khai, minh bạch" in form.initial["content"]
    response = client.post(
        create,
        {
            "content": "Công khai kế hoạch sử dụng đất tại trụ sở xã",
            "lead_unit": world.dept.pk,
            "recurrence": "none",
            "deadline_on": "2026-12-31",
            "index_code": "papi",
            "index_dimension": "transparency",
        },
    )

    task = Task.objects.get()
    assert response.status_code == 302
    assert (task.index_code, task.index_dimension) == ("papi", "transparency")
    event = AuditEvent.objects.get(action="task.created")
    assert event.changes["serves"] == "papi.transparency"
    shown = _standings(client, world)
    assert "Công khai kế hoạch sử dụng đất tại trụ sở xã" in shown
    assert reverse("directives:task-detail", args=[task.pk]) in shown


def test_an_unknown_dimension_is_refused_with_a_message(client, world, leader, directive):
    client.force_login(leader)
    create = reverse("directives:task-create", args=[directive.pk])

    response = client.post(
        create,
        {
            "content": "Nhiệm vụ",
            "lead_unit": world.dept.pk,
            "recurrence": "none",
            "deadline_on": "2026-12-31",
            "index_code": "papi",
            "index_dimension": "no-such-dimension",
        },
    )

    assert response.status_code == 400
    assert not Task.objects.exists()
    assert response.context["form"].errors["index_dimension"]
    assert client.get(reverse("directives:dimension-serve", args=["papi", "x"])).status_code == 404


def test_who_adds_to_no_directive_sees_only_the_tasks(client, world, weak, directive):
    officer = make_officer("chuyenvien.phuong@example.vn", world.commune_a, "front_desk_officer")
    client.force_login(officer)

    page = client.get(reverse("directives:dimension-serve", args=["papi", "transparency"]))

    assert page.status_code == 200
    assert list(page.context["directives"]) == []
