"""Rate limit of the data-sharing API per consumer system: at most its quota of reads a
minute (``ShareConsumer.reads_per_minute``, else ``EGOV_SHARE_READS_PER_MINUTE``), counted by
django-ratelimit in the shared cache as every limit of the project, keyed by the consumer (not
its address: a consumer behind several addresses, or several behind one proxy, count right)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage

from egov.integration.exceptions import TooManyReads
from egov.integration.models import ShareConsumer

GROUP = "integration.share_reads"
WINDOW_SECONDS = 60

logger = logging.getLogger(__name__)


def share_read_quota(consumer: ShareConsumer) -> int:
    """The reads a minute ``consumer`` may make."""
    if consumer.reads_per_minute is not None:
        return consumer.reads_per_minute
    return settings.EGOV_SHARE_READS_PER_MINUTE


def share_read_throttle(request: HttpRequest) -> None:
    """Count one read of the consumer behind ``request``; refuse it past the consumer's quota
    (429). An account that is no consumer is not counted here: the registry refuses it."""
    consumer = ShareConsumer.objects.filter(account_id=request.user.pk).first()
    if consumer is None:
        return
    quota = share_read_quota(consumer)
    usage = get_usage(
        request,
        group=GROUP,
        key=lambda _group, _request: f"consumer:{consumer.pk}",
        rate=(quota, WINDOW_SECONDS),
        increment=True,
    )
    if usage and usage["should_limit"]:
        logger.warning("integration.share_read_limited", extra={"consumer": consumer.code})
        raise TooManyReads(
            _(
                "Too many reads by this system: its quota is %(quota)s reads a minute. Wait "
                "a minute and try again, or ask the city office for a larger quota."
            )
            % {"quota": quota}
        )
