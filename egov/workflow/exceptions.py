"""Errors of the workflow engine: a stable code plus a translated message.

``ConcurrentChange`` and ``PermissionDenied`` come from :mod:`egov.common.exceptions`."""

from egov.common.exceptions import DomainError


class InvalidDefinition(DomainError):
    """A process definition that cannot be published or imported as it is."""

    code = "invalid_process_definition"
    status = 422


class DefinitionPublished(DomainError):
    """Published versions are immutable: a change makes a new version."""

    code = "process_definition_published"
    status = 409


class InvalidTransition(DomainError):
    """The action is not possible in the instance's current state."""

    code = "invalid_transition"
    status = 409


class DueResetRefused(DomainError):
    """The due moment may be re-set once, before it passes (Decree 61/2018/NĐ-CP art. 19)."""

    code = "due_reset_refused"
    status = 409


class ImportFailed(DomainError):
    """An import file with errors: nothing was written. ``errors`` lists them per entry."""

    code = "process_import_failed"
    status = 422

    def __init__(self, message: str, *, errors: list[str]) -> None:
        super().__init__(message)
        self.errors = errors
