"""Bearer-token authentication for machine clients of the JSON API."""

from __future__ import annotations

from django.http import HttpRequest
from ninja.security import HttpBearer

from egov.accounts.models import User
from egov.accounts.services import api_token_resolve, api_token_scope_check

API_PREFIX = "/api/v1/"


def _api_app(request: HttpRequest) -> str:
    """The part of the API asked for: the first path segment under /api/v1/ ("onestop")."""
    path = request.path_info
    rest = path.split(API_PREFIX, 1)[1] if API_PREFIX in path else path.lstrip("/")
    return rest.split("/", 1)[0]


class TokenAuth(HttpBearer):
    """``Authorization: Bearer egov_<prefix>_<secret>``; sets ``request.user``.

    A token that is unknown, expired or revoked is refused with 401, a request outside its
    scope (a write with a read-only token, another part of the API) with 403, both in the API's
    error shape (``TokenRejected`` / ``TokenScopeDenied`` are domain errors)."""

    def authenticate(self, request: HttpRequest, token: str) -> User:
        found = api_token_resolve(token)
        api_token_scope_check(found, method=request.method or "GET", app=_api_app(request))
        request.user = found.user
        request.api_token = found
        return found.user
