"""The complaints API for the inspectorate's other systems: cases within the token owner's
reach (filters, paging, a 404 outside it), never a person (a denouncer least of all), one
case with its steps, figures of a unit within reach from the roll-up; bad input is a 4xx
naming the field; a token granted another part of the API is refused."""

from __future__ import annotations

import datetime

import pytest

from egov.accounts.services import api_token_create
from egov.complaints import services
from egov.complaints.choices import Channel, Outcome, PetitionKind
from egov.complaints.reminders import complaints_reminders_send
from egov.complaints.selectors import petition_list_for_user
from egov.complaints.tests.conftest import at

D = datetime.date
pytestmark = pytest.mark.django_db
CASES = "/api/v1/complaints/cases"
FIGURES = "/api/v1/complaints/figures"


def _auth(user, apps=("complaints",)) -> dict[str, str]:
    issued = api_token_create(actor=user, user=user, name="thanh-tra", apps=list(apps))
    return {"HTTP_AUTHORIZATION": f"Bearer {issued.secret}"}


@pytest.fixture
def cases(clock, people, world):
    clock.set(at(2026, 12, 2))
    complaint = services.petition_register(
        actor=people.receiver,
        unit=world.district_a,
        channel=Channel.POST,
        received_at=at(2026, 12, 1),
        subject="Khiếu nại quyết định thu hồi đất",
        content="Khiếu nại",
        petitioner_name="Trần Văn Bình",
    )
    denunciation = services.petition_register(
        actor=people.receiver,
        unit=world.district_a,
        channel=Channel.VISIT,
        received_at=at(2026, 12, 2),
        subject="Tố cáo cán bộ",
        content="Tố cáo cán bộ địa chính nhận tiền",
        petitioner_name="Phạm Thị Tố",
        petitioner_id_number="001190004321",
    )
    denunciation = services.petition_classify(
        actor=people.handler,
        petition=denunciation,
        kind=PetitionKind.DENUNCIATION,
        is_competent=True,
        outcome=Outcome.ACCEPT,
    )
    services.petition_register(
        actor=people.outsider,
        unit=world.district_b,
        channel=Channel.POST,
        received_at=at(2026, 12, 1),
        subject="Khiếu nại khác",
        content="Khiếu nại quận khác",
        petitioner_name="Lê Văn Khác",
    )
    clock.set(at(2026, 12, 7))
    return complaint, denunciation


def test_the_list_has_the_cases_within_reach_and_no_person(client, people, cases) -> None:
    complaint, denunciation = cases

    response = client.get(CASES, **_auth(people.chairman))

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    by_number = {item["number"]: item for item in body["items"]}
    assert set(by_number) == {complaint.number, denunciation.number}
    assert by_number[denunciation.number]["identity_protected"] is True
    assert by_number[complaint.number]["identity_protected"] is False
    assert by_number[denunciation.number]["kind"] == "denunciation"
    assert by_number[denunciation.number]["status"] == "accepted"
    assert by_number[denunciation.number]["settlement_due_on"] == str(
        denunciation.settlement_due_on
    )
    assert by_number[complaint.number]["kind"] is None
    text = response.content.decode()
    for secret in ("Phạm Thị Tố", "001190004321", "Trần Văn Bình", "nhận tiền"):
        assert secret not in text


def test_filters_narrow_the_list(client, people, world, cases) -> None:
    complaint, denunciation = cases
    auth = _auth(people.chairman)

    def numbers(**params) -> list[str]:
        response = client.get(CASES, params, **auth)
        assert response.status_code == 200, response.content
        return [item["number"] for item in response.json()["items"]]

    assert numbers(status="accepted") == [denunciation.number]
    assert numbers(kind="denunciation") == [denunciation.number]
    assert numbers(received_from="2026-12-02") == [denunciation.number]
    assert numbers(received_to="2026-12-01") == [complaint.number]
    assert numbers(unit=world.district_a.pk, page_size=1, page=2) == [complaint.number]
    assert numbers(overdue=True) == []


