"""Rate limit of answers per client address (django-ratelimit's counter, in the shared cache),
against a flood of answers from one place: ``EGOV_SURVEY_ANSWERS_PER_HOUR`` per hour."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage

from egov.common.client import client_address
from egov.surveys.exceptions import TooManyAnswers

GROUP = "surveys.answers"


def answer_throttle(request: HttpRequest) -> None:
    """Count one answer from the request's address; refuse past the limit (429)."""
    usage = get_usage(
        request,
        group=GROUP,
        key=lambda group, req: client_address(req),
        rate=(settings.EGOV_SURVEY_ANSWERS_PER_HOUR, 3600),
        increment=True,
    )
    if usage and usage["should_limit"]:
        raise TooManyAnswers(_("Too many answers from this address. Try again later."))
