"""Values every page of the shell needs: the authority's name, the kind of visitor, and for
officers the roles they hold (to show only the menu entries they can use), the number of
unread notifications, and the shell's own links."""

from __future__ import annotations

import functools
from collections.abc import Hashable

from django.conf import settings
from django.http import HttpRequest
from django.templatetags.static import static
from django.urls import get_script_prefix, get_urlconf, reverse
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


# The links of the shell (``base.html``): the header's menu, the footer, its icons, style sheet
# and scripts, by the names the template reads them under.
SHELL_URLS = {
    "home": "portal:home",
    "procedures": "onestop:procedure-list",
    "track": "onestop:dossier-status",
    "answers": "feedback:answer-list",
    "disclosure": "disclosure:item-list",
    "workspace": "portal:workspace",
    "my_dossiers": "onestop:my-dossier-list",
    "my_data": "integration:my-data",
    "notifications": "accounts:notifications",
    "logout": "accounts:logout",
    "login": "accounts:login",
    "register": "accounts:register",
    "set_language": "set_language",
    "units": "portal:unit-list",
}
SHELL_STATIC = {
    "favicon_svg": "favicon.svg",
    "favicon_ico": "favicon.ico",
    "css": "css/egov.css",
    "htmx": "vendor/htmx.min.js",
    "combobox": "js/combobox.js",
    "menu": "js/menu.js",
}


@functools.lru_cache(maxsize=8)
def _shell_links(key: tuple[Hashable, ...]) -> dict[str, str]:
    urlconf = key[0]
    links = {name: reverse(view, urlconf=urlconf) for name, view in SHELL_URLS.items()}
    return links | {name: static(path) for name, path in SHELL_STATIC.items()}


def shell_links() -> dict[str, str]:
    """The shell's links, the same on every page: reversed and looked up in the static files'
    manifest once per URL configuration, script prefix and static files' setup rather than on
    every page (they were almost half of the shell's rendering time, and the shell an eighth of
    the public scan page's: issue 21, bench.trace_scan_page)."""
    storage = settings.STORAGES["staticfiles"]
    return _shell_links(
        (
            get_urlconf() or settings.ROOT_URLCONF,
            get_script_prefix(),
            settings.STATIC_URL,
            storage["BACKEND"],
            repr(storage.get("OPTIONS")),
        )
    )


def shell(request: HttpRequest) -> dict[str, object]:
    user = request.user
    is_officer = bool(user.is_authenticated and getattr(user, "is_officer", False))
    return {
        "authority_name": settings.EGOV_AUTHORITY_NAME,
        "is_officer": is_officer,
        "shell_links": shell_links(),
        # evaluated only by templates that use it (the workspace menu): one query
        "workspace_roles": SimpleLazyObject(lambda: _roles(user) if is_officer else {}),
        # the header's unread count: one query, only for a logged-in person
        # (a callable: the template calls it; cached, so the count is queried at most once)
        "unread_notifications": functools.cache(
            lambda: notification_unread_count(user) if user.is_authenticated else 0
        ),
    }
