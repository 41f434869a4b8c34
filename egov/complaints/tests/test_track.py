"""The public look-up of a petition by its number and tracking code: state and legal time limit,
never a person (the denouncer least of all); a malformed and an unknown key are the same miss;
rate limited per client IP on counters of its own."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from egov.complaints import rules, services
from egov.complaints.choices import Channel, Outcome, PetitionKind
from egov.complaints.selectors import petition_track_get
from egov.complaints.tests.conftest import at

D = datetime.date
pytestmark = pytest.mark.django_db
EN = {"accept-language": "en"}
PAGE = reverse("complaints:petition-track")
API = "/api/v1/complaints/track"


@pytest.fixture(autouse=True)
def _fresh_counters():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def denunciation(clock, people, world):
    clock.set(at(2026, 12, 2))
    petition = services.petition_register(
        actor=people.receiver,
        unit=world.district_a,
        channel=Channel.POST,
        received_at=at(2026, 12, 1),
        subject="Tố cáo ông Lê Văn Tham nhận tiền",
        content="Tố cáo ông Lê Văn Tham, cán bộ địa chính, nhận tiền",
        petitioner_name="Phạm Thị Tố",
        petitioner_id_number="001190004321",
        petitioner_address="Phố Quán Thánh",
    )
    petition = services.petition_classify(
        actor=people.handler,
        petition=petition,
        kind=PetitionKind.DENUNCIATION,
        is_competent=True,
        outcome=Outcome.ACCEPT,
    )
    clock.set(at(2026, 12, 7))
    return petition


def test_keys_are_normalised_and_anything_else_is_refused() -> None:
    assert rules.track_keys_normalize(" 12/2026 ", "3fa9 1c0b") == ("12/2026", "3FA91C0B")
    assert rules.track_keys_normalize("12/2026", "3FA91C0") is None
    assert rules.track_keys_normalize("0/2026", "3FA91C0B") is None
    assert rules.track_keys_normalize("12-2026", "3FA91C0B") is None
    assert rules.track_keys_normalize("12/2026", "' OR 1=1") is None
    assert rules.track_keys_normalize(None, None) is None


def test_a_registered_petition_shows_its_acceptance_limit(clock, people, world) -> None:
    petition = services.petition_register(
        actor=people.receiver,
        unit=world.district_a,
        channel=Channel.POST,
        received_at=at(2026, 12, 1),
        subject="Khiếu nại",
        content="Khiếu nại quyết định",
        petitioner_name="Trần Văn Bình",
    )
    with translation.override("en"):
        track = petition_track_get(
            number=petition.number, code=petition.tracking_code, today=D(2026, 12, 7)
        )
    assert petition.acceptance_due_on == D(2026, 12, 10)  # 7 working days from Tue 1/12
    assert track.status == "registered"
    assert track.due_on == D(2026, 12, 10)
    assert track.due_label == "Acceptance decision due on"
    assert track.is_overdue is False
    late = petition_track_get(
        number=petition.number, code=petition.tracking_code, today=D(2026, 12, 11)
    )
    assert late.is_overdue is True


def test_the_page_shows_state_and_time_limit_and_never_the_denouncer(client, denunciation) -> None:
    response = client.get(
        PAGE,
        {"number": denunciation.number, "code": denunciation.tracking_code.lower()},
        headers=EN,
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Accepted for settlement" in page
    assert "Denunciation" in page
    assert "Settlement due on" in page
    assert denunciation.settlement_due_on.strftime("%d/%m/%Y") in page
    for secret in ("Phạm Thị Tố", "001190004321", "Quán Thánh", "Lê Văn Tham", "nhận tiền"):
        assert secret not in page


def test_the_api_answers_the_same_fields_without_a_person(client, denunciation) -> None:
    response = client.get(API, {"number": denunciation.number, "code": denunciation.tracking_code})
    assert response.status_code == 200
    assert response.json() == {
        "number": denunciation.number,
        "unit_name": denunciation.unit.name,
        "received_on": "2026-12-01",
        "kind_label": "Tố cáo",
        "status": "accepted",
        "status_label": "Đã thụ lý giải quyết",
        "outcome_label": "Thụ lý giải quyết",
        "competent_body": "",
        "due_on": denunciation.settlement_due_on.isoformat(),
        "due_label": "Hạn giải quyết",
        "is_overdue": False,
        "settled_on": None,
        "verdict_label": "",
    }


def test_a_wrong_code_and_a_malformed_one_are_the_same_miss(client, denunciation) -> None:
    wrong = client.get(PAGE, {"number": denunciation.number, "code": "00000000"}, headers=EN)
    malformed = client.get(PAGE, {"number": "<b>", "code": "' OR 1=1"}, headers=EN)
    not_found = "No petition was found with this number and tracking code."
    assert wrong.status_code == malformed.status_code == 200
    assert not_found in wrong.content.decode()
    assert not_found in malformed.content.decode()
    assert client.get(API, {"number": denunciation.number, "code": "00000000"}).status_code == 404
    assert client.get(API, {"number": "x", "code": "y"}).status_code == 404


@override_settings(EGOV_TRACK_MISSES_PER_WINDOW=2)
def test_misses_block_every_lookup_from_the_client_only(client, denunciation) -> None:
    keys = {"number": denunciation.number, "code": denunciation.tracking_code}
    for code in ("00000000", "11111111"):
        client.get(PAGE, {"number": denunciation.number, "code": code}, headers=EN)

    blocked = client.get(PAGE, keys, headers=EN)
    blocked_api = client.get(API, keys)
    other = client.get(PAGE, keys, headers=EN, REMOTE_ADDR="203.0.113.9")

    assert blocked.status_code == 429
    assert blocked["Retry-After"] == "600"
    assert "Too many look-ups from your connection." in blocked.content.decode()
    assert "Phạm" not in blocked.content.decode()
    assert blocked_api.status_code == 429
    assert blocked_api.json()["code"] == "too_many_lookups"
    assert other.status_code == 200


@override_settings(EGOV_TRACK_MISSES_PER_WINDOW=1)
def test_the_counters_are_not_the_dossier_lookups(client, denunciation) -> None:
    client.get(reverse("onestop:dossier-status"), {"code": "000.00.00.H26-991231-9999"})

    response = client.get(
        PAGE, {"number": denunciation.number, "code": denunciation.tracking_code}, headers=EN
    )

    assert response.status_code == 200
    assert "Accepted for settlement" in response.content.decode()
