"""The indicator definitions and their targets as a workbook (issue 23: definitions and targets
are data, imported and exported with history). Reading and checking only; the writes are in
``services_definitions``.

The workbook has two sheets, in this order:

* **indicators**: code, name, kind (``rate`` or ``score``), numerator figure, denominator
  figure (each a figure a module declares, ``egov.common.figures``), unit of measure, direction
  (``higher`` / ``lower``), Decision 766 group (1–5, for a score), full points, full points at
  (%), the legal source that sets it, confidence (``high`` / ``medium`` / ``low``), how it is
  measured;
* **targets**: indicator code, indicator name (not read), level (blank for every level), from,
  until (a date ``dd/mm/yyyy`` or a year: from 2025 is 01/01/2025, until 2025 is 31/12/2025),
  target, the source that sets it.

Every row is checked on its own and each problem is named with its sheet and line; a workbook
with any problem is refused as a whole. Of the targets of an indicator at a level, a later start
wins: each ends, at the latest, the day before the next one starts.
"""

from __future__ import annotations

import datetime
import itertools
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from dateutil import parser as dateutil_parser
from django.db.models import TextChoices
from django.utils.translation import gettext as _

from egov.common.figures import figures_registered
from egov.common.tables import Sheet, sheet_rows, xlsx_open, xlsx_write
from egov.dashboards.choices import Confidence, Direction, Group766, IndicatorKind
from egov.dashboards.models import Indicator, IndicatorSet, Target
from egov.orgs.choices import Level

INDICATORS, TARGETS = "indicators", "targets"
CODE_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
FIGURE_RE = re.compile(r"^[a-z_][a-z0-9_]*\.[a-z0-9_]+$")
MAX_ROWS = 2000
TWO_PLACES = Decimal("0.01")
ONE_DAY = datetime.timedelta(days=1)


def indicator_head() -> list[str]:
    return [
        _("Code"),
        _("Name"),
        _("Kind (rate, score)"),
        _("Numerator figure"),
        _("Denominator figure"),
        _("Unit of measure"),
        _("Direction (higher, lower)"),
        _("Decision 766 group (1–5)"),
        _("Full points"),
        _("Full points at (%)"),
        _("Set by (legal source)"),
        _("Confidence (high, medium, low)"),
        _("How it is measured"),
    ]


def target_head() -> list[str]:
    return [
        _("Indicator code"),
        _("Indicator"),
        _("Level (blank: every level; province, district, commune)"),
        _("From (dd/mm/yyyy or year)"),
        _("Until (dd/mm/yyyy or year, blank: open)"),
        _("Target"),
        _("Set by"),
    ]


def _day_text(day: datetime.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def definitions_xlsx(indicator_set: IndicatorSet | None) -> bytes:
    """The definitions of ``indicator_set`` and the targets in use, as the workbook the import
    reads back (sending it back unchanged changes nothing)."""
    indicators: list[list[Any]] = [indicator_head()]
    targets: list[list[Any]] = [target_head()]
    if indicator_set is not None:
        for i in Indicator.objects.filter(indicator_set=indicator_set).order_by("order", "code"):
            indicators.append(
                [
                    i.code,
                    i.name,
                    i.kind,
                    i.numerator,
                    i.denominator,
                    i.unit_of_measure,
                    i.direction,
                    i.group,
                    float(i.points) if i.points is not None else None,
                    float(i.full_at),
                    i.source,
                    i.confidence,
                    i.note,
                ]
            )
        rows = Target.objects.in_use().filter(indicator__indicator_set=indicator_set)
        for t in rows.select_related("indicator").order_by(
            "indicator__order", "indicator__code", "level", "valid_from"
        ):
            targets.append(
                [
                    t.indicator.code,
                    t.indicator.name,
                    t.level,
                    _day_text(t.valid_from),
                    _day_text(t.valid_to),
                    float(t.value),
                    t.source,
                ]
            )
    widths = {"B": 50, "K": 40, "M": 50}
    return xlsx_write(
        [
            Sheet(INDICATORS, indicators, widths=widths),
            Sheet(TARGETS, targets, widths={"B": 50, "G": 40}),
        ]
    )


# --- reading ----------------------------------------------------------------------------------


@dataclass
class Read:
    """What a workbook says: the checked rows (JSON-ready: dates in ISO form, numbers as
    text) and the problems, each ``{"sheet", "line", "message"}``."""

    indicators: list[dict[str, Any]] = field(default_factory=list)
    targets: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)

    def refuse(self, sheet: str, line: int, message: str) -> None:
        self.errors.append({"sheet": sheet, "line": line, "message": message})


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _choice(value: str, choices: type[TextChoices]) -> str | None:
    """The code of a choice written as its code or its (translated) label; None if neither."""
    wanted = value.strip().casefold()
    for code, label in choices.choices:
        if wanted in (str(code).casefold(), str(label).casefold()):
            return str(code)
    return None


