"""Peers: the token a peer presents (only its digest kept, replaced at once, audited) and the
checks on a peer's identifier code and endpoint."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

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
        .order_by("id")
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


def _command(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("exchange_peer", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_a_peer_is_added_by_command_and_its_token_printed_once(settings):
    settings.EGOV_EXCHANGE_ALLOW_HTTP = False

    out, err = _command("add", "000.00.00.g22", "Văn phòng Chính phủ", "https://vpcp.example.vn/x")

    token = out.strip()
    peer = ExchangePeer.objects.get()
    assert (peer.agency_code, peer.name, peer.endpoint_url) == (
        GOVERNMENT_OFFICE,
        "Văn phòng Chính phủ",
        "https://vpcp.example.vn/x",
    )
    assert peer_authenticate(token) == peer
    assert "shown once" in err
    listed, _ = _command("list")
    assert GOVERNMENT_OFFICE in listed
    assert token not in listed
    assert list(AuditEvent.objects.order_by("id").values_list("action", flat=True)) == [
        "exchange.peer_created",
        "exchange.peer_token_issued",
    ]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("add", "G22", "Văn phòng Chính phủ"), "agency_code"),
        (("add", GOVERNMENT_OFFICE, "VPCP", "http://vpcp.example.vn/x"), "endpoint_url"),
    ],
)
def test_a_bad_peer_is_refused_by_the_command_naming_the_field(settings, args, words):
    settings.EGOV_EXCHANGE_ALLOW_HTTP = False

    with pytest.raises(CommandError, match=words):
        _command(*args)

    assert ExchangePeer.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_the_same_agency_cannot_be_added_twice():
    _command("add", GOVERNMENT_OFFICE, "Văn phòng Chính phủ")

    with pytest.raises(CommandError, match="agency_code"):
        _command("add", GOVERNMENT_OFFICE, "VPCP again")


def test_a_revoked_peer_token_stops_working_at_once():
    token, _ = _command("add", GOVERNMENT_OFFICE, "Văn phòng Chính phủ")

    out, _ = _command("revoke", GOVERNMENT_OFFICE)
    _command("revoke", GOVERNMENT_OFFICE)  # again: nothing more happens

    peer = ExchangePeer.objects.get()
    assert "Revoked" in out
    assert peer_authenticate(token.strip()) is None
    assert (peer.is_active, peer.token_digest) == (False, "")
    assert AuditEvent.objects.filter(action="exchange.peer_revoked").count() == 1
    assert peer_for_agency(GOVERNMENT_OFFICE) is None
    with pytest.raises(CommandError, match="No peer"):
        _command("revoke", "000.00.00.G99")
