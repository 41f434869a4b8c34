"""Login throttling on top of django-axes: what is counted, how long a lock lasts, what it says.

- Failures are counted on the NORMALISED identifier (the same normalisation the login backend
  uses, `rules.normalize_identifier`): 'VanThu@Example.vn ', '+84 912 345 678', '84912345678' and
  '0912.345.678' share one counter, from every address. `AXES_FAILURE_LIMIT` failures lock it.
- Failures are also counted per client address, whatever identifiers are typed, with a higher
  limit (`EGOV_LOGIN_FAILURE_LIMIT_PER_ADDRESS`): spraying many accounts from one address stops.
- The lock grows: the first lasts `EGOV_LOGIN_COOLOFF_HOURS` (15 minutes by default); every further
  series of failures (another `AXES_FAILURE_LIMIT` on the identifier, or another per-address limit
  on the address) within the last day doubles it, up to `EGOV_LOGIN_COOLOFF_MAX_HOURS`.
  The history is django-axes' failure log (`AXES_ENABLE_ACCESS_FAILURE_LOG`).
- A successful login forgets the failures of the identifier typed, never the address's: an
  attacker cannot reset the address counter by logging in to an account of its own.
"""

from __future__ import annotations

from datetime import timedelta

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django_ratelimit.core import get_usage

from egov.accounts.rules import normalize_identifier

_MAX_DOUBLINGS = 20  # far beyond any cap; keeps the arithmetic bounded
_MEMORY = timedelta(days=1)  # failures older than this no longer lengthen a lock


def login_identifier(request: HttpRequest | None, credentials: dict | None) -> str | None:
    """`AXES_USERNAME_CALLABLE`: the identifier the failures are counted on, normalised."""
    raw = (credentials or {}).get("username")
    if raw is None and request is not None:
        raw = request.POST.get("username")
    return (normalize_identifier(raw) or None) if raw else None


def _series(count: int, limit: int) -> int:
    """How many earlier series of `limit` failures precede the current one."""
    return max(0, (count - 1) // max(limit, 1))


def login_cool_off(request: HttpRequest | None = None) -> timedelta:
    """`AXES_COOLOFF_TIME`: the base pause, doubled per earlier series of failures, capped."""
    base = timedelta(hours=settings.EGOV_LOGIN_COOLOFF_HOURS)
    cap = timedelta(hours=settings.EGOV_LOGIN_COOLOFF_MAX_HOURS)
    if request is None:
        return base
    since = timezone.now() - _MEMORY
    recent = AccessFailureLog.objects.filter(attempt_time__gte=since)
    doublings = 0
    identifier = login_identifier(request, None)
    if identifier:
        count = recent.filter(username=identifier).count()
        doublings = _series(count, settings.AXES_FAILURE_LIMIT)
    address = getattr(request, "axes_ip_address", None)
    if address:
        count = recent.filter(ip_address=address).count()
        doublings = max(doublings, _series(count, settings.EGOV_LOGIN_FAILURE_LIMIT_PER_ADDRESS))
    return min(base * 2 ** min(doublings, _MAX_DOUBLINGS), cap)


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict | None
) -> HttpResponse:
    """`AXES_LOCKOUT_CALLABLE`: the page saying plainly for how long logging in is paused."""
    minutes = max(1, round(login_cool_off(request).total_seconds() / 60))
    return render(
        request,
        "accounts/locked_out.html",
        {"minutes": minutes},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


class LoginThrottleHandler(AxesDatabaseHandler):
    """`AXES_HANDLER`: one limit per identifier, a higher one per address (`AXES_LOCKOUT_PARAMETERS`
    is ["username", "ip_address"], in that order)."""

    def get_failures(self, request: HttpRequest, credentials: dict | None = None) -> int:
        by_identifier, by_address = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        if not login_identifier(request, credentials):
            by_identifier = 0  # no identifier typed: only the address counts
        if by_address >= settings.EGOV_LOGIN_FAILURE_LIMIT_PER_ADDRESS:
            return max(by_identifier, get_failure_limit(request, credentials))
        return by_identifier

    def reset_user_attempts(self, request: HttpRequest, credentials: dict | None = None) -> int:
        """After a successful login: forget the identifier typed and the account's own, not the
        address."""
        names = {login_identifier(request, credentials), login_identifier(request, None)}
        count, _ = AccessAttempt.objects.filter(username__in=names - {None}).delete()
        return count


# Registration and confirmation e-mails: counted by django-ratelimit in the shared cache (the
# same mechanism as the public dossier look-up, egov/onestop/throttle.py), per client address
# (egov.common.client.client_address) or per account, in fixed windows.
REGISTRATIONS = "accounts.register"
VERIFICATION_SENDS = "accounts.verify_resend"
VERIFICATION_SENDS_PER_HOUR = 3


def _rate(group: str, request: HttpRequest) -> tuple[int, int]:
    if group == REGISTRATIONS:
        return settings.EGOV_REGISTRATIONS_PER_WINDOW, settings.EGOV_REGISTRATION_WINDOW_SECONDS
    return VERIFICATION_SENDS_PER_HOUR, 3600


def registration_allowed(request: HttpRequest) -> bool:
    """Count one registration from the client's address; False past the limit."""
    usage = get_usage(request, group=REGISTRATIONS, key="ip", rate=_rate, increment=True)
    return usage is None or not usage["should_limit"]


def verification_send_allowed(request: HttpRequest) -> bool:
    """Count one "send the confirmation link again" of the logged-in account."""
    usage = get_usage(request, group=VERIFICATION_SENDS, key="user", rate=_rate, increment=True)
    return usage is None or not usage["should_limit"]
