"""`egov integration_push`: send the dossier statuses waiting for the national portal (cron:
every few minutes); `--reconcile` lists the dossiers whose status there differs from ours."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from egov.integration.services import status_pushes_deliver_due, status_reconcile


class Command(BaseCommand):
    help = "Send waiting dossier statuses to the national portal; --reconcile lists differences."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--reconcile", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        delivered = status_pushes_deliver_due()
        self.stdout.write(f"{delivered} status(es) acknowledged by the national portal.")
        if not options["reconcile"]:
            return
        differences = status_reconcile()
        for diff in differences:
            theirs = diff.theirs or "-"
            self.stdout.write(f"{diff.dossier_code}: here {diff.ours}, national portal {theirs}")
        self.stdout.write(f"{len(differences)} dossier(s) differ.")
