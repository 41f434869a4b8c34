"""Settings of the benchmark runs: the project's own settings (``config.settings.base``) plus the
baseline views of :mod:`bench.benchsite.urls`, served only by the harness, never in production.

Differences from a production deployment, each needed to measure the app rather than the
limits around it:

- the public look-up's per-IP rate limits are lifted (every request of the load generator
  comes from 127.0.0.1; the limiter itself still runs on every request);
- uploads per dossier are not capped (the upload scenario keeps adding 1 MB PDFs to drafts);
- log level WARNING (one INFO line per dossier would measure the console);
- plain HTTP on loopback (no HTTPS redirect) and a fixed secret key.
"""

from __future__ import annotations

import os

os.environ.setdefault(
    "EGOV_SECRET_KEY", "bench-only-secret-key-never-used-in-production-0123456789"
)
os.environ.setdefault("EGOV_HTTPS", "0")
os.environ.setdefault("EGOV_LOG_LEVEL", "WARNING")
os.environ.setdefault("EGOV_DB_CONN_MAX_AGE", "600")

from config.settings.base import *  # noqa: F403

ROOT_URLCONF = "bench.benchsite.urls"
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]  # noqa: F405 - the in-process checks
EGOV_TRACK_LOOKUPS_PER_WINDOW = 10**12
EGOV_TRACK_MISSES_PER_WINDOW = 10**12
EGOV_DOSSIER_MAX_FILES = 10**9
EGOV_DOSSIER_MAX_BYTES = 10**15
# One benchmark citizen holds every upload draft (the per-account caps guard real accounts).
EGOV_DRAFTS_PER_ACCOUNT = 10**9
EGOV_DRAFT_BYTES_PER_ACCOUNT = 10**15
STATIC_ROOT = BASE_DIR / "var" / "bench" / "static"  # noqa: F405 - not the shared var/static
MEDIA_ROOT = os.environ.get("EGOV_MEDIA_ROOT", "/tmp/egov-bench-media")  # noqa: S108
