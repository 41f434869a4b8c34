"""The permission-matrix rows of task tracking (docs/permissions.csv), checked here with this
app's URL arguments (egov.directives.tests.matrix) the same way the portal's matrix test does."""

from __future__ import annotations

import pytest
from django.urls import reverse

from egov.directives.tests.matrix import DIRECTIVES_OBJECT_KWARGS, DIRECTIVES_ROUTE_KWARGS
from egov.portal.tests.test_permission_matrix import (
    PERSONAS,
    _is_denied,
    _log_in,
    _rows,
    _scoped_unit,
)

# the routes of the task pages (the scoreboard and press release pages have their own test)
UNSCOPED = {
    "directives:directive-list",
    "directives:directive-register",
    "directives:task-list",
    "api:task_list",
}
ROWS = [
    row for row in _rows() if row["route"] in DIRECTIVES_OBJECT_KWARGS or row["route"] in UNSCOPED
]
CASES = [
    (row["route"], row["method"], row["scope"], persona, row[persona])
    for row in ROWS
    for persona in PERSONAS
]


def test_every_directives_route_has_rows():
    assert {row["route"] for row in ROWS} >= set(DIRECTIVES_OBJECT_KWARGS)
    assert len(ROWS) == 64


@pytest.mark.parametrize(
    ("route", "method", "scope", "persona", "expected"),
    CASES,
    ids=[f"{c[0]}-{c[2]}-{c[3]}" for c in CASES],
)
def test_directives_matrix_row_holds(
    request, client, world, route, method, scope, persona, expected
):
    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    if user is not None:
        _log_in(client, user)
    kwargs = (
        DIRECTIVES_OBJECT_KWARGS[route](_scoped_unit(user, scope, world))
        if scope != "-"
        else DIRECTIVES_ROUTE_KWARGS.get(route, {})
    )

    response = getattr(client, method.lower())(reverse(route, kwargs=kwargs))

    assert response.status_code < 500
    assert _is_denied(response) is (expected == "deny"), response.status_code
