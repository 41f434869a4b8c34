"""Work files over the generated documents (issue 13's scale: 1 M documents in 200,000 files).

Each issuing unit gets an approved file list per year; its documents of that year are filed,
in the order they were registered, into files of 1 to 9 documents (5 on average, so the full
run's million documents make about 200,000 files). Files of past years are closed (most) or
handed to the archive; this year's stay open. One file of the last full year holds
``BIG_FILE`` documents: the export measure's 500-document file.

Codes, search text and the online flag are computed the way the documents app computes them
(``rules_workfiles.file_code``, ``rules.search_fold``), so the pages and the archive search
read generated files exactly as they read files made through the services.
"""

from __future__ import annotations

import datetime
import random
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field

from bench.generate.sink import Sink, table_spec
from bench.generate.world import World
from egov.documents import rules
from egov.documents import rules_workfiles as wf_rules
from egov.documents.models import Document, FileList, FileListEntry, WorkFile, WorkFileItem
from egov.workdays.rules import VN_TZ

BIG_FILE = 500
HEADINGS = ("Tổng hợp, văn phòng", "Kinh tế", "Văn hóa, xã hội", "Quản lý đô thị", "Nội chính")
LIST_COLUMNS = ("id", "unit_id", "year", "status", "created_at", "approved_at", "version")
ENTRY_COLUMNS = (
    "id",
    "file_list_id",
    "heading",
    "notation",
    "title",
    "retention_years",
    "handling_unit_id",
)
FILE_COLUMNS = (
    "id",
    "unit_id",
    "handling_unit_id",
    "entry_id",
    "code",
    "year",
    "notation",
    "title",
    "retention_years",
    "status",
    "opened_on",
    "closed_on",
    "start_date",
    "end_date",
    "doc_total",
    "page_total",
    "handled_online",
    "archived_on",
    "search_text",
    "version",
)
ITEM_COLUMNS = ("id", "work_file_id", "document_id", "filed_at")


@dataclass
class Filed:
    """The documents, read once into compact arrays (the COPY needs the connection)."""

    ids: array = field(default_factory=lambda: array("q"))
    online: array = field(default_factory=lambda: array("b"))


@dataclass
class WorkFilePlan:
    """What the runs need: a big file for the export, and how many of each were written."""

    big_file_id: int | None = None
    files: int = 0
    items: int = 0
    lists: int = 0


def _documents() -> dict[tuple[int, int], Filed]:
    """Every document's id, unit, year and whether it came in or went out electronically,
    grouped by (unit, year), in id order."""
    groups: dict[tuple[int, int], Filed] = {}
    rows = (
        Document.objects.order_by("pk")
        .values_list("pk", "unit_id", "year", "channel", "direction")
        .iterator(chunk_size=20_000)
    )
    for pk, unit_id, year, channel, direction in rows:
        group = groups.setdefault((unit_id, year), Filed())
        group.ids.append(pk)
        group.online.append(direction == "outgoing" or channel != "paper")
    return groups


def _chunks(rng: random.Random, ids: array, big: bool) -> Iterator[tuple[int, int]]:
    """(start, end) slices of a unit-year's documents: 1–9 documents each, and first a
    ``BIG_FILE`` slice when ``big``."""
    start = 0
    if big and len(ids) >= BIG_FILE:
        yield 0, BIG_FILE
        start = BIG_FILE
    while start < len(ids):
        end = min(len(ids), start + rng.randint(1, 9))
        yield start, end
        start = end


