"""`egov api_token <email> <name> [--days N] [--read-only] [--app onestop ...]`: issue a bearer
token for a machine client (shown once)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from egov.accounts.models import User
from egov.accounts.rules import normalize_email
from egov.accounts.services import api_token_create
from egov.common.exceptions import DomainError


class Command(BaseCommand):
    help = "Issue an API bearer token for the account with this e-mail."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("name", help="what the token is for, e.g. 'sync with DVCQG'")
        parser.add_argument("--days", type=int, help="validity (default EGOV_API_TOKEN_DAYS)")
        parser.add_argument("--read-only", action="store_true", help="GET requests only")
        parser.add_argument(
            "--app",
            action="append",
            default=[],
            help="limit to a part of the API (orgs, onestop, ...); repeat for several",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(email=normalize_email(options["email"]), is_active=True).first()
        if user is None:
            raise CommandError("No active account with this e-mail.")
        try:
            issued = api_token_create(
                actor=None,
                user=user,
                name=options["name"],
                days=options["days"],
                read_only=options["read_only"],
                apps=options["app"],
            )
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(issued.secret)
