"""Test settings: only overrides (fast hasher, in-memory e-mail, jobs run immediately)."""

from __future__ import annotations

import os

os.environ.setdefault("EGOV_DEBUG", "0")
os.environ.setdefault("EGOV_SECRET_KEY", "test-secret-key-not-for-production-use-0123456789abcdef")
os.environ.setdefault("EGOV_HTTPS", "0")
# Maps: a tile server that is never there (the pins must show on a plain background).
os.environ.setdefault("EGOV_MAP_TILE_URL", "http://127.0.0.1:9/{z}/{x}/{y}.png")

from config.settings.base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
AXES_FAILURE_LIMIT = 5
# No key store unless a test asks for one (egov/documents/tests/conftest_pki.py): a demo key
# store left in var/pki must not make signing tests pass or fail.
EGOV_SIGNING_KEY_DIR = BASE_DIR / "var" / "no-test-key-store"  # noqa: F405
EGOV_TRUSTED_ROOTS: list[str] = []
# Audit seals: the development key and no checkpoint file unless a test points the directory at
# its own tmp_path (a developer's var/audit-checkpoints must not be compared with test data).
EGOV_AUDIT_KEYS: dict[str, str] = {}
EGOV_AUDIT_KEY_FILE = ""
EGOV_AUDIT_KEY_ID = ""
EGOV_AUDIT_CHECKPOINT_DIR = BASE_DIR / "var" / "no-test-audit-checkpoints"  # noqa: F405
# Integrations: no simulators mounted unless a test turns them on; a test payment secret.
EGOV_INTEGRATION_SIMULATORS = False
EGOV_PAYMENT_SECRET = "test-payment-secret"  # noqa: S105 - tests only
EGOV_VNEID_CLIENT_SECRET = "test-vneid-secret"  # noqa: S105 - tests only
# The replica alias exists in every test run, as a mirror of the test database, so the router's
# tests can turn it on (egov/common/tests/test_replica.py); nothing routes to it otherwise.
# On SQLite it opens its transactions as readers: a test holds one on each alias, and two
# IMMEDIATE ones on one database would lock each other out.
if "replica" not in DATABASES:  # noqa: F405
    _options = dict(DATABASES["default"].get("OPTIONS", {}))  # noqa: F405
    _options.pop("transaction_mode", None)
    DATABASES["replica"] = {  # noqa: F405
        **DATABASES["default"],  # noqa: F405
        "OPTIONS": _options,
        "TEST": {"MIRROR": "default"},
    }
