"""``egov personal_store_push [--enqueue]``: send the e-results not yet in their applicants'
personal data stores on the national public-service portal (those whose push found the portal
down). Idempotent: run it from cron as often as wanted."""

from __future__ import annotations

from egov.jobs.daily import DailyCommand
from egov.onestop.tasks import results_personal_store_send_pending


class Command(DailyCommand):
    help = "Send the e-results left to the applicants' personal data stores."
    task = results_personal_store_send_pending
    label = "E-results to personal data stores"
    summary = "{pushed} sent, {pending} still waiting for the portal, {skipped} without a store."
