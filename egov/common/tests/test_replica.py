"""The read replica's router (egov.common.replica, ADR 0029): which alias each read goes to.

The test settings make ``replica`` a mirror of the test database, so these tests check the
alias a query went to (queries captured on each connection), never the data: both aliases
hold the same rows. The real two-cluster run is bench/tests/test_topology.py.
"""

from __future__ import annotations

import math
import time

import pytest
from django.core.cache import cache
from django.db import OperationalError, connections, router
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from egov.common import replica
from egov.onestop.models import Procedure
from egov.orgs.models import OutsideBody

pytestmark = pytest.mark.django_db(databases=["default", "replica"])

CATALOG = "/procedures/"
STATUS = "/track/?code=000.00.01.H26-261201-0001"
STATUS_API = "/api/v1/onestop/track/000.00.01.H26-261201-0001"


@pytest.fixture
def replica_on(settings, monkeypatch):
    """The router installed, the lag measured as zero, nothing remembered between tests."""
    settings.DATABASE_ROUTERS = [replica.ROUTER]
    settings.EGOV_REPLICA_MAX_LAG = 5.0
    settings.EGOV_REPLICA_READ_YOUR_WRITES_SECONDS = 15
    monkeypatch.setattr(replica, "_lag_measure", lambda: 0.0)
    replica.replica_health_forget()
    yield
    replica.replica_health_forget()


def _refuse(execute, sql, params, many, context):
    """An execute wrapper: the replica stopped (what psycopg raises for a closed server)."""
    raise OperationalError("server closed the connection unexpectedly")


def _get(client, url: str) -> tuple[int, list[str], list[str]]:
    """GET ``url``; the status and the SQL sent to the primary and to the replica."""
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections[replica.REPLICA]) as copy,
    ):
        response = client.get(url)
    return (
        response.status_code,
        [q["sql"] for q in primary.captured_queries],
        [q["sql"] for q in copy.captured_queries],
    )


def _decided(request: HttpRequest) -> HttpResponse:
    """A probe view: answers the alias a read of the catalog would use."""
    return HttpResponse(router.db_for_read(Procedure))


def _probe(view=_decided):
    return replica.ReplicaMiddleware(replica.replica_reads(view))


def test_without_the_setting_everything_reads_the_primary(client):
    status, primary, copy = _get(client, CATALOG)

    assert status == 200
    assert copy == []
    assert any("onestop_procedure" in sql for sql in primary)
    assert replica.replica_active() is False


@pytest.mark.parametrize("url", [CATALOG, STATUS])
def test_public_pages_read_the_replica(client, replica_on, url):
    status, primary, copy = _get(client, url)

    assert status == 200
    assert any("onestop_" in sql for sql in copy)
    assert not any("onestop_procedure" in sql or "onestop_dossier" in sql for sql in primary)


def test_status_api_reads_the_replica(client, replica_on):
    status, _primary, copy = _get(client, STATUS_API)

    assert status == 404
    assert any("onestop_dossier" in sql for sql in copy)


def test_rate_limit_counters_stay_on_the_primary(client, replica_on):
    """The look-up's counters are in the database cache: read from a lagging copy they would
    under-count."""
    status, primary, copy = _get(client, STATUS)

    assert status == 200
    assert not any("egov_cache" in sql for sql in copy)
    assert any("egov_cache" in sql for sql in primary)


def test_pages_not_opted_in_read_the_primary(client, replica_on):
    status, _primary, copy = _get(client, "/")

    assert status == 200
    assert copy == []


def test_a_post_reads_the_primary_and_keeps_the_browser_there(replica_on):
    request = RequestFactory().post("/probe/")

    response = _probe()(request)

    assert response.content == b"default"
    until = int(response.cookies[replica.COOKIE].value)
    assert 15 < until - time.time() <= 16
    assert response.cookies[replica.COOKIE]["max-age"] == 15


