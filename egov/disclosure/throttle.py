"""Rate limit of comments and supports on consulted drafts, per account (or contact, without an
account) and per client address (django-ratelimit's counter, in the shared cache):
``EGOV_DISCLOSURE_COMMENTS_PER_HOUR``."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage

from egov.common.client import client_address
from egov.disclosure.exceptions import TooManyComments

GROUP = "disclosure.comments"


def comment_throttle(request: HttpRequest, contact: str = "") -> None:
    """Count one comment or support of the request's account (or, without one, of the
    ``contact`` the code goes to) and address; refuse past the limit of any (429)."""
    keys = [f"address:{client_address(request)}"]
    if request.user.is_authenticated:
        keys.append(f"user:{request.user.pk}")
    if contact:
        keys.append(f"contact:{contact}")
    for key in keys:
        usage = get_usage(
            request,
            group=GROUP,
            key=lambda group, req, key=key: key,
            rate=(settings.EGOV_DISCLOSURE_COMMENTS_PER_HOUR, 3600),
            increment=True,
        )
        if usage and usage["should_limit"]:
            raise TooManyComments(_("Too many comments in an hour. Try again later."))


RESENDS = "disclosure.code_resends"


def code_resend_throttle(request: HttpRequest, held: str) -> None:
    """Count one "send me a new code" for the ``held`` comment or support (its model and id)
    and from the request's address; refuse past ``EGOV_DISCLOSURE_CODE_RESENDS_PER_HOUR`` of
    either (429): a code cannot be used to flood a phone or a mailbox."""
    for key in (f"held:{held}", f"address:{client_address(request)}"):
        usage = get_usage(
            request,
            group=RESENDS,
            key=lambda group, req, key=key: key,
            rate=(settings.EGOV_DISCLOSURE_CODE_RESENDS_PER_HOUR, 3600),
            increment=True,
        )
        if usage and usage["should_limit"]:
            raise TooManyComments(
                _("Too many new codes asked for in an hour. Try again later."),
                code="too_many_codes",
            )
