"""Errors of task tracking: a stable code plus a translated message."""

from egov.common.exceptions import DomainError


class InvalidTask(DomainError):
    """A task's data breaks a rule (no deadline nor recurrence, percent above 100...)."""

    code = "invalid_task"
    status = 422


class WrongTaskState(DomainError):
    """The action is not possible in the current state of the task, report or extension."""

    code = "wrong_state"
    status = 409


class ImportFileInvalid(DomainError):
    """A task table could not be read at all (type, broken file, no header row)."""

    code = "import_file_invalid"
    status = 422

    def __init__(self, message: str) -> None:
        super().__init__(message, fields={"file": message})


class ImportIncomplete(DomainError):
    """A task import still has names or deadlines to resolve, or was applied already."""

    code = "import_incomplete"
    status = 409


class InvalidInput(DomainError):
    """Required input is missing (the API checks it after the scoped lookup)."""

    code = "invalid_input"
    status = 422


class ReleasePublished(DomainError):
    """A published press release is not changed any more."""

    code = "published"
