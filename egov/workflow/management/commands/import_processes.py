"""`egov import_processes <file.json>`: load internal procedures (process definitions).

All or nothing, idempotent by (code, version). The file::

    {"definitions": [
      {"code": "1.001731-BD", "version": 1,
       "name": "Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội",
       "effective_from": "2025-01-01", "effective_to": null,
       "total_days": "5.5", "source": "Quyết định …/QĐ-UBND", "publish": true,
       "steps": [
         {"order": 1, "code": "receive", "name": "Tiếp nhận", "unit": null,
          "role": "front_desk_officer", "allowance_hours": 4},
         {"order": 2, "code": "appraise", "name": "Thẩm định",
          "unit": {"kind": "department", "name": "Sở Y tế"},
          "role": "specialist", "allowance_days": "3"},
         {"order": 3, "code": "sign", "name": "Ký duyệt",
          "unit": {"agency_code": "000.00.01.H26"}, "role": "unit_head",
          "allowance_days": "2"}]}]}

- A bare list of definitions is accepted too.
- ``unit``: ``null`` = the owner unit of each instance; otherwise exactly one existing unit
  found by ``agency_code`` or by ``kind`` and ``name``.
- ``role``: a role code (``clerk``, ``front_desk_officer``, ``specialist``,
  ``division_head``, ``unit_head``).
- ``allowance_days`` (multiples of 0.125) or ``allowance_hours`` (8 hours a working day); the
  allowances must add up to ``total_days``.
- ``publish`` defaults to true. A published (code, version) with the same content is left
  unchanged; with other content it is an error (give the change a new version number). A
  draft is replaced.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from egov.common.exceptions import DomainError
from egov.common.progress import add_quiet_argument, progress_for_command
from egov.workflow.exceptions import ImportFailed
from egov.workflow.services import process_definitions_import


class Command(BaseCommand):
    help = "Import process definitions (internal procedures) from a JSON file; all or nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        add_quiet_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        entries = entries_read(options["file"])
        entries_import(self, entries, name=options["file"].name, options=options)


def entries_read(path: Path) -> list[Any]:
    """The list of definitions of an import file, or a ``CommandError``."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise CommandError(f"{path}: {error}") from error
    entries = data.get("definitions") if isinstance(data, dict) else data
    if not isinstance(entries, list):
        raise CommandError('Expected a list of definitions, or {"definitions": [...]}.')
    return entries


def entries_import(
    command: BaseCommand, entries: list[Any], *, name: str, options: dict[str, Any]
) -> None:
    """Import ``entries`` (all or nothing) and print what happened to each."""
    try:
        with progress_for_command(command, options, name) as progress:
            report = process_definitions_import(actor=None, raw_entries=entries, progress=progress)
    except ImportFailed as error:
        for line in error.errors:
            command.stderr.write(line)
        raise CommandError(error.message) from error
    except DomainError as error:
        raise CommandError(error.message) from error
    for label, names in (
        ("Created", report.created),
        ("Updated", report.updated),
        ("Unchanged", report.unchanged),
    ):
        command.stdout.write(f"{label} {len(names)}: {', '.join(names) or '-'}")
