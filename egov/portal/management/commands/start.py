"""`egov start`: prepare the database and serve egov with the Hà Nội demo data.

Compiles translations, migrates, creates the cache table (rate limits count in it), collects
static files, loads the demo data when the database has no org unit yet (the current two-level
Hà Nội; `--three-level` for the structure of 2020), prints a short summary with the demo logins,
then runs one background-job worker beside the development server. Refuses to load demo accounts
unless EGOV_DEBUG is on. The services' log lines (one per dossier received, ...) are held back
while the demo loads unless `--verbosity 2`; `--quiet` hides the progress line too.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.test.utils import override_settings

from egov.common.progress import add_quiet_argument, progress_for_command
from egov.orgs.models import OrgUnit
from egov.portal.demo import CURRENT, DEMO_PASSWORD, THREE_LEVEL, DemoSummary, demo_load


@contextmanager
def _logging_at(level: int) -> Iterator[None]:
    """Hold back the log records below ``level`` for the duration."""
    previous = logging.root.manager.disable
    logging.disable(level - 1)
    try:
        yield
    finally:
        logging.disable(previous)


def site_url_for(addrport: str) -> str:
    """The address this server answers on, for the links it makes and the simulators it calls
    (``0.0.0.0`` and ``::`` listen everywhere: called back on the loopback address)."""
    host, _, port = addrport.rpartition(":")
    if not port.isdigit():
        return ""  # not an address runserver takes: the setting stays
    if host in ("", "0.0.0.0", "::", "[::]"):  # noqa: S104 - compared, not bound
        host = "127.0.0.1"
    return f"http://{host}:{port}"


def site_url_align(addrport: str) -> str:
    """Without ``EGOV_SITE_URL`` in the environment, the site's address is where this server
    listens, so the national systems' simulators (called over HTTP at ``SITE_URL/sim/``) are
    reached on any port; the background worker inherits it through the environment."""
    url = site_url_for(addrport)
    if url and not os.environ.get("EGOV_SITE_URL"):
        os.environ["EGOV_SITE_URL"] = settings.SITE_URL = url
    return settings.SITE_URL


class Command(BaseCommand):
    help = "Migrate, load the Hà Nội demo data into an empty database and serve on 127.0.0.1:8000."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--no-serve", action="store_true", help="prepare only, do not serve")
        parser.add_argument(
            "--no-demo",
            action="store_true",
            help="load no demo data (a deployment for another province: see the README)",
        )
        parser.add_argument(
            "--three-level",
            action="store_true",
            help="load the three-level Hà Nội of 2020 (districts; for the city's 2019–2021 "
            "plans) instead of the current two-level structure",
        )
        add_quiet_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        site_url_align(options["addrport"])
        call_command("compile_translations")
        call_command("migrate", interactive=False, verbosity=0)
        call_command("createcachetable", verbosity=0)  # the rate limits count in it
        call_command("collectstatic", interactive=False, verbosity=0)
        if options["no_demo"]:
            self.stdout.write("No demo data loaded (--no-demo).")
        elif not OrgUnit.objects.exists():
            if not settings.DEBUG:
                raise CommandError("Demo data is only loaded with EGOV_DEBUG=1.")
            structure = THREE_LEVEL if options["three_level"] else CURRENT
            self.stdout.write(
                f"Loading the Hà Nội demo data ({structure.dataset}: org units, procedures, "
                "accounts, dossiers, documents, tasks; about a minute) ..."
            )
            started = time.monotonic()
            verbose = options["verbosity"] >= 2
            # The demo replays months of history: the messages it sends are recorded in each
            # person's notification centre, not printed over the summary by the console
            # backend (live messages after the start go to the worker's log as before).
            with (
                _logging_at(logging.DEBUG if verbose else logging.WARNING),
                progress_for_command(self, options, "demo") as progress,
                override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"),
            ):
                summary = demo_load(structure=structure, progress=progress)
            self._print_summary(summary, time.monotonic() - started)
        else:
            self.stdout.write("Database already has data: demo data not loaded again.")
        if settings.EGOV_INTEGRATION_SIMULATORS:
            self.stdout.write(
                "National systems (population database, business registry, national portal, VNeID, "
                "payment gateway, national reporting system, a remote-signing service) answer "
                "from local simulators under "
                f"{settings.SITE_URL}/sim/, served by this server: "
                "this machine cannot reach the real ones (connectors: /integration/connectors/). "
                "Log in with VNeID as Nguyễn Văn An and an online form fills its personal fields "
                "from the simulated population database; log in as the business "
                "senvang@hanoi.demo and its form fills from the simulated business registry; "
                "fees are paid on the simulated gateway; statuses appear at /sim/dvcqg/. "
                "A head signing a document, or a citizen signing an online application "
                '("Ký đơn bằng chữ ký số trên điện thoại" on the draft), may sign from the '
                "phone (simulated remote-signing service, /sim/csc/): the code the phone shows "
                "is 123456."
            )
        if options["no_serve"]:
            return
        log_path = Path(settings.BASE_DIR) / "var" / "worker.log"
        self.stdout.write(
            f"Background jobs run in one worker; its output (e-mails too, with the "
            f"console e-mail backend) goes to {log_path}."
        )
        # The one worker of this machine starts now: any job still "running" was left by the
        # previous run's worker, stopped with it; end it so its page does not spin for ever.
        call_command("jobs_reap", minutes=0, quiet=True)
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

    def _print_summary(self, summary: DemoSummary, seconds: float) -> None:
        made = ", ".join(f"{count} {name}" for name, count in summary.counts.items())
        self.stdout.write(f"Loaded in {seconds:.0f} s ({summary.structure.dataset}): {made}.")
        self.stdout.write(self.style.SUCCESS(f"\nDemo logins (password for all: {DEMO_PASSWORD}):"))
        for item in summary.logins:
            self.stdout.write(f"  {item.login:<36} {item.role:<36} {item.unit}")
        self.stdout.write("The administrator sets up a TOTP authenticator app at first login.")
        if settings.EGOV_FULL_ONLINE_ASSURANCE_LEVEL >= 2 and settings.EGOV_INTEGRATION_SIMULATORS:
            self.stdout.write(
                "Fully online procedures need a level-2 national-identity login: on the login "
                'page choose "Đăng nhập bằng tài khoản định danh điện tử (VNeID)" (simulated '
                "here) and pick a citizen of level 2."
            )
        self.stdout.write("")
