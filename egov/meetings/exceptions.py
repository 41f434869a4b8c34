"""Errors of paperless meetings: a stable code plus a translated message."""

from egov.common.exceptions import DomainError


class MeetingError(DomainError):
    """A meeting's data or action breaks a rule."""

    code = "invalid_meeting"
    status = 422


class MeetingConflict(MeetingError):
    """The action was already done another way: a ballot already cast, a code already used."""

    status = 409
