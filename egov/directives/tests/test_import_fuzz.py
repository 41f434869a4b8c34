"""Fuzzing the task-table import: a workbook, a CSV or a Word table with any cells, or the
bytes of one mutated, becomes an import (its unreadable parts listed to resolve) or a
:class:`DomainError` with a message; no other exception reaches the upload page."""

from __future__ import annotations

import datetime
from decimal import Decimal
from functools import cache

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from egov.common.exceptions import DomainError
from egov.common.testing import files as samples
from egov.common.testing.fuzz import fuzz_settings, mutated
from egov.directives.importing.files import _text
from egov.directives.models import TaskImport
from egov.directives.services import task_import_create
from egov.directives.tests.tables import ROWS, csv_bytes, docx_bytes, xlsx_bytes

DEADLINES = st.sampled_from(
    ["Quý IV/2026", "Tháng 13/2026", "31/02/2026", "Hằng tháng", "Trước ngày 0", "9" * 30, ""]
)
UNITS = st.sampled_from(
    ["Sở TT&TT", "UBND các quận, huyện, thị xã", "- Sở Nội vụ\n- ", "Phòng Văn hóa", "—", ""]
)
CELLS = st.one_of(
    st.text(max_size=60).map(lambda t: ILLEGAL_CHARACTERS_RE.sub("", t)),
    DEADLINES,
    UNITS,
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True, allow_infinity=False),
    st.dates(datetime.date(1900, 1, 1), datetime.date(2200, 12, 31)),
    st.none(),
)
pytestmark = pytest.mark.django_db
TABLES = st.lists(st.lists(CELLS, min_size=0, max_size=10), min_size=0, max_size=8)


@cache
def seeds() -> list[bytes]:
    return [xlsx_bytes(), csv_bytes(), docx_bytes()]


def _upload(office, directive, content: bytes, name: str) -> None:
    try:
        imported = task_import_create(
            actor=office, document=directive, file_name=name, content=content
        )
    except DomainError as refused:
        assert refused.message
    else:
        assert isinstance(imported, TaskImport)


@fuzz_settings(examples=25)
@given(header=st.booleans(), rows=TABLES)
def test_workbooks_of_any_cells_are_imported_or_refused(world, office, directive, header, rows):
    content = xlsx_bytes(rows, merges=()) if header else samples.xlsx(rows or [[None]])
    _upload(office, directive, content, "bang.xlsx")


@fuzz_settings(examples=20)
@given(rows=TABLES)
def test_csv_tables_of_any_cells_are_imported_or_refused(world, office, directive, rows):
    table = [[("" if c is None else str(c)) for c in row] for row in rows]
    _upload(office, directive, csv_bytes(table), "bang.csv")


@fuzz_settings(examples=25)
@given(data=st.data())
def test_mutated_task_tables_are_imported_or_refused(world, office, directive, data):
    content = data.draw(mutated(seeds()))
    _upload(office, directive, content, data.draw(st.sampled_from(["a.xlsx", "a.csv", "a.docx"])))


def test_the_seeds_are_real_task_tables(world, office, directive):
    assert len(ROWS) > 1
    for content, name in zip(seeds(), ("a.xlsx", "a.csv", "a.docx"), strict=True):
        assert task_import_create(actor=office, document=directive, file_name=name, content=content)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (float("inf"), "inf"),
        (float("-inf"), "-inf"),
        (float("nan"), "nan"),
        (Decimal("Infinity"), "Infinity"),
        (Decimal("NaN"), "NaN"),
        (2.5, "2.5"),
        (3.0, "3"),
        (Decimal("4.000"), "4"),
    ],
)
def test_a_number_cell_that_is_not_whole_is_read_as_it_is(value, text):
    """Infinity and NaN made ``int()`` raise (found by the workbook fuzz test)."""
    assert _text(value) == text
