"""The accent-insensitive search: the same results in the same order on SQLite and PostgreSQL,
whichever plan PostgreSQL's search takes (a common search walks the newest rows, a rare one
reads its matches through the trigram GIN indexes of migration 0011, which serve its
``LIKE '%word%'`` filters)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
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
    for n, text in enumerate(TEXTS):
        when = now - datetime.timedelta(days=(n * 3) % 5)  # neither in pk order nor reversed
        place = {"latitude": Decimal("21.03"), "longitude": Decimal("105.84")} if n % 2 else {}
        report_for(
            world.commune_a,
            status="closed",
            title=text,
            answered_at=when,
            search_text=fold(text),
            **place,
        )
        question_for(
            world.commune_a,
            status="published",
            public_title=text,
            public_body="",
            answer="",
            published_at=when,
            search_text=fold(text),
        )


# Each of PostgreSQL's plans, forced: sampled as common (walk the newest rows), as rare (the
# matches' ids through the trigram index), and rare with more matches than it reads (walk).
PLANS = {
    "common": {"SEARCH_COMMON_SHARE": 0},
    "rare": {"SEARCH_COMMON_SHARE": 2},
    "rare_but_many": {"SEARCH_COMMON_SHARE": 2, "SEARCH_RARE_LIMIT": 1},
}


def expected(query: str) -> set[str]:
    """Every folded word of two letters or more is a substring of the folded text."""
    words = [w for w in fold(query).split() if len(w) > 1]
    return {text for text in TEXTS if all(word in fold(text) for word in words)}


def newest_first(query: str) -> list[str]:
    found = Report.objects.filter(title__in=expected(query))
    return [r.title for r in found.order_by("-answered_at", "-pk")]


@pytest.mark.parametrize("query", QUERIES)
def test_search_finds_the_same_on_every_database(rows, query):
    reports = {r.title for r in selectors.report_list_public(text=query)}
    answers = {q.public_title for q in selectors.answer_search(text=query)}

    assert reports == answers == expected(query)


@pytest.mark.parametrize("plan", PLANS)
@pytest.mark.parametrize("query", QUERIES)
def test_every_plan_finds_the_same_rows_in_the_same_order(rows, monkeypatch, query, plan):
    for name, value in PLANS[plan].items():
        monkeypatch.setattr(selectors, name, value)

    reports = [r.title for r in selectors.report_list_public(text=query)]
    answers = [q.public_title for q in selectors.answer_search(text=query)]
    pins = [p.title for p in selectors.report_map_pins(selectors.report_list_public(text=query))]

    assert reports == answers == newest_first(query)
    assert pins == [title for title in newest_first(query) if TEXTS.index(title) % 2]


def test_the_expected_results_are_not_trivial():
    assert expected("den") == {TEXTS[1], TEXTS[3], TEXTS[4]}
    assert expected("ổ GÀ") == {TEXTS[0]}
    assert expected("xyz") == set()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram indexes are PostgreSQL's")
@pytest.mark.parametrize(
    ("model", "index"),
    [(Report, "feedback_report_search_trgm"), (Question, "feedback_question_search_trgm")],
)
def test_the_search_filter_can_use_the_trigram_index(rows, monkeypatch, model, index):
    """The selectors' word filter of a rare search, alone, is planned on the index (the small
    test tables would otherwise be scanned): the same ``LIKE`` the selectors send."""
    monkeypatch.setattr(selectors, "SEARCH_COMMON_SHARE", 2)
    listed = selectors.report_list_public if model is Report else selectors.answer_search
    with CaptureQueriesContext(connection) as sent:
        list(listed(text="den"))
    full_sql = "\n".join(query["sql"] for query in sent.captured_queries)
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
    where = sql.split(" WHERE ")[1] % tuple(f"'{param}'" for param in params)
    assert where in full_sql  # the selectors filter exactly so
