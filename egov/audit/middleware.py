"""Records the request's origin (IP, user agent) for audit entries written during the request, and
defers the sealing of its entries until its response is sent (ADR 0030, addendum)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from egov.audit.context import RequestOrigin, SealAfterResponse, current_origin
from egov.audit.services import seal_after_response_begin


class RequestContextMiddleware:
    """Sets :data:`current_origin` for the duration of each request, and opens the request's
    :class:`SealAfterResponse`: the sealing run its commits ask for is run by
    :func:`egov.audit.services.seal_after_response_run` on ``request_finished``, which the server
    sends once the response is written, so no answer waits for the chain."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        channel = "api" if request.path.startswith("/api/") else "web"
        origin = RequestOrigin(
            ip=request.META.get("REMOTE_ADDR"),
            user_agent=request.META.get("HTTP_USER_AGENT", "")[:300],
            channel=channel,
        )
        token = current_origin.set(origin)
        seal_after_response_begin(SealAfterResponse())
        try:
            return self.get_response(request)
        finally:
            current_origin.reset(token)
