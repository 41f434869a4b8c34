"""Peers: their inbound credential (issue, authenticate) and which peer reaches an agency."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from egov.audit.services import event_record
from egov.exchange import rules
from egov.exchange.choices import AuditAction
from egov.exchange.models import ExchangePeer


@dataclass(frozen=True)
class IssuedPeerToken:
    peer: ExchangePeer
    secret: str  # shown once, never stored


def peer_token_issue(*, actor: AbstractBaseUser | None, peer: ExchangePeer) -> IssuedPeerToken:
    """Issue (or replace) the bearer token ``egovx_<prefix>_<secret>`` the peer presents when it
    posts to us; only its SHA-256 is kept, and the previous token stops working at once."""
    prefix = secrets.token_hex(6)
    secret = f"{rules.CREDENTIAL_SCHEME}_{prefix}_{secrets.token_urlsafe(32)}"
    with transaction.atomic():
        peer = ExchangePeer.objects.select_for_update().get(pk=peer.pk)
        replaced = bool(peer.token_digest)
        peer.token_prefix, peer.token_digest = prefix, rules.token_digest(secret)
        peer.token_issued_at = timezone.now()
        peer.save(update_fields=["token_prefix", "token_digest", "token_issued_at"])
        event_record(
            actor=actor,
            action=AuditAction.PEER_TOKEN_ISSUED,
            obj=peer,
            changes={"prefix": prefix, "replaced": replaced},
        )
    return IssuedPeerToken(peer=peer, secret=secret)


def peer_authenticate(raw: str) -> ExchangePeer | None:
    """The active peer whose token is ``raw``, or None (compared in constant time)."""
    prefix = rules.token_prefix_of(raw)
    if prefix is None:
        return None
    peer = ExchangePeer.objects.filter(token_prefix=prefix, is_active=True).first()
    if peer is None or not secrets.compare_digest(peer.token_digest, rules.token_digest(raw)):
        return None
    return peer


def peer_for_agency(agency_code: str) -> ExchangePeer | None:
    """The agency's own active peer, else the relay (national axis) if one is configured."""
    own = ExchangePeer.objects.filter(agency_code=agency_code, is_active=True).first()
    if own is not None:
        return own
    return (
        ExchangePeer.objects.filter(relays_for_others=True, is_active=True)
        .exclude(endpoint_url="")
        .order_by("pk")
        .first()
    )
