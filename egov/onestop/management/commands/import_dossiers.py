"""`egov import_dossiers <file> [--format csv|xlsx] [--errors report.csv]`: import the closed
dossiers of a legacy one-stop system, all or nothing, and print the per-row error report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from egov.common.progress import add_quiet_argument, progress_for_command
from egov.common.tables import csv_write
from egov.onestop.services.dossier_import import dossiers_import


class Command(BaseCommand):
    help = (
        "Import legacy dossiers from a CSV (UTF-8) or XLSX file. Every row is checked first; if "
        "any row is wrong nothing is written and every problem is listed by row and column. "
        "Columns: see egov/onestop/services/dossier_import_rows.py."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--format",
            choices=("csv", "xlsx"),
            default=None,
            help="Default: from the file name's extension.",
        )
        parser.add_argument(
            "--errors",
            type=Path,
            default=None,
            help="Also write the error report to this CSV file.",
        )
        add_quiet_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        fmt = options["format"] or ("xlsx" if path.suffix.lower() == ".xlsx" else "csv")
        with (
            path.open("rb") as handle,
            progress_for_command(self, options, path.name) as progress,
        ):
            report = dossiers_import(
                actor=None, file=handle, format=fmt, source=path.name, progress=progress
            )
        if report.is_ok:
            self.stdout.write(f"{path.name}: imported {report.created} dossiers.")
            return
        for error in report.errors:
            place = f"row {error.row}" if error.row else "file"
            self.stderr.write(f"{place} {error.field}: {error.message}")
        if options["errors"]:
            problems = [(e.row, e.field, e.message) for e in report.errors]
            options["errors"].write_bytes(csv_write([("row", "column", "problem"), *problems]))
        more = report.error_count - len(report.errors)
        raise CommandError(
            f"{report.error_count} problem(s){f' ({more} not listed)' if more > 0 else ''}; "
            "nothing was imported."
        )
