"""Browser fixtures of the registry journeys: one English context per person (the UI does not
depend on the Vietnamese catalog), on the shared Chromium of the root conftest."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

TIMEOUT_MS = 20000


@pytest.fixture
def english_page(browser: object, live_server: object) -> Iterator[Callable[[], object]]:
    contexts = []

    def make() -> object:
        context = browser.new_context(
            locale="en-US", viewport={"width": 1280, "height": 900}, accept_downloads=True
        )
        contexts.append(context)
        new = context.new_page()
        new.set_default_timeout(TIMEOUT_MS)
        return new

    yield make
    for context in contexts:
        context.close()
