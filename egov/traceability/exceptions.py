"""Errors of traceability: a stable code plus a translated message naming the field."""

from egov.common.exceptions import DomainError


class TraceError(DomainError):
    """Master data, a batch or an event breaks a rule."""

    code = "invalid_trace"
    status = 422
