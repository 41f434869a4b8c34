"""The JSON API under /api/v1/: one ninja Router per app, one error format for all.

Errors always look like ``{"detail": "<message>", "code": "<stable_code>", "errors": [...]}``
where ``errors`` lists ``{"field": ..., "message": ...}`` for input problems.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import SessionAuth
from ninja.utils import check_csrf

from egov.accounts.api_auth import TokenAuth
from egov.common.exceptions import DomainError
from egov.common.openapi import ContractNinjaAPI
from egov.onestop.api import router as onestop_router
from egov.onestop.api_citizen import router as onestop_track_router
from egov.orgs.api import router as orgs_router
from egov.workdays.api import router as workdays_router


class CsrfRefused(Exception):
    """A logged-in session wrote without a valid CSRF token."""


class LoggedInSessionAuth(SessionAuth):
    """The browser's session. Without a logged-in session the answer is 401 (ninja's own checks
    CSRF first, so an anonymous POST got a CSRF 403); with one, a write must carry the CSRF
    token (403 ``csrf_failed``)."""

    def _get_key(self, request: HttpRequest) -> str | None:
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> object | None:
        if not request.user.is_authenticated:
            return None
        if not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request):
            raise CsrfRefused
        return request.user


api = ContractNinjaAPI(
    title="egov API",
    version="1",
    description="JSON API of the egov e-government platform.",
    auth=[TokenAuth(), LoggedInSessionAuth()],
    urls_namespace="api",
)


def _error(
    request: HttpRequest,
    status: int,
    detail: str,
    code: str,
    errors: list[dict[str, str]] | None = None,
) -> HttpResponse:
    body: dict[str, object] = {"detail": detail, "code": code}
    if errors is not None:
        body["errors"] = errors
    return api.create_response(request, body, status=status)


api.add_router("/orgs/", orgs_router)
api.add_router("/workdays/", workdays_router)
api.add_router("/onestop/", onestop_router)
api.add_router("/onestop/track/", onestop_track_router)
api.add_router("/documents/", "egov.documents.api.router")
api.add_router("/exchange/", "egov.exchange.api.router")
api.add_router("/directives/", "egov.directives.api.router")
api.add_router("/dashboards/", "egov.dashboards.api.router")
api.add_router("/integration/", "egov.integration.api.router")
api.add_router("/feedback/", "egov.feedback.api.router")
api.add_router("/meetings/", "egov.meetings.api.router")
api.add_router("/complaints/", "egov.complaints.api.router")
api.add_router("/traceability/", "egov.traceability.api.router")
api.add_router("/disclosure/", "egov.disclosure.api.router")
api.add_router("/surveys/", "egov.surveys.api.router")
api.add_router("/reporting/", "egov.reporting.api.router")


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    errors = [{"field": f, "message": str(m)} for f, m in exc.fields.items()] or None
    return _error(request, exc.status, exc.message, exc.code, errors)


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = []
    for item in exc.errors:
        loc = [
            str(part)
            for part in item.get("loc", [])
            if part not in ("body", "query", "path", "payload")
        ]
        errors.append({"field": ".".join(loc), "message": item.get("msg", "")})
    return _error(request, 422, _("Invalid input."), "invalid_input", errors)


@api.exception_handler(AuthenticationError)
def authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _error(request, 401, _("Authentication required."), "not_authenticated")


@api.exception_handler(CsrfRefused)
def csrf_refused(request: HttpRequest, exc: CsrfRefused) -> HttpResponse:
    detail = _("The form has expired. Reload the page and submit again.")
    return _error(request, 403, detail, "csrf_failed")


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, 404, _("Not found."), "not_found")


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return _error(request, exc.status_code, str(exc), "http_error")
