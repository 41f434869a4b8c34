"""System checks of the deployment (`egov check --deploy`)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks

# Caches that live inside one process: every worker would count rate limits on its own.
PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@checks.register(checks.Tags.caches, deploy=True)
def rate_limit_cache_check(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """Warn when the cache the rate limits count in is not shared by the worker processes."""
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend not in PER_PROCESS_CACHES:
        return []
    return [
        checks.Warning(
            f"The default cache ({backend}) lives in each process: rate limits (registration, "
            "the public dossier look-up) are counted per worker and multiply by their number.",
            hint="Unset EGOV_CACHE_URL to use the database cache (run `egov createcachetable`), "
            "or point it at a shared cache such as redis://.",
            id="egov.W001",
        )
    ]
