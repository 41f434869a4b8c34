"""`egov compile_translations`: build .mo files from the committed .po files (pure Python)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from egov.portal.translations import compile_catalogs


class Command(BaseCommand):
    help = "Compile locale/*/LC_MESSAGES/*.po into .mo files without GNU gettext."

    def handle(self, *args: Any, **options: Any) -> None:
        for path in compile_catalogs():
            self.stdout.write(f"compiled {path}")
