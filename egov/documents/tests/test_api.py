"""The registry API: list and search, one document, for officers only; errors as 4xx."""

from __future__ import annotations

from egov.documents.choices import Secrecy
from egov.documents.tests.factories import draft, issued


def test_officers_list_and_search_without_accents(
    client, docs_world, specialist, other_district_officer, citizen
):
    draft(specialist, docs_world.division_a, subject="V/v phòng chống lụt bão")
    draft(specialist, docs_world.division_a, subject="V/v lễ hội")
    draft(specialist, docs_world.division_a, subject="Kế hoạch mật", secrecy=Secrecy.SECRET)
    client.force_login(specialist)

    found = client.get("/api/v1/documents/", {"q": "phong chong lut bao"}).json()
    everything = client.get("/api/v1/documents/", {"direction": "outgoing"}).json()

    assert [item["subject"] for item in found["items"]] == ["V/v phòng chống lụt bão"]
    assert found["items"][0]["doc_type"] == "cong-van"
    assert everything["count"] == 3
    client.force_login(other_district_officer)
    assert client.get("/api/v1/documents/").json()["count"] == 0
    client.force_login(citizen)
    assert client.get("/api/v1/documents/").status_code == 403


def test_one_document_with_files_and_recipients(
    client, docs_world, specialist, division_head, unit_head, other_district_officer, fake_signing
):
    document = issued(specialist, division_head, unit_head, docs_world.division_a)
    client.force_login(specialist)

    body = client.get(f"/api/v1/documents/{document.pk}").json()

    assert (body["number_notation"], body["status"], body["unit"]["name"]) == (
        "01/UBND-VHTT",
        "issued",
        "Quận Ba Đình",
    )
    assert [(f["kind"], f["name"]) for f in body["files"]] == [("signed", "01_UBND-VHTT.pdf")]
    assert body["files"][0]["url"] == (
        f"/workspace/documents/{document.pk}/files/{document.files.get().pk}/"
    )
    client.force_login(other_district_officer)
    missing = client.get(f"/api/v1/documents/{document.pk}")
    assert (missing.status_code, missing.json()["code"]) == (404, "not_found")


def test_wrong_filters_are_field_errors(client, docs_world, specialist):
    client.force_login(specialist)

    response = client.get(
        "/api/v1/documents/", {"direction": "sideways", "date_from": "31/02/2026"}
    )

    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {"direction", "date_from"}


def test_anonymous_callers_are_refused(client, docs_world):
    assert client.get("/api/v1/documents/").status_code == 401
