"""Errors of complaints and citizen reception."""

from egov.common.exceptions import DomainError


class ComplaintsError(DomainError):
    """A rule of reception or petition handling was broken."""

    code = "complaints_error"


class InvalidInput(DomainError):
    """The API's body is missing or malformed (checked after who may call it)."""

    code = "invalid_input"
    status = 422
