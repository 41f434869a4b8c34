"""From a grid of cells to task rows: find the header row, follow group headings and merged
area/component cells, split bulleted cells into one task per bullet.

Where the task, result and implementing-unit cells of a row hold the same number of bullets,
the n-th bullets belong together; otherwise each task of the row gets the whole result and all
the units. Unit names stay text here; matching them to org units is the caller's step.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext as _

from egov.common.text import fold
from egov.directives.exceptions import ImportFileInvalid
from egov.directives.importing.bullets import bullets_split
from egov.directives.importing.files import Grid
from egov.directives.importing.units import names_split

# column key -> folded header words; the first key whose words occur wins
COLUMN_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("report_by", ("thoi han bao cao", "ngay bao cao", "han bao cao")),
    ("component", ("thanh phan",)),
    ("task", ("nhiem vu", "noi dung cong viec", "cong viec", "giai phap")),
    ("lead", ("chu tri",)),
    ("cooperate", ("phoi hop",)),
    ("deadline", ("thoi han", "thoi gian", "tien do", "han hoan thanh")),
    ("implement", ("thuc hien", "trien khai")),
    ("result", ("ket qua", "san pham", "chi tieu", "muc tieu")),
    ("area", ("chi so", "noi dung", "linh vuc", "nhom")),
)
NUMBER_HEADERS = {"tt", "stt", "so tt", "so thu tu"}
HEADER_SEARCH_ROWS = 15
_COLUMN_NUMBER = re.compile(r"^\(?\d{1,2}\)?$")
_LABEL = re.compile(r"^(?P<label>[IVXLC]+|[A-ZĐ]|\d+(?:\.\d+)*)[.)]?\s+(?P<title>\S.*)$", re.DOTALL)
_ROMAN_OR_LETTER = re.compile(r"^(?:[IVXLC]+|[A-ZĐ])$")


@dataclass
class TaskRow:
    """One task read from a table, before its unit names are matched."""

    table: int
    row: int
    groups: list[tuple[str, str]]
    content: str
    lead: list[str]
    cooperating: list[str] = field(default_factory=list)
    implementing: list[str] = field(default_factory=list)
    expected_result: str = ""
    deadline_text: str = ""
    report_by_text: str = ""
    notes: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        data = asdict(self)
        data["groups"] = [list(g) for g in self.groups]
        return data


def column_of(header: str) -> str | None:
    """The column a header cell names ("Cơ quan chủ trì" → "lead"), or None."""
    folded = fold(header)
    if folded in NUMBER_HEADERS:
        return "number"
    for key, words in COLUMN_WORDS:
        if any(word in folded for word in words):
            return key
    return None


def _mapping(cells: Sequence[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        key = column_of(cell) if cell else None
        if key and key not in found:
            found[key] = index
    return found


def _usable(mapping: dict[str, int]) -> bool:
    return "task" in mapping and bool({"lead", "implement"} & mapping.keys())


def header_find(grid: Grid) -> tuple[dict[str, int], int] | None:
    """Columns and the first data row: among the first rows, alone or joined with the row
    below (a two-level header: "Đơn vị" over "Chủ trì" | "Phối hợp"), the one naming the most
    columns, at least the task and the lead or implementing unit."""
    best: tuple[int, dict[str, int], int] | None = None
    for index, row in enumerate(grid[:HEADER_SEARCH_ROWS]):
        candidates = [(_mapping(row), index + 1)]
        if index + 1 < len(grid):
            below = list(grid[index + 1]) + [""] * len(row)
            joined = [f"{a} {b}" if b and b != a else a for a, b in zip(row, below, strict=False)]
            candidates.append((_mapping(joined), index + 2))
        for mapping, start in candidates:
            if _usable(mapping) and (best is None or len(mapping) > best[0]):
                best = (len(mapping), mapping, start)
    return (best[1], best[2]) if best else None


def _is_column_numbers(cells: Sequence[str]) -> bool:
    filled = [c for c in cells if c]
    return len(filled) >= 3 and all(_COLUMN_NUMBER.match(c) for c in filled)


def _heading(number: str, text: str) -> tuple[int, str, str]:
    """(level, label, title) of a heading row: I/A → 0, 1 → 1, 1.2 → 2."""
    label, title = number.strip(" ."), text.strip()
    found = _LABEL.match(title)
    if found and (not label or found["label"] == label):
        label, title = found["label"], found["title"].strip()
    if not label or _ROMAN_OR_LETTER.match(label):
        return 0, label, title
    return label.count(".") + 1, label, title


def _item(items: Sequence[str], n: int, count: int, whole: str) -> str:
    """The n-th item of a cell holding as many items as the row has tasks; a cell of one item
    without its bullet ("- Hoàn thành …" → "Hoàn thành …"); else the whole cell for every
    task."""
    if count > 1 and len(items) == count:
        return items[n]
    if len(items) == 1:
        return items[0]
    return whole


def _names(items: Sequence[str]) -> list[str]:
    return [name for item in items for name in names_split(item)]


class _TableReader:
    def __init__(self, grid: Grid, table: int, columns: dict[str, int]) -> None:
        self.grid, self.table, self.columns = grid, table, columns
        self.headings: list[tuple[str, str]] = []
        self.area: tuple[str, str] = ("", "")
        self.rows: list[TaskRow] = []

    def cell(self, cells: Sequence[str], key: str) -> str:
        index = self.columns.get(key)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    def read(self, start: int) -> list[TaskRow]:
        for index in range(start, len(self.grid)):
            cells = self.grid[index]
            if any(c.strip() for c in cells) and not _is_column_numbers(cells):
                self.row(index + 1, cells)
        return self.rows

    def row(self, number: int, cells: Sequence[str]) -> None:
        values = {k: self.cell(cells, k) for k in self.columns}
        texts = [v for k, v in values.items() if k != "number" and v]
        spanned = len(texts) > 1 and len(set(texts)) == 1
        units = values.get("lead") or values.get("implement") or values.get("cooperate")
        if (
            spanned
            or not values.get("task")
            or not (units or values.get("result") or values.get("deadline"))
        ):
            self.heading_row(values, texts)
            return
        if values.get("area"):
            self.area = (values.get("number", ""), values["area"])
        self.task_rows(number, values)

    def heading_row(self, values: dict[str, str], texts: list[str]) -> None:
        if not texts:
            return
        if values.get("area") and not values.get("task"):
            self.area = (values.get("number", ""), values["area"])
            return
        number = values.get("number", "")
        level, label, title = _heading("" if number == texts[0] else number, texts[0])
        self.headings = [*self.headings[:level], (label, title)]
        self.area = ("", "")

    def task_rows(self, number: int, values: dict[str, str]) -> None:
        tasks = bullets_split(values["task"])
        results = bullets_split(values.get("result", ""))
        implementing = bullets_split(values.get("implement", ""))
        leads = bullets_split(values.get("lead", ""))
        deadlines = bullets_split(values.get("deadline", ""))
        reports = bullets_split(values.get("report_by", ""))
        count = len(tasks)
        paired = count > 1
        groups = [*self.headings]
        if self.area[1]:
            groups.append(self.area)
        if values.get("component"):
            groups.append(("", values["component"]))
        for n, content in enumerate(tasks):
            lead_names = _names([leads[n]] if paired and len(leads) == count else leads)
            notes = []
            if len(lead_names) > 1:
                notes.append(_("Several lead units: the first leads, the others cooperate."))
            self.rows.append(
                TaskRow(
                    table=self.table,
                    row=number,
                    groups=groups,
                    content=content,
                    lead=lead_names[:1],
                    cooperating=lead_names[1:] + _names(bullets_split(values.get("cooperate", ""))),
                    implementing=_names(
                        [implementing[n]] if paired and len(implementing) == count else implementing
                    ),
                    expected_result=_item(results, n, count, values.get("result", "")),
                    deadline_text=_item(deadlines, n, count, values.get("deadline", "")),
                    report_by_text=_item(reports, n, count, values.get("report_by", "")),
                    notes=notes,
                )
            )


def tables_parse(grids: Sequence[Grid]) -> list[TaskRow]:
    """The task rows of every table with a recognisable header, in order."""
    rows: list[TaskRow] = []
    for table, grid in enumerate(grids, start=1):
        found = header_find(grid)
        if found:
            rows += _TableReader(grid, table, found[0]).read(found[1])
    if not rows:
        raise ImportFileInvalid(
            _(
                "No task table was found: the header row must name at least the task column "
                "(Nhiệm vụ) and the lead or implementing unit (Cơ quan chủ trì, Đơn vị thực hiện)."
            )
        )
    return rows
