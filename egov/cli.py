"""The `egov` console script: a thin wrapper over Django management commands.

`egov migrate`, `egov load_orgs hanoi-2025`, `egov audit verify`, `egov db_worker` ... are the
management commands of the project; `egov start` prepares a database and serves the demo.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    """Run a Django management command with the project's settings."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["egov", *(sys.argv[1:] if argv is None else argv)])
    return 0


if __name__ == "__main__":
    sys.exit(main())
