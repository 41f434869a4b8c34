"""Accent-insensitive search over number and notation, summary, text, sender and signer, with
filters; the same results on SQLite (LIKE) and PostgreSQL (full-text over the RUM index where
the extension is installed, else over the GIN index)."""

from __future__ import annotations

import datetime
import importlib
import unicodedata

import pytest
from django.db import connection

from egov.documents.choices import Direction, Secrecy
from egov.documents.models import Document
from egov.documents.selectors import DocumentFilters, document_search, newest_ids
from egov.documents.selectors import search as search_module
from egov.documents.selectors.search import RUM_INDEX
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
    assert _found(unit_head, "quyet dinh duon") == [ROAD]  # the last word is a prefix


def test_words_before_the_last_are_whole_words(library, unit_head):
    assert _found(unit_head, "phe duy") == [ROAD]
    assert _found(unit_head, "cai tao duong doi c") == [ROAD]
    assert _found(unit_head, "ph duyet") == []  # "ph" is no word of the document
    assert _found(unit_head, "cai ta duong") == []
    assert _found(unit_head, "Đường đội cấn đường") == [ROAD]  # repeated: a whole word


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


QUERIES = ("trien khai", "chuyển đổi số", "duong", "V/v", "đ", "tổ chức lễ", "quyet dinh", "x")


@pytest.fixture
def many(library, specialist, docs_world):
    """Twelve more documents, several created at the very same moment (ties by id), and the
    library's moved apart."""
    created = [
        draft(specialist, docs_world.division_a, subject=f"V/v triển khai đường số {n}")
        for n in range(12)
    ]
    moments = [at(2026, 3, 1 + n % 4, 8) for n in range(12)]
    for document, moment in zip(created, moments, strict=True):
        Document.objects.filter(pk=document.pk).update(created_at=moment)
    for n, document in enumerate(library.values()):
        Document.objects.filter(pk=document.pk).update(created_at=at(2026, 3, 2 + n % 2, 8))
    return created


def _pages(user, rum: bool, monkeypatch) -> list:
    """Every query's ids in list order, whole and in pages of 5 (``newest_ids``)."""
    monkeypatch.setattr(search_module, "rum_index_present", lambda: rum)
    found = []
    for query in QUERIES:
        documents = document_search(user, query)
        assert ("search_newest" in documents.query.annotations) is rum
        found.append(list(documents.values_list("pk", flat=True)))
        found.append([newest_ids(documents, start, start + 5) for start in range(0, 20, 5)])
    return found


def test_pages_are_in_list_order_and_the_same_on_every_path(many, specialist, monkeypatch):
    """With the RUM index the page's ids come from its newest-first order; without it (the
    GIN index, or SQLite) from the sorted list: the same ids, the same order, ties included."""
    gin = _pages(specialist, False, monkeypatch)
    assert any(len(ids) > 5 for ids in gin)
    for n, query in enumerate(QUERIES):
        whole, pages = gin[2 * n], gin[2 * n + 1]
        assert [pk for page in pages for pk in page] == whole[:20], query
    if search_module.rum_index_present():
        assert _pages(specialist, True, monkeypatch) == gin


@pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search is PostgreSQL's")
def test_postgresql_searches_newest_first_over_the_rum_index(many, specialist):
    """This machine (and CI) has ``postgresql-15-rum``: migration 0012 built the RUM index."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", [RUM_INDEX])
        (indexdef,) = cursor.fetchone()
        documents = document_search(specialist, "triển khai đường")
        ids = newest_ids(documents, 0, 3)
        sql, params = documents.order_by("search_newest").values("pk")[:3].query.sql_with_params()
        cursor.execute("SET LOCAL enable_seqscan = off")  # a few rows: a table scan is cheaper
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())

    assert search_module.rum_index_present()
    assert "USING rum (search_vector rum_tsvector_addon_ops, created_at)" in indexdef
    assert f"Index Scan using {RUM_INDEX}" in plan and "Order By: (created_at <=|" in plan
    assert ids == list(documents.values_list("pk", flat=True)[:3])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the GIN index is PostgreSQL's")
def test_postgresql_without_rum_searches_with_the_gin_expression(library, unit_head, monkeypatch):
    """Without the RUM index, the query is the GIN index's expression (migration 0004)."""
    monkeypatch.setattr(search_module, "rum_index_present", lambda: False)
    sql = str(document_search(unit_head, "đường").query)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = %s",
            ["documents_document_search_gin"],
        )
        gin = cursor.fetchone()
        cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [RUM_INDEX])
        (rum,) = cursor.fetchone()

    assert "to_tsvector('simple'::regconfig, " in sql
    assert "search_text\") @@ to_tsquery('simple'::regconfig, duong:*)" in sql
    assert "search_vector" not in sql
    # The GIN index is there where the RUM index is not (migration 0012 drops it otherwise).
    assert (gin is None) is rum


def test_the_migration_leaves_the_gin_index_without_the_extension():
    """Where ``rum`` is neither installed nor available, migration 0012 changes nothing."""
    migration = importlib.import_module("egov.documents.migrations.0012_search_rum")
    executed = []

    class Cursor:
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def execute(self, sql, params=None):
            executed.append(sql)

        def fetchone(self):
            return None

    class Connection:
        vendor = "postgresql"
        alias = "default"

        def cursor(self):
            return Cursor()

    class Editor:
        connection = Connection()

        def execute(self, sql, params=()):
            executed.append(sql)

    migration.create(None, Editor())

    assert executed == [
        "SELECT 1 FROM pg_extension WHERE extname = 'rum'",
        "SELECT 1 FROM pg_available_extensions WHERE name = 'rum'",
    ]
