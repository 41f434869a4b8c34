"""schemathesis against the API's own OpenAPI schema, in-process (WSGI): every operation,
anonymous and with an officer's API token, valid and invalid input, a bounded number of examples
each. Any server error, undocumented status, content type or answer not matching its schema fails.

The catalog sample and one document are loaded first, and each of their own pages is checked
too, so the answers with content (not only the 404s of made-up ids) are held to the schema."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from egov.accounts.services import api_token_create
from egov.documents.tests.conftest import docs_world  # noqa: F401 (a fixture)
from egov.documents.tests.factories import draft
from egov.onestop.models import Procedure
from egov.onestop.services import catalog_load_sample

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
EXAMPLES = 8  # per operation, per mode, per caller: the whole run stays within a few minutes


@pytest.fixture
def wsgi_in_test_transaction():
    """Requests through the real WSGI handler inside the test's transaction: like Django's
    test client, keep the handler from closing the connection at each request's end (it would
    on PostgreSQL, where the test transaction turns autocommit off), and restore the language
    its middleware activates."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        with translation.override(translation.get_language()):
            yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def api_world(docs_world, specialist, settings, wsgi_in_test_transaction):  # noqa: F811
    settings.ALLOWED_HOSTS = ["*"]
    catalog_load_sample(actor=None)
    return draft(specialist, docs_world.division_a, subject="V/v phòng chống lụt bão")


def _procedure_codes() -> list[str]:
    """Published procedures with documents and fees, one with a same-day cut-off if any."""
    rich = Procedure.objects.filter(documents__isnull=False, fees__isnull=False).distinct()
    codes = list(rich.order_by("code").values_list("code", flat=True)[:3])
    cutoff = Procedure.objects.filter(same_day_cutoff__isnull=False).values_list("code", flat=True)
    return [*codes, *cutoff[:1]]


def _schema():
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


def _fuzz(headers: dict[str, str]) -> list[str]:
    """Every operation, valid then invalid input; the failures found, one line each."""
    failures: list[str] = []
    for result in _schema().get_all_operations():
        operation = result.ok()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(
                max_examples=EXAMPLES,
                deadline=None,
                database=None,
                derandomize=True,
                suppress_health_check=list(HealthCheck),
            )
            def check(case):
                case.call_and_validate(headers=headers, checks=CHECKS)

            try:
                check()
            except Unsatisfiable:
                continue  # nothing in this operation's input can be made invalid
            except (Exception, BaseExceptionGroup) as exc:
                failures.append(f"{operation.label} ({mode.value}): {exc}")
    return failures


def _known(headers: dict[str, str], pages: list[tuple[str, dict[str, object]]]) -> list[str]:
    """The pages of objects that exist, checked the same way."""
    schema = _schema()
    failures: list[str] = []
    for label, parameters in pages:
        method, path = label.split(" ", 1)
        case = schema[path][method].Case(path_parameters=parameters)
        response = case.call(headers=headers)
        if response.status_code != 200:
            failures.append(f"{label} {parameters}: {response.status_code}")
        try:
            case.validate_response(response, checks=CHECKS)
        except (Exception, BaseExceptionGroup) as exc:
            failures.append(f"{label} {parameters}: {exc}")
    return failures


def test_anonymous_callers_get_no_server_error_and_answers_true_to_the_schema(api_world):
    failures = _fuzz({})
    codes = _procedure_codes()
    failures += _known({}, [("GET /api/v1/onestop/procedures/{code}", {"code": c}) for c in codes])

    assert len(codes) >= 2
    assert failures == [], "\n\n".join(failures)


def _first_unit(headers: dict[str, str]) -> int:
    """The first unit the caller may see (asked through the same WSGI handler: Django's test
    client would put back the connection closing the fixture keeps away)."""
    answer = _schema()["/api/v1/orgs/units"]["GET"].Case().call(headers=headers)
    return answer.json()["items"][0]["id"]


def test_an_officer_gets_no_server_error_and_answers_true_to_the_schema(api_world, specialist):
    token = api_token_create(actor=None, user=specialist, name="schemathesis").secret
    headers = {"Authorization": f"Bearer {token}"}

    failures = _fuzz(headers)
    failures += _known(
        headers,
        [
            ("GET /api/v1/documents/{document_id}", {"document_id": api_world.pk}),
            ("GET /api/v1/orgs/units/{unit_id}", {"unit_id": _first_unit(headers)}),
        ],
    )

    assert failures == [], "\n\n".join(failures)
