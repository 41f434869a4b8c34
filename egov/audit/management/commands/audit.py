"""`egov audit verify`: walk the hash chain and report the first altered or missing entry."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from egov.audit.selectors import audit_chain_verify


class Command(BaseCommand):
    help = "Audit trail tools. `verify` checks the hash chain."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args: Any, **options: Any) -> None:
        report = audit_chain_verify()
        if report.is_intact:
            self.stdout.write(f"Audit chain intact: {report.checked} entries verified.")
            return
        raise CommandError(
            f"Audit chain broken at entry #{report.first_bad_sequence} ({report.problem}); "
            f"{report.checked} entries before it verified."
        )