def _decimal(value: Any) -> Decimal:
    """A number typed in a cell (a comma or a point before the decimals); ValueError if not."""
    text = _text(value).replace(" ", "").replace("%", "").replace(",", ".")
    try:
        number = Decimal(text).quantize(TWO_PLACES)
    except InvalidOperation as exc:
        raise ValueError(text) from exc
    if not number.is_finite():
        raise ValueError(text)
    return number


def _day(value: Any, *, end: bool) -> datetime.date | None:
    """A date cell, a date written as text (day first) or a year (its first or last day)."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _text(value)
    if re.fullmatch(r"\d{4}", text):
        year = int(text)
        if not 1900 <= year <= 2200:
            raise ValueError(text)
        return datetime.date(year, 12, 31) if end else datetime.date(year, 1, 1)
    try:
        return dateutil_parser.parse(text, dayfirst=True).date()
    except (OverflowError, ValueError) as exc:
        raise ValueError(text) from exc


def _kept(indicator: Indicator | None, name: str, default: Any) -> Any:
    return default if indicator is None else getattr(indicator, name)


def _cells(row: tuple[Any, ...], width: int) -> list[Any]:
    return [*row, *[None] * width][:width]


def _blank(row: tuple[Any, ...]) -> bool:
    return not any(_text(cell) for cell in row)


def _figure_problem(
    code: str, known: Indicator | None, attribute: str, figures: set[str]
) -> str | None:
    if not code:
        return _("the figure is required.")
    if not FIGURE_RE.match(code):
        return _("“%(figure)s” is not a figure code (module.name).") % {"figure": code}
    kept = known is not None and getattr(known, attribute) == code
    if code not in figures and not kept:
        return _("no module declares the figure “%(figure)s”.") % {"figure": code}
    return None


def _indicator_row(
    line: int, row: tuple[Any, ...], known: dict[str, Indicator], figures: set[str], read: Read
) -> None:
    cells = _cells(row, 13)
    code, name, kind, num, den, unit, direction, group = (_text(c) for c in cells[:8])
    points, full_at = cells[8], cells[9]
    source, confidence, note = (_text(c) for c in cells[10:])
    code = code.lower()
    problems: list[str] = []
    parsed: dict[str, Any] = {"line": line, "code": code, "name": name[:300], "note": note}
    if not CODE_RE.match(code):
        problems.append(
            _("the code must be 1 to 40 lower-case letters, digits or hyphens (read “%(code)s”).")
            % {"code": code}
        )
    if not name:
        problems.append(_("the name is required."))
    elif len(name) > 300:
        problems.append(_("the name is longer than 300 characters."))
    before = known.get(code)  # a blank cell keeps what the indicator has (or the default)
    parsed["kind"] = _choice(kind, IndicatorKind) if kind else _kept(before, "kind", "rate")
    if parsed["kind"] is None:
        problems.append(_("the kind must be rate or score."))
    for column, value, attribute in (
        (_("numerator"), num, "numerator"),
        (_("denominator"), den, "denominator"),
    ):
        problem = _figure_problem(value, before, attribute, figures)
        if problem:
            problems.append(f"{column}: {problem}")
        parsed[attribute] = value
    is_score = parsed["kind"] == IndicatorKind.SCORE
    parsed["unit_of_measure"] = unit[:20] or _kept(before, "unit_of_measure", "")
    parsed["unit_of_measure"] = parsed["unit_of_measure"] or ("điểm" if is_score else "%")
    parsed["direction"] = (
        _choice(direction, Direction) if direction else _kept(before, "direction", "higher")
    )
    if parsed["direction"] is None:
        problems.append(_("the direction must be higher or lower."))
    parsed["group"] = group
    if group and group not in Group766.values:
        problems.append(_("the Decision 766 group must be 1, 2, 3, 4 or 5."))
    parsed["points"] = None
    if _text(points):
        try:
            value = _decimal(points)
            if not Decimal(0) < value <= Decimal(100):
                raise ValueError(value)
            parsed["points"] = str(value)
        except ValueError:
            problems.append(_("the full points are a number above 0 and at most 100."))
    if is_score and (not group or parsed["points"] is None):
        problems.append(_("a score needs its Decision 766 group and its full points."))
    parsed["full_at"] = str(_kept(before, "full_at", "100.00"))
    if _text(full_at):
        try:
            value = _decimal(full_at)
            if not Decimal("0.01") <= value <= Decimal(100):
                raise ValueError(value)
            parsed["full_at"] = str(value)
        except ValueError:
            problems.append(_("full points at is a percentage above 0 and at most 100."))
    if not source:
        problems.append(_("the legal source that sets the indicator is required."))
    parsed["source"] = source[:300]
    parsed["confidence"] = (
        _choice(confidence, Confidence) if confidence else _kept(before, "confidence", "medium")
    )
    if parsed["confidence"] is None:
        problems.append(_("the confidence must be high, medium or low."))
    for problem in problems:
        read.refuse(INDICATORS, line, problem)
    if not problems:
        read.indicators.append(parsed)


def _target_row(
    line: int, row: tuple[Any, ...], units: dict[str, str], read: Read
) -> dict[str, Any] | None:
    code, _name, level, first, last, value, source = _cells(row, 7)
    code, level_text = _text(code).lower(), _text(level)
    problems: list[str] = []
    parsed: dict[str, Any] = {"line": line, "code": code, "source": _text(source)[:300]}
    if code not in units:
        problems.append(_("no indicator has the code “%(code)s”.") % {"code": code})
    parsed["level"] = _choice(level_text, Level) if level_text else ""
    if parsed["level"] is None:
        problems.append(_("the level must be blank, province, district or commune."))
    try:
        begins, ends = _day(first, end=False), _day(last, end=True)
        if begins is None:
            raise ValueError
    except ValueError:
        problems.append(_("write the dates as dd/mm/yyyy or a year (from is required)."))
    else:
        if ends and ends < begins:
            problems.append(_("the target ends before it starts."))
        parsed["valid_from"] = begins.isoformat()
        parsed["valid_to"] = ends.isoformat() if ends else None
    try:
        number = _decimal(value)
        percent = units.get(code, "%") == "%"
        if number < 0 or number > (Decimal(100) if percent else Decimal("99999.99")):
            raise ValueError(number)
        parsed["value"] = str(number)
    except ValueError:
        problems.append(_("the target is a number from 0 to 100 for a percentage."))
    for problem in problems:
        read.refuse(TARGETS, line, problem)
    return None if problems else parsed


def _end_before_next(targets: list[dict[str, Any]]) -> None:
    """A later start wins: a target of an indicator and level ends, at the latest, the day
    before the next one of the workbook starts (so adding "from 2026: 60 %" below the row in
    force closes that row at the end of 2025)."""
    timelines: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row in targets:
        timelines.setdefault((row["code"], row["level"]), []).append(row)
    for rows in timelines.values():
        rows.sort(key=lambda r: r["valid_from"])
        for row, following in itertools.pairwise(rows):
            day_before = datetime.date.fromisoformat(following["valid_from"]) - ONE_DAY
            if row["valid_to"] is None or row["valid_to"] > day_before.isoformat():
                row["valid_to"] = day_before.isoformat()


def definitions_read(content: bytes, *, indicator_set: IndicatorSet) -> Read:
    """Check every row of an uploaded workbook against the set it is for. The file must have
    passed the intake (``common.files``); an unreadable workbook raises ``TableUnreadable``."""
    known = {i.code: i for i in Indicator.objects.filter(indicator_set=indicator_set)}
    figures = set(figures_registered())
    read = Read()
    book = xlsx_open(content)
    try:
        sheets = book.worksheets
        grids = [list(sheet_rows(sheet))[1 : MAX_ROWS + 2] for sheet in sheets[:2]]
    finally:
        book.close()
    if len(grids) < 2:
        read.refuse(TARGETS, 0, _("the workbook must have two sheets: indicators, then targets."))
        return read
    seen: dict[str, int] = {}
    for line, row in enumerate(grids[0], start=2):
        if _blank(row):
            continue
        code = _text(_cells(row, 1)[0]).lower()
        if code in seen:
            read.refuse(
                INDICATORS, line, _("the code is already on line %(line)s.") % {"line": seen[code]}
            )
            continue
        seen[code] = line
        _indicator_row(line, row, known, figures, read)
    units = {code: i.unit_of_measure for code, i in known.items()}
    units.update({r["code"]: r["unit_of_measure"] for r in read.indicators})
    units.update({code: "%" for code in seen if code not in units})  # refused rows above
    starts: dict[tuple[str, str, str], int] = {}
    for line, row in enumerate(grids[1], start=2):
        if _blank(row):
            continue
        parsed = _target_row(line, row, units, read)
        if parsed is None:
            continue
        key = (parsed["code"], parsed["level"], parsed["valid_from"])
        if key in starts:
            read.refuse(
                TARGETS,
                line,
                _("another target of the same level starts on the same day, on line %(line)s.")
                % {"line": starts[key]},
            )
            continue
        starts[key] = line
        read.targets.append(parsed)
    _end_before_next(read.targets)
    if not read.errors and not read.indicators and not read.targets:
        read.refuse(INDICATORS, 0, _("the workbook has no indicator and no target rows."))
    return read
