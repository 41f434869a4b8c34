"""Errors of the dashboards' writes (closing a period)."""

from __future__ import annotations

from egov.common.exceptions import DomainError


class SnapshotRefused(DomainError):
    """The period cannot be closed (not ended, already closed, no indicator set)."""

    code = "snapshot_refused"
    status = 409