def test_after_a_post_the_same_browser_reads_the_primary(client, replica_on):
    """The officer who just changed something reads their change from the primary."""
    posted = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    status, _primary, copy = _get(client, CATALOG)

    assert posted.status_code == 302
    assert replica.COOKIE in posted.cookies
    assert status == 200
    assert copy == []


def test_the_window_ends(client, replica_on):
    client.cookies[replica.COOKIE] = str(int(time.time()) - 1)

    _status, _primary, copy = _get(client, CATALOG)

    assert copy != []


def test_a_failed_post_keeps_no_browser_on_the_primary(replica_on):
    def refused(request: HttpRequest) -> HttpResponse:
        return HttpResponse(status=400)

    response = replica.ReplicaMiddleware(refused)(RequestFactory().post("/probe/"))

    assert replica.COOKIE not in response.cookies


# Committed: a row written in the test's transaction would lock the SQLite mirror's reads.
@pytest.mark.django_db(databases=["default", "replica"], transaction=True)
def test_a_write_in_a_get_sends_the_rest_of_the_request_to_the_primary(replica_on):
    def writes_then_reads(request: HttpRequest) -> HttpResponse:
        before = router.db_for_read(Procedure)
        OutsideBody.objects.create(name="Công an phường Phúc Xá")
        return HttpResponse(f"{before} {router.db_for_read(Procedure)}")

    response = _probe(writes_then_reads)(RequestFactory().get("/probe/"))

    assert response.content == b"replica default"
    assert replica.COOKIE in response.cookies


def test_cache_writes_do_not_count_as_writes(replica_on):
    def caches(request: HttpRequest) -> HttpResponse:
        cache.set("egov-replica-test", 1)
        return HttpResponse(router.db_for_read(Procedure))

    response = _probe(caches)(RequestFactory().get("/probe/"))

    assert response.content == b"replica"
    assert replica.COOKIE not in response.cookies


@pytest.mark.parametrize(("lag", "alias"), [(4.9, b"replica"), (5.1, b"default")])
def test_lag_bound(replica_on, monkeypatch, lag, alias):
    monkeypatch.setattr(replica, "_lag_measure", lambda: lag)
    response = _probe()(RequestFactory().get("/probe/"))

    assert response.content == alias


def test_lag_is_measured_at_most_once_a_second(client, replica_on, monkeypatch):
    calls = []

    def measure() -> float:
        calls.append(1)
        return 0.0

    monkeypatch.setattr(replica, "_lag_measure", measure)
    for _ in range(3):
        _get(client, CATALOG)

    assert calls == [1]


def test_lag_over_the_bound_reads_the_primary(client, replica_on, monkeypatch):
    monkeypatch.setattr(replica, "_lag_measure", lambda: 30.0)

    status, _primary, copy = _get(client, CATALOG)

    assert status == 200
    assert copy == []


def test_replica_unreachable_at_the_check_reads_the_primary(client, replica_on, monkeypatch):
    def refused() -> float:
        raise OperationalError("connection refused")

    monkeypatch.setattr(replica, "_lag_measure", refused)

    status, primary, copy = _get(client, STATUS)

    assert status == 200
    assert copy == []
    assert any("onestop_dossier" in sql for sql in primary)
    assert replica.replica_lag() == math.inf


def test_replica_failing_in_the_view_is_answered_from_the_primary(client, replica_on):
    """The lag was fine a moment ago, then the replica stopped: the page is still served."""
    with (
        connections[replica.REPLICA].execute_wrapper(_refuse),
        CaptureQueriesContext(connections["default"]) as primary,
    ):
        response = client.get(CATALOG)

    assert response.status_code == 200
    assert any("onestop_procedure" in q["sql"] for q in primary.captured_queries)
    assert replica.replica_lag() == math.inf


def test_the_replica_is_never_migrated():
    assert replica.ReplicaRouter().allow_migrate(replica.REPLICA, "onestop") is False
    assert replica.ReplicaRouter().allow_migrate("default", "onestop") is None
