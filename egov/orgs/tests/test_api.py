"""Org API: token and session auth, scoping, consistent error format."""

from __future__ import annotations

from egov.accounts.services import api_token_create


def _bearer(user):
    secret = api_token_create(actor=None, user=user, name="t").secret
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_units_are_scoped_to_the_callers_reach(client, world, unit_head):
    response = client.get("/api/v1/orgs/units", **_bearer(unit_head))

    assert response.status_code == 200
    names = {item["name"] for item in response.json()["items"]}
    assert names == {
        "Quận Ba Đình",
        "Phòng Văn hóa và Thông tin",
        "Bộ phận một cửa quận Ba Đình",
        "Phường Phúc Xá",
    }


def test_search_is_accent_insensitive(client, world, unit_head):
    response = client.get("/api/v1/orgs/units?q=PHUC XA", **_bearer(unit_head))

    assert [item["name"] for item in response.json()["items"]] == ["Phường Phúc Xá"]


def test_other_districts_unit_is_404_not_403(client, world, unit_head):
    response = client.get(f"/api/v1/orgs/units/{world.commune_b.pk}", **_bearer(unit_head))

    assert response.status_code == 404
    assert response.json() == {"detail": "Không tìm thấy.", "code": "not_found"}


def test_missing_or_bad_token_is_401(client, world):
    assert client.get("/api/v1/orgs/units").status_code == 401
    response = client.get("/api/v1/orgs/units", HTTP_AUTHORIZATION="Bearer egov_x_y")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_citizen_is_refused_with_403(client, citizen):
    client.force_login(citizen)

    response = client.get("/api/v1/orgs/units")

    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_bad_query_parameters_give_field_errors(client, world, unit_head):
    response = client.get(
        "/api/v1/orgs/units?kind=planet&include_closed=maybe", **_bearer(unit_head)
    )

    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid_input"
    assert {e["field"] for e in body["errors"]} == {"kind", "include_closed"}


def test_me_lists_roles(client, world, unit_head):
    response = client.get("/api/v1/orgs/me", **_bearer(unit_head))

    assert response.json()["roles"] == [
        {
            "unit_id": world.district_a.pk,
            "unit_name": "Quận Ba Đình",
            "role": "unit_head",
            "includes_subtree": True,
            "position": "",
        }
    ]


def test_openapi_schema_is_served(client, db):
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    assert "/api/v1/orgs/units" in response.json()["paths"]
