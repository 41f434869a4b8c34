"""Importing the closed dossiers of a legacy one-stop system from a CSV or XLSX file, all or
nothing (``egov import_dossiers <file>``).

Every row is read and checked first (procedure code and version, unit codes, dates and their
order, status and what it requires, unique dossier codes in the file and in the database); if
any row is wrong, nothing is written and the report lists every problem by row and column.
Otherwise the rows are written in one transaction: PostgreSQL ``COPY`` (SQLite: bulk INSERTs),
with a refusal form (Form 03, or the refusal after appraisal) for refused dossiers so that the
figures count them, then one audit entry for the import, and a refresh of the figures of the
days the rows touch once the transaction commits. The columns are described in
:mod:`egov.onestop.services.dossier_import_rows`.

Imported dossiers have no processing history (no workflow instance): the legacy system's
control sheets stay there. Their public status look-up works like any other dossier's.
"""

from __future__ import annotations

import datetime
import hashlib
import itertools
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import IO, Any

from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from egov.audit.services import event_record
from egov.common.exceptions import PermissionDenied
from egov.common.files import CSV, XLSX, FileRefused, accepting, file_check
from egov.common.progress import READ, WRITE, ProgressCallback, counted
from egov.common.text import fold
from egov.onestop.choices import AuditAction, DossierStatus, NoticeKind
from egov.onestop.models import Dossier, DossierNotice, Procedure, RuleSet
from egov.onestop.services.dossier_import_rows import (
    CleanRow,
    FileProblem,
    RowError,
    moment_parse,
    rows_read,
    text_fields,
    timeliness_of,
)
from egov.orgs.access import reach_of
from egov.orgs.choices import Role, UnitKind
from egov.orgs.levels import level_of
from egov.orgs.models import OrgUnit
from egov.workdays.rules import VN_TZ

logger = logging.getLogger(__name__)
MAX_BYTES = 200 * 1024 * 1024
INTAKE = {
    "csv": accepting({CSV}, gettext_lazy("The file is not a CSV table.")),
    "xlsx": accepting({XLSX}, gettext_lazy("The file is not an Excel workbook (.xlsx).")),
}
MAX_ERRORS = 10_000
DATES_REQUIRED = {
    DossierStatus.RETURNED: ("received_at", "finished_at", "returned_at"),
    DossierStatus.RESULT_READY: ("received_at", "finished_at"),
    DossierStatus.STOPPED: ("received_at", "finished_at"),
    DossierStatus.REFUSED: ("finished_at",),
    DossierStatus.WITHDRAWN: (),
}
COPY_COLUMNS = (
    "code",
    "procedure_id",
    "ruleset_id",
    "channel",
    "status",
    "applicant_kind",
    "applicant_name",
    "applicant_id_number",
    "applicant_phone",
    "applicant_email",
    "applicant_address",
    "form_data",
    "prefilled",  # NOT NULL without a database default: COPY must name it
    "copies_count",
    "receiving_unit_id",
    "competent_unit_id",
    "created_at",
    "submitted_at",
    "received_at",
    "due_at",
    "calendar_version",
    "finished_at",
    "returned_at",
    "timeliness",
    "result_note",
    "search_text",
    "version",
    "idempotency_request_hash",  # NOT NULL without a database default: COPY must name it
)


@dataclass(frozen=True)
class DossierImportReport:
    """``created`` rows, or the problems found (then nothing was written)."""

    created: int = 0
    errors: tuple[RowError, ...] = ()
    error_count: int = 0

    @property
    def is_ok(self) -> bool:
        return not self.errors


def _require_admin(actor: Any) -> None:
    """The system (``actor=None``: the command line) or a system administrator."""
    if actor is not None and reach_of(actor, roles=[Role.SYSTEM_ADMIN]).is_empty:
        raise PermissionDenied(_("Only a system administrator imports legacy dossiers."))


