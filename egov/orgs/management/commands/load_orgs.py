"""`egov load_orgs <dataset>` or `egov load_orgs --province <province>`: load an org dataset
into the tree and print what changed."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from egov.common.exceptions import DomainError
from egov.common.progress import add_quiet_argument, progress_for_command
from egov.orgs.loaders import (
    DATASET_NAMES,
    dataset_read,
    orgs_dataset_load,
    province_code_find,
    province_dataset_name,
)


def read_agency_codes(path: Path) -> dict[str, str]:
    """A CSV of two columns, unit (its name or administrative code) and agency code; a header
    line, if any, is skipped."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = [row for row in csv.reader(handle) if row and any(c.strip() for c in row)]
    except (OSError, UnicodeDecodeError) as error:
        raise CommandError(f"{path}: {error}") from error
    if rows and rows[0][-1].strip().casefold() in {"agency_code", "mã định danh"}:
        rows = rows[1:]
    bad = [index + 1 for index, row in enumerate(rows) if len(row) != 2]
    if bad:
        raise CommandError(f"{path}: rows {bad[:5]} do not have two columns (unit, agency code).")
    return {unit.strip(): code.strip().upper() for unit, code in rows}


class Command(BaseCommand):
    help = (
        "Load an org dataset (administrative units, city bodies, district units) into the org "
        "tree: a shipped Hà Nội dataset, or with --province the current two-level structure of "
        "any of the 34 provinces (from the vietnam-provinces package). Loading again changes "
        "nothing; a later dataset applies its changes as history."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("dataset", nargs="?", choices=DATASET_NAMES)
        parser.add_argument(
            "--province",
            help="code, code name or name of a province (22, quang_ninh, 'Quảng Ninh'): load "
            "its current units instead of a shipped dataset",
        )
        parser.add_argument(
            "--agency-codes",
            type=Path,
            help="CSV of unit name or administrative code, agency identifier code "
            "(Decision 20/2020/QĐ-TTg), set on the units loaded",
        )
        add_quiet_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        if bool(options["dataset"]) == bool(options["province"]):
            raise CommandError("Name one dataset, or a province with --province.")
        codes = read_agency_codes(options["agency_codes"]) if options["agency_codes"] else None
        try:
            name = options["dataset"] or province_dataset_name(
                province_code_find(options["province"])
            )
            spec = dataset_read(name)
            with progress_for_command(self, options, name) as progress:
                report = orgs_dataset_load(
                    actor=None, name=name, progress=progress, agency_codes=codes
                )
        except DomainError as error:
            raise CommandError(error.message) from error
        self.stdout.write(f"{name}: {spec.description}")
        self.stdout.write(f"Source: {spec.source_version}")
        self.stdout.write(
            f"Created {report.created}, updated {report.updated}, closed {report.closed} org units."
        )
