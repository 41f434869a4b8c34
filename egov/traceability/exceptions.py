"""Errors of traceability: a stable code plus a translated message naming the field."""

from egov.common.exceptions import DomainError


class TraceError(DomainError):
    """Master data, a batch or an event breaks a rule."""

    code = "invalid_trace"
    status = 422


class CaptureTooLarge(TraceError):
    """A captured EPCIS document carries more events than one capture takes (EPCIS 2.0 REST
    binding: 413, ``GS1-EPCIS-Capture-Limit``)."""

    code = "capture_too_large"
    status = 413
