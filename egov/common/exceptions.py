"""Domain errors: a stable machine code plus a translated message for people."""

from __future__ import annotations

from collections.abc import Mapping


class DomainError(Exception):
    """A rule of the domain was broken. The API answers it with a 4xx, the UI with a message."""

    code = "domain_error"
    status = 400

    def __init__(
        self, message: str, *, code: str | None = None, fields: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.message = str(message)
        if code:
            self.code = code
        self.fields = dict(fields or {})


class PermissionDenied(DomainError):
    """The actor may not do this to this object."""

    code = "permission_denied"
    status = 403


class ConcurrentChange(DomainError):
    """Someone else changed the object first; the caller's action was not applied."""

    code = "concurrent_change"
    status = 409
