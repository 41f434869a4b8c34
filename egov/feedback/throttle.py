"""Rate limit of reports sent from products' scan pages, where no login is asked: per client
address (django-ratelimit's counter in the shared cache, as every limit of the project),
``EGOV_FEEDBACK_SCAN_REPORTS_PER_HOUR``."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage

from egov.common.client import client_address
from egov.feedback.exceptions import TooManyReports

GROUP = "feedback.scan_reports"


def scan_report_throttle(request: HttpRequest) -> None:
    """Count one report sent from a scan page by the request's address; refuse past the limit
    (429)."""
    address = client_address(request)
    usage = get_usage(
        request,
        group=GROUP,
        key=lambda _group, _request: f"address:{address}",
        rate=(settings.EGOV_FEEDBACK_SCAN_REPORTS_PER_HOUR, 3600),
        increment=True,
    )
    if usage and usage["should_limit"]:
        raise TooManyReports(_("Too many reports from your connection in an hour. Try later."))
