"""Row locks of the workflow engine (like Saleor ``lock_objects.py``).

Every action locks its instance row first, so two officers acting at once are serialised and
the second sees the version the first one wrote. SQLite ignores ``FOR UPDATE``; there the
IMMEDIATE transaction mode serialises writers instead.
"""

from __future__ import annotations

from egov.workflow.models import ProcessDefinition, ProcessInstance


def instance_lock(instance_id: int) -> ProcessInstance:
    """The instance row, locked until the end of the transaction."""
    return ProcessInstance.objects.select_for_update().get(pk=instance_id)


def definition_lock(definition_id: int) -> ProcessDefinition:
    """The definition row, locked until the end of the transaction."""
    return ProcessDefinition.objects.select_for_update().get(pk=definition_id)
