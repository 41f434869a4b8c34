"""The meetings API during the meeting: check-in (self, by the secretary, by QR code) and
votes (opened and closed by the chair, ballots in the room and in writing), scoped to the
meeting's people, with field errors as 4xx, and every write safe to retry."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse
from django.utils import translation

from egov.audit.models import AuditEvent
from egov.meetings import services
from egov.meetings.models import Invitee, Turnout, Vote
from egov.meetings.services.written import vote_send_written
from egov.meetings.tests.test_session import _invited


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _post(client, url, body=None):
    return client.post(url, json.dumps(body or {}), content_type="application/json")


def _check_in_url(meeting):
    return reverse("api:meeting_check_in", args=[meeting.pk])


def test_self_check_in_twice_is_one_check_in(client, world, people, clock):
    meeting, _item = _invited(world, people)
    client.force_login(people.dept_head)

    first = _post(client, _check_in_url(meeting))
    again = _post(client, _check_in_url(meeting))

    assert first.status_code == 200, first.content
    assert again.json() == first.json()
    assert first.json()["checked_in_via"] == "self"
    assert first.json()["quorum"] == {"invited": 1, "present": 1, "needed": 1, "reached": True}
    assert AuditEvent.objects.filter(action="meetings.invitee_checked_in").count() == 1


def test_secretary_checks_in_an_invitee_and_bad_input_names_the_field(client, world, people, clock):
    meeting, _item = _invited(world, people)
    other, _ = _invited(world, people)
    invitee = Invitee.objects.get(meeting=meeting)
    client.force_login(people.office)

    wrong = _post(client, _check_in_url(meeting), {"invitee_id": other.invitees.get().pk}).json()
    both = _post(client, _check_in_url(meeting), {"invitee_id": invitee.pk, "code": "x"})
    typed = _post(client, _check_in_url(meeting), {"invitee_id": "one"})
    done = _post(client, _check_in_url(meeting), {"invitee_id": invitee.pk})

    assert [e["field"] for e in wrong["errors"]] == ["invitee_id"]
    assert both.status_code == 422 and both.json()["errors"][0]["field"] == "code"
    assert typed.status_code == 422 and typed.json()["errors"][0]["field"] == "invitee_id"
    assert done.status_code == 200 and done.json()["checked_in_via"] == "secretary"
    assert not Invitee.objects.filter(meeting=other, checked_in_at__isnull=False).exists()


def test_code_check_in_retried_by_its_scanner_refused_to_another(client, world, people, clock):
    meeting, _item = _invited(world, people)
    code = Invitee.objects.get(meeting=meeting).checkin_code
    client.force_login(people.office)

    scanned = _post(client, _check_in_url(meeting), {"code": f"https://egov/check-in/{code}/"})
    retried = _post(client, _check_in_url(meeting), {"code": code})
    client.force_login(people.dept_head)
    other = _post(client, _check_in_url(meeting), {"code": code})
    bad = _post(client, _check_in_url(meeting), {"code": "not a code"})

    assert scanned.status_code == 200 and scanned.json()["checked_in_via"] == "qr_scan"
    assert retried.json() == scanned.json()
    assert other.status_code == 409 and other.json()["code"] == "code_used"
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "code"


def test_people_outside_the_meeting_get_404(client, world, people, clock):
    meeting, item = _invited(world, people)
    services.invitee_check_in(actor=people.office, invitee=meeting.invitees.get())
    vote = services.vote_open(actor=people.chairman, item=item, question="Thông qua?")
    client.force_login(people.outsider)

    urls = [
        _check_in_url(meeting),
        reverse("api:vote_open", args=[meeting.pk]),
        reverse("api:vote_ballot", args=[meeting.pk, vote.pk]),
        reverse("api:vote_close", args=[meeting.pk, vote.pk]),
    ]
    assert [_post(client, url, {"choice": "for"}).status_code for url in urls] == [404] * 4
    assert client.get(reverse("api:vote_list", args=[meeting.pk])).status_code == 404
    assert not Turnout.objects.exists()


def test_chair_opens_a_vote_once_and_only_the_chair(client, world, people, clock):
    meeting, item = _invited(world, people)
    url = reverse("api:vote_open", args=[meeting.pk])
    client.force_login(people.chairman)

    no_quorum = _post(client, url, {"item_id": item.pk, "question": "Thông qua?"})
    services.invitee_check_in(actor=people.office, invitee=meeting.invitees.get())
    empty = _post(client, url, {"item_id": item.pk, "question": ""})
    wrong_item = _post(client, url, {"item_id": 999999, "question": "Thông qua?"})
    first = _post(client, url, {"item_id": item.pk, "question": "Thông qua?"})
    again = _post(client, url, {"item_id": item.pk, "question": "Thông qua?"})
    client.force_login(people.dept_head)
    not_chair = _post(client, url, {"item_id": item.pk, "question": "Khác?"})

    assert no_quorum.status_code == 422 and no_quorum.json()["code"] == "no_quorum"
    assert empty.status_code == 422 and empty.json()["errors"][0]["field"] == "question"
    assert wrong_item.json()["errors"][0]["field"] == "item_id"
    assert first.status_code == 200 and again.json()["id"] == first.json()["id"]
    assert first.json()["majority"] == "quá nửa tổng số thành viên"  # the page's language
    assert not_chair.status_code == 403
    assert Vote.objects.count() == 1


def test_ballots_counted_once_retries_answered_and_the_result_sealed(client, world, people, clock):
    meeting, item = _invited(world, people)
    services.invitee_check_in(actor=people.office, invitee=meeting.invitees.get())
    vote = services.vote_open(actor=people.chairman, item=item, question="Thông qua?")
    ballot = reverse("api:vote_ballot", args=[meeting.pk, vote.pk])
    client.force_login(people.dept_head)

    bad = _post(client, ballot, {"choice": "maybe"})
    cast = _post(client, ballot, {"choice": "for"})
    retry = _post(client, ballot, {"choice": "for"})
    changed = _post(client, ballot, {"choice": "against"})

    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "choice"
    assert cast.status_code == 200 and (cast.json()["i_voted"], cast.json()["my_choice"]) == (
        True,
        "for",
    )
    assert retry.json() == cast.json()
    assert changed.status_code == 409 and changed.json()["code"] == "voted"
    assert AuditEvent.objects.filter(action="meetings.vote_cast").count() == 1

    client.force_login(people.dept_staff)
    _post(client, ballot, {"choice": "for"})
    client.force_login(people.chairman)
    close = reverse("api:vote_close", args=[meeting.pk, vote.pk])
    closed = _post(client, close)
    closed_again = _post(client, close)

    assert closed.status_code == 200 and closed_again.json() == closed.json()
    assert closed.json()["result"] == {
        "count_for": 2,
        "count_against": 0,
        "count_abstain": 0,
        "counted": 2,
        "needed": 2,
        "passed": True,
    }
    assert {b["choice"] for b in closed.json()["ballots"]} == {"for"}
    assert AuditEvent.objects.filter(action="meetings.vote_closed").count() == 1

    client.force_login(people.dept_head)
    late_retry = _post(client, ballot, {"choice": "for"})
    assert late_retry.status_code == 200 and late_retry.json()["status"] == "closed"


def test_secret_ballot_repeat_is_counted_once_and_keeps_no_choice(client, world, people, clock):
    meeting, item = _invited(world, people)
    services.invitee_check_in(actor=people.office, invitee=meeting.invitees.get())
    vote = services.vote_open(actor=people.chairman, item=item, question="Bầu?", secret=True)
    ballot = reverse("api:vote_ballot", args=[meeting.pk, vote.pk])
    client.force_login(people.dept_head)

    first = _post(client, ballot, {"choice": "against"})
    again = _post(client, ballot, {"choice": "against"})

    assert first.status_code == again.status_code == 200
    assert (first.json()["i_voted"], first.json()["my_choice"]) == (True, None)
    vote = services.vote_close(actor=people.chairman, vote=vote)  # counted at the close
    assert (vote.count_for, vote.count_against) == (0, 1)


def test_written_ballot_through_the_same_operation(client, world, people, clock):
    meeting, item = _invited(world, people)
    services.invitee_add(actor=people.office, meeting=meeting, person=people.outsider)
    services.invitee_check_in(actor=people.office, invitee=meeting.invitees.get(unit=world.dept))
    vote = services.vote_open(actor=people.chairman, item=item, question="Thông qua?")
    services.vote_cast(actor=people.dept_head, vote=vote, choice="for")
    vote_send_written(actor=people.chairman, vote=vote, workdays=2)
    client.force_login(people.outsider)

    listed = client.get(reverse("api:vote_list", args=[meeting.pk])).json()
    cast = _post(client, reverse("api:vote_ballot", args=[meeting.pk, vote.pk]), {"choice": "for"})

    assert listed[0]["status"] == "written" and listed[0]["may_vote"] is True
    assert cast.status_code == 200 and cast.json()["may_vote"] is False
    assert AuditEvent.objects.filter(action="meetings.written_ballot_cast").count() == 1


def test_operations_in_the_openapi_schema(client, world, people):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    base = "/api/v1/meetings/{meeting_id}"

    check_in = paths[f"{base}/check-in"]["post"]
    ballot = paths[f"{base}/votes/{{vote_id}}/ballot"]["post"]
    close = paths[f"{base}/votes/{{vote_id}}/close"]["post"]
    votes = paths[f"{base}/votes"]

    assert {"200", "404", "409", "422"} <= set(check_in["responses"])
    assert (
        "invitee_id"
        in check_in["requestBody"]["content"]["application/json"]["schema"]["properties"]
    )
    assert ballot["requestBody"]["required"] is True
    assert {"200", "403", "404", "409"} <= set(close["responses"])
    assert set(votes) == {"get", "post"}
