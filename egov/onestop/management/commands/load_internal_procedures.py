"""`egov load_internal_procedures [--file PATH]`: publish the demo internal procedures of the
one-stop shop (egov/onestop/data/hanoi-internal-procedures.json), all or nothing.

The file is in the ``egov import_processes`` format; loading it again changes nothing. Its
units are those of the ``hanoi-2020`` org dataset (``egov start``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "hanoi-internal-procedures.json"


class Command(BaseCommand):
    help = (
        "Publish the one-stop internal procedures of the Hà Nội demo (process definitions "
        "'onestop:<procedure code>'), or another file in the import_processes format."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--file", type=Path, default=SAMPLE, help="JSON definitions file.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        call_command("import_processes", str(path), stdout=self.stdout, stderr=self.stderr)
