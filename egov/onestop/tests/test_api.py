"""Public catalog API: list and detail without login, 404 for unknown codes, 422 with field
errors for bad parameters, never a 500."""

from __future__ import annotations

import pytest

from egov.onestop.tests.factories import document_with_template

pytestmark = pytest.mark.django_db
LIST = "/api/v1/onestop/procedures"


def test_list_is_public_searchable_and_paginated(client, sample):
    response = client.get(LIST, {"q": "cap phep xay dung"})

    body = response.json()
    assert response.status_code == 200
    assert body["count"] == 4
    assert [item["code"] for item in body["items"]] == [
        "1.013236",
        "1.013225",
        "1.013229",
        "1.013227",
    ]
    assert body["items"][1] == {
        "code": "1.013225",
        "version": 1,
        "name": "Cấp giấy phép xây dựng mới đối với công trình cấp III, cấp IV (công trình "
        "không theo tuyến/theo tuyến trong đô thị/tín ngưỡng, tôn giáo/tượng đài, tranh "
        "hoành tráng/theo giai đoạn/dự án) và nhà ở riêng lẻ",
        "field_code": "hoat-dong-xay-dung",
        "field_name": "Hoạt động xây dựng",
        "level": "commune",
        "online_level": "",
        "working_days": None,
        "calendar_days": "20.0",
        "effective_from": "2025-07-01",
        "effective_to": None,
    }


def test_list_filters_by_level_and_pages(client, sample):
    first = client.get(LIST, {"level": "commune"}).json()
    third = client.get(LIST, {"level": "commune", "page": 2}).json()

    assert (first["count"], len(first["items"]), len(third["items"])) == (28, 20, 8)


def test_detail_has_fees_documents_and_confidence(client, sample):
    response = client.get(f"{LIST}/1.001612")

    body = response.json()
    assert response.status_code == 200
    assert (body["code"], body["has_national_code"], body["level"], body["working_days"]) == (
        "1.001612",
        True,
        "commune",
        "3.0",
    )
    assert body["channels"] == ["direct", "online", "postal"]
    assert body["fees"][0]["kind"] in {"fee", "charge"}
    assert body["documents"][0]["order"] == 1
    assert body["confidence"]["code"] == "high"
    assert body["results"][0]["name"]


def test_detail_of_a_local_code(client, sample):
    body = client.get(f"{LIST}/HN-039").json()

    # three-level versions carry no end date in the sample (docs/adr/0003)
    assert (body["has_national_code"], body["effective_to"], body["fees"][0]["amount_vnd"]) == (
        False,
        None,
        None,
    )


def test_unknown_code_is_404(client, sample):
    response = client.get(f"{LIST}/9.999999", headers={"accept-language": "en"})

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found.", "code": "not_found"}


@pytest.mark.parametrize(
    ("path", "params", "fields"),
    [
        (LIST, {"level": "hamlet"}, ["level"]),
        (LIST, {"online_level": "sometimes"}, ["online_level"]),
        (LIST, {"page": "abc"}, ["page"]),
        (LIST, {"page": "0"}, ["page"]),
        (LIST, {"q": "x" * 101}, ["q"]),
        (f"{LIST}/not-a-code", {}, ["code"]),
        (f"{LIST}/1.00119", {}, ["code"]),
    ],
)
def test_bad_parameters_are_422_with_field_errors(client, sample, path, params, fields):
    response = client.get(path, params, headers={"accept-language": "en"})

    body = response.json()
    assert response.status_code == 422
    assert (body["code"], body["detail"]) == ("invalid_input", "Invalid input.")
    assert [error["field"] for error in body["errors"]] == fields


def test_detail_links_template_forms(client, sample):
    document = document_with_template()

    body = client.get(f"{LIST}/{document.procedure.code}").json()

    assert body["documents"][0]["template_url"] == (
        f"/procedures/{document.procedure.code}/documents/{document.pk}/template/"
    )
