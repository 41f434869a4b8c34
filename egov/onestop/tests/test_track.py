"""The public status of a dossier (page, JSON, QR code): progress only, never personal data;
no oracle between unknown and malformed codes; rate limits per client IP."""

from __future__ import annotations

import datetime
import io
import os
import re
import uuid

import pytest
import segno
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation

from egov.onestop.selectors.track import dossier_track_get, dossier_track_url
from egov.onestop.tests.online_helpers import (
    agency_code_set,
    online_procedure,
    received_online,
    status_force,
    submitted_for,
)

pytestmark = pytest.mark.django_db
EN = {"accept-language": "en"}
PAGE = reverse("onestop:dossier-status")
UNKNOWN = "000.00.00.H26-991231-9999"
MALFORMED = "<script>' OR 1=1"
LIMIT_MESSAGE = "Too many look-ups from your connection. Wait 10 minutes and try again."


@pytest.fixture(autouse=True)
def _fresh_counters():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def dossier(citizen, world, front_desk_officer):
    agency_code_set(world)
    citizen.email = "an.nguyen@example.vn"
    citizen.save(update_fields=["email"])
    return received_online(citizen, online_procedure(), world, front_desk_officer)


def _api(code: str) -> str:
    return reverse("api:dossier_track", kwargs={"code": code})


def _local(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M")


PERSONAL = ("Nguyễn Văn An", "0912345678", "001085012345", "an.nguyen@example.vn", "Motcua")


def test_the_page_shows_progress_and_no_personal_data(client, dossier):
    response = client.get(PAGE, {"code": dossier.code}, headers=EN)

    html = response.content.decode()
    assert response.status_code == 200
    assert dossier.code in html
    assert dossier.procedure.name in html
    assert "Being processed" in html
    assert "Tiếp nhận hồ sơ" in html
    assert _local(dossier.received_at) in html
    assert _local(dossier.due_at) in html
    for value in PERSONAL:
        assert value not in html


def test_the_json_has_the_same_fields_and_no_personal_data(client, dossier):
    dossier.refresh_from_db()

    response = client.get(_api(dossier.code), headers=EN)

    assert response.status_code == 200
    body = response.json()
    assert body == {
        "code": dossier.code,
        "procedure_name": dossier.procedure.name,
        "status": "processing",
        "status_label": "Being processed",
        "step_name": "Tiếp nhận hồ sơ",
        "received_at": timezone.localtime(dossier.received_at).isoformat(),  # with +07:00
        "due_at": timezone.localtime(dossier.due_at).isoformat(),
        "finished_at": None,
        "returned_at": None,
        "timeliness": "",
        "timeliness_label": "",
    }
    for value in PERSONAL:
        assert value not in response.content.decode()


def test_the_code_is_found_whatever_its_case_and_spaces(client, dossier):
    response = client.get(PAGE, {"code": f"  {dossier.code.lower()} "}, headers=EN)

    assert response.context["track"].code == dossier.code


def _without_echo(response) -> str:
    """The page without the language switch's return address (the only echo of the query)
    and the CSRF tokens (masked anew for every response)."""
    html = re.sub(r'<input name="next" type="hidden" value="[^"]*">', "", response.content.decode())
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)
    return re.sub(r'"X-CSRFToken": "[^"]*"', "", html)


def test_unknown_and_malformed_codes_get_the_same_answer(client, dossier):
    unknown = client.get(PAGE, {"code": UNKNOWN}, headers=EN)
    malformed = client.get(PAGE, {"code": MALFORMED}, headers=EN)

    assert unknown.status_code == malformed.status_code == 200
    assert _without_echo(unknown) == _without_echo(malformed)
    assert "No dossier was found with this code." in unknown.content.decode()
    api_unknown = client.get(_api(UNKNOWN), headers=EN)
    api_malformed = client.get(_api("a%20b"), headers=EN)
    assert api_unknown.status_code == api_malformed.status_code == 404
    assert (
        api_unknown.json() == api_malformed.json() == {"detail": "Not found.", "code": "not_found"}
    )


def test_timeliness_and_closing_dates_are_shown(client, dossier):
    now = timezone.now()
    status_force(dossier, "returned", finished_at=now, returned_at=now, timeliness="early")

    with translation.override("en"):
        track = dossier_track_get(dossier.code)

    assert (track.status_label, track.timeliness, track.timeliness_label) == (
        "Result returned",
        "early",
        "Early",
    )
    assert (track.finished_at, track.returned_at, track.step_name) == (now, now, "")


def test_an_open_dossier_past_its_appointment_is_late(citizen, world):
    agency_code_set(world)
    dossier = submitted_for(citizen, online_procedure(), world.district_a)
    status_force(dossier, "processing", due_at=timezone.now() - datetime.timedelta(hours=1))

    assert dossier_track_get(dossier.code).timeliness == "late"


def test_the_empty_form_is_not_a_lookup(client, dossier):
    for _ in range(40):
        response = client.get(PAGE, headers=EN)

    assert response.status_code == 200
    assert client.get(PAGE, {"code": dossier.code}, headers=EN).status_code == 200


