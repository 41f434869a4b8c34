#!/usr/bin/env python3
"""The two commands of the README, for a machine that has only Python 3.11+ and pip.

    python3 bootstrap.py run     # venv, install, migrate, demo data, serve on 127.0.0.1:8000
    python3 bootstrap.py test    # venv, install, whole test suite (DATABASE_URL picks PostgreSQL)

Anything after the command is passed on: `bootstrap.py test -k calendar`, `bootstrap.py run
0.0.0.0:8000`. Tests run on every core (`EGOV_TEST_WORKERS`, or `-n 0` for one process).
Standard library only: this file runs before anything is installed.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("EGOV_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / "python"
INPUTS = ("pyproject.toml", "requirements/constraints.txt")


def _install_stamp() -> str:
    digest = hashlib.sha256()
    for name in INPUTS:
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def ensure_environment() -> None:
    """Create the virtual environment and install egov (pinned) if anything changed."""
    if not PYTHON.exists():
        print(f"Creating virtual environment in {VENV} ...", flush=True)
        venv.create(VENV, with_pip=True)
    stamp_file = VENV / ".egov-install-stamp"
    stamp = _install_stamp()
    if stamp_file.exists() and stamp_file.read_text() == stamp:
        return
    print("Installing egov and its pinned dependencies ...", flush=True)
    pip = [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True)
    subprocess.run(
        [*pip, "-c", str(ROOT / "requirements/constraints.txt"), "-e", f"{ROOT}[dev]"],
        check=True,
        cwd=ROOT,
    )
    stamp_file.write_text(stamp)


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in ("run", "test"):
        print(__doc__)
        return 2
    command, extra = sys.argv[1], sys.argv[2:]
    ensure_environment()
    env = dict(os.environ)
    if command == "run":
        env.setdefault("EGOV_DEBUG", "1")
        return subprocess.call([str(BIN / "egov"), "start", *extra], cwd=ROOT, env=env)
    return subprocess.call(
        [str(PYTHON), "-m", "pytest", *_workers(extra), *extra], cwd=ROOT, env=env
    )


def _workers(extra: list[str]) -> list[str]:
    """The suite runs on every core (pytest-xdist), one test module per worker at a time so a
    module's browser and data fixtures are built once; `-n 0` (or any `-n`) overrides it."""
    if any(arg == "-n" or arg.startswith(("-n", "--numprocesses")) for arg in extra):
        return []
    return ["-n", os.environ.get("EGOV_TEST_WORKERS", "auto"), "--dist", "loadscope"]


if __name__ == "__main__":
    sys.exit(main())
