"""`egov load_orgs <dataset>`: load a shipped org dataset into the tree and print what changed."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from egov.common.exceptions import DomainError
from egov.common.progress import add_quiet_argument, progress_for_command
from egov.orgs.loaders import DATASET_NAMES, dataset_read, orgs_dataset_load


class Command(BaseCommand):
    help = (
        "Load an org dataset (administrative units, city bodies, district units) into the org "
        "tree. Loading again changes nothing; a later dataset applies its changes as history."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("dataset", choices=DATASET_NAMES)
        add_quiet_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        name = options["dataset"]
        try:
            spec = dataset_read(name)
            with progress_for_command(self, options, name) as progress:
                report = orgs_dataset_load(actor=None, name=name, progress=progress)
        except DomainError as error:
            raise CommandError(error.message) from error
        self.stdout.write(f"{name}: {spec.description}")
        self.stdout.write(f"Source: {spec.source_version}")
        self.stdout.write(
            f"Created {report.created}, updated {report.updated}, closed {report.closed} org units."
        )
