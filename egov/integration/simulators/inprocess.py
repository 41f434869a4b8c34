"""The simulators reached in this process through httpx's WSGI transport: the tests' way to
call them, and the demo's while it loads (no server is running yet)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import httpx
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.utils import translation

from egov.integration.services import client


class InProcess(httpx.WSGITransport):
    """The simulators in this process. Like Django's test client, the handler must not close
    the caller's database connection when its request ends (inside a transaction, or a test's
    transaction on PostgreSQL, it would be lost): the answer is read whole with the signal
    disconnected. The language of the request being served around it is restored afterwards."""

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        language = translation.get_language()  # the simulator's request activates its own
        try:
            response = super().handle_request(request)
            body = b"".join(response.stream)
            response.stream.close()
        finally:
            translation.activate(language)
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)
        return httpx.Response(response.status_code, headers=response.headers, content=body)


@contextmanager
def simulators_in_process() -> Iterator[None]:
    """Route every connector to the simulators in this process while inside (then back to
    whatever transport was set)."""
    before = client.transport_get()
    client.transport_set(InProcess(app=WSGIHandler()))
    try:
        yield
    finally:
        client.transport_set(before)