class _Lookups:
    """Procedures, units and desks, read once for the whole file."""

    def __init__(self) -> None:
        self.procedures: dict[tuple[str, int | None], Procedure] = {}
        for p in Procedure.objects.filter(is_active=True).order_by("code", "version"):
            self.procedures[(p.code, p.version)] = p
            self.procedures[(p.code, None)] = p  # the latest published version
        self.folded = {p.pk: fold(f"{p.code} {p.name}") for p in self.procedures.values()}
        self.units: dict[str, list[OrgUnit]] = {}
        self.tree = {u.pk: u for u in OrgUnit.objects.all()}
        for unit in self.tree.values():
            if not unit.is_active:
                continue
            for key in {unit.agency_code, unit.admin_code} - {""}:
                self.units.setdefault(key, []).append(unit)
        self.desk_units = sorted(
            (u for u in self.tree.values() if u.kind == UnitKind.ONE_STOP_DESK and u.is_active),
            key=lambda d: (-self.tree[d.parent_id].depth if d.parent_id else 0, d.path),
        )
        self.desks: dict[int, int | None] = {}
        self.levels: dict[int, str | None] = {}
        self.rulesets = list(RuleSet.objects.order_by("effective_from"))
        self.names: dict[str, str] = {}

    def unit(self, code: str, row: int, field: str, errors: list[RowError]) -> OrgUnit | None:
        found = self.units.get(code, [])
        if len(found) == 1:
            return found[0]
        message = (
            _("No unit has the code %(code)s.")
            if not found
            else _("Several units have the code %(code)s; use the identifier code.")
        )
        errors.append(RowError(row, field, message % {"code": code}))
        return None

    def desk(self, unit: OrgUnit) -> int | None:
        """``online.receiving_desk_for`` over the tree read once: the desk right under the
        unit or under its nearest ancestor (None when there is none)."""
        if unit.pk not in self.desks:
            ancestors = set(unit.ancestor_ids())
            found = next((d for d in self.desk_units if d.parent_id in ancestors), None)
            self.desks[unit.pk] = found.pk if found else None
        return self.desks[unit.pk]

    def level(self, unit: OrgUnit) -> str | None:
        """``orgs.levels.level_of`` over the tree read once."""
        if unit.pk not in self.levels:
            ancestors = [self.tree[i] for i in unit.ancestor_ids() if i in self.tree]
            self.levels[unit.pk] = level_of(unit, ancestors)
        return self.levels[unit.pk]

    def ruleset_id(self, moment: datetime.datetime | None) -> int | None:
        if moment is None:
            return None
        day = moment.astimezone(VN_TZ).date()
        for ruleset in self.rulesets:
            if ruleset.effective_from <= day and (
                ruleset.effective_to is None or day <= ruleset.effective_to
            ):
                return ruleset.pk
        return None


def _dates(
    values: Mapping[str, Any], status: str, row: int, errors: list[RowError]
) -> dict[str, datetime.datetime | None]:
    moments: dict[str, datetime.datetime | None] = {}
    for name in ("received_at", "due_at", "finished_at", "returned_at"):
        try:
            moments[name] = moment_parse(values.get(name, ""))
        except (TypeError, ValueError):
            moments[name] = None
            errors.append(RowError(row, name, _("Not a date and time (2021-03-04 09:15).")))
    for name in DATES_REQUIRED.get(status, ()):
        if moments[name] is None and not any(e.row == row and e.field == name for e in errors):
            errors.append(RowError(row, name, _("Required for this status.")))
    if status == DossierStatus.RESULT_READY and moments["returned_at"] is not None:
        errors.append(
            RowError(
                row,
                "returned_at",
                _("A result not yet returned has no return date: use the status returned."),
            )
        )
    order = [n for n in ("received_at", "finished_at", "returned_at") if moments[n]]
    for earlier, later in itertools.pairwise(order):
        if moments[later] < moments[earlier]:
            errors.append(RowError(row, later, _("Comes before %(field)s.") % {"field": earlier}))
    if moments["due_at"] and moments["received_at"] and moments["due_at"] < moments["received_at"]:
        errors.append(RowError(row, "due_at", _("Comes before received_at.")))
    return moments


