"""Rate limits hold across processes: the default cache is the database's, `check --deploy`
warns about a per-process cache, and the client address honours only trusted proxies
(issue 14 §6)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import RequestFactory, override_settings

from egov.common.checks import rate_limit_cache_check
from egov.common.client import client_address

LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def test_the_default_cache_is_the_shared_database_cache():
    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"


@pytest.mark.django_db(transaction=True)
def test_two_cache_connections_count_together():
    """Two workers are two processes, each with its own cache connection: with the database
    cache both see every increment (with LocMem each counted alone)."""
    first, second = (caches.create_connection("default") for _ in range(2))
    first.add("limit:demo", 0, 60)

    for cache in (first, second, first, second):
        cache.incr("limit:demo")

    assert second.get("limit:demo") == 4
    first.delete("limit:demo")


@override_settings(CACHES=LOCMEM)
def test_check_deploy_warns_when_the_cache_is_per_process():
    warnings = rate_limit_cache_check()

    assert [w.id for w in warnings] == ["egov.W001"]
    assert "per worker" in warnings[0].msg


def test_check_deploy_is_silent_with_the_database_cache():
    assert rate_limit_cache_check() == []


@override_settings(CACHES=LOCMEM)
def test_the_warning_reaches_check_deploy():
    with pytest.raises(SystemCheckError, match=r"egov\.W001"):
        call_command("check", deploy=True, fail_level="WARNING", tags=["caches"])


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "198.51.100.1", "10.0.0.5"),  # no trusted proxy: the header is the client's claim
        (1, "198.51.100.1, 203.0.113.9", "203.0.113.9"),  # what our one proxy appended
        (2, "198.51.100.1, 203.0.113.9, 10.0.0.4", "203.0.113.9"),
        (1, "", "10.0.0.5"),  # the proxy sent no header: the connection's address
        (1, "not-an-address", "10.0.0.5"),
    ],
)
def test_the_client_address_trusts_only_the_configured_proxies(proxies, forwarded, expected):
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR=forwarded)

    with override_settings(EGOV_TRUSTED_PROXY_COUNT=proxies):
        assert client_address(request) == expected


@pytest.mark.django_db(transaction=True)
def test_the_database_cache_keeps_live_counters_past_djangos_300_entries():
    """Django's database cache culls a third of its rows past MAX_ENTRIES (300 by default):
    a city's look-ups from a few hundred addresses would delete live rate-limit counters."""
    cache = caches.create_connection("default")
    for client in range(400):
        cache.add(f"limit:client-{client:03}", 1, 60)

    kept = cache.get_many([f"limit:client-{client:03}" for client in range(400)])

    assert len(kept) == 400
    cache.clear()