def test_the_overdue_filter_is_the_managers_overdue(client, clock, people, cases) -> None:
    complaint, denunciation = cases
    clock.set(at(2026, 12, 14))
    complaints_reminders_send(today=D(2026, 12, 14))  # the complaint's acceptance is late
    auth = _auth(people.chairman)
    within = petition_list_for_user(people.chairman).order_by("-received_at", "-pk")

    def numbers(**params) -> list[str]:
        response = client.get(CASES, params, **auth)
        assert response.status_code == 200, response.content
        return [item["number"] for item in response.json()["items"]]

    late, on_time = numbers(overdue=True), numbers(overdue=False)

    assert late == [p.number for p in within.overdue()] == [complaint.number]
    assert on_time == [p.number for p in within.exclude(pk__in=within.overdue())]
    assert on_time == [denunciation.number]


def test_bad_input_is_a_4xx_naming_the_field(client, people, world, cases) -> None:
    auth = _auth(people.chairman)

    wrong_order = client.get(
        CASES, {"received_from": "2026-12-05", "received_to": "2026-12-01"}, **auth
    )
    bad_status = client.get(CASES, {"status": "lost"}, **auth)
    bad_day = client.get(
        FIGURES, {"unit": world.district_a.pk, "first": "x", "last": "2026-12-31"}, **auth
    )

    assert wrong_order.status_code == 422
    assert wrong_order.json()["errors"][0]["field"] == "received_to"
    assert bad_status.status_code == 422
    assert bad_day.status_code == 422


def test_outside_reach_is_a_404_and_a_citizen_or_another_grant_is_refused(
    client, people, world, cases, citizen
) -> None:
    complaint, _denunciation = cases

    assert client.get(f"{CASES}/{complaint.pk}", **_auth(people.outsider)).status_code == 404
    assert (
        client.get(CASES, {"unit": world.district_a.pk}, **_auth(people.outsider)).status_code
        == 404
    )
    assert client.get(CASES, **_auth(people.outsider)).json()["count"] == 1
    assert client.get(CASES, **_auth(citizen)).status_code == 403
    assert client.get(CASES, **_auth(people.chairman, apps=["directives"])).status_code == 403
    assert client.get(CASES).status_code == 401


def test_one_case_with_its_steps(client, people, cases) -> None:
    _complaint, denunciation = cases
    services.petition_step_record(
        actor=people.handler,
        petition=denunciation,
        step="verify",
        on=D(2026, 12, 4),
        note="Ông Lê Văn Tham",
    )

    response = client.get(f"{CASES}/{denunciation.pk}", **_auth(people.receiver))
    not_named = client.get(f"{CASES}/{denunciation.pk}", **_auth(people.handler))

    assert response.status_code == 200
    body = response.json()
    assert body["steps"] == [{"name": "verify", "on": "2026-12-04"}]
    assert body["status"] == "verifying"
    assert body["identity_protected"] is False  # the officer who registered it is named
    assert not_named.json()["identity_protected"] is True
    assert body["crowded_case_id"] is None
    assert "Lê Văn Tham" not in response.content.decode()


def test_figures_of_a_unit_and_the_units_below_it(client, people, world, cases) -> None:
    head = people.chairman
    params = {"unit": world.district_a.pk, "first": "2026-12-01", "last": "2026-12-31"}

    response = client.get(FIGURES, params, **_auth(head))

    assert response.status_code == 200
    figures = {item["code"]: item["value"] for item in response.json()["figures"]}
    assert figures["complaints.petitions_received"] == 2
    assert figures["complaints.denunciations_received"] == 1
    assert figures["complaints.cases_accepted"] == 1
    assert figures["complaints.crowded_cases_open"] == 0
    assert (
        client.get(FIGURES, {**params, "unit": world.district_b.pk}, **_auth(head)).status_code
        == 404
    )
    too_long = client.get(FIGURES, {**params, "first": "2010-01-01"}, **_auth(head))
    assert too_long.status_code == 422
    assert too_long.json()["errors"][0]["field"] == "first"


def test_figures_default_to_the_highest_unit_and_this_year(client, people, world, cases) -> None:
    response = client.get(FIGURES, **_auth(people.chairman))

    assert response.status_code == 200
    body = response.json()
    assert (body["unit_id"], body["first"], body["last"]) == (
        world.district_a.pk,
        "2026-01-01",
        "2026-12-07",
    )
    figures = {item["code"]: item["value"] for item in body["figures"]}
    assert figures["complaints.petitions_received"] == 2