def _clean(
    number: int, values: Mapping[str, Any], lookups: _Lookups, errors: list[RowError]
) -> CleanRow | None:
    before = len(errors)
    text = text_fields(values, errors, number)
    version = text["procedure_version"]
    procedure = lookups.procedures.get(
        (text["procedure_code"], int(version) if version.isdigit() else None)
    )
    if procedure is None:
        errors.append(
            RowError(
                number,
                "procedure_code",
                _("No published procedure %(code)s (version %(version)s).")
                % {"code": text["procedure_code"], "version": version or "-"},
            )
        )
    competent = lookups.unit(text["competent_unit"], number, "competent_unit", errors)
    if (
        competent is not None
        and procedure is not None
        and lookups.level(competent) != procedure.level
    ):
        errors.append(
            RowError(
                number,
                "competent_unit",
                _("%(unit)s is not a unit of the level of this procedure (%(level)s).")
                % {"unit": competent.name, "level": procedure.get_level_display()},
            )
        )
    desk_id = None
    if text["receiving_unit"]:
        desk = lookups.unit(text["receiving_unit"], number, "receiving_unit", errors)
        desk_id = desk.pk if desk else None
    elif competent is not None:
        desk_id = lookups.desk(competent)
    moments = _dates(values, text["status"], number, errors)
    if len(errors) > before:
        return None
    timeliness = text["timeliness"]
    if not timeliness and moments["finished_at"] and moments["due_at"] and moments["received_at"]:
        timeliness = timeliness_of(moments["finished_at"], moments["due_at"])
    return CleanRow(
        number,
        text["code"],
        procedure.pk,
        text["channel"],
        text["status"],
        text["applicant_kind"],
        text["applicant_name"],
        text["applicant_id_number"],
        text["applicant_phone"],
        text["applicant_email"],
        text["applicant_address"],
        competent.pk,
        desk_id,
        moments["received_at"],
        moments["due_at"],
        moments["finished_at"],
        moments["returned_at"],
        timeliness,
        text["result_note"],
    )


def _codes_taken(rows: list[CleanRow], errors: list[RowError]) -> None:
    """Codes twice in the file, or already in the database: an error on each such row."""
    seen: dict[str, int] = {}
    for row in rows:
        if row.code in seen:
            errors.append(
                RowError(
                    row.row, "code", _("Also on row %(row)s of the file.") % {"row": seen[row.code]}
                )
            )
        seen.setdefault(row.code, row.row)
    codes = list(seen)
    if connection.vendor == "postgresql":
        # One query with an array parameter: for 100,000 rows, twenty IN lists of 5,000 codes
        # took about 15 % of the import (building the SQL in Python), this about 4 %.
        with connection.cursor() as cursor:
            cursor.execute("SELECT code FROM onestop_dossier WHERE code = ANY(%s)", [codes])
            taken = [code for (code,) in cursor.fetchall()]
    else:  # SQLite: a bounded number of parameters per query
        taken = [
            code
            for start in range(0, len(codes), 5000)
            for code in Dossier.objects.filter(code__in=codes[start : start + 5000]).values_list(
                "code", flat=True
            )
        ]
    for code in taken:
        errors.append(RowError(seen[code], "code", _("A dossier with this code exists.")))


def _fold(text: str, cache: dict[str, str]) -> str:
    """``common.text.fold``, with the cheap path for plain ASCII (codes, numbers) and a cache
    for names (they repeat): a million rows are folded."""
    if text.isascii():
        return " ".join(text.lower().split())
    folded = cache.get(text)
    if folded is None:
        folded = cache[text] = fold(text)
    return folded


def _values(row: CleanRow, lookups: _Lookups, now: datetime.datetime) -> tuple:
    parts = (row.code, row.applicant_name, row.applicant_id_number, row.applicant_phone)
    person = " ".join(f for f in (_fold(p, lookups.names) for p in parts) if f)
    search = f"{person} {lookups.folded[row.procedure_id]}"[:500]
    return (
        row.code,
        row.procedure_id,
        lookups.ruleset_id(row.received_at),
        row.channel,
        row.status,
        row.applicant_kind,
        row.applicant_name,
        row.applicant_id_number,
        row.applicant_phone,
        row.applicant_email,
        row.applicant_address,
        "{}",
        "{}",
        1,
        row.receiving_unit_id,
        row.competent_unit_id,
        now,
        row.received_at if row.channel == "online" else None,
        row.received_at,
        row.due_at,
        "",
        row.finished_at,
        row.returned_at,
        row.timeliness,
        row.result_note,
        search,
        1,
        "",
    )


