"""pyHanko's synchronous API runs an asyncio loop of its own (``asyncio.run``), which fails in
a thread that already runs one (an ASGI view, a Playwright-driven test). There it runs in a
short-lived worker thread instead."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


def run_sync(function: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
    """Call ``function``, in a worker thread if this thread runs an event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="egov-pyhanko") as pool:
        return pool.submit(function, *args, **kwargs).result()
