"""`egov exchange_peer add|list|revoke`: connect an outside system to the document exchange.

`add <agency-code> <name> [<url>]` prints the token the peer presents to us, once (only its
digest is kept); `list` shows the peers; `revoke <agency-code>` stops a peer's token at once.
The token we present to a peer is set in `EGOV_EXCHANGE_PEER_TOKENS`, never here.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from egov.common.exceptions import DomainError
from egov.exchange.selectors import peer_get, peer_list
from egov.exchange.services import peer_create, peer_revoke


class Command(BaseCommand):
    help = "Add, list or revoke the peers of the document exchange (edXML)."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        add = actions.add_parser("add", help="add a peer and print its token (shown once)")
        add.add_argument("agency_code", help="identifier code, e.g. 000.00.00.G22")
        add.add_argument("name")
        add.add_argument(
            "endpoint_url", nargs="?", default="", help="where its packages are posted (HTTPS)"
        )
        add.add_argument(
            "--relay",
            action="store_true",
            help="the national axis: delivers packages of any agency",
        )
        actions.add_parser("list", help="list the peers")
        revoke = actions.add_parser("revoke", help="stop a peer and its token at once")
        revoke.add_argument("agency_code")

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, f"_{options['action']}")(options)

    def _add(self, options: dict[str, Any]) -> None:
        try:
            issued = peer_create(
                actor=None,
                agency_code=options["agency_code"],
                name=options["name"],
                endpoint_url=options["endpoint_url"],
                relays_for_others=options["relay"],
            )
        except DomainError as exc:
            problems = "; ".join(f"{field}: {message}" for field, message in exc.fields.items())
            raise CommandError(f"{exc.message} {problems}".strip()) from exc
        self.stderr.write(
            f"Added {issued.peer}. Its token, shown once (give it to the peer; it sends it "
            "as 'Authorization: Bearer <token>'):"
        )
        self.stdout.write(issued.secret)

    def _list(self, options: dict[str, Any]) -> None:
        for peer in peer_list():
            state = "active" if peer.is_active else "revoked"
            issued = peer.token_issued_at.date().isoformat() if peer.token_digest else "-"
            token = f"token {peer.token_prefix}" if peer.token_digest else "no token"
            self.stdout.write(
                "\t".join(
                    (peer.agency_code, peer.name, peer.endpoint_url or "-", state, token, issued)
                )
            )

    def _revoke(self, options: dict[str, Any]) -> None:
        peer = peer_get(options["agency_code"])
        if peer is None:
            raise CommandError(f"No peer with the identifier code {options['agency_code']}.")
        peer_revoke(actor=None, peer=peer)
        self.stdout.write(f"Revoked {peer}: its token no longer works.")
