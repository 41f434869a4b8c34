"""No 500 from bad input: NUL characters, page numbers past any integer, oversized API bodies.

Each answer is a 4xx: in the API's error shape under /api/, a plain page otherwise."""

from __future__ import annotations

import json

import pytest

API_LISTS = [
    "/api/v1/onestop/procedures",
    "/api/v1/orgs/units",
    "/api/v1/documents/",
    "/api/v1/directives/tasks",
]
HTML_LISTS = [
    "/procedures/",
    "/orgs/units/",
    "/workspace/documents/",
    "/workspace/documents/outgoing/",
    "/workspace/documents/incoming/",
    "/workspace/directives/",
    "/workspace/directives/tasks/",
    "/press/",
    "/workspace/dossiers/",
    "/my/dossiers/",
]
HUGE_PAGE = "99999999999999999999"


@pytest.fixture
def officer_client(client, clerk):
    client.force_login(clerk)
    return client


def _assert_api_error(response, status):
    assert response.status_code == status, response.content[:300]
    body = response.json()
    assert set(body) == {"detail", "code", "errors"}
    assert body["detail"] and body["code"]


@pytest.mark.parametrize("path", API_LISTS)
def test_a_nul_in_an_api_query_is_a_400_in_the_api_shape(officer_client, path):
    response = officer_client.get(f"{path}?q=%00")

    _assert_api_error(response, 400)
    assert response.json()["code"] == "invalid_characters"
    assert response.json()["errors"] == [{"field": "q", "message": response.json()["detail"]}]


@pytest.mark.parametrize("path", API_LISTS)
def test_a_page_past_any_integer_is_a_4xx_on_the_api(officer_client, path):
    response = officer_client.get(f"{path}?page={HUGE_PAGE}")

    _assert_api_error(response, 422)
    assert response.json()["errors"][0]["field"] == "page"


@pytest.mark.parametrize("path", HTML_LISTS)
def test_a_nul_in_an_html_list_query_is_a_plain_400_page(officer_client, path):
    response = officer_client.get(f"{path}?q=%00&page=1")

    assert response.status_code == 400
    assert "Yêu cầu chứa ký tự không hợp lệ" in response.content.decode()


@pytest.mark.parametrize("path", HTML_LISTS)
def test_a_page_past_any_integer_on_an_html_list_is_no_error(officer_client, path):
    response = officer_client.get(f"{path}?page={HUGE_PAGE}")

    assert response.status_code in (200, 403)  # the last page (or no access), never a 500


def test_a_nul_in_a_form_field_is_refused_before_any_view(officer_client):
    response = officer_client.post("/accounts/login/", {"username": "a\x00b", "password": "x"})

    assert response.status_code == 400


def test_a_nul_in_an_api_json_body_is_refused(officer_client):
    response = officer_client.post(
        "/api/v1/directives/reports/1/submit",
        data=json.dumps({"version": "a\x00"}),
        content_type="application/json",
    )

    _assert_api_error(response, 400)
    assert response.json()["code"] == "invalid_characters"


def test_an_escaped_backslash_before_u0000_is_ordinary_text(officer_client):
    response = officer_client.post(
        "/api/v1/directives/reports/999999/submit",
        data=json.dumps({"version": "\\u0000"}),
        content_type="application/json",
    )

    assert response.status_code != 400 or response.json()["code"] != "invalid_characters"


def test_an_oversized_api_body_is_a_413_in_the_api_shape(officer_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000

    response = officer_client.post(
        "/api/v1/directives/reports/1/submit",
        data=json.dumps({"version": "x" * 2000}),
        content_type="application/json",
    )

    _assert_api_error(response, 413)
    assert response.json()["code"] == "request_too_large"
