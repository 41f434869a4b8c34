"""Peers: their inbound credential (issue, authenticate) and which peer reaches an agency."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.audit.services import event_record
from egov.exchange import rules
from egov.exchange.choices import AuditAction
from egov.exchange.exceptions import PeerInvalid
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


def peer_create(
    *,
    actor: AbstractBaseUser | None,
    agency_code: str,
    name: str,
    endpoint_url: str = "",
    relays_for_others: bool = False,
) -> IssuedPeerToken:
    """Add an outside system (an agency's document system, another egov, the national axis)
    and issue the token it presents to us, shown once. Raises ``PeerInvalid`` naming each bad
    field (identifier code form, a code already connected, an endpoint that is not HTTPS)."""
    peer = ExchangePeer(
        agency_code=agency_code.strip().upper(),
        name=name.strip(),
        endpoint_url=endpoint_url.strip(),
        relays_for_others=relays_for_others,
    )
    try:
        peer.full_clean()
    except ValidationError as exc:
        fields = {field: " ".join(str(m) for m in messages) for field, messages in exc}
        raise PeerInvalid(_("The connected agency cannot be added."), fields=fields) from exc
    with transaction.atomic():
        peer.save()
        event_record(
            actor=actor,
            action=AuditAction.PEER_CREATED,
            obj=peer,
            changes={
                "agency_code": peer.agency_code,
                "name": peer.name,
                "endpoint_url": peer.endpoint_url,
                "relays_for_others": peer.relays_for_others,
            },
        )
        return peer_token_issue(actor=actor, peer=peer)


def peer_revoke(*, actor: AbstractBaseUser | None, peer: ExchangePeer) -> ExchangePeer:
    """Stop a peer: its token stops working at once and nothing more is sent to it (its
    messages stay for the record). Revoking a revoked peer changes nothing."""
    with transaction.atomic():
        peer = ExchangePeer.objects.select_for_update().get(pk=peer.pk)
        if not peer.is_active and not peer.token_digest:
            return peer
        had_token = bool(peer.token_digest)
        peer.is_active, peer.token_prefix, peer.token_digest = False, "", ""
        peer.save(update_fields=["is_active", "token_prefix", "token_digest"])
        event_record(
            actor=actor,
            action=AuditAction.PEER_REVOKED,
            obj=peer,
            changes={"is_active": False, "token_revoked": had_token},
        )
    return peer


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
