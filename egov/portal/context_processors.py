"""Values every page of the shell needs: the authority's name and the kind of visitor."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def shell(request: HttpRequest) -> dict[str, object]:
    user = request.user
    return {
        "authority_name": getattr(settings, "EGOV_AUTHORITY_NAME", ""),
        "is_officer": bool(user.is_authenticated and getattr(user, "is_officer", False)),
    }
