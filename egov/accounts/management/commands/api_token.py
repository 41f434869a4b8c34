"""`egov api_token <email> <name>`: issue a bearer token for a machine client (shown once)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from egov.accounts.models import User
from egov.accounts.rules import normalize_email
from egov.accounts.services import api_token_create


class Command(BaseCommand):
    help = "Issue an API bearer token for the account with this e-mail."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("name", help="what the token is for, e.g. 'sync with DVCQG'")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(email=normalize_email(options["email"]), is_active=True).first()
        if user is None:
            raise CommandError("No active account with this e-mail.")
        issued = api_token_create(actor=None, user=user, name=options["name"])
        self.stdout.write(issued.secret)