def test_thirty_lookups_per_window_then_429(client, dossier):
    for _ in range(30):
        assert client.get(PAGE, {"code": dossier.code}, headers=EN).status_code == 200

    response = client.get(PAGE, {"code": dossier.code}, headers=EN)

    assert response.status_code == 429
    assert response["Retry-After"] == "600"
    assert LIMIT_MESSAGE in response.content.decode()
    assert dossier.procedure.name not in response.content.decode()
    api = client.get(_api(dossier.code), headers=EN)
    assert api.status_code == 429
    assert api.json() == {"detail": LIMIT_MESSAGE, "code": "too_many_lookups"}


def test_ten_misses_per_window_block_every_lookup(client, dossier):
    for n in range(10):
        assert client.get(_api(f"000.00.00.H26-991231-{n:04d}")).status_code == 404

    assert client.get(PAGE, {"code": dossier.code}, headers=EN).status_code == 429
    assert client.get(_api(dossier.code)).status_code == 429


@override_settings(EGOV_TRACK_LOOKUPS_PER_WINDOW=2, EGOV_TRACK_WINDOW_SECONDS=120)
def test_limits_are_settings_and_count_per_client_ip(client, dossier):
    client.get(PAGE, {"code": dossier.code}, headers=EN)
    client.get(PAGE, {"code": dossier.code}, headers=EN)

    limited = client.get(PAGE, {"code": dossier.code}, headers=EN)
    other = client.get(PAGE, {"code": dossier.code}, headers=EN, REMOTE_ADDR="203.0.113.9")

    assert limited.status_code == 429
    assert limited["Retry-After"] == "120"
    assert "Wait 2 minutes and try again." in limited.content.decode()
    assert other.status_code == 200


@override_settings(EGOV_TRACK_MISSES_PER_WINDOW=1)
def test_the_miss_limit_is_a_setting_and_an_ipv6_client_counts_by_its_network(client, dossier):
    first = "2001:db8:1:2::10"
    same_network = "2001:db8:1:2::99"
    client.get(PAGE, {"code": UNKNOWN}, headers=EN, REMOTE_ADDR=first)

    blocked = client.get(PAGE, {"code": dossier.code}, headers=EN, REMOTE_ADDR=same_network)
    other = client.get(PAGE, {"code": dossier.code}, headers=EN, REMOTE_ADDR="2001:db8:1:3::10")

    assert blocked.status_code == 429
    assert other.status_code == 200


@override_settings(SITE_URL="https://dichvucong.hanoi.example/")
def test_the_qr_code_is_the_svg_of_the_absolute_status_url(client, dossier):
    response = client.get(reverse("onestop:dossier-status-qr", args=[dossier.code]))

    url = f"https://dichvucong.hanoi.example/track/?code={dossier.code}"
    assert dossier_track_url(dossier.code) == url
    expected = io.BytesIO()
    segno.make(url, error="m").save(expected, kind="svg", scale=4, border=2)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content == expected.getvalue()
    assert b"<svg" in response.content


def test_the_qr_code_of_a_malformed_code_is_404(client):
    response = client.get(reverse("onestop:dossier-status-qr", args=["bad code!"]))

    assert response.status_code == 404


def test_a_lookup_takes_no_more_statements_than_pinned(
    client, dossier, django_assert_max_num_queries
):
    """Issue 24: one JSON look-up of a known code, after a first one, took 20 statements in
    this test (the status query and the rate limiter's use of the shared cache, which is the
    database cache unless EGOV_CACHE_URL names another). Pinned so it cannot creep up."""
    client.get(_api(dossier.code), headers=EN)

    with django_assert_max_num_queries(20):
        response = client.get(_api(dossier.code), headers=EN)

    assert response.json()["code"] == dossier.code


def _redis_url() -> str | None:
    """The Redis the machine runs (CI's has one at 127.0.0.1:6379), or None when none answers."""
    import redis

    url = os.environ.get("EGOV_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=0.5).ping()
    except redis.RedisError:
        return None
    return url


def test_with_redis_as_the_shared_cache_the_limits_count_the_same(client, dossier):
    """EGOV_CACHE_URL=redis://... is a documented deployment: the counters hold there too."""
    url = _redis_url()
    if url is None:
        pytest.skip("no Redis answers on EGOV_TEST_REDIS_URL")
    redis_cache = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": f"egov-test-{uuid.uuid4().hex}",
        }
    }
    with override_settings(
        CACHES=redis_cache, EGOV_TRACK_LOOKUPS_PER_WINDOW=2, EGOV_TRACK_WINDOW_SECONDS=120
    ):
        assert client.get(_api(dossier.code)).status_code == 200
        assert client.get(_api(dossier.code)).status_code == 200
        limited = client.get(_api(dossier.code))
        other = client.get(_api(dossier.code), REMOTE_ADDR="203.0.113.9")
        cache.clear()

    assert limited.status_code == 429
    assert other.status_code == 200
