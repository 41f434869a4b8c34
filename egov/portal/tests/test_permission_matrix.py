"""The permission matrix (docs/permissions.csv): every route has a row, every row holds both ways.

Columns are personas (see conftest.py); scopes place the object of the route relative to the
persona: ``own_unit`` (the unit of the persona's role), ``subtree`` (a unit below it),
``other_unit`` (a unit outside the persona's reach). ``allow`` means the page or endpoint
answers; ``deny`` means a login redirect, 401, 403 or 404. Later modules add their routes to the
CSV and, for routes whose object is not an org unit, an entry to ``OBJECT_KWARGS``.
"""

from __future__ import annotations

import csv
import fnmatch
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from egov.accounts.tests.matrix import ACCOUNT_ROUTE_KWARGS
from egov.complaints.tests.matrix import (
    COMPLAINTS_CITIZEN_ROUTE_KWARGS,
    COMPLAINTS_OBJECT_KWARGS,
)
from egov.dashboards.tests.matrix import DASHBOARDS_OBJECT_KWARGS
from egov.directives.tests.matrix import DIRECTIVES_OBJECT_KWARGS, DIRECTIVES_ROUTE_KWARGS
from egov.directives.tests.press_matrix import PRESS_ROUTE_KWARGS
from egov.disclosure.tests.matrix import DISCLOSURE_OBJECT_KWARGS, DISCLOSURE_ROUTE_KWARGS
from egov.documents.tests.matrix import DOCUMENT_OBJECT_KWARGS
from egov.feedback.tests.matrix import FEEDBACK_OBJECT_KWARGS, FEEDBACK_ROUTE_KWARGS
from egov.integration.tests.matrix import INTEGRATION_OBJECT_KWARGS
from egov.jobs.tests.matrix import JOB_OBJECT_KWARGS
from egov.meetings.tests.matrix import MEETINGS_OBJECT_KWARGS
from egov.onestop.tests.desk_matrix import DESK_OBJECT_KWARGS
from egov.onestop.tests.factories import public_route_kwargs
from egov.onestop.tests.figures_factories import FORM_ROUTE_KWARGS
from egov.onestop.tests.online_helpers import CITIZEN_ROUTE_KWARGS
from egov.orgs.access import can_act_for_unit
from egov.orgs.models import Membership, OrgUnit
from egov.orgs.services import orgunit_create
from egov.portal.tests.matrix import PORTAL_OBJECT_KWARGS
from egov.reporting.tests.matrix import REPORTING_OBJECT_KWARGS
from egov.surveys.tests.matrix import SURVEYS_OBJECT_KWARGS
from egov.traceability.tests.matrix import TRACEABILITY_OBJECT_KWARGS

MATRIX = Path(settings.BASE_DIR) / "docs" / "permissions.csv"
PERSONAS = [
    "anonymous",
    "citizen",
    "front_desk_officer",
    "clerk",
    "specialist",
    "division_head",
    "unit_head",
    "other_district_officer",
    "system_admin",
]
WILDCARD_SAMPLES = {"admin:*": "admin:index"}
# routes with scope "-" whose URL still names an object (a public procedure...)
PUBLIC_ROUTES = {"onestop:procedure-detail", "onestop:document-template", "api:procedure_get"}
# account routes whose URL carries a one-time token: one that matches no account
TOKEN_ROUTE_KWARGS = {
    "accounts:password-reset-confirm": {"uidb64": "MA", "token": "abc-0123456789abcdef"},
}
# route -> how to turn the scoped org unit into URL kwargs
OBJECT_KWARGS: dict[str, Callable[[OrgUnit], dict[str, object]]] = {
    "orgs:unit-detail": lambda unit: {"pk": unit.pk},
    "api:orgunit_get": lambda unit: {"unit_id": unit.pk},
}
OBJECT_KWARGS.update(DESK_OBJECT_KWARGS)  # officer dossier pages (onestop desk)
OBJECT_KWARGS.update(FORM_ROUTE_KWARGS)  # official forms: a dossier of the scoped unit
OBJECT_KWARGS.update(MEETINGS_OBJECT_KWARGS)  # a meeting hosted by the scoped unit
OBJECT_KWARGS.update(DOCUMENT_OBJECT_KWARGS)  # registry pages: a draft of the scoped unit
OBJECT_KWARGS.update(DIRECTIVES_OBJECT_KWARGS)  # directives, tasks, reports, extensions
OBJECT_KWARGS.update(PRESS_ROUTE_KWARGS)  # press releases (workspace and public pages)
OBJECT_KWARGS.update(JOB_OBJECT_KWARGS)  # background jobs: someone else's finished export
OBJECT_KWARGS.update(REPORTING_OBJECT_KWARGS)  # periodic reports and regimes received
OBJECT_KWARGS.update(DASHBOARDS_OBJECT_KWARGS)  # a unit's dashboard and 766 scoreboard
OBJECT_KWARGS.update(FEEDBACK_OBJECT_KWARGS)  # questions and reports with the scoped unit
OBJECT_KWARGS.update(COMPLAINTS_OBJECT_KWARGS)  # visits and petitions of the scoped unit
CITIZEN_ROUTE_KWARGS = {
    **CITIZEN_ROUTE_KWARGS,
    **COMPLAINTS_CITIZEN_ROUTE_KWARGS,
    **DISCLOSURE_ROUTE_KWARGS,  # a displayed item, an open consultation (public pages)
}
OBJECT_KWARGS.update(TRACEABILITY_OBJECT_KWARGS)  # a producer's batch in the scoped unit
OBJECT_KWARGS.update(SURVEYS_OBJECT_KWARGS)  # surveys of the scoped unit; public survey pages
OBJECT_KWARGS.update(DISCLOSURE_OBJECT_KWARGS)  # items and consultations of the scoped unit
OBJECT_KWARGS.update(INTEGRATION_OBJECT_KWARGS)  # data-sharing consumers (city-wide registry)
OBJECT_KWARGS.update(PORTAL_OBJECT_KWARGS)  # agency public pages: a unit, its announcement


