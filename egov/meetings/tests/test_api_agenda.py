"""The meetings API adds sub-items to the agenda as the meeting page does: the host unit only,
within the depth of the agenda and the time of the item, while the agenda may change; field
errors as 4xx, a retry answered as the first, and nothing written when refused."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse
from django.utils import translation

from egov.audit.models import AuditEvent
from egov.meetings import services
from egov.meetings.models import AgendaItem
from egov.meetings.tests.test_agenda_tree import _add, _meeting, _tree
from egov.meetings.tests.test_session import _invited


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _post(client, meeting, item, body):
    url = reverse("api:subitem_add", args=[meeting.pk, item.pk])
    return client.post(url, json.dumps(body), content_type="application/json")


def _added():
    return AuditEvent.objects.filter(action="meetings.item_added").count()


def test_host_adds_a_sub_item_numbered_under_its_item(client, world, people, clock):
    meeting, _first, second, _goals, _means, _digital = _tree(world, people)
    client.force_login(people.office)

    answer = _post(client, meeting, second, {"title": "Kinh phí", "planned_minutes": 10})
    detail = client.get(reverse("api:meeting_get", args=[meeting.pk])).json()

    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert {k: body[k] for k in ("number", "order", "parent_id", "title", "presenter")} == {
        "number": "2.3",
        "order": 3,
        "parent_id": second.pk,
        "title": "Kinh phí",
        "presenter": "",
    }
    assert [i["number"] for i in detail["agenda"]] == ["1", "2", "2.1", "2.1.1", "2.2", "2.3"]
    assert AgendaItem.objects.get(pk=body["id"]).path == "0002.0003"


def test_the_same_sub_item_sent_twice_is_one(client, world, people, clock):
    meeting, _first, second, *_rest = _tree(world, people)
    client.force_login(people.office)
    before = _added()
    body = {"title": "Kinh phí", "planned_minutes": 10, "presenter": "Sở Tài chính"}

    first = _post(client, meeting, second, body)
    again = _post(client, meeting, second, body)

    assert first.status_code == again.status_code == 200
    assert again.json() == first.json()
    assert second.children.count() == 3
    assert _added() == before + 1


def test_bad_input_names_the_field_and_writes_nothing(client, world, people, clock):
    meeting, _first, second, goals, _means, digital = _tree(world, people)
    client.force_login(people.office)
    before = (AgendaItem.objects.count(), _added())

    empty = _post(client, meeting, second, {})
    blank = _post(client, meeting, second, {"title": "  ", "planned_minutes": 5})
    typed = _post(client, meeting, second, {"title": "Kinh phí", "planned_minutes": "ten"})
    long = _post(client, meeting, second, {"title": "Kinh phí", "planned_minutes": 11})
    deep = _post(client, meeting, digital, {"title": "Mức bốn", "planned_minutes": 1})
    form = client.post(
        reverse("api:subitem_add", args=[meeting.pk, goals.pk]),
        {"title": "Kinh phí", "planned_minutes": 5},
    )

    assert empty.status_code == 422
    assert {e["field"] for e in empty.json()["errors"]} == {"title", "planned_minutes"}
    assert blank.status_code == 400 and blank.json()["errors"][0]["field"] == "title"
    assert typed.status_code == 422 and typed.json()["errors"][0]["field"] == "planned_minutes"
    # 2.1 (20) and 2.2 (30) leave 10 of item 2's 60 minutes; answered in the page's language
    assert long.status_code == 422
    assert long.json()["errors"] == [
        {
            "field": "planned_minutes",
            "message": "Các mục con sẽ dài hơn thời lượng của mục 2 (60 phút).",
        }
    ]
    assert deep.status_code == 422
    assert deep.json()["errors"][0] == {
        "field": "parent",
        "message": "Chương trình họp có tối đa 3 cấp.",
    }
    assert form.status_code == 422 and form.json()["errors"][0]["field"] == "body"
    assert (AgendaItem.objects.count(), _added()) == before


def test_only_the_host_adds_and_others_do_not_see_the_meeting(client, world, people, clock):
    meeting = _meeting(world, people)
    item = _add(people, meeting, "Báo cáo", 30)
    other = _add(people, _meeting(world, people), "Khác", 30)
    body = {"title": "Số liệu", "planned_minutes": 10}
    before = (AgendaItem.objects.count(), _added())

    client.force_login(people.dept_head)  # invited, does not manage the meeting
    invited = _post(client, meeting, item, body)
    client.force_login(people.outsider)
    outsider = _post(client, meeting, item, body)
    client.force_login(people.office)
    elsewhere = _post(client, meeting, other, body)  # an item of another meeting
    client.logout()
    anonymous = _post(client, meeting, item, body)

    assert invited.status_code == 403
    assert outsider.status_code == 404
    assert elsewhere.status_code == 404
    assert anonymous.status_code == 401
    assert (AgendaItem.objects.count(), _added()) == before


def test_no_sub_item_once_the_meeting_is_held(client, world, people, clock):
    meeting, item = _invited(world, people)
    meeting = services.meeting_hold(actor=people.office, meeting=meeting, expected_version=None)
    client.force_login(people.office)

    answer = _post(client, meeting, item, {"title": "Số liệu", "planned_minutes": 10})

    assert answer.status_code == 422
    assert answer.json()["code"] == "invalid_meeting"
    assert not item.children.exists()
