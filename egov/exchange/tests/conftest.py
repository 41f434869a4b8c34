"""Fixtures of the exchange tests: English messages, identifier codes for the test world, the
Government Office as an outside peer, and a scripted stand-in for the peer's HTTP server."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import httpx
import pytest
from django.utils import translation

from egov.exchange.models import ExchangePeer
from egov.exchange.tests import factories
from egov.exchange.tests.samples import GOVERNMENT_OFFICE

DISTRICT_A, DISTRICT_B, CITY = "000.00.01.H26", "000.00.02.H26", "000.00.00.H26"


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture
def codes(world):
    """Identifier codes (QCVN 102 form) on the city and both districts."""
    for unit, code in (
        (world.city, CITY),
        (world.district_a, DISTRICT_A),
        (world.district_b, DISTRICT_B),
    ):
        unit.agency_code = code
        unit.save(update_fields=["agency_code"])
    return world


@dataclass(frozen=True)
class PeerWithToken:
    peer: ExchangePeer
    token: str  # what the peer presents to us


@pytest.fixture
def office(db, settings) -> PeerWithToken:
    """Văn phòng Chính phủ, reached over HTTPS; we present "token-for-g22" to it."""
    row, secret = factories.peer(agency_code=GOVERNMENT_OFFICE, name="Văn phòng Chính phủ")
    settings.EGOV_EXCHANGE_PEER_TOKENS = {GOVERNMENT_OFFICE: "token-for-g22"}
    return PeerWithToken(row, secret)


@dataclass
class FakeServer:
    """Answers the POSTs of the delivery job in order: an int is an HTTP status, an exception
    is raised (network failure). Every request is kept."""

    answers: list = field(default_factory=list)
    requests: list[httpx.Request] = field(default_factory=list)

    def post(self, url: str, *, content: bytes, headers: dict, **kwargs: object) -> httpx.Response:
        request = httpx.Request("POST", url, content=content, headers=headers)
        self.requests.append(request)
        answer = self.answers.pop(0) if self.answers else 202
        if isinstance(answer, Exception):
            raise answer
        return httpx.Response(answer, json={"detail": "test"}, request=request)


@pytest.fixture
def fake_http(monkeypatch) -> FakeServer:
    server = FakeServer()
    monkeypatch.setattr(httpx, "post", server.post)
    return server
