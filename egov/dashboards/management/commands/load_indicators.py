"""`egov load_indicators`: install or update the shipped indicator set (the city's plans and
Decision 766/QĐ-TTg) in any database, as the demo does; targets edited since are kept."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from egov.dashboards.services import library_install


class Command(BaseCommand):
    help = (
        "Install the shipped indicator set (the city's e-government targets and the Decision 766 "
        "index). Running it again updates the definitions and keeps targets edited since."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        indicator_set = library_install(actor=None)
        self.stdout.write(
            f"Indicator set {indicator_set.code}: {indicator_set.indicators.count()} indicators."
        )
