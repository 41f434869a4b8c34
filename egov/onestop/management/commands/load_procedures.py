"""`egov load_procedures [--file PATH] [--overwrite]`: load the shipped Hà Nội procedures (or
another JSON catalog file) and print what was created, updated and skipped, and why."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from egov.common.progress import add_quiet_argument, progress_for_command
from egov.onestop.services import catalog_load_sample
from egov.onestop.services.catalog_io import SAMPLE_FILE


class Command(BaseCommand):
    help = (
        "Load the procedure catalog sample (egov/onestop/data/hanoi-procedures.json) or another "
        "JSON catalog file, all or nothing. Loading again changes nothing; a version edited "
        "since is kept unless --overwrite is given."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--file",
            type=Path,
            default=SAMPLE_FILE,
            help="JSON catalog file (default: the shipped Hà Nội sample).",
        )
        parser.add_argument(
            "--overwrite", action="store_true", help="Replace versions that differ from the file."
        )
        add_quiet_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        with progress_for_command(self, options, path.name) as progress:
            report = catalog_load_sample(
                actor=None, path=path, update_existing=options["overwrite"], progress=progress
            )
        for error in report.errors:
            place = f"{error.sheet} row {error.row}" if error.row else error.sheet or "file"
            self.stderr.write(f"{place} {error.field}: {error.message}")
        if report.errors:
            raise CommandError(f"{len(report.errors)} problem(s); nothing was loaded.")
        for skipped in report.skipped:
            if skipped.code != "unchanged":
                self.stdout.write(f"Skipped {skipped.key}: {skipped.reason}")
        self.stdout.write(
            f"{path.name}: created {len(report.created)}, updated {len(report.updated)}, "
            f"skipped {len(report.skipped)} "
            f"({sum(s.code == 'unchanged' for s in report.skipped)} unchanged) procedures."
        )
