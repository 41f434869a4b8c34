"""The `egov` console script: a thin wrapper over Django management commands.

`egov migrate`, `egov load_orgs hanoi-2025`, `egov audit verify`, `egov db_worker` ... are the
management commands of the project; `egov start` prepares a database and serves the demo.

For local use the commands run with the development settings `bootstrap.py run` uses: when
none of EGOV_DEBUG, EGOV_SECRET_KEY and DATABASE_URL is set (a fresh clone on its SQLite
database), EGOV_DEBUG=1 is assumed and said on standard error. A deployment sets its secret key
(and database), so nothing is assumed there: a missing key still stops every command.
"""

from __future__ import annotations

import os
import sys
from collections.abc import MutableMapping

LOCAL_NOTE = (
    "egov: no EGOV_SECRET_KEY, EGOV_DEBUG or DATABASE_URL set: development settings "
    "(EGOV_DEBUG=1) on the local SQLite database, as `bootstrap.py run` uses.\n"
)


def local_defaults(environ: MutableMapping[str, str]) -> bool:
    """Assume the development settings in ``environ`` for local use; True when assumed."""
    if any(environ.get(name) for name in ("EGOV_DEBUG", "EGOV_SECRET_KEY", "DATABASE_URL")):
        return False
    environ["EGOV_DEBUG"] = "1"
    return True


def main(argv: list[str] | None = None) -> int:
    """Run a Django management command with the project's settings."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    if local_defaults(os.environ):
        sys.stderr.write(LOCAL_NOTE)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["egov", *(sys.argv[1:] if argv is None else argv)])
    return 0


if __name__ == "__main__":
    sys.exit(main())
