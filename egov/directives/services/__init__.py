"""Every write of task tracking, one module per concern.

Import services from here: ``from egov.directives.services import task_report_submit``.
"""

from egov.directives.services.directives import directive_register
from egov.directives.services.extensions import (
    extension_grant,
    extension_refuse,
    extension_request,
)
from egov.directives.services.files import AttachmentIn
from egov.directives.services.import_report import task_import_answer_all, task_import_report
from egov.directives.services.imports import (
    ImportAnswer,
    task_import_apply,
    task_import_create,
    task_import_resolve,
)
from egov.directives.services.periods import expected_reports_ensure
from egov.directives.services.reminders import task_reminders_send
from egov.directives.services.reports import (
    task_report_accept,
    task_report_return,
    task_report_save,
    task_report_submit,
)
from egov.directives.services.task_edit import (
    SubtaskData,
    TaskData,
    task_create,
    task_split,
    task_update,
)

__all__ = [
    "AttachmentIn",
    "ImportAnswer",
    "SubtaskData",
    "TaskData",
    "directive_register",
    "expected_reports_ensure",
    "extension_grant",
    "extension_refuse",
    "extension_request",
    "task_create",
    "task_import_answer_all",
    "task_import_apply",
    "task_import_create",
    "task_import_report",
    "task_import_resolve",
    "task_reminders_send",
    "task_report_accept",
    "task_report_return",
    "task_report_save",
    "task_report_submit",
    "task_split",
    "task_update",
]
