"""Bearer-token authentication for machine clients of the JSON API."""

from __future__ import annotations

from django.http import HttpRequest
from ninja.security import HttpBearer

from egov.accounts.models import User
from egov.accounts.services import api_token_authenticate


class TokenAuth(HttpBearer):
    """``Authorization: Bearer egov_<prefix>_<secret>``; sets ``request.user``."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = api_token_authenticate(token)
        if user is not None:
            request.user = user
        return user
