"""Reads of the public and figures pages from a streaming replica (issue 24, ADR 0029).

Active only when ``DATABASE_REPLICA_URL`` is set (``config/settings/base.py`` then adds the
``replica`` alias and :class:`ReplicaRouter`). A view opts in with :func:`replica_reads`; every
other read, and every write, goes to the primary (``default``). Inside an opted-in view the
reads go to the replica unless one of these sends them back to the primary:

- the request is not a GET or HEAD;
- the browser wrote within ``EGOV_REPLICA_READ_YOUR_WRITES_SECONDS`` (the cookie
  :data:`COOKIE` that :class:`ReplicaMiddleware` sets after a successful unsafe request or any
  write through the ORM), so the officer who changed a dossier sees the change at once;
- the request itself wrote (a later read must see the write);
- the replica is more than ``EGOV_REPLICA_MAX_LAG`` seconds behind, or cannot be reached
  (measured at most once a :data:`LAG_CHECK_SECONDS` per process);
- the model keeps per-browser state that must never be read stale (:data:`PRIMARY_ONLY`: the
  cache holding rate-limit counters, sessions, login throttling, TOTP devices, the job queue).

A replica that fails during the view (stopped, restarted, network) makes the view run once more
on the primary: opted-in views only read, so running one twice is safe.
"""

from __future__ import annotations

import functools
import logging
import math
import threading
import time
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, Error, InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger(__name__)

REPLICA = "replica"
ROUTER = "egov.common.replica.ReplicaRouter"
COOKIE = "egov_primary_until"
# Seconds a measured lag (or an unreachable replica) is trusted before it is measured again.
LAG_CHECK_SECONDS = 1.0
# App labels whose rows are per-browser state read on every request: never from the replica.
PRIMARY_ONLY = frozenset(
    {"django_cache", "sessions", "axes", "otp_totp", "otp_static", "django_tasks_database"}
)
SAFE_METHODS = frozenset({"GET", "HEAD"})


@dataclass
class RequestState:
    """What the router knows of the request being served by this thread or task."""

    use_replica: bool = False
    wrote: bool = False


_state: ContextVar[RequestState | None] = ContextVar("egov_replica_state", default=None)


def replica_active() -> bool:
    """Whether this installation has a replica and routes to it."""
    return REPLICA in settings.DATABASES and ROUTER in settings.DATABASE_ROUTERS


class ReplicaRouter:
    """Reads of opted-in requests to ``replica``, everything else to ``default``."""

    def db_for_read(self, model: type, **hints: Any) -> str:
        state = _state.get()
        if (
            state is not None
            and state.use_replica
            and not state.wrote
            and model._meta.app_label not in PRIMARY_ONLY
        ):
            return REPLICA
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model: type, **hints: Any) -> str:
        state = _state.get()
        if state is not None and model._meta.app_label not in PRIMARY_ONLY:
            state.wrote = True
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        # Both aliases hold the same rows: the replica is a copy of the primary.
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        # The replica replays the primary's migrations; it cannot be written to.
        return False if db == REPLICA else None


# The replica's health, shared by the threads of one process.
@dataclass
class _Health:
    checked_at: float = -math.inf
    lag: float = math.inf


_health = _Health()
_health_lock = threading.Lock()


def _lag_measure() -> float:
    """Seconds the replica is behind the primary: 0 when it has replayed everything the primary
    has flushed, otherwise the age of the last transaction it replayed (an over-estimate after
    an idle spell, which only sends reads to the primary a little longer); infinite when unknown.
    ``now() - pg_last_xact_replay_timestamp()`` alone grows without bound on an idle primary,
    hence the comparison of WAL positions first."""
    replica = connections[REPLICA]
    if replica.vendor != "postgresql":
        return 0.0  # a test mirror of SQLite: one database, nothing to replay
    with replica.cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery()")
        (in_recovery,) = cursor.fetchone()
    if not in_recovery:
        return 0.0  # the test mirror, or a replica promoted to primary
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_flush_lsn()::text")
        (flushed,) = cursor.fetchone()
    with replica.cursor() as cursor:
        cursor.execute(
            "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn,"
            " EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())",
            [flushed],
        )
        caught_up, behind = cursor.fetchone()
    if caught_up:
        return 0.0
    return math.inf if behind is None else max(float(behind), 0.0)


def replica_lag() -> float:
    """The replica's lag in seconds (infinite when unreachable), measured at most once every
    :data:`LAG_CHECK_SECONDS` in this process."""
    if time.monotonic() - _health.checked_at < LAG_CHECK_SECONDS:
        return _health.lag
    with _health_lock:
        if time.monotonic() - _health.checked_at < LAG_CHECK_SECONDS:
            return _health.lag
        try:
            lag = _lag_measure()
        except Error as exc:
            _replica_close()
            logger.warning("common.replica_unreachable", extra={"error": str(exc)})
            lag = math.inf
        _health.lag = lag
        _health.checked_at = time.monotonic()
        return lag


def replica_mark_down() -> None:
    """Send reads to the primary until the next measurement (a query on the replica failed)."""
    with _health_lock:
        _health.lag = math.inf
        _health.checked_at = time.monotonic()


def replica_health_forget() -> None:
    """Measure again at the next request (tests, and a process that changed its settings)."""
    with _health_lock:
        _health.lag = math.inf
        _health.checked_at = -math.inf


def _replica_close() -> None:
    try:
        connections[REPLICA].close()
    except Error:
        logger.warning("common.replica_close_failed")


def _wrote_recently(request: HttpRequest) -> bool:
    try:
        until = float(request.COOKIES.get(COOKIE, "0"))
    except ValueError:
        return False
    return until > time.time()


def _replica_eligible(request: HttpRequest) -> bool:
    return (
        request.method in SAFE_METHODS
        and not _wrote_recently(request)
        and replica_lag() <= settings.EGOV_REPLICA_MAX_LAG
    )


def replica_reads(view: Callable[..., Any]) -> Callable[..., Any]:
    """Let ``view``'s reads go to the replica (module docstring). Only for views that write
    nothing the person would read back at once: a replica failure runs the view again on the
    primary."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        state = _state.get()
        if state is None or not replica_active() or not _replica_eligible(request):
            return view(request, *args, **kwargs)
        state.use_replica = True
        try:
            return view(request, *args, **kwargs)
        except (OperationalError, InterfaceError) as exc:
            # Probably the replica; if it was the primary, the second run fails the same way.
            logger.warning("common.replica_failed_in_view", extra={"error": str(exc)})
            replica_mark_down()
            _replica_close()
            state.use_replica = False
            return view(request, *args, **kwargs)
        finally:
            state.use_replica = False

    return wrapper


class ReplicaMiddleware:
    """Holds the request's routing state and, after a request that wrote, sets the cookie that
    keeps this browser's reads on the primary for ``EGOV_REPLICA_READ_YOUR_WRITES_SECONDS``."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        state = RequestState()
        token = _state.set(state)
        try:
            response = self.get_response(request)
        finally:
            _state.reset(token)
        wrote = state.wrote or (request.method not in SAFE_METHODS and response.status_code < 400)
        if wrote and replica_active():
            seconds = settings.EGOV_REPLICA_READ_YOUR_WRITES_SECONDS
            response.set_cookie(
                COOKIE,
                str(int(time.time()) + seconds + 1),
                max_age=seconds,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
