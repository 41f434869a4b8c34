"""The inbox: order (overdue, nearly due, in time, paused), filters, query counts, the page."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from egov.accounts.models import User
from egov.workflow import subjects
from egov.workflow.choices import Urgency
from egov.workflow.selectors import inbox_list_for_user, inbox_rows
from egov.workflow.services import process_pause, step_forward
from egov.workflow.tests.factories import at, liaison_definition, started

NOW = at(2025, 2, 4, 9)


@pytest.fixture
def desk_items(world, clock, citizen, front_desk_officer):
    """Four items at the desk step (0.5 day each), seen at Tue 04/02/2025 09:00."""
    definition = liaison_definition(world)
    received = {
        "Hồ sơ đúng hạn": at(2025, 2, 4, 16),  # after 15:00: due 05/02 12:00, in time
        "Hồ sơ quá hạn": at(2025, 1, 24, 10),  # due 24/01 15:00: overdue
        "Hồ sơ sắp đến hạn": at(2025, 2, 4, 8),  # due 04/02 12:00: nearly due
        "Hồ sơ tạm dừng": at(2025, 1, 23, 8),  # paused below
        "Hồ sơ quá hạn lâu": at(2025, 1, 22, 8),  # due 22/01 12:00: overdue, earlier
    }
    items = {
        label: started(world, citizen, received_at=moment, label=label, definition=definition)
        for label, moment in received.items()
    }
    clock.set(at(2025, 1, 23, 9))
    process_pause(
        actor=front_desk_officer,
        instance=items["Hồ sơ tạm dừng"],
        expected_version=1,
        reason="Chờ bổ sung",
        restarts_clock=False,
    )
    return items


def test_overdue_first_then_nearly_due_then_by_due_moment_paused_last(
    desk_items, front_desk_officer
):
    steps = list(inbox_list_for_user(front_desk_officer, now=NOW))

    assert [(s.instance.subject_label, s.urgency) for s in steps] == [
        ("Hồ sơ quá hạn lâu", Urgency.OVERDUE),
        ("Hồ sơ quá hạn", Urgency.OVERDUE),
        ("Hồ sơ sắp đến hạn", Urgency.NEARLY_DUE),
        ("Hồ sơ đúng hạn", Urgency.NORMAL),
        ("Hồ sơ tạm dừng", Urgency.PAUSED),
    ]
    rows = inbox_rows(steps, now=NOW)
    assert [r.remaining for r in rows[1:4]] == [
        -datetime.timedelta(hours=11),
        datetime.timedelta(hours=3),
        datetime.timedelta(hours=11),
    ]


def test_filters(desk_items, front_desk_officer):
    def labels(**filters):
        return [
            s.instance.subject_label
            for s in inbox_list_for_user(front_desk_officer, now=NOW, **filters)
        ]

    assert labels(overdue_only=True) == ["Hồ sơ quá hạn lâu", "Hồ sơ quá hạn"]
    assert labels(status="paused") == ["Hồ sơ tạm dừng"]
    assert labels(query="SAP DEN HAN") == ["Hồ sơ sắp đến hạn"]


def test_the_inbox_takes_a_fixed_number_of_queries(
    desk_items, front_desk_officer, django_assert_num_queries
):
    inbox_rows(inbox_list_for_user(front_desk_officer, now=NOW), now=NOW)  # warm the calendar

    # 5 reach lookups (one per step role), the calendar revision twice, the rows
    with django_assert_num_queries(8):
        rows = inbox_rows(inbox_list_for_user(front_desk_officer, now=NOW), now=NOW)
        [
            (r.step.instance.subject_label, r.step.unit.name, r.step.step_definition.name)
            for r in rows
        ]


def test_inbox_page_and_htmx_rows(
    desk_items, client, front_desk_officer, clock, django_assert_num_queries
):
    clock.set(NOW)
    client.force_login(front_desk_officer)
    url = reverse("workflow:inbox")
    client.get(url)  # warm the calendar and the session

    # session, user, officer check, 5 reach lookups, calendar twice, count, rows
    with django_assert_num_queries(14):  # + the menu role query and the unread-notification count
        page = client.get(url)
    rows = client.get(url, {"overdue": "on"}, headers={"HX-Request": "true"})

    html = page.content.decode()
    assert page.status_code == 200
    assert (
        html.index("Hồ sơ quá hạn lâu")
        < html.index("Hồ sơ sắp đến hạn")
        < html.index("Hồ sơ tạm dừng")
    )
    body = rows.content.decode()
    assert "<html" not in body
    assert ("Hồ sơ quá hạn" in body, "Hồ sơ đúng hạn" in body) == (True, False)


def test_the_inbox_page_is_for_officers_only(client, citizen):
    client.force_login(citizen)

    assert client.get(reverse("workflow:inbox")).status_code == 403


def test_an_item_moves_out_of_the_inbox_when_forwarded(world, citizen, front_desk_officer):
    instance = started(world, citizen, received_at=at(2025, 2, 4, 8))

    step_forward(actor=front_desk_officer, instance=instance, expected_version=1)

    assert list(inbox_list_for_user(front_desk_officer, now=NOW)) == []


def test_each_item_links_to_the_page_its_app_registered(
    desk_items, client, front_desk_officer, clock, monkeypatch
):
    """The engine knows its subject only by content type and id: the subject's app registers
    where its page is; an item of an app that registered none is shown without a link."""
    clock.set(NOW)
    client.force_login(front_desk_officer)
    html = client.get(reverse("workflow:inbox")).content.decode()
    assert "<td>Hồ sơ quá hạn</td>" in html  # the test subjects are users: no page registered

    monkeypatch.setattr(subjects, "_urls", dict(subjects._urls))
    subjects.subject_url_register(User, lambda pk: f"/people/{pk}/")
    html = client.get(reverse("workflow:inbox")).content.decode()

    subject_id = desk_items["Hồ sơ quá hạn"].subject_id
    assert f'<a href="/people/{subject_id}/">Hồ sơ quá hạn</a>' in html
