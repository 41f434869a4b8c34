"""Reading and checking the rows of a legacy dossier file (CSV or XLSX) for
:mod:`egov.onestop.services.dossier_import`. Nothing is written here.

One row is one closed dossier of an earlier one-stop system. Columns (the header row names
them; order does not matter):

``code`` (the dossier code, unique), ``procedure_code``, ``procedure_version`` (optional: the
latest published version otherwise), ``channel`` (direct / online / postal, or the national
portal's 1 / 2 / 3), ``status`` (returned, result_ready, refused, withdrawn, stopped),
``applicant_kind`` (person / organisation, default person), ``applicant_name``,
``applicant_id_number``, ``applicant_phone``, ``applicant_email``, ``applicant_address``,
``competent_unit`` and ``receiving_unit`` (an electronic identifier code such as
``000.00.20.H26`` or an administrative-unit code such as ``00001``; the receiving desk defaults
to the competent unit's desk), ``received_at``, ``due_at``, ``finished_at``, ``returned_at``
(``2021-03-04 09:15``, ISO 8601 or ``04/03/2021 09:15``; local time unless an offset is given),
``timeliness`` (early / on_time / late; computed from ``finished_at`` and ``due_at`` when
empty), ``result_note``.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from egov.common.tables import TableUnreadable, csv_rows, sheet_rows, xlsx_open
from egov.onestop.choices import ApplicantKind, Channel, DossierStatus
from egov.workdays.rules import VN_TZ
from egov.workflow.choices import Timeliness

COLUMNS = (
    "code",
    "procedure_code",
    "procedure_version",
    "channel",
    "status",
    "applicant_kind",
    "applicant_name",
    "applicant_id_number",
    "applicant_phone",
    "applicant_email",
    "applicant_address",
    "competent_unit",
    "receiving_unit",
    "received_at",
    "due_at",
    "finished_at",
    "returned_at",
    "timeliness",
    "result_note",
)
REQUIRED_COLUMNS = (
    "code",
    "procedure_code",
    "channel",
    "status",
    "applicant_name",
    "applicant_id_number",
    "competent_unit",
)
# Closed dossiers only: an open one needs its processing (a workflow instance) and is received
# again at the desk instead.
IMPORTABLE_STATUSES = (
    DossierStatus.RETURNED,
    DossierStatus.RESULT_READY,
    DossierStatus.REFUSED,
    DossierStatus.WITHDRAWN,
    DossierStatus.STOPPED,
)
# A legacy file may hold a million rows (its upload is up to 200 MB): the workbook is read
# streamed, so only a zip bomb's ratio is refused.
MAX_UNPACKED_BYTES = 4 * 1024 * 1024 * 1024
# Sets read once: ``Choices.values`` builds a new list at every call (a million rows...).
CHANNELS = frozenset(Channel.values)
APPLICANT_KINDS = frozenset(ApplicantKind.values)
GRADES = frozenset(Timeliness.values)
CHANNEL_CODES = {"1": Channel.DIRECT, "2": Channel.ONLINE, "3": Channel.POSTAL}
CODE_RE = re.compile(r"^[A-Z0-9][A-Z0-9.\-]{5,39}$")
_VN_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
LIMITS = {
    "applicant_name": 200,
    "applicant_id_number": 14,
    "applicant_phone": 15,
    "applicant_address": 300,
    "result_note": 4000,
}


@dataclass(frozen=True)
class RowError:
    """One problem of the file: the row (1 = the header), the column and what is wrong."""

    row: int
    field: str
    message: str


class FileProblem(Exception):
    """The file cannot be read at all (not CSV/XLSX, no header, missing columns)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _xlsx_rows(content: bytes) -> Iterator[list[Any]]:
    book = xlsx_open(content, max_unpacked=MAX_UNPACKED_BYTES)
    try:
        for values in sheet_rows(book.worksheets[0]):
            yield ["" if v is None else v for v in values]
    finally:
        book.close()


def _rows(content: bytes, format: str) -> Iterator[list[Any]]:
    try:
        yield from _xlsx_rows(content) if format == "xlsx" else csv_rows(content)
    except TableUnreadable as error:
        raise FileProblem(error.message) from error