def _rows() -> list[dict[str, str]]:
    with MATRIX.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _route_names(resolver: URLResolver, namespace: str = "") -> Iterator[str]:
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(p for p in (namespace, pattern.namespace or "") if p)
            yield from _route_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def test_every_route_has_a_row_in_the_matrix():
    declared = {row["route"] for row in _rows()}
    missing = [
        name
        for name in _route_names(get_resolver())
        if not any(fnmatch.fnmatchcase(name, route) for route in declared)
    ]

    assert missing == []


def test_every_row_names_a_real_route_and_every_persona():
    names = set(_route_names(get_resolver()))
    for row in _rows():
        assert any(fnmatch.fnmatchcase(name, row["route"]) for name in names), row["route"]
        assert {row[p] for p in PERSONAS} <= {"allow", "deny"}, row["route"]


def _scoped_unit(user, scope: str, world) -> OrgUnit:
    membership = Membership.objects.current().filter(user=user).select_related("unit").first()
    own = membership.unit if membership else world.commune_a
    if scope == "own_unit":
        return own
    if scope == "subtree":
        return orgunit_create(actor=None, name=f"Tổ thuộc {own.name}", kind="division", parent=own)
    outside = orgunit_create(actor=None, name="Tỉnh Hưng Yên", kind="province")
    return next(
        u for u in (world.commune_b, world.commune_a, outside) if not can_act_for_unit(user, u)
    )


def _log_in(client, user) -> None:
    client.force_login(user)
    if user.is_staff:  # administrators pass the TOTP step
        device = TOTPDevice.objects.create(user=user, name="t", confirmed=True)
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()


def _is_denied(response) -> bool:
    if response.status_code in (401, 403, 404):
        return True
    location = response.get("Location", "")
    login_pages = (reverse("accounts:login"), reverse("admin:login"))
    return response.status_code == 302 and location.startswith(login_pages)


CASES = [
    (row["route"], row["method"], row["scope"], persona, row[persona])
    for row in _rows()
    for persona in PERSONAS
]


@pytest.mark.parametrize(
    ("route", "method", "scope", "persona", "expected"),
    CASES,
    ids=[f"{c[0]}-{c[2]}-{c[3]}" for c in CASES],
)
def test_matrix_row_holds(request, client, world, route, method, scope, persona, expected):
    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    if user is not None:
        _log_in(client, user)
    name = WILDCARD_SAMPLES.get(route, route)
    if scope != "-":
        kwargs = OBJECT_KWARGS[name](_scoped_unit(user, scope, world))
    elif name in CITIZEN_ROUTE_KWARGS:  # the applicant's dossier pages, public status by code
        kwargs = CITIZEN_ROUTE_KWARGS[name](user, world)
    elif name in ACCOUNT_ROUTE_KWARGS:  # a confirmation link, the persona's own API token
        kwargs = ACCOUNT_ROUTE_KWARGS[name](user, world)
    elif name in FEEDBACK_ROUTE_KWARGS:  # own questions/reports, published answers
        kwargs = FEEDBACK_ROUTE_KWARGS[name](user, world)
    elif name in TOKEN_ROUTE_KWARGS:
        kwargs = TOKEN_ROUTE_KWARGS[name]
    elif name in DIRECTIVES_ROUTE_KWARGS:  # a governance-index dimension
        kwargs = DIRECTIVES_ROUTE_KWARGS[name]
    else:
        kwargs = public_route_kwargs(name) if name in PUBLIC_ROUTES else {}

    response = getattr(client, method.lower())(reverse(name, kwargs=kwargs))

    assert response.status_code < 500
    assert _is_denied(response) is (expected == "deny"), response.status_code
