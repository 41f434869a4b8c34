"""Row locks of the workflow engine (like Saleor ``lock_objects.py``).

Every action locks its instance row first, so two officers acting at once are serialised and
the second sees the version the first one wrote; a stale ``expected_version`` is refused (the
shared :mod:`egov.audit.versioned` helpers). SQLite ignores ``FOR UPDATE``; there the IMMEDIATE
transaction mode serialises writers instead.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from egov.audit.versioned import row_lock, version_check
from egov.workflow.models import ProcessDefinition, ProcessInstance

ACTED_FIRST = _(
    "Someone else acted on “%(item)s” first, so your action was not applied. "
    "Reload the page to see what changed."
)


def instance_lock(instance_id: int, expected_version: int | None = None) -> ProcessInstance:
    """The instance row, locked until the end of the transaction, as the actor saw it
    (``expected_version``; ``None``: not checked)."""
    instance = row_lock(ProcessInstance.objects.all(), instance_id)
    version_check(instance, expected_version, item=instance.subject_label, message=ACTED_FIRST)
    return instance


def definition_lock(definition_id: int) -> ProcessDefinition:
    """The definition row, locked until the end of the transaction."""
    return ProcessDefinition.objects.select_for_update().get(pk=definition_id)
