"""Pure arithmetic of indicator values: rates, Decision 766 points, targets, bands."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal(100)
TWO_PLACES = Decimal("0.01")


def rate(numerator: Decimal | int, denominator: Decimal | int) -> Decimal | None:
    """``numerator / denominator`` in percent, two decimals (766: "làm tròn 2 chữ số"); None
    without a denominator."""
    if not denominator:
        return None
    return (HUNDRED * Decimal(numerator) / Decimal(denominator)).quantize(
        TWO_PLACES, rounding=ROUND_HALF_UP
    )


def points(
    share: Decimal | None, *, full: Decimal, full_at: Decimal, full_when_empty: bool
) -> Decimal | None:
    """Decision 766 points of a share: ``full × min(1, share / full_at)`` (linear up to the
    share that earns full marks); nothing to count gives full points where the method says
    so (feedback indicators), else no value."""
    if share is None:
        return full if full_when_empty else None
    earned = full * min(Decimal(1), share / full_at)
    return earned.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class TargetRule:
    level: str
    valid_from: datetime.date
    valid_to: datetime.date | None
    value: Decimal


def target_for(
    rules: Iterable[TargetRule], *, level: str | None, on: datetime.date
) -> Decimal | None:
    """The target in force on ``on`` for ``level``: the level's own rule, else the rule for
    every level (blank), else None."""
    in_force = [
        rule
        for rule in rules
        if rule.valid_from <= on and (rule.valid_to is None or on <= rule.valid_to)
    ]
    for wanted in (level or "", ""):
        for rule in in_force:
            if rule.level == wanted:
                return rule.value
    return None


@dataclass(frozen=True)
class Band:
    lower: Decimal
    label: str
    colour: str


def achievement(value: Decimal, target: Decimal, *, lower_is_better: bool) -> Decimal | None:
    """How much of the target ``value`` reaches, in percent (100 = on target)."""
    if lower_is_better:
        return HUNDRED if value <= target else (HUNDRED * target / value if value else None)
    return HUNDRED * value / target if target else HUNDRED


def band_of(
    bands: Sequence[Band],
    value: Decimal | None,
    *,
    target: Decimal | None = None,
    relative: bool = False,
    lower_is_better: bool = False,
) -> Band | None:
    """The band ``value`` falls in (``bands`` from the highest lower bound down). A legend
    relative to the target compares the share of the target reached; without a target or a
    value there is no band."""
    if value is None:
        return None
    if relative:
        if target is None:
            return None
        value = achievement(value, target, lower_is_better=lower_is_better)
        if value is None:
            return None
    for band in sorted(bands, key=lambda b: b.lower, reverse=True):
        if value >= band.lower:
            return band
    return None


def sparkline(
    values: Sequence[Decimal | None], *, width: int = 120, height: int = 28, pad: int = 3
) -> list[str]:
    """The polyline segments (SVG ``points`` strings) of a trend: x evenly spread, y scaled
    between the lowest and highest value (a flat line in the middle when they are equal); a
    period without a value breaks the line. Empty when there is nothing to draw."""
    known = [v for v in values if v is not None]
    if not known:
        return []
    low, high = min(known), max(known)
    span = high - low
    step = (width - 2 * pad) / max(1, len(values) - 1)
    segments: list[str] = []
    current: list[str] = []
    for i, value in enumerate(values):
        if value is None:
            if current:
                segments.append(" ".join(current))
            current = []
            continue
        x = pad + i * step
        y = height / 2 if not span else pad + float((high - value) / span) * (height - 2 * pad)
        current.append(f"{x:.1f},{y:.1f}")
    if current:
        segments.append(" ".join(current))
    return segments


@dataclass(frozen=True)
class Span:
    """A target row in use at one level: ``key`` names it, ``last`` None is open-ended."""

    key: int
    first: datetime.date
    last: datetime.date | None


@dataclass
class TargetRewrite:
    """What a new target from ``first`` to ``last`` does to the rows in use at its level:
    ``shortened`` rows end the day before it (the periods before keep their target),
    ``superseded`` rows it covers from their start are kept for the history but no longer
    used, and ``tails`` are the parts of superseded or shortened rows after ``last`` (a new row
    each, with the old value)."""

    shortened: dict[int, datetime.date]
    superseded: list[int]
    tails: list[tuple[int, datetime.date, datetime.date | None]]

    @property
    def touches(self) -> bool:
        return bool(self.shortened or self.superseded)


def target_rewrite(
    rows: Iterable[Span], *, first: datetime.date, last: datetime.date | None
) -> TargetRewrite:
    """How the rows in use at a level change when a target from ``first`` to ``last`` (None:
    open) is declared. Pure: the caller writes the rows."""
    day = datetime.timedelta(days=1)
    rewrite = TargetRewrite({}, [], [])
    for row in rows:
        overlaps = (last is None or row.first <= last) and (row.last is None or row.last >= first)
        if not overlaps:
            continue
        if row.first < first:
            rewrite.shortened[row.key] = first - day
        else:
            rewrite.superseded.append(row.key)
        if last is not None and (row.last is None or row.last > last):
            rewrite.tails.append((row.key, last + day, row.last))
    return rewrite
