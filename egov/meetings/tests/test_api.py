"""The meetings API: my meetings, one meeting with its agenda (secret papers' links only for
named readers), answering an invitation with the same rules as the page."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse
from django.utils import translation

from egov.common.testing import files as samples
from egov.meetings import services
from egov.meetings.models import Invitee
from egov.meetings.tests.test_session import _invited


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def test_my_meetings_and_detail(client, world, people, clock):
    meeting, item = _invited(world, people)
    services.paper_upload(actor=people.office, item=item, upload=samples.pdf(), name="a.pdf")
    services.paper_upload(
        actor=people.office,
        item=item,
        upload=samples.pdf(),
        name="mat.pdf",
        secret=True,
        readers=[people.dept_head],
    )
    client.force_login(people.dept_staff)

    listing = client.get(reverse("api:meeting_list")).json()
    assert [m["id"] for m in listing["items"]] == [meeting.pk]
    assert listing["items"][0]["my_response"] == "pending"

    detail = client.get(reverse("api:meeting_get", args=[meeting.pk])).json()
    assert detail["agenda"][0]["title"] == "Dự thảo kế hoạch"
    papers = {p["name"]: p for p in detail["agenda"][0]["papers"]}
    assert papers["a.pdf"]["url"] and papers["mat.pdf"]["url"] is None
    assert detail["quorum"] == {"invited": 1, "present": 0, "needed": 1, "reached": False}
    assert detail["invitation"]["response"] == "pending"

    client.force_login(people.outsider)
    assert client.get(reverse("api:meeting_get", args=[meeting.pk])).status_code == 404
    assert client.get(reverse("api:meeting_list")).json()["items"] == []


def test_answer_an_invitation(client, world, people, clock):
    meeting, _item = _invited(world, people)
    url = reverse("api:meeting_answer", args=[meeting.pk])
    client.force_login(people.dept_head)

    bad = _post(client, url, {"response": "maybe"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "response"
    declined = _post(client, url, {"response": "declined"})
    assert declined.status_code == 400  # a reason is required
    outside = _post(client, url, {"response": "delegated", "delegate_id": people.outsider.pk})
    assert outside.status_code == 422
    assert outside.json()["errors"][0]["field"] == "delegate"

    answer = _post(client, url, {"response": "delegated", "delegate_id": people.dept_staff.pk})
    assert answer.status_code == 200, answer.content
    assert answer.json()["delegate_name"] == people.dept_staff.full_name
    assert Invitee.objects.get(meeting=meeting).delegate == people.dept_staff

    # the invitation is the delegate's now; the head's stale version is refused to them too
    assert _post(client, url, {"response": "confirmed"}).status_code == 404
    client.force_login(people.dept_staff)
    stale = _post(client, url, {"response": "confirmed", "expected_version": 1})
    assert stale.status_code == 409

    client.force_login(people.outsider)
    assert _post(client, url, {"response": "confirmed"}).status_code == 404
