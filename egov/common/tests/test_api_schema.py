"""The OpenAPI schema is true to the API: unique schema names, zoned times, the error statuses
each operation can answer in the one error shape, 401 (not a CSRF 403) for a write without login,
and a docs page that loads nothing from outside."""

from __future__ import annotations

import datetime
import json
import re

import pytest
from django.test import Client
from ninja import NinjaAPI, Router, Schema
from ninja.errors import ConfigError

from config.api import api
from egov.common.api_errors import ApiErrorOut
from egov.common.openapi import ContractOpenAPISchema
from egov.onestop.tests.factories import ProcedureFactory

ERROR_REF = {"$ref": "#/components/schemas/ApiErrorOut"}


@pytest.fixture(scope="module")
def openapi():
    return api.get_openapi_schema(path_prefix="/api/v1/")


def _operations(openapi):
    for path, methods in openapi["paths"].items():
        for method, operation in methods.items():
            yield f"{method.upper()} {path}", operation


def test_each_app_keeps_its_own_document_schema(openapi):
    schemas = openapi["components"]["schemas"]
    documents = schemas["ProcedureOut"]["properties"]["documents"]

    assert documents["items"] == {"$ref": "#/components/schemas/RequiredDocumentOut"}
    assert "template_url" in schemas["RequiredDocumentOut"]["properties"]
    assert "files" in schemas["DocumentOut"]["properties"]  # the registry's document


def test_two_different_schemas_with_one_name_are_refused():
    first, second = Router(), Router()

    class ThingOut(Schema):
        name: str

    @first.get("/a", response=ThingOut)
    def a(request):
        return {"name": "a"}

    class ThingOut(Schema):  # the collision under test
        size: int

    @second.get("/b", response=ThingOut)
    def b(request):
        return {"size": 1}

    local = NinjaAPI(urls_namespace="collision-test")
    local.add_router("/one/", first)
    local.add_router("/two/", second)

    with pytest.raises(ConfigError, match="ThingOut"):
        ContractOpenAPISchema(api=local, path_prefix="")


def test_every_operation_declares_its_errors_in_the_one_shape(openapi):
    for label, operation in _operations(openapi):
        responses = {int(status): answer for status, answer in operation["responses"].items()}
        declared = set(responses)
        parameters = operation.get("parameters", [])
        if operation.get("security"):
            assert {401, 403} <= declared, label
        if parameters or "requestBody" in operation:
            assert {400, 422} <= declared, label
        if any(p["in"] == "path" for p in parameters):
            assert 404 in declared, label
        if label.startswith("POST"):
            assert 409 in declared, label
        for status, answer in responses.items():
            if status >= 400:
                assert answer["content"]["application/json"]["schema"] == ERROR_REF, label
    track = openapi["paths"]["/api/v1/onestop/track/{code}"]["get"]["responses"]
    assert "429" in {str(status) for status in track}


def test_times_in_the_schema_and_the_answers_carry_their_zone(client, openapi, db):
    schemas = openapi["components"]["schemas"]
    cutoff = schemas["ProcedureOut"]["properties"]["same_day_cutoff"]
    assert {"type": "string", "format": "time"} in cutoff["anyOf"]
    ProcedureFactory(code="HN-901", is_same_day=True, same_day_cutoff=datetime.time(15, 0))

    body = client.get("/api/v1/onestop/procedures/HN-901").json()

    assert body["same_day_cutoff"] == "15:00:00+07:00"
    deadline = client.get(
        "/api/v1/workdays/deadline", {"start": "2025-01-24T03:00:00Z", "days": "1"}
    ).json()
    assert deadline["start"] == "2025-01-24T10:00:00+07:00"
    assert deadline["due_at"].endswith("+07:00")


def test_a_write_without_login_is_a_401_in_the_api_shape_not_a_csrf_403(db):
    browser = Client(enforce_csrf_checks=True)

    response = browser.post(
        "/api/v1/directives/reports/1/submit", data="{}", content_type="application/json"
    )

    assert response.status_code == 401
    assert ApiErrorOut.model_validate(response.json()).code == "not_authenticated"


def test_a_logged_in_session_still_needs_its_csrf_token_to_write(specialist):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(specialist)

    response = browser.post(
        "/api/v1/directives/reports/1/submit", data="{}", content_type="application/json"
    )
    browser.get("/api/v1/docs")  # sets the CSRF cookie, as the docs page does
    token = browser.cookies["csrftoken"].value
    with_token = browser.post(
        "/api/v1/directives/reports/1/submit",
        data="{}",
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )

    assert response.status_code == 403
    assert ApiErrorOut.model_validate(response.json()).code == "csrf_failed"
    assert with_token.status_code == 404  # past the CSRF check: no such report


def test_refusals_of_the_input_guard_have_the_error_shape(client, clerk, settings):
    client.force_login(clerk)
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000

    nul = client.get("/api/v1/orgs/units", {"q": "a\x00b"})
    large = client.post(
        "/api/v1/directives/reports/1/submit",
        data=json.dumps({"note": "x" * 5000}),
        content_type="application/json",
    )

    assert (nul.status_code, large.status_code) == (400, 413)
    assert ApiErrorOut.model_validate(nul.json()).code == "invalid_characters"
    assert ApiErrorOut.model_validate(large.json()).code == "request_too_large"


def test_the_docs_page_uses_vendored_swagger_and_no_inline_script(client, db):
    response = client.get("/api/v1/docs")
    html = response.content.decode()

    assert response.status_code == 200
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in html
    # Every script and stylesheet is served from this site: no absolute URL
    # (a CDN) in any src or href. The page's CSRF token is random text and may
    # spell anything, so the check reads the attributes, not the whole page.
    linked = re.findall(r'(?:src|href)="([^"]*)"', html)
    assert linked and not [url for url in linked if "//" in url]
    assert "<script>" not in html
    assert "script-src 'self'" in response["Content-Security-Policy"]
