"""`egov disclosure_unconfirmed_expire [--date YYYY-MM-DD] [--enqueue] [--quiet]`: expire the
comments and supports on consulted drafts whose code was never typed back
(``EGOV_DISCLOSURE_UNCONFIRMED_HOURS`` after the last code); idempotent."""

from __future__ import annotations

from egov.disclosure.tasks import disclosure_unconfirmed_expire_run
from egov.jobs.daily import DailyCommand


class Command(DailyCommand):
    help = "Expire the comments and supports on drafts never confirmed with their code."
    task = disclosure_unconfirmed_expire_run
    label = "Unconfirmed comments expired"
    summary = "{comments} comments and {supports} supports expired."