def _big_group(groups: dict[tuple[int, int], Filed], year: int) -> tuple[int, int] | None:
    """The (unit, year) whose documents start with the export measure's ``BIG_FILE`` slice:
    the unit with the most documents up to ``year``. When no unit registered that many in one
    year (1 M documents over some 5,000 units make about 200 a unit-year), the unit's latest
    documents of earlier years join it: one long-running matter filed in ``year``."""
    totals: dict[int, int] = {}
    for (unit_id, y), group in groups.items():
        if y <= year:
            totals[unit_id] = totals.get(unit_id, 0) + len(group.ids)
    if not totals or max(totals.values()) < BIG_FILE:
        return None
    unit_id = max(totals, key=lambda u: (totals[u], -u))
    key = (unit_id, year)
    target = groups.setdefault(key, Filed())
    if len(target.ids) >= BIG_FILE:
        return key
    pairs = [
        (pk, online)
        for (u, y), group in groups.items()
        if u == unit_id and y <= year
        for pk, online in zip(group.ids, group.online, strict=True)
    ]
    pairs.sort()
    big = dict(pairs[-BIG_FILE:])
    for (u, y), group in list(groups.items()):
        if u == unit_id and y <= year and (u, y) != key:
            kept = [(pk, o) for pk, o in zip(group.ids, group.online, strict=True) if pk not in big]
            group.ids = array("q", [p for p, _ in kept])
            group.online = array("b", [o for _, o in kept])
    rest = [(pk, o) for pk, o in zip(target.ids, target.online, strict=True) if pk not in big]
    target.ids = array("q", list(big) + [p for p, _ in rest])
    target.online = array("b", list(big.values()) + [o for _, o in rest])
    return key


def workfiles_create(
    sink: Sink, world: World, rng: random.Random, until: datetime.date
) -> WorkFilePlan:
    """Write file lists, entries, work files and their items over every generated document."""
    groups = _documents()
    plan = WorkFilePlan()
    ids = {m: sink.next_id(m) for m in (FileList, FileListEntry, WorkFile, WorkFileItem)}
    last_full_year = until.year - 1
    big_group = _big_group(groups, last_full_year)
    lists, entries, files, items = [], [], [], []
    for (unit_id, year), group in sorted(groups.items()):
        approved = datetime.datetime(year, 1, 5, 9, 0, tzinfo=VN_TZ)
        list_id = ids[FileList] + len(lists)
        lists.append((list_id, unit_id, year, "approved", approved, approved, 2))
        agency = world.agency_code(unit_id)
        for n, (a, b) in enumerate(_chunks(rng, group.ids, (unit_id, year) == big_group), 1):
            entry_id, file_id = ids[FileListEntry] + len(entries), ids[WorkFile] + len(files)
            if b - a == BIG_FILE and plan.big_file_id is None:
                plan.big_file_id = file_id
            notation = f"HS-{n:05d}"
            heading = HEADINGS[n % len(HEADINGS)]
            title = f"Hồ sơ {heading.lower()} số {n} năm {year}"
            retention = None if n % 10 == 0 else rng.choice((5, 10, 20))
            entries.append((entry_id, list_id, heading, notation, title, retention, unit_id))
            code = wf_rules.file_code(agency, year, notation)
            start, end = datetime.date(year, 1, 2), datetime.date(year, 12, 28)
            if year >= until.year:
                status, closed, archived, online = "open", None, None, None
            else:
                status = "archived" if year < until.year - 2 and n % 3 else "closed"
                closed = end
                archived = datetime.date(year + 1, 6, 30) if status == "archived" else None
                online = all(group.online[a:b])
            files.append(
                (
                    file_id,
                    unit_id,
                    unit_id,
                    entry_id,
                    code,
                    year,
                    notation,
                    title,
                    retention,
                    status,
                    start,
                    closed,
                    start if closed else None,
                    end if closed else None,
                    b - a if closed else 0,
                    (b - a) * 2 if closed else 0,
                    online,
                    archived,
                    rules.search_fold(f"{code} {title} {heading}"),
                    1,
                )
            )
            filed_at = datetime.datetime(year, 12, 28, 16, 0, tzinfo=VN_TZ)
            for position in range(a, b):
                items.append(
                    (ids[WorkFileItem] + len(items), file_id, group.ids[position], filed_at)
                )
    sink.copy(table_spec(FileList, LIST_COLUMNS), lists)
    sink.copy(table_spec(FileListEntry, ENTRY_COLUMNS), entries)
    sink.copy(table_spec(WorkFile, FILE_COLUMNS), files)
    sink.copy(table_spec(WorkFileItem, ITEM_COLUMNS), items)
    plan.lists, plan.files, plan.items = len(lists), len(files), len(items)
    return plan
