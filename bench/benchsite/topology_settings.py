"""Settings of the topology smoke run (bench/topology.py): the benchmark settings with the public
look-up's rate limits of the project put back (the run checks that they hold across two app
servers through the shared database cache), static files served as they are found (the run
measures nothing, so it does not collect them), and the test suite's fast password hasher
accepted too."""

from __future__ import annotations

import os

from bench.benchsite.settings import *  # noqa: F403

EGOV_TRACK_LOOKUPS_PER_WINDOW = int(os.environ.get("EGOV_TRACK_LOOKUPS_PER_WINDOW", "30"))
EGOV_TRACK_MISSES_PER_WINDOW = int(os.environ.get("EGOV_TRACK_MISSES_PER_WINDOW", "10"))
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The run's account is made by the test suite, whose settings hash passwords with MD5 (fast).
PASSWORD_HASHERS = [*PASSWORD_HASHERS, "django.contrib.auth.hashers.MD5PasswordHasher"]  # noqa: F405
