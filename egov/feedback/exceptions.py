"""Errors of citizen feedback: a stable code plus a translated message."""

from egov.common.exceptions import DomainError


class FeedbackError(DomainError):
    """A question's or report's data or action breaks a rule."""

    code = "invalid_feedback"
    status = 422


class TooManyReports(DomainError):
    """Too many reports from one address in an hour on products' scan pages (flooding)."""

    code = "too_many_reports"
    status = 429
