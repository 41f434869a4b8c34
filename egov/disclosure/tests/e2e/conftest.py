"""Browser fixtures of the disclosure journey: English browser contexts, one per person,
on the shared Chromium of the root conftest."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

TIMEOUT_MS = 15000


@pytest.fixture
def english_page(browser: object, live_server: object) -> Iterator[Callable[[], object]]:
    """Make pages in separate English contexts (own cookies each: one person per context)."""
    contexts = []

    def make() -> object:
        context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
        contexts.append(context)
        new = context.new_page()
        new.set_default_timeout(TIMEOUT_MS)
        return new

    yield make
    for context in contexts:
        context.close()