def rows_read(content: bytes, format: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """(row number, {column: value}) of every non-empty row after the header."""
    reader = _rows(content, format)
    header = next(reader, None)
    if header is None:
        raise FileProblem(_("The file is empty."))
    names = [str(h).strip().lower() for h in header]
    missing = [c for c in REQUIRED_COLUMNS if c not in names]
    if missing:
        raise FileProblem(_("Columns missing: %(names)s.") % {"names": ", ".join(missing)})
    keep = [(i, n) for i, n in enumerate(names) if n in COLUMNS]
    for number, values in enumerate(reader, start=2):
        if not any(str(v).strip() for v in values):
            continue
        yield number, {n: values[i] if i < len(values) else "" for i, n in keep}


def moment_parse(value: Any) -> datetime.datetime | None:
    """A moment from a cell: empty → None; naive values are local time (Asia/Ho_Chi_Minh)."""
    if isinstance(value, datetime.datetime):
        moment = value
    elif isinstance(value, datetime.date):
        moment = datetime.datetime(value.year, value.month, value.day, tzinfo=VN_TZ)
    else:
        text = str(value).strip()
        if not text:
            return None
        match = _VN_DATE.match(text)
        if match:
            day, month, year, hour, minute, second = match.groups()
            moment = datetime.datetime(
                int(year),
                int(month),
                int(day),
                int(hour or 0),
                int(minute or 0),
                int(second or 0),
                tzinfo=VN_TZ,
            )
        else:
            moment = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment.replace(tzinfo=VN_TZ) if moment.tzinfo is None else moment


def timeliness_of(finished: datetime.datetime, due: datetime.datetime) -> str:
    """The workflow's grade (``workflow.rules.timeliness_grade``, local days)."""
    if finished > due:
        return Timeliness.LATE
    if finished.astimezone(VN_TZ).date() == due.astimezone(VN_TZ).date():
        return Timeliness.ON_TIME
    return Timeliness.EARLY


@dataclass
class CleanRow:
    """A checked row, ready to be written."""

    row: int
    code: str
    procedure_id: int
    channel: str
    status: str
    applicant_kind: str
    applicant_name: str
    applicant_id_number: str
    applicant_phone: str
    applicant_email: str
    applicant_address: str
    competent_unit_id: int
    receiving_unit_id: int | None
    received_at: datetime.datetime | None
    due_at: datetime.datetime | None
    finished_at: datetime.datetime | None
    returned_at: datetime.datetime | None
    timeliness: str
    result_note: str


def text_fields(values: Mapping[str, Any], errors: list[RowError], row: int) -> dict[str, str]:
    """The text columns, trimmed and checked for length, e-mail and choices."""
    out = {name: str(values.get(name, "") or "").strip() for name in COLUMNS}
    for name, limit in LIMITS.items():
        if len(out[name]) > limit:
            errors.append(RowError(row, name, _("At most %(n)s characters.") % {"n": limit}))
    for name in ("applicant_name", "applicant_id_number"):
        if not out[name]:
            errors.append(RowError(row, name, _("Required.")))
    if out["applicant_email"]:
        try:
            validate_email(out["applicant_email"])
        except ValidationError:
            errors.append(RowError(row, "applicant_email", _("Enter a valid e-mail address.")))
    out["channel"] = CHANNEL_CODES.get(out["channel"], out["channel"].lower())
    if out["channel"] not in CHANNELS:
        errors.append(RowError(row, "channel", _("Use direct, online or postal (or 1, 2, 3).")))
    out["applicant_kind"] = out["applicant_kind"].lower() or ApplicantKind.PERSON
    if out["applicant_kind"] not in APPLICANT_KINDS:
        errors.append(RowError(row, "applicant_kind", _("Use person or organisation.")))
    out["code"] = out["code"].upper()
    if not CODE_RE.match(out["code"]):
        errors.append(
            RowError(
                row,
                "code",
                _("Not a dossier code (letters, digits, dots and hyphens, 6 to 40 characters)."),
            )
        )
    out["status"] = out["status"].lower()
    if out["status"] not in IMPORTABLE_STATUSES:
        errors.append(
            RowError(
                row,
                "status",
                _(
                    "Only closed dossiers are imported (returned, result_ready, refused, "
                    "withdrawn, stopped); receive an open dossier at the desk."
                ),
            )
        )
    out["timeliness"] = out["timeliness"].lower()
    if out["timeliness"] and out["timeliness"] not in GRADES:
        errors.append(RowError(row, "timeliness", _("Use early, on_time or late.")))
    return out
