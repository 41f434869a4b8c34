"""Errors of public disclosure and consultation."""

from egov.common.exceptions import DomainError


class DisclosureError(DomainError):
    """A rule of disclosure or consultation was broken."""

    code = "disclosure_error"


class TooManyComments(DomainError):
    """Too many comments from one account or address in an hour (flooding)."""

    code = "too_many_comments"
    status = 429
