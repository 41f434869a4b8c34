"""Procedure versions <-> records, and the validation of every row of a catalog file.

Validation reads each cell with its column's type, then builds unsaved model instances and runs
the models' own validation (``full_clean``: code format, choices, lengths, the application-form
schema, non-negative fees ...). Every problem becomes a :class:`RowError` naming the sheet, the
row, the column and a translated message; nothing is written here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _

from egov.onestop.interchange.columns import (
    DOCUMENT_COLUMNS,
    FEE_COLUMNS,
    PROCEDURE_COLUMNS,
    REQUIRED_KEYS,
    CellError,
    Column,
)
from egov.onestop.models import Field, Procedure, ProcedureFee, RequiredDocument


@dataclass(frozen=True)
class RowError:
    """One problem of a catalog file: where it is and what is wrong (translated)."""

    sheet: str
    row: int
    field: str
    message: str


@dataclass
class RawRow:
    """The cells of one row as read from a file, with its place for error reports. Children
    embedded in their procedure (JSON, CSV) share its row and prefix their column names."""

    sheet: str
    row: int
    values: Mapping[str, Any]
    prefix: str = ""
    fees: list[RawRow] = field(default_factory=list)
    documents: list[RawRow] = field(default_factory=list)


@dataclass
class ValidRecord:
    """A validated procedure version with its children, ready to be written."""

    row: RawRow
    procedure: Procedure
    field: Field
    fees: list[ProcedureFee]
    documents: list[RequiredDocument]

    @property
    def key(self) -> tuple[str, int]:
        return (self.procedure.code, self.procedure.version)

    def as_record(self) -> dict[str, Any]:
        return record_build(self.procedure, self.field, self.fees, self.documents)


def _out(instance: Any, columns: Sequence[Column]) -> dict[str, Any]:
    record = {}
    for column in columns:
        value = getattr(instance, column.key)
        record[column.key] = column.write(value.name if column.key == "template_file" else value)
    return record


def record_build(
    procedure: Procedure,
    field_obj: Field,
    fees: Iterable[ProcedureFee],
    documents: Iterable[RequiredDocument],
) -> dict[str, Any]:
    """The record of one version from its parts (saved or not)."""
    keys = {"field_code": field_obj.code, "field_name": field_obj.name}
    record = {
        column.key: keys[column.key]
        if column.key in keys
        else column.write(getattr(procedure, column.key))
        for column in PROCEDURE_COLUMNS
    }
    record["fees"] = [_out(fee, FEE_COLUMNS) for fee in fees]
    record["documents"] = [_out(doc, DOCUMENT_COLUMNS) for doc in documents]
    return record


def procedure_to_record(procedure: Procedure) -> dict[str, Any]:
    """The record of a saved version (prefetch ``field``, ``fees`` and ``documents``)."""
    return record_build(procedure, procedure.field, procedure.fees.all(), procedure.documents.all())


def _read_cells(row: RawRow, columns: Sequence[Column], errors: list[RowError]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for column in columns:
        try:
            value = column.read(row.values.get(column.key))
        except CellError as exc:
            errors.append(RowError(row.sheet, row.row, row.prefix + column.key, str(exc)))
            continue
        if value is None or value == "":
            # An empty cell takes the model's default; a required column must have a value.
            if column.key in REQUIRED_KEYS:
                message = _("This field is required.")
                errors.append(RowError(row.sheet, row.row, row.prefix + column.key, message))
            continue
        values[column.key] = value
    return values


def _model_errors(row: RawRow, exc: ValidationError) -> list[RowError]:
    found = []
    for name, messages in exc.message_dict.items():
        column = "" if name == NON_FIELD_ERRORS else name
        found.extend(
            RowError(row.sheet, row.row, row.prefix + column, str(message)) for message in messages
        )
    return found


def _clean(
    row: RawRow,
    instance: Any,
    exclude: Iterable[str],
    errors: list[RowError],
    *,
    validate_unique: bool = True,
) -> None:
    try:
        instance.full_clean(exclude=list(exclude), validate_unique=validate_unique)
    except ValidationError as exc:
        errors.extend(_model_errors(row, exc))


def _child(
    row: RawRow, model: type, columns: Sequence[Column], order: int, errors: list[RowError]
) -> Any:
    before = len(errors)
    values = _read_cells(row, columns, errors)
    if len(errors) > before:
        return None
    if "template_file" in values:
        values["template_file"] = _template_name(row, values["template_file"], errors)
    instance = model(order=order, **values)
    _clean(row, instance, ["procedure"], errors)
    return instance


def _template_name(row: RawRow, name: str, errors: list[RowError]) -> str:
    """Only names inside the template folder: a file cannot point elsewhere in storage."""
    safe = not name or (
        name.startswith("onestop/templates/")
        and ".." not in name
        and "\\" not in name
        and name.count("/") == 2
    )
    if not safe:
        errors.append(
            RowError(
                row.sheet,
                row.row,
                row.prefix + "template_file",
                _("Template files must be in onestop/templates/."),
            )
        )
    return name


def record_validate(
    row: RawRow, existing: Mapping[tuple[str, int], Procedure], errors: list[RowError]
) -> ValidRecord | None:
    """Read and validate one procedure row and its children; ``None`` if anything is wrong."""
    before = len(errors)
    values = _read_cells(row, PROCEDURE_COLUMNS, errors)
    if len(errors) > before:
        return None
    field_code, field_name = values.pop("field_code"), values.pop("field_name")
    field_obj = Field(code=field_code, name=field_name)
    # Existing field codes are reused (and renamed), so their uniqueness is not an error.
    _clean(row, field_obj, [], errors, validate_unique=False)
    procedure = Procedure(field=field_obj, **values)
    current = existing.get((procedure.code, procedure.version))
    if current is not None:
        procedure.pk, procedure.created_at = current.pk, current.created_at
        procedure._state.adding = False  # validate uniqueness as an update of that row
    _clean(row, procedure, ["field"], errors)
    fees = [
        _child(child, ProcedureFee, FEE_COLUMNS, n, errors)
        for n, child in enumerate(row.fees, start=1)
    ]
    documents = [
        _child(child, RequiredDocument, DOCUMENT_COLUMNS, n, errors)
        for n, child in enumerate(row.documents, start=1)
    ]
    if len(errors) > before:
        return None
    return ValidRecord(row, procedure, field_obj, fees, documents)
