"""Pure rules of satisfaction surveys: checking an answer against the questions, scoring it,
and the indices (no ORM).

The scoring is the common SIPAS practice, since no official formula is published
(vn-egov-spec §8.1, [U]): an item is *satisfied* when rated at or above ``satisfied_from``
("Hài lòng" = 4 on 1–5); a factor's index is the share of satisfied items among the answered
items of that factor (× 100); the overall index is the mean of the factor indices weighted by
each factor's weight. One response's overall score is the same formula on its own items. The
weights, the level and the respondent threshold are per survey. Raw answers are kept so any
other formula can be recomputed."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

LIKERT = (1, 2, 3, 4, 5)
TEXT_LIMITS = {"short_text": 300, "long_text": 3000}
SCORED_KINDS = ("likert", "matrix")
# Decision 766/QĐ-TTg, DOSSIER_RECEIVING_SATISFACTION: full 6 points at a 90 % ratio
POINTS_766_MAX = Decimal(6)
RATIO_766_FULL = Decimal("0.90")


@dataclass(frozen=True)
class QuestionSpec:
    """What the rules need of a question (built from the model or the template)."""

    code: str
    kind: str
    section: str
    is_required: bool = False
    is_scored: bool = False
    options: Sequence[str] = ()
    rows: Sequence[str] = ()
    min_value: int | None = None
    max_value: int | None = None
    show_if: Mapping[str, Any] = field(default_factory=dict)


def is_shown(question: QuestionSpec, answers: Mapping[str, Any]) -> bool:
    """Conditional display: shown unless ``show_if`` names a question whose answer is not one
    of the values (for a multiple choice, none of the picked values)."""
    if not question.show_if:
        return True
    given = answers.get(question.show_if.get("question", ""))
    wanted = {str(v) for v in question.show_if.get("values", [])}
    if isinstance(given, list):
        return bool(wanted & {str(v) for v in given})
    return given is not None and str(given) in wanted


def _blank(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _check_one(q: QuestionSpec, value: Any) -> tuple[Any, str | None]:
    if q.kind in ("single",):
        return (str(value), None) if str(value) in q.options else (None, _("Pick one option."))
    if q.kind == "multiple":
        picked = value if isinstance(value, list) else [value]
        picked = [str(v) for v in picked]
        if not set(picked) <= set(q.options):
            return None, _("Pick only the options listed.")
        return sorted(set(picked), key=list(q.options).index), None
    if q.kind == "likert":
        return _level(value)
    if q.kind == "matrix":
        if not isinstance(value, Mapping):
            return None, _("Rate each row from 1 to 5.")
        clean = {}
        for row in q.rows:
            if _blank(value.get(row)):
                if q.is_required:
                    return None, _("Rate every row of this question.")
                continue
            level, problem = _level(value.get(row))
            if problem:
                return None, problem
            clean[row] = level
        if set(value) - set(q.rows):
            return None, _("Rate only the rows listed.")
        return clean, None
    if q.kind == "number":
        return _number(q, value)
    text = str(value).strip()
    limit = TEXT_LIMITS.get(q.kind, 300)
    if len(text) > limit:
        return None, _("At most %(limit)s characters.") % {"limit": limit}
    return text, None


def _level(value: Any) -> tuple[int | None, str | None]:
    try:
        level = int(str(value))
    except ValueError:
        return None, _("Rate from 1 to 5.")
    return (level, None) if level in LIKERT else (None, _("Rate from 1 to 5."))


def _number(q: QuestionSpec, value: Any) -> tuple[int | None, str | None]:
    try:
        number = int(str(value).strip())
    except ValueError:
        return None, _("Enter a whole number.")
    low, high = q.min_value, q.max_value
    if (low is not None and number < low) or (high is not None and number > high):
        return None, _("Enter a number from %(low)s to %(high)s.") % {
            "low": "…" if low is None else low,
            "high": "…" if high is None else high,
        }
    return number, None


def answers_check(
    questions: Sequence[QuestionSpec], answers: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, str]]:
    """The clean answers and the problems by question code. Hidden questions are dropped (their
    answers are not kept); required questions that are shown must be answered; unknown codes
    are refused."""
    known = {q.code for q in questions}
    problems: dict[str, str] = {
        code: _("There is no such question.") for code in answers if code not in known
    }
    clean: dict[str, Any] = {}
    for q in questions:
        if not is_shown(q, clean):
            continue
        value = answers.get(q.code)
        if _blank(value):
            if q.is_required:
                problems[q.code] = _("This question needs an answer.")
            continue
        checked, problem = _check_one(q, value)
        if problem:
            problems[q.code] = problem
        elif not _blank(checked):
            clean[q.code] = checked
    return clean, problems


def rated_items(
    questions: Iterable[QuestionSpec], answers: Mapping[str, Any]
) -> Iterable[tuple[str, int]]:
    """(section code, level) of every scored rating in ``answers``."""
    for q in questions:
        if not q.is_scored or q.code not in answers:
            continue
        value = answers[q.code]
        if q.kind == "likert":
            yield q.section, int(value)
        elif q.kind == "matrix":
            for level in value.values():
                yield q.section, int(level)


@dataclass
class Tally:
    """Counts of rated items per factor: answered and satisfied."""

    answered: dict[str, int] = field(default_factory=dict)
    satisfied: dict[str, int] = field(default_factory=dict)

    def add(self, section: str, level: int, satisfied_from: int) -> None:
        self.answered[section] = self.answered.get(section, 0) + 1
        if level >= satisfied_from:
            self.satisfied[section] = self.satisfied.get(section, 0) + 1

    def factor_index(self, section: str) -> Decimal | None:
        answered = self.answered.get(section, 0)
        if not answered:
            return None
        return Decimal(100 * self.satisfied.get(section, 0)) / answered

    def overall(self, weights: Mapping[str, Decimal]) -> Decimal | None:
        """Weighted mean of the factor indices (factors with no rating left out)."""
        total = weight_sum = Decimal(0)
        for section, weight in weights.items():
            index = self.factor_index(section)
            if index is None or weight <= 0:
                continue
            total += index * weight
            weight_sum += weight
        return (total / weight_sum).quantize(Decimal("0.01")) if weight_sum else None


@dataclass(frozen=True)
class Score:
    overall: Decimal | None
    is_satisfied: bool
    is_dissatisfied: bool


def response_score(
    questions: Sequence[QuestionSpec],
    answers: Mapping[str, Any],
    *,
    weights: Mapping[str, Decimal],
    satisfied_from: int,
    respondent_threshold: int,
) -> Score:
    """One response's overall score (0–100), whether the respondent counts as satisfied (score
    at or above the threshold) and as dissatisfied (mean rating below 3, "không hài lòng" or
    worse: the flag Decision 766's satisfaction ratio subtracts)."""
    tally = Tally()
    levels = []
    for section, level in rated_items(questions, answers):
        tally.add(section, level, satisfied_from)
        levels.append(level)
    overall = tally.overall(weights)
    if overall is None:
        return Score(None, False, False)
    return Score(
        overall,
        overall >= respondent_threshold,
        sum(levels) / len(levels) < 3,
    )


def wilson_interval(successes: int, total: int, z: float = 1.96) -> tuple[Decimal, Decimal] | None:
    """The 95 % Wilson score interval of a share, in percent (good for small samples)."""
    if total <= 0:
        return None
    p = successes / total
    denominator = 1 + z * z / total
    centre = (p + z * z / (2 * total)) / denominator
    half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / denominator
    low, high = max(0.0, centre - half), min(1.0, centre + half)
    return Decimal(str(round(low * 100, 1))), Decimal(str(round(high * 100, 1)))


def points_766(responses: int, dissatisfied: int) -> tuple[Decimal, Decimal] | None:
    """Decision 766/QĐ-TTg, "Tỷ lệ hài lòng trong tiếp nhận, giải quyết TTHC": ratio =
    (answers − dissatisfied answers) / answers, points = min(6, 6 × ratio / 0.90). Here from
    survey answers only; the national figure also subtracts late dossiers and those with a
    complaint, which the one-stop shop counts (next-modules (d) d.1)."""
    if responses <= 0:
        return None
    ratio = Decimal(responses - dissatisfied) / responses
    points = min(POINTS_766_MAX, POINTS_766_MAX * ratio / RATIO_766_FULL)
    return (ratio * 100).quantize(Decimal("0.1")), points.quantize(Decimal("0.01"))


def standing_is_weak(
    *,
    score: Decimal | None,
    previous: Decimal | None,
    target_score: Decimal | None = None,
    rank: int | None = None,
    target_rank: int | None = None,
) -> bool:
    """A dimension (or total) of a governance index is weak in a year when it misses the
    plan's target for that year (a score below the target score, a rank behind the target
    rank: a smaller rank is better) or when its score fell from the year before."""
    if score is not None and target_score is not None and score < target_score:
        return True
    if rank is not None and target_rank is not None and rank > target_rank:
        return True
    return score is not None and previous is not None and score < previous
