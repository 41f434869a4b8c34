"""Background jobs of the audit trail (django-tasks). Thin: call a service.

Export the chain head every few minutes: cron ``egov audit checkpoint`` (runs here) or
``egov audit checkpoint --enqueue`` (hands the run to the job workers); see ADR 0002.
"""

from __future__ import annotations

from django_tasks import task


@task()
def audit_checkpoint_run() -> dict[str, object]:
    """Append a checkpoint of the chain head to the checkpoint file; returns what it recorded."""
    from egov.audit.services import audit_checkpoint_write

    checkpoint = audit_checkpoint_write()
    return {
        "sequence": checkpoint.sequence,
        "hash": checkpoint.hash,
        "at": checkpoint.at.isoformat(),
    }
