"""Importing a catalog file (admin upload, CLI) and loading the shipped Hà Nội sample.

All or nothing: every row is validated first and any problem means nothing is written; the
report lists each problem with its sheet, row, column and a translated message. A bad file
(wrong type, broken workbook, missing columns) is a report too, never an exception.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.db import transaction
from django.utils.translation import gettext as _

from egov.audit.services import event_record
from egov.common.files import CSV, JSON, XLSX, FileRefused, accepting, file_check
from egov.common.progress import CHECK, WRITE, ProgressCallback, counted
from egov.onestop import interchange
from egov.onestop.choices import AuditAction, CatalogFormat
from egov.onestop.interchange.records import (
    RowError,
    ValidRecord,
    procedure_to_record,
    record_validate,
)
from egov.onestop.models import Field, Procedure
from egov.onestop.services.catalog import Actor, field_search_text_refresh, procedure_store

logger = logging.getLogger(__name__)

MAX_FILE_BYTES = 10 * 1024 * 1024
INTAKE = {
    CatalogFormat.JSON: accepting({JSON}),
    CatalogFormat.CSV: accepting({CSV}),
    CatalogFormat.XLSX: accepting({XLSX}),
}
SAMPLE_FILE = Path(__file__).resolve().parent.parent / "data" / "hanoi-procedures.json"


@dataclass(frozen=True)
class SkippedRow:
    """A valid row that was not written: a stable ``code`` (``unchanged``, ``kept``) and the
    translated reason."""

    key: str
    code: str
    reason: str


@dataclass(frozen=True)
class ImportReport:
    """What an import did: versions created and updated, rows skipped, or the problems that
    stopped it (then nothing was written)."""

    created: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    skipped: tuple[SkippedRow, ...] = ()
    errors: tuple[RowError, ...] = ()

    @property
    def is_ok(self) -> bool:
        return not self.errors


def _label(key: tuple[str, int]) -> str:
    return f"{key[0]} v{key[1]}"


def _read(file: IO[bytes] | bytes) -> bytes | None:
    content = file if isinstance(file, bytes) else file.read(MAX_FILE_BYTES + 1)
    return None if len(content) > MAX_FILE_BYTES else content


def _intake_refusal(content: bytes, file_format: str) -> str | None:
    """Why the common file intake refuses the file for ``file_format`` (macros, zip bombs),
    or ``None``; a file of another kind or a damaged one is left to the
    reader, whose report names the format expected."""
    try:
        file_check(content, accept=INTAKE[file_format], max_bytes=MAX_FILE_BYTES)
    except FileRefused as refused:
        if refused.code in ("file_type_refused", "file_damaged"):
            return None
        return refused.message
    return None


def _existing(rows: Iterable[interchange.RawRow]) -> dict[tuple[str, int], Procedure]:
    """The versions the file names, locked until the import commits (compared, then written)."""
    codes = {str(row.values.get("code")) for row in rows}
    qs = (
        Procedure.objects.select_for_update(of=("self",))
        .filter(code__in=codes)
        .select_related("field")
        .prefetch_related("fees", "documents")
    )
    return {(p.code, p.version): p for p in qs}


def _validate(
    rows: list[interchange.RawRow],
    existing: Mapping[tuple[str, int], Procedure],
    errors: list[RowError],
    progress: ProgressCallback | None = None,
) -> list[ValidRecord]:
    valid, seen, field_names = [], set(), {}
    for row in counted(rows, progress, CHECK, every=50):
        record = record_validate(row, existing, errors)
        if record is None:
            continue
        if record.key in seen:
            errors.append(
                RowError(
                    row.sheet, row.row, "code", _("This code and version appear twice in the file.")
                )
            )
        elif field_names.setdefault(record.field.code, record.field.name) != record.field.name:
            errors.append(
                RowError(
                    row.sheet,
                    row.row,
                    "field_name",
                    _("This field code has another name in an earlier row."),
                )
            )
        seen.add(record.key)
        valid.append(record)
    return valid


def _field_for(*, actor: Actor, record: ValidRecord, update_existing: bool) -> Field:
    field, created = Field.objects.get_or_create(
        code=record.field.code, defaults={"name": record.field.name}
    )
    if created:
        event_record(
            actor=actor,
            action=AuditAction.FIELD_CREATED,
            obj=field,
            changes={"code": field.code, "name": field.name},
        )
    elif update_existing and field.name != record.field.name:
        changes = {"name": [field.name, record.field.name]}
        field.name = record.field.name
        field.save(update_fields=["name"])
        field_search_text_refresh(field=field)
        event_record(actor=actor, action=AuditAction.FIELD_RENAMED, obj=field, changes=changes)
    return field


def _changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    return {
        key: [before.get(key), value] for key, value in after.items() if before.get(key) != value
    }


def _skipped(
    key: tuple[str, int],
    before: Mapping[str, Any] | None,
    after: Mapping[str, Any],
    update_existing: bool,
) -> SkippedRow | None:
    if before == after:
        return SkippedRow(_label(key), "unchanged", _("unchanged"))
    if before is not None and not update_existing:
        reason = _("differs from the file; the version in the database is kept")
        return SkippedRow(_label(key), "kept", reason)
    return None


def _store(
    *,
    actor: Actor,
    record: ValidRecord,
    before: Mapping[str, Any] | None,
    after: Mapping[str, Any],
    update_existing: bool,
    source: str,
) -> None:
    record.procedure.field = _field_for(actor=actor, record=record, update_existing=update_existing)
    procedure = procedure_store(
        procedure=record.procedure, fees=record.fees, documents=record.documents
    )
    if before is None:
        action, changes = (
            AuditAction.PROCEDURE_CREATED,
            {"code": procedure.code, "version": procedure.version},
        )
    else:
        action, changes = AuditAction.PROCEDURE_UPDATED, _changes(before, after)
    event_record(actor=actor, action=action, obj=procedure, changes={"source": source, **changes})


def _write(
    *,
    actor: Actor,
    records: list[ValidRecord],
    existing: Mapping[tuple[str, int], Procedure],
    update_existing: bool,
    source: str,
    progress: ProgressCallback | None = None,
) -> ImportReport:
    created, updated, skipped = [], [], []
    for record in counted(records, progress, WRITE, every=20):
        current = existing.get(record.key)
        before = procedure_to_record(current) if current else None
        after = record.as_record()
        skip = _skipped(record.key, before, after, update_existing)
        if skip is not None:
            skipped.append(skip)
            continue
        _store(
            actor=actor,
            record=record,
            before=before,
            after=after,
            update_existing=update_existing,
            source=source,
        )
        (updated if before else created).append(_label(record.key))
    return ImportReport(tuple(created), tuple(updated), tuple(skipped))


def catalog_import(
    *,
    actor: Actor,
    file: IO[bytes] | bytes,
    format: str,
    update_existing: bool = True,
    source: str = "import",
    progress: ProgressCallback | None = None,
) -> ImportReport:
    """Import a catalog file (json, csv or xlsx) all or nothing, in one transaction.
    ``progress`` (``egov.common.progress``) hears the rows checked and written.

    New code/version pairs are created; existing ones are updated (their fees and documents
    replaced) when they differ, or skipped with a reason when ``update_existing`` is False.
    Procedures missing from the file are left alone. One audit entry per version written.
    """
    if format not in CatalogFormat.values:
        return ImportReport(errors=(RowError("", 0, "format", _("Choose json, csv or xlsx.")),))
    content = _read(file)
    if content is None:
        return ImportReport(errors=(RowError("", 0, "", _("The file is larger than 10 MB.")),))
    refusal = _intake_refusal(content, format)
    if refusal is not None:
        return ImportReport(errors=(RowError("", 0, "", refusal),))
    rows, errors = interchange.decode(format, content)
    with transaction.atomic():
        existing = _existing(rows)
        records = _validate(rows, existing, errors, progress)
        if errors:
            return ImportReport(errors=tuple(errors))
        report = _write(
            actor=actor,
            records=records,
            existing=existing,
            update_existing=update_existing,
            source=f"{source}:{format}",
            progress=progress,
        )
    logger.info(
        "onestop.catalog_imported",
        extra={
            "created_count": len(report.created),
            "updated_count": len(report.updated),
            "skipped_count": len(report.skipped),
        },
    )
    return report


def catalog_load_sample(
    *,
    actor: Actor,
    path: Path | None = None,
    update_existing: bool = False,
    progress: ProgressCallback | None = None,
) -> ImportReport:
    """Load the shipped Hà Nội sample (or another JSON catalog file). Loading twice changes
    nothing; by default a version an administrator has edited is kept and reported."""
    content = (path or SAMPLE_FILE).read_bytes()
    return catalog_import(
        actor=actor,
        file=content,
        format=CatalogFormat.JSON,
        update_existing=update_existing,
        source="load_procedures",
        progress=progress,
    )
