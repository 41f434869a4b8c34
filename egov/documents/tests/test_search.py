"""Accent-insensitive search over number and notation, summary, text, sender and signer, with
filters; the same results on SQLite (LIKE) and PostgreSQL (full-text over the GIN index)."""

from __future__ import annotations

import datetime
import unicodedata

import pytest
from django.db import connection

from egov.documents.choices import Direction, Secrecy
from egov.documents.selectors import DocumentFilters, document_search
from egov.documents.services import document_draft_update
from egov.documents.tests.factories import doc_type, draft, issued, registered
from egov.workflow.tests.factories import at


@pytest.fixture
def library(docs_world, specialist, division_head, unit_head, clerk, fake_signing, clock):
    clock.set(at(2026, 3, 2, 9))
    road = issued(
        specialist,
        division_head,
        unit_head,
        docs_world.division_a,
        code="quyet-dinh",
        subject="Quyết định phê duyệt dự án cải tạo đường Đội Cấn",
    )
    letter = issued(
        specialist,
        division_head,
        unit_head,
        docs_world.division_a,
        subject="V/v tổ chức lễ hội mùa thu",
    )
    incoming = registered(
        clerk,
        docs_world.district_a,
        number_notation="3789/UBND-TKBT",
        subject="V/v rà soát hồ sơ đất đai",
        code="cong-van",
        sender_name="Ủy ban nhân dân Thành phố Hà Nội",
        signer_name="Dương Đức Tuấn",
    )
    secret = draft(
        specialist,
        docs_world.division_a,
        secrecy=Secrecy.SECRET,
        subject="Kế hoạch bảo vệ đường dây nóng",
    )
    return {"road": road, "letter": letter, "incoming": incoming, "secret": secret}


def _found(user, query, **filters):
    return sorted(
        document_search(user, query, DocumentFilters(**filters)).values_list("subject", flat=True)
    )


ROAD = "Quyết định phê duyệt dự án cải tạo đường Đội Cấn"


@pytest.mark.parametrize(
    "query",
    [
        "đường đội cấn",
        "duong doi can",
        "ĐƯỜNG ĐỘI CẤN",
        "Duong  Doi-Can",
        unicodedata.normalize("NFD", "đường Đội Cấn"),
        "cải tạo đường",
        "phe duyet du an",
    ],
)
def test_every_spelling_finds_the_same_documents(library, unit_head, query):
    assert _found(unit_head, query) == [ROAD]


def test_number_notation_sender_and_signer_are_searched(library, unit_head):
    assert _found(unit_head, "01/QĐ-UBND") == [ROAD]
    assert _found(unit_head, "01/qd-ubnd") == [ROAD]
    assert _found(unit_head, "3789/UBND-TKBT") == ["V/v rà soát hồ sơ đất đai"]
    assert _found(unit_head, "uy ban nhan dan thanh pho") == ["V/v rà soát hồ sơ đất đai"]
    assert _found(unit_head, "duong duc tuan") == ["V/v rà soát hồ sơ đất đai"]
    assert _found(unit_head, "trien khai") == sorted([ROAD, "V/v tổ chức lễ hội mùa thu"])
    assert _found(unit_head, "le hoi mua dong") == []
    assert _found(unit_head, "quyet dinh duon") == [ROAD]  # words are prefixes


def test_filters(library, unit_head, docs_world):
    assert _found(unit_head, "", direction=Direction.INCOMING) == ["V/v rà soát hồ sơ đất đai"]
    assert _found(unit_head, "", doc_type=doc_type("quyet-dinh").pk) == [ROAD]
    assert _found(unit_head, "", signer="chutich") == sorted([ROAD, "V/v tổ chức lễ hội mùa thu"])
    assert _found(unit_head, "", signer="Dương Đức") == ["V/v rà soát hồ sơ đất đai"]
    assert _found(unit_head, "", unit=docs_world.division_a.pk) == sorted(
        [ROAD, "V/v tổ chức lễ hội mùa thu"]
    )
    assert _found(
        unit_head, "", date_from=datetime.date(2026, 3, 1), date_to=datetime.date(2026, 3, 31)
    ) == sorted([ROAD, "V/v tổ chức lễ hội mùa thu"])
    assert _found(
        unit_head, "", date_from=datetime.date(2026, 1, 1), date_to=datetime.date(2026, 1, 31)
    ) == ["V/v rà soát hồ sơ đất đai"]


def test_secret_documents_are_found_only_by_the_people_named(library, unit_head, specialist):
    assert _found(unit_head, "duong day nong") == []
    assert _found(specialist, "duong day nong") == ["Kế hoạch bảo vệ đường dây nóng"]


def test_a_changed_draft_is_found_by_its_new_words(library, specialist):
    secret = library["secret"]
    document_draft_update(
        actor=specialist,
        document=secret,
        expected_version=secret.version,
        subject="Phương án phòng cháy",
    )

    assert _found(specialist, "phong chay") == ["Phương án phòng cháy"]
    assert _found(specialist, "duong day nong") == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the GIN index is PostgreSQL's")
def test_postgresql_searches_with_the_full_text_index(library, unit_head):
    sql = str(document_search(unit_head, "đường").query)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = %s",
            ["documents_document_search_gin"],
        )
        indexdef = cursor.fetchone()[0]

    assert "to_tsvector('simple'::regconfig, search_text)" in indexdef
    assert "@@ to_tsquery('simple'::regconfig" in sql
