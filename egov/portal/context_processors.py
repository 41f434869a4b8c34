"""Values every page of the shell needs: the authority's name, the kind of visitor, and for
officers the roles they hold (to show only the menu entries they can use), and the number of
unread notifications."""

from __future__ import annotations

import functools

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from egov.accounts.selectors_notify import notification_unread_count
from egov.orgs.models import Membership


def _roles(user: object) -> dict[str, bool]:
    roles = Membership.objects.current().filter(user=user).values_list("role", flat=True)
    return dict.fromkeys(roles, True)


def shell(request: HttpRequest) -> dict[str, object]:
    user = request.user
    is_officer = bool(user.is_authenticated and getattr(user, "is_officer", False))
    return {
        "authority_name": settings.EGOV_AUTHORITY_NAME,
        "is_officer": is_officer,
        # evaluated only by templates that use it (the workspace menu): one query
        "workspace_roles": SimpleLazyObject(lambda: _roles(user) if is_officer else {}),
        # the header's unread count: one query, only for a logged-in person
        # (a callable: the template calls it; cached, so the count is queried at most once)
        "unread_notifications": functools.cache(
            lambda: notification_unread_count(user) if user.is_authenticated else 0
        ),
    }
