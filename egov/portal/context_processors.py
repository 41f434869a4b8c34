"""Values every page of the shell needs: the authority's name, the kind of visitor, and for
officers the roles they hold (to show only the menu entries they can use), and the number of
unread notifications."""

from __future__ import annotations

import functools

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from egov.accounts.selectors_notify import notification_unread_count
from egov.orgs.access import CITY_OFFICE_ROLES
from egov.orgs.models import Membership


def _roles(user: object) -> dict[str, bool]:
    """The roles held, plus ``city_office`` for one of CITY_OFFICE_ROLES in a unit without a
    parent (``orgs.access.acts_for_the_city`` decides on the pages; one query here)."""
    rows = Membership.objects.current().filter(user=user).values_list("role", "unit__parent_id")
    roles = dict.fromkeys((role for role, _parent in rows), True)
    roles["city_office"] = any(
        parent is None and role in CITY_OFFICE_ROLES for role, parent in rows
    )
    return roles


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