def _write(
    rows: list[CleanRow], lookups: _Lookups, progress: ProgressCallback | None = None
) -> None:
    now = timezone.now()
    values = (_values(row, lookups, now) for row in counted(rows, progress, WRITE, every=1000))
    if connection.vendor == "postgresql":
        names = ", ".join(COPY_COLUMNS)
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY onestop_dossier ({names}) FROM STDIN") as copy,
        ):
            for value in values:
                # Moments as ISO text: adapting a datetime costs psycopg several times more.
                copy.write_row(
                    tuple(v.isoformat() if isinstance(v, datetime.datetime) else v for v in value)
                )
    else:
        Dossier.objects.bulk_create(
            (
                Dossier(
                    **{
                        **dict(zip(COPY_COLUMNS, value, strict=True)),
                        "form_data": {},
                        "prefilled": {},
                    }
                )
                for value in values
            ),
            batch_size=500,
        )
    refused = {row.code: row for row in rows if row.status == DossierStatus.REFUSED}
    if refused:
        ids = dict(Dossier.objects.filter(code__in=list(refused)).values_list("code", "pk"))
        DossierNotice.objects.bulk_create(
            DossierNotice(
                dossier_id=ids[code],
                issued_at=row.finished_at,
                reason=row.result_note,
                kind=(NoticeKind.DECISION_REFUSAL if row.received_at else NoticeKind.REFUSAL),
            )
            for code, row in refused.items()
        )


def _days(rows: Iterable[CleanRow]) -> tuple[datetime.date, datetime.date] | None:
    days = [
        m.astimezone(VN_TZ).date()
        for r in rows
        for m in (r.received_at, r.finished_at, r.returned_at)
        if m is not None
    ]
    return (min(days), max(days)) if days else None


def _failed(errors: list[RowError]) -> DossierImportReport:
    errors.sort(key=lambda e: (e.row, e.field))
    return DossierImportReport(errors=tuple(errors[:MAX_ERRORS]), error_count=len(errors))


def dossiers_import(
    *,
    actor: Any,
    file: IO[bytes] | bytes,
    format: str,
    source: str = "",
    progress: ProgressCallback | None = None,
) -> DossierImportReport:
    """Import the legacy dossiers of ``file`` (``format`` csv or xlsx), all or nothing.
    ``progress`` (``egov.common.progress``) hears rows read and written."""
    _require_admin(actor)
    content = file if isinstance(file, bytes) else file.read(MAX_BYTES + 1)
    if format not in ("csv", "xlsx"):
        return _failed([RowError(0, "format", _("Choose csv or xlsx."))])
    if len(content) > MAX_BYTES:
        return _failed([RowError(0, "", _("The file is larger than 200 MB."))])
    try:  # the one intake of files: type by content, macros, zip bombs
        file_check(content, accept=INTAKE[format], max_bytes=MAX_BYTES)
    except FileRefused as refused:
        return _failed([RowError(0, "", refused.message)])
    lookups, errors, rows = _Lookups(), [], []
    try:
        for number, values in counted(rows_read(content, format), progress, READ, every=1000):
            clean = _clean(number, values, lookups, errors)
            if clean is not None:
                rows.append(clean)
    except FileProblem as problem:
        return _failed([RowError(1, "", problem.message)])
    _codes_taken(rows, errors)
    if errors:
        return _failed(errors)
    try:
        with transaction.atomic():
            _write(rows, lookups, progress)
            event_record(
                actor=actor,
                action=AuditAction.DOSSIERS_IMPORTED,
                changes={
                    "rows": len(rows),
                    "source": source[:200],
                    "sha256": hashlib.sha256(content).hexdigest(),
                },
            )
            days = _days(rows)
            if days:
                _figures_refresh_on_commit(*days)
    except DatabaseError as exc:
        logger.warning("onestop.dossier_import_failed", extra={"error": str(exc)[:500]})
        return _failed(
            [
                RowError(
                    0,
                    "",
                    _("The database refused the batch; nothing was written: %(error)s")
                    % {"error": str(exc)[:300]},
                )
            ]
        )
    logger.info("onestop.dossiers_imported", extra={"rows": len(rows), "source": source})
    return DossierImportReport(created=len(rows))


def _figures_refresh_on_commit(day_from: datetime.date, day_to: datetime.date) -> None:
    from egov.onestop.tasks_figures import figures_refresh

    transaction.on_commit(
        lambda: figures_refresh.enqueue(day_from=day_from.isoformat(), day_to=day_to.isoformat())
    )
