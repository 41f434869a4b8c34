"""Every write of the workflow engine (a package: definitions, steps, clock, closing, import).

Instance actions take ``*, actor, instance, expected_version``: one transaction holding the
instance lock, a ``ConcurrentChange`` if someone acted since the caller looked, one audit entry.
The engine announces nothing: the app that owns the subject calls these services and copies
what it mirrors from the returned instance (ADR 0009).
"""

from egov.workflow.services.clock import process_due_reset, process_pause, process_resume
from egov.workflow.services.closing import process_cancel, process_finish
from egov.workflow.services.definitions import (
    StepSpec,
    definition_problems,
    process_definition_create,
    process_definition_new_version,
    process_definition_publish,
    process_definition_replace_draft,
)
from egov.workflow.services.imports import ImportReport, process_definitions_import
from egov.workflow.services.steps import (
    process_start,
    step_assign,
    step_forward,
    step_handover,
    step_send_back,
)

__all__ = [
    "ImportReport",
    "StepSpec",
    "definition_problems",
    "process_cancel",
    "process_definition_create",
    "process_definition_new_version",
    "process_definition_publish",
    "process_definition_replace_draft",
    "process_definitions_import",
    "process_due_reset",
    "process_finish",
    "process_pause",
    "process_resume",
    "process_start",
    "step_assign",
    "step_forward",
    "step_handover",
    "step_send_back",
]
