"""Fixtures of the integration tests: the simulators reached in-process
(``simulators.inprocess.InProcess``), or a transport that fails."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import httpx
import pytest
from django.core.handlers.wsgi import WSGIHandler

from conftest import make_officer
from egov.integration.services import client
from egov.integration.simulators.inprocess import InProcess
from egov.integration.simulators.views import payments_forget, portal_forget


@pytest.fixture(autouse=True)
def _fresh_breakers() -> Iterator[None]:
    client.breakers_reset()
    portal_forget()
    payments_forget()
    yield
    client.transport_set(None)
    client.breakers_reset()
    portal_forget()
    payments_forget()


@pytest.fixture
def simulators(settings) -> Iterator[httpx.BaseTransport]:
    """Turn the simulators on and route every connector to them in-process."""
    settings.EGOV_INTEGRATION_SIMULATORS = True
    settings.SITE_URL = "http://testserver"
    transport = InProcess(app=WSGIHandler())
    client.transport_set(transport)
    return transport


class Recording(httpx.BaseTransport):
    """Forwards to ``inner`` (or answers with ``reply``), keeping every request."""

    def __init__(
        self,
        inner: httpx.BaseTransport | None = None,
        reply: Callable[[httpx.Request], httpx.Response] | None = None,
    ) -> None:
        self.inner, self.reply, self.requests = inner, reply, []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if self.reply is not None:
            return self.reply(request)
        return self.inner.handle_request(request)


@pytest.fixture
def desk_officer(world):
    return make_officer("motcua.integration@example.vn", world.desk_a, "front_desk_officer")


def national_login(client, user, level: int = 2) -> None:
    """Log ``user`` in as after a national identity (VNeID) login of ``level`` (0: a password
    login)."""
    from egov.integration.rules import ASSURANCE_SESSION_KEY

    client.force_login(user)
    if level:
        session = client.session
        session[ASSURANCE_SESSION_KEY] = level
        session.save()
