"""Peers: the token a peer presents (only its digest kept, replaced at once, audited) and the
checks on a peer's identifier code and endpoint."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from egov.audit.models import AuditEvent
from egov.exchange import rules
from egov.exchange.models import ExchangePeer
from egov.exchange.services import peer_authenticate, peer_for_agency, peer_token_issue
from egov.exchange.tests import factories
from egov.exchange.tests.samples import GOVERNMENT_OFFICE

pytestmark = pytest.mark.django_db


def test_a_token_authenticates_its_peer_and_only_its_digest_is_kept():
    peer, token = factories.peer(agency_code=GOVERNMENT_OFFICE, name="Văn phòng Chính phủ")

    assert peer_authenticate(token) == peer
    assert token.startswith(f"egovx_{peer.token_prefix}_")
    assert peer.token_digest == rules.token_digest(token)
    assert token not in str(ExchangePeer.objects.values().get())
    assert peer_authenticate(token + "x") is None


def test_a_new_token_replaces_the_old_one_at_once():
    peer, old = factories.peer(agency_code=GOVERNMENT_OFFICE, name="Văn phòng Chính phủ")

    new = peer_token_issue(actor=None, peer=peer).secret

    assert peer_authenticate(old) is None
    assert peer_authenticate(new) == peer
    assert list(
        AuditEvent.objects.filter(action="exchange.peer_token_issued")
        .order_by("sequence")
        .values_list("changes__replaced", flat=True)
    ) == [False, True]


def test_an_inactive_peer_is_refused():
    peer, token = factories.peer(agency_code=GOVERNMENT_OFFICE, name="Văn phòng Chính phủ")
    ExchangePeer.objects.filter(pk=peer.pk).update(is_active=False)

    assert peer_authenticate(token) is None


def test_an_agency_without_its_own_peer_is_reached_through_the_relay():
    relay, _token = factories.peer(
        agency_code="000.00.00.G09", name="Trục liên thông", relays_for_others=True
    )

    assert peer_for_agency("000.00.00.H41") == relay
    assert peer_for_agency("000.00.00.G09") == relay


@pytest.mark.parametrize(
    ("code", "url", "allow_http", "fields"),
    [
        ("000.00.00.G22", "https://peer.example.vn/messages", False, set()),
        ("G22", "https://peer.example.vn/messages", False, {"agency_code"}),
        ("000.00.00.G22", "http://peer.example.vn/messages", False, {"endpoint_url"}),
        ("000.00.00.G22", "http://peer.example.vn/messages", True, set()),
    ],
)
def test_a_peer_needs_a_qcvn_code_and_an_https_endpoint(settings, code, url, allow_http, fields):
    settings.EGOV_EXCHANGE_ALLOW_HTTP = allow_http
    peer = ExchangePeer(agency_code=code, name="Văn phòng Chính phủ", endpoint_url=url)

    if not fields:
        peer.full_clean()
        return
    with pytest.raises(ValidationError) as caught:
        peer.full_clean()
    assert set(caught.value.message_dict) == fields
