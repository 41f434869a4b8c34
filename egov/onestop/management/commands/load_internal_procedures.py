"""`egov load_internal_procedures [--file PATH]`: publish the internal procedures of the
one-stop shop (egov/onestop/data/hanoi-internal-procedures.json, or another file in the
``egov import_processes`` format); loading it again changes nothing.

The sample carries shared procedures (``onestop:<procedure code>``, for every unit of the
level) and a unit's own ones (``onestop:<procedure code>@<agency code>``, here Quận Ba Đình's
of the three-level structure). A unit's own procedure only applies where that unit exists: on
an org tree without it (the current two-level structure, or after the unit was closed) the
entry is left out with a "Skipped …" line saying why, and the others are imported. Any other
error (an unknown step unit, allowances that do not add up …) still imports nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from egov.common.progress import add_quiet_argument
from egov.onestop.services.desk_routing import definitions_without_owner
from egov.workflow.management.commands.import_processes import entries_import, entries_read

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "hanoi-internal-procedures.json"


class Command(BaseCommand):
    help = (
        "Publish the one-stop internal procedures of the Hà Nội demo (process definitions "
        "'onestop:<procedure code>'), or another file in the import_processes format; a unit's "
        "own procedure whose unit is not in the org tree is skipped and reported."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--file", type=Path, default=SAMPLE, help="JSON definitions file.")
        add_quiet_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        kept, skipped = definitions_without_owner(entries_read(path))
        for line in skipped:
            self.stdout.write(line)
        entries_import(self, kept, name=path.name, options=options)
