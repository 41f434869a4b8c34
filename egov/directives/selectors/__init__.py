"""Every scoped read of task tracking."""

from egov.directives.selectors.access import (
    directive_get_for_user,
    directive_scope,
    extension_get_for_user,
    report_file_get_for_user,
    report_get_for_user,
    task_get_for_user,
    task_import_get_for_user,
    task_scope,
)
from egov.directives.selectors.lists import TaskLine, directive_list_for_user, task_list_for_user
from egov.directives.selectors.pages import ReportLine, TaskPage, task_page
from egov.directives.selectors.states import report_state_of, submitted_on, task_state_of

__all__ = [
    "ReportLine",
    "TaskLine",
    "TaskPage",
    "directive_get_for_user",
    "directive_list_for_user",
    "directive_scope",
    "extension_get_for_user",
    "report_file_get_for_user",
    "report_get_for_user",
    "report_state_of",
    "submitted_on",
    "task_get_for_user",
    "task_import_get_for_user",
    "task_list_for_user",
    "task_page",
    "task_scope",
    "task_state_of",
]
