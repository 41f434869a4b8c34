"""`egov start`: prepare the database and serve egov with the Hà Nội demo data.

Compiles translations, migrates, creates the cache table (rate limits count in it), collects
static files, loads the demo data when the database has no org unit yet, prints the demo
logins, then runs one background-job worker beside the development server. Refuses to load
demo accounts unless EGOV_DEBUG is on.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from egov.orgs.models import OrgUnit
from egov.portal.demo import DEMO_PASSWORD, demo_load


class Command(BaseCommand):
    help = "Migrate, load the Hà Nội demo data into an empty database and serve on 127.0.0.1:8000."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--no-serve", action="store_true", help="prepare only, do not serve")

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("compile_translations")
        call_command("migrate", interactive=False, verbosity=0)
        call_command("createcachetable", verbosity=0)  # the rate limits count in it
        call_command("collectstatic", interactive=False, verbosity=0)
        if not OrgUnit.objects.exists():
            if not settings.DEBUG:
                raise CommandError("Demo data is only loaded with EGOV_DEBUG=1.")
            self.stdout.write(
                "Loading the Hà Nội demo data (org units, procedures, accounts, "
                "dossiers; about a minute) ..."
            )
            self._print_logins(demo_load())
        else:
            self.stdout.write("Database already has data: demo data not loaded again.")
        if options["no_serve"]:
            return
        log_path = Path(settings.BASE_DIR) / "var" / "worker.log"
        self.stdout.write(
            f"Background jobs run in one worker; its output (e-mails too, with the "
            f"console e-mail backend) goes to {log_path}."
        )
        with log_path.open("a", encoding="utf-8") as log:
            worker = subprocess.Popen(
                [sys.executable, "-m", "egov.cli", "db_worker"],
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            try:
                call_command("runserver", options["addrport"], use_reloader=False)
            finally:
                worker.terminate()

    def _print_logins(self, logins: list) -> None:
        self.stdout.write(self.style.SUCCESS(f"\nDemo logins (password for all: {DEMO_PASSWORD}):"))
        for item in logins:
            self.stdout.write(f"  {item.login:<40} {item.role:<34} {item.unit}")
        self.stdout.write("The administrator sets up a TOTP authenticator app at first login.\n")
