"""Public catalog pages: list (full page and HTMX rows), search, filters, detail, downloads."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils.html import escape

from egov.onestop.models import Procedure
from egov.onestop.tests.factories import RequiredDocumentFactory

pytestmark = pytest.mark.django_db
LIST = reverse("onestop:procedure-list")
EN = {"accept-language": "en"}


def _detail(code: str) -> str:
    return reverse("onestop:procedure-detail", args=[code])


def _templates(response) -> list[str]:
    return [t.name for t in response.templates if t.name.startswith("onestop/")]


def _codes(response) -> list[str]:
    return [p.code for p in response.context["page"]]


def test_list_is_public_and_paginated(client, sample):
    response = client.get(LIST, headers=EN)

    assert response.status_code == 200
    assert _templates(response)[:2] == [
        "onestop/procedure_list.html",
        "onestop/_procedure_rows.html",
    ]
    assert response.context["page"].paginator.count == 45
    assert len(response.context["page"]) == 20
    assert "45 procedures" in response.content.decode()


def test_list_query_count_is_fixed(client, sample, django_assert_num_queries):
    # session-less anonymous request: fields for the filter, count, page of rows, the internal
    # procedures in force (what is really offered online)
    with django_assert_num_queries(4):
        client.get(LIST, {"q": "cap phep", "level": "commune"}, headers=EN)


def test_htmx_gets_only_the_rows(client, sample):
    response = client.get(LIST, {"q": "cap phep xay dung"}, headers={**EN, "HX-Request": "true"})

    assert _templates(response)[0] == "onestop/_procedure_rows.html"
    assert "onestop/procedure_list.html" not in _templates(response)
    assert _codes(response) == ["1.013236", "1.013225", "1.013229", "1.013227"]
    assert "<html" not in response.content.decode()


def test_filters_and_the_pager_keep_the_query(client, sample):
    response = client.get(LIST, {"level": "commune", "page": "2"}, headers=EN)

    html = response.content.decode()
    assert (response.context["page"].number, len(response.context["page"])) == (2, 8)
    assert 'href="?level=commune&amp;page=1"' in html


@pytest.mark.parametrize(
    "params",
    [
        {"level": "hamlet"},
        {"online_level": "x", "field": "<script>"},
        {"page": "abc"},
        {"page": "-3"},
        {"page": "99999999999999999999"},
        {"q": "x" * 500},
        {"q": "%%'\";--"},
    ],
)
def test_garbage_parameters_never_fail(client, sample, params):
    response = client.get(LIST, params, headers=EN)

    assert response.status_code == 200


def test_a_nul_character_in_the_query_is_a_400_not_a_500(client, sample):
    response = client.get(LIST, {"q": "\x00%%'\";--"}, headers=EN)

    assert response.status_code == 400  # egov/common/input_guard.py: PostgreSQL refuses NUL


def test_invalid_filter_is_ignored_and_shown(client, sample):
    response = client.get(LIST, {"level": "hamlet"}, headers=EN)

    assert response.context["page"].paginator.count == 45
    assert "Select a valid choice." in response.content.decode()


def test_detail_shows_what_a_citizen_needs(client, sample):
    response = client.get(_detail("1.013225"), headers=EN)

    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["procedure"] == Procedure.objects.get(code="1.013225")
    for text in (
        "Code 1.013225",
        "20 days",
        "75,000 VND",
        "150,000 VND",
        "Being updated",
        "Giấy phép xây dựng",
        "50/2014/QH13",
        "UBND cấp xã",
        "in force",
        "Documents to prepare",
        "Online; By public postal service",
    ):
        assert text in html, text


def test_detail_in_vietnamese_groups_thousands_with_dots(client, sample):
    html = client.get(_detail("1.013225"), headers={"accept-language": "vi"}).content.decode()

    assert "75.000" in html


def test_detail_of_a_working_day_procedure_and_documents(client, sample):
    html = client.get(_detail("1.001612"), headers=EN).content.decode()

    assert "3 working days" in html
    assert "Đăng ký thành lập hộ kinh doanh" in html


def test_ended_district_procedure_says_so(client, sample):
    Procedure.objects.filter(code="HN-039").update(effective_to=datetime.date(2025, 6, 30))

    html = client.get(_detail("HN-039"), headers=EN).content.decode()

    assert "Local code HN-039 (no national code is known)" in html
    assert "no longer in force since 30/06/2025" in html
    assert "20 days" in html


@pytest.mark.parametrize("code", ["9.999999", "nothing", "HN-999", "1.013225%00"])
def test_unknown_code_is_404(client, sample, code):
    assert client.get(_detail(code)).status_code == 404


@pytest.mark.parametrize("version", ["abc", "-1", "9999999", ""])
def test_bad_version_parameter_shows_the_current_one(client, sample, version):
    response = client.get(_detail("1.013225"), {"version": version}, headers=EN)

    assert (response.status_code, response.context["procedure"].version) == (200, 1)


def test_unknown_version_is_404(client, sample):
    assert client.get(_detail("1.013225"), {"version": "7"}).status_code == 404


def test_template_download_is_an_attachment(client, sample):
    document = RequiredDocumentFactory(procedure=Procedure.objects.get(code="1.013225"))
    document.template_file.save("to-khai.docx", ContentFile(b"PK fake docx"))
    url = reverse("onestop:document-template", args=["1.013225", document.pk])

    response = client.get(url)

    assert response.status_code == 200
    stored = document.template_file.name.rsplit("/", 1)[-1]  # storage may add a suffix
    assert stored.startswith("to-khai") and stored.endswith(".docx")
    assert response["Content-Disposition"] == f'attachment; filename="{stored}"'
    assert b"".join(response.streaming_content) == b"PK fake docx"


def test_document_without_template_or_of_another_code_is_404(client, sample):
    document = RequiredDocumentFactory(procedure=Procedure.objects.get(code="1.013225"))

    without = client.get(reverse("onestop:document-template", args=["1.013225", document.pk]))
    other = client.get(reverse("onestop:document-template", args=["1.001193", document.pk]))

    assert (without.status_code, other.status_code) == (404, 404)


def test_the_public_sees_official_fields_and_administrators_the_editors_notes(
    client, sample, system_admin
):
    """2.000806: a document note about the national page, a level note and sources are the
    editors'; 1.001193's fee of 0 is "free of charge"."""
    procedure = Procedure.objects.get(code="2.000806")
    document_note = procedure.documents.exclude(note="").first().note
    source_ref = procedure.sources[0]["ref"]

    public = client.get(_detail("2.000806"), headers=EN).content.decode()
    free = client.get(_detail("1.001193"), headers=EN).content.decode()
    system_admin.is_staff = True
    system_admin.save(update_fields=["is_staff"])
    client.force_login(system_admin)
    admin = client.get(_detail("2.000806"), headers=EN).content.decode()

    for internal in (escape(document_note), escape(source_ref), escape(procedure.level_note)):
        assert internal not in public, internal
        assert internal in admin, internal
    assert "Free of charge" in free and ">0 VND<" not in free
