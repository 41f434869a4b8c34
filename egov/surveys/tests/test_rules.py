"""The pure rules: checking answers, scoring, intervals and Decision 766 points."""

from __future__ import annotations

from decimal import Decimal

from egov.surveys.rules import (
    QuestionSpec,
    answers_check,
    points_766,
    response_score,
    wilson_interval,
)

QUESTIONS = [
    QuestionSpec("a", "likert", "f1", is_required=True, is_scored=True),
    QuestionSpec("m", "matrix", "f2", is_required=True, is_scored=True, rows=("x", "y")),
    QuestionSpec("pay", "single", "f2", options=("yes", "no")),
    QuestionSpec(
        "why", "long_text", "f2", is_required=True, show_if={"question": "pay", "values": ["yes"]}
    ),
    QuestionSpec("n", "number", "f1", min_value=0, max_value=20),
    QuestionSpec("many", "multiple", "f1", options=("p", "q", "r")),
]
WEIGHTS = {"f1": Decimal(1), "f2": Decimal(1)}


def test_required_and_matrix_rows_and_ranges_are_checked():
    clean, problems = answers_check(QUESTIONS, {"a": 9, "m": {"x": 5}, "n": 21, "zz": 1})

    assert clean == {}
    assert problems == {
        "zz": "There is no such question.",
        "a": "Rate from 1 to 5.",
        "m": "Rate every row of this question.",
        "n": "Enter a number from 0 to 20.",
    }


def test_a_hidden_question_is_neither_required_nor_kept():
    shown, problems_shown = answers_check(QUESTIONS, {"a": 4, "m": {"x": 4, "y": 4}, "pay": "yes"})
    hidden, problems_hidden = answers_check(
        QUESTIONS, {"a": 4, "m": {"x": 4, "y": 4}, "pay": "no", "why": "kept?"}
    )

    assert problems_shown == {"why": "This question needs an answer."}
    assert problems_hidden == {}
    assert hidden == {"a": 4, "m": {"x": 4, "y": 4}, "pay": "no"}
    assert shown == {"a": 4, "m": {"x": 4, "y": 4}, "pay": "yes"}


def test_multiple_choice_keeps_the_listed_order():
    clean, problems = answers_check(
        QUESTIONS, {"a": "5", "m": {"x": "5", "y": "1"}, "many": ["r", "p"]}
    )

    assert problems == {}
    assert clean == {"a": 5, "m": {"x": 5, "y": 1}, "many": ["p", "r"]}


def test_score_is_the_weighted_share_of_satisfied_ratings():
    # f1: 1 of 1 satisfied (100); f2: 1 of 2 satisfied (50); weights 1 and 3 -> 62.5
    score = response_score(
        QUESTIONS,
        {"a": 4, "m": {"x": 5, "y": 2}},
        weights={"f1": Decimal(1), "f2": Decimal(3)},
        satisfied_from=4,
        respondent_threshold=60,
    )

    assert score.overall == Decimal("62.50")
    assert score.is_satisfied is True
    assert score.is_dissatisfied is False


def test_a_low_rating_respondent_is_dissatisfied():
    score = response_score(
        QUESTIONS,
        {"a": 2, "m": {"x": 1, "y": 3}},
        weights=WEIGHTS,
        satisfied_from=4,
        respondent_threshold=50,
    )

    assert (score.overall, score.is_satisfied, score.is_dissatisfied) == (
        Decimal("0.00"),
        False,
        True,
    )


def test_wilson_interval_and_766_points():
    assert wilson_interval(9, 10) == (Decimal("59.6"), Decimal("98.2"))
    assert wilson_interval(0, 0) is None
    assert points_766(100, 10) == (Decimal("90.0"), Decimal("6.00"))
    assert points_766(100, 40) == (Decimal("60.0"), Decimal("4.00"))
    assert points_766(0, 0) is None
