"""What the workspace home counts for an officer: one figure per kind of work waiting, each
with the list behind it. Each count comes from the module's own scoped selector, so a figure
and its list always agree."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from egov.directives.choices import TaskState
from egov.directives.selectors import task_list_for_user
from egov.documents.choices import DocumentStatus
from egov.documents.selectors import document_list_to_sign
from egov.documents.selectors.permissions import SIGNERS
from egov.orgs.access import reach_of
from egov.workflow.choices import Urgency
from egov.workflow.selectors import inbox_list_for_user


@dataclass(frozen=True)
class WorkCount:
    """One figure of the workspace home: what it counts, how many, the list behind it, and
    whether it calls for attention (overdue)."""

    key: str
    label: Any
    count: int
    url: str
    is_alert: bool = False


def _url(name: str, **params: str) -> str:
    return f"{reverse(name)}?{urlencode(params)}" if params else reverse(name)


def workspace_counts(user: Any) -> list[WorkCount]:
    """The officer's counts: items waiting at their steps, of which nearly due and overdue
    (the inbox); drafts waiting for their signature (heads of units); tasks their units lead
    whose report is missing. A figure is left out when the officer's roles cannot have it."""
    now = timezone.now()
    steps = inbox_list_for_user(user, now=now).order_by()
    tiers = steps.aggregate(
        waiting=Count("pk"),
        nearly_due=Count("pk", filter=Q(urgency=Urgency.NEARLY_DUE)),
        overdue=Count("pk", filter=Q(urgency=Urgency.OVERDUE)),
    )
    counts = [
        WorkCount("waiting", _("Waiting for you"), tiers["waiting"], _url("workflow:inbox")),
        WorkCount(
            "nearly_due",
            _("Nearly due"),
            tiers["nearly_due"],
            _url("workflow:inbox", nearly_due="on"),
        ),
        WorkCount(
            "overdue",
            _("Overdue"),
            tiers["overdue"],
            _url("workflow:inbox", overdue="on"),
            is_alert=tiers["overdue"] > 0,
        ),
    ]
    if not reach_of(user, roles=SIGNERS).is_empty:
        counts.append(
            WorkCount(
                "to_sign",
                _("To sign"),
                document_list_to_sign(user).count(),
                _url("documents:outgoing-list", status=DocumentStatus.APPROVED),
            )
        )
    missing = len(task_list_for_user(user, role="lead", state=TaskState.NOT_REPORTED))
    counts.append(
        WorkCount(
            "to_report",
            _("Reports to send"),
            missing,
            _url("directives:task-list", role="lead", state=TaskState.NOT_REPORTED),
            is_alert=missing > 0,
        )
    )
    return counts
