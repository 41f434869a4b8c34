"""Session lifetime: an idle limit (shorter for officers) and an absolute limit for everyone.

A small middleware rather than a library: django-session-security works in the browser
(JavaScript), and the limits must hold for any client. The session keeps the time of login
(``egov_auth_at``, set on ``user_logged_in``) and of the last request (``egov_seen_at``,
rewritten at most once a minute, so a busy page does not write the session on every request).
Past either limit the user is logged out and the request goes on anonymously (a page asking
for login redirects to it with a message; the API answers 401). Limits are read at each
request: ``EGOV_OFFICER_SESSION_IDLE_MINUTES``, ``EGOV_PUBLIC_SESSION_IDLE_MINUTES``,
``EGOV_SESSION_ABSOLUTE_HOURS``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

AUTH_AT = "egov_auth_at"
SEEN_AT = "egov_seen_at"
_REFRESH_SECONDS = 60


@receiver(user_logged_in)
def _session_start(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[AUTH_AT] = now
        request.session[SEEN_AT] = now


def idle_limit_seconds(user: Any) -> int:
    minutes = (
        settings.EGOV_OFFICER_SESSION_IDLE_MINUTES
        if getattr(user, "is_officer", False) or getattr(user, "is_staff", False)
        else settings.EGOV_PUBLIC_SESSION_IDLE_MINUTES
    )
    return minutes * 60


def session_expired(session: Any, user: Any, now: int) -> bool:
    """True when the session of ``user`` is past its idle or absolute limit at ``now``."""
    auth_at = session.setdefault(AUTH_AT, now)  # a session from before these limits
    seen_at = session.setdefault(SEEN_AT, now)
    if now - int(auth_at) >= settings.EGOV_SESSION_ABSOLUTE_HOURS * 3600:
        return True
    return now - int(seen_at) >= idle_limit_seconds(user)


class SessionTimeoutMiddleware:
    """Logs out a session past its idle or absolute limit (after AuthenticationMiddleware and
    MessageMiddleware)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            if session_expired(request.session, user, now):
                logout(request)
                messages.info(request, _("Your session has expired. Please log in again."))
            elif now - int(request.session.get(SEEN_AT, 0)) >= _REFRESH_SECONDS:
                request.session[SEEN_AT] = now
        return self.get_response(request)
