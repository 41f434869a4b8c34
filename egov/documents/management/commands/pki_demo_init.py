"""`egov pki_demo_init`: make the demo key store so the demo can sign documents.

Creates, when missing, a demo root CA in ``EGOV_SIGNING_KEY_DIR`` and a key + certificate for
each unit that issues documents (by default: every unit with a clerk; ``--unit ID`` for chosen
ones, ``--all`` for every active unit but one-stop desks). Existing unit certificates are kept
unless ``--force``. Keys stay on this machine (``var/`` is never committed). Not for
production: there, units' certificates come from a licensed CA.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from egov.documents.signing import pki
from egov.documents.signing.keystore import (
    ROOT_CERT_FILE,
    key_dir,
    key_passphrase,
    unit_cert_path,
)
from egov.orgs.choices import Role, UnitKind
from egov.orgs.models import Membership, OrgUnit

DEMO_ROOT_NAME = "egov demo root CA (not for production)"


class Command(BaseCommand):
    help = "Create the demo root CA and signing certificates for the units that issue documents."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--unit",
            type=int,
            action="append",
            default=[],
            help="id of a unit to give a certificate (repeatable)",
        )
        parser.add_argument(
            "--all", action="store_true", help="every active unit except one-stop desks"
        )
        parser.add_argument(
            "--force", action="store_true", help="replace existing unit certificates"
        )

    def _units(self, options: dict[str, Any]) -> list[OrgUnit]:
        if options["unit"]:
            units = list(OrgUnit.objects.filter(pk__in=options["unit"]))
            missing = set(options["unit"]) - {unit.pk for unit in units}
            if missing:
                raise CommandError(f"No org unit with id {sorted(missing)}")
            return units
        if options["all"]:
            return list(OrgUnit.objects.active().exclude(kind=UnitKind.ONE_STOP_DESK))
        clerk_units = Membership.objects.current().filter(role=Role.CLERK).values("unit_id")
        return list(OrgUnit.objects.filter(pk__in=clerk_units))

    def handle(self, *args: Any, **options: Any) -> None:
        directory = key_dir()
        passphrase = key_passphrase()
        root = pki.root_ca_load(directory, passphrase)
        if root is None:
            if (directory / ROOT_CERT_FILE).exists():
                raise CommandError(
                    f"{directory / ROOT_CERT_FILE} exists without its key: "
                    "not a demo key store, nothing done."
                )
            root = pki.root_ca_install(
                directory,
                common_name=DEMO_ROOT_NAME,
                organisation=settings.EGOV_AUTHORITY_NAME,
                passphrase=passphrase,
            )
            self.stdout.write(f"Demo root CA created in {directory}.")
        ca_key, ca_certificate = root
        made = kept = 0
        for unit in self._units(options):
            if unit_cert_path(unit.pk, directory).exists() and not options["force"]:
                kept += 1
                continue
            pki.unit_certificate_install(
                directory,
                unit_id=unit.pk,
                common_name=unit.name,
                organisation=settings.EGOV_AUTHORITY_NAME,
                ca_key=ca_key,
                ca_certificate=ca_certificate,
                passphrase=passphrase,
            )
            made += 1
        self.stdout.write(f"Unit certificates: {made} made, {kept} already there.")
        if str(directory / ROOT_CERT_FILE) not in [str(p) for p in settings.EGOV_TRUSTED_ROOTS]:
            self.stdout.write(
                self.style.WARNING(
                    "The demo root is not in EGOV_TRUSTED_ROOTS: signatures will show as untrusted."
                )
            )
