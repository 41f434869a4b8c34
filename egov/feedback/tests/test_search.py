"""The accent-insensitive search: the same query and the same results on SQLite and
PostgreSQL, where trigram GIN indexes (migration 0011) serve its ``LIKE '%word%'`` filters."""

from __future__ import annotations

import pytest
from django.db import connection
from django.utils import timezone

from egov.common.text import fold
from egov.feedback import selectors
from egov.feedback.models import Question, Report
from egov.feedback.tests.matrix import question_for, report_for

TEXTS = (
    "Ổ gà trên phố Đội Cấn",
    "Đèn đường ngõ 45 không sáng",
    "Rác thải để sai giờ ở chợ",
    "ĐÈN CHIẾU SÁNG hỏng trước trường",
    "Vỉa hè bị lấn chiếm; đèn vẫn sáng",
)
QUERIES = ("den", "Đèn sáng", "ổ GÀ", "ga", "cho", "45", "xyz", "sang den ngo")


@pytest.fixture
def rows(world):
    now = timezone.now()
    for text in TEXTS:
        report_for(
            world.commune_a, status="closed", title=text, answered_at=now, search_text=fold(text)
        )
        question_for(
            world.commune_a,
            status="published",
            public_title=text,
            public_body="",
            answer="",
            published_at=now,
            search_text=fold(text),
        )


def expected(query: str) -> set[str]:
    """Every folded word of two letters or more is a substring of the folded text."""
    words = [w for w in fold(query).split() if len(w) > 1]
    return {text for text in TEXTS if all(word in fold(text) for word in words)}


@pytest.mark.parametrize("query", QUERIES)
def test_search_finds_the_same_on_every_database(rows, query):
    reports = {r.title for r in selectors.report_list_public(text=query)}
    answers = {q.public_title for q in selectors.answer_search(text=query)}

    assert reports == answers == expected(query)


def test_the_expected_results_are_not_trivial():
    assert expected("den") == {TEXTS[1], TEXTS[3], TEXTS[4]}
    assert expected("ổ GÀ") == {TEXTS[0]}
    assert expected("xyz") == set()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram indexes are PostgreSQL's")
@pytest.mark.parametrize(
    ("model", "index"),
    [(Report, "feedback_report_search_trgm"), (Question, "feedback_question_search_trgm")],
)
def test_the_search_filter_can_use_the_trigram_index(rows, model, index):
    """The selectors' word filter, alone, is planned on the index (the small test tables would
    otherwise be scanned): the same ``LIKE`` the selectors send."""
    listed = selectors.report_list_public if model is Report else selectors.answer_search
    full_sql, _params = listed(text="den").query.sql_with_params()
    alone = model.objects.filter(search_text__contains="den").order_by()
    sql, params = alone.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = %s AND indexname = %s",
            [model._meta.db_table, index],
        )
        (definition,) = cursor.fetchone()
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())

    assert "gin_trgm_ops" in definition
    assert index in plan
    assert sql.split(" WHERE ")[1] in full_sql  # the selectors filter exactly so
