"""The JSON API under /api/v1/: one ninja Router per app, one error format for all.

Errors always look like ``{"detail": "<message>", "code": "<stable_code>", "errors": [...]}``
where ``errors`` lists ``{"field": ..., "message": ...}`` for input problems.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import SessionAuth

from egov.accounts.api_auth import TokenAuth
from egov.common.exceptions import DomainError
from egov.onestop.api import router as onestop_router
from egov.onestop.api_citizen import router as onestop_track_router
from egov.orgs.api import router as orgs_router
from egov.workdays.api import router as workdays_router

api = NinjaAPI(
    title="egov API",
    version="1",
    description="JSON API of the egov e-government platform.",
    auth=[TokenAuth(), SessionAuth()],
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


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, 404, _("Not found."), "not_found")


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return _error(request, exc.status_code, str(exc), "http_error")
