"""Refusals of satisfaction surveys: a stable code and a translated message."""

from __future__ import annotations

from egov.common.exceptions import DomainError


class SurveyRefused(DomainError):
    """The survey cannot be changed or answered this way."""

    code = "survey_refused"
    status = 400


class SurveyNotOpen(DomainError):
    """The survey is not published (a draft or closed): it takes no answer."""

    code = "survey_not_open"
    status = 409


class AnswerInvalid(DomainError):
    """An answer broke a question's rule; ``fields`` names each question."""

    code = "answer_invalid"
    status = 422


class InvitationUsed(DomainError):
    """The invitation link was used already, expired or is not genuine."""

    code = "invitation_refused"
    status = 410


class TooManyAnswers(DomainError):
    """Too many answers from one address in the window."""

    code = "too_many_answers"
    status = 429
