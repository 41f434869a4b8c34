"""Production settings pass `check --deploy` with no warning; CSP and secure cookies are on."""

from __future__ import annotations

import os
import subprocess
import sys

from django.conf import settings

PRODUCTION_ENV = {
    "EGOV_DEBUG": "0",
    "EGOV_SECRET_KEY": "x" * 20 + "production-like-secret-key-with-enough-entropy-0123456789",
    "EGOV_ALLOWED_HOSTS": "dichvucong.example.gov.vn",
    "EGOV_AUDIT_KEYS": "k2026=" + "audit-key-with-enough-entropy-0123456789abcdef",
    "EGOV_AUDIT_KEY_ID": "k2026",
    "EGOV_AUDIT_CHECKPOINT_DIR": "/srv/egov-audit-checkpoints",
    "DJANGO_SETTINGS_MODULE": "config.settings.base",
}


def test_check_deploy_has_no_warning():
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("EGOV_") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    env.update(PRODUCTION_ENV)
    result = subprocess.run(
        [sys.executable, "-m", "egov.cli", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_responses_carry_a_content_security_policy(client, db):
    response = client.get("/")

    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert response["X-Frame-Options"] == "DENY"


def test_missing_secret_key_fails_loudly(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("EGOV_")}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
    # A deployment names its database; with nothing set the CLI assumes a development checkout.
    env.setdefault("DATABASE_URL", f"sqlite:///{tmp_path / 'deployed.sqlite3'}")
    result = subprocess.run(
        [sys.executable, "-m", "egov.cli", "check"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode != 0
    assert "EGOV_SECRET_KEY" in result.stderr
