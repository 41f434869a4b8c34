"""Figures of the registry per unit and period: documents exchanged electronically, and incoming
documents handled on time, late or still open past their deadline.

Cohorts: outgoing documents issued in the period (``issued_on``) and incoming documents that
arrived in it (``arrived_at``, Vietnam days). "Electronic" means every recipient was reached
inside the platform or by edXML (an outgoing document) or it came that way (an incoming one);
the share is over documents sent plus documents received. Handling is graded by the workflow
instance against the slip's deadline (early counts as on time); open documents are graded
against now. Counts are of documents, secret ones included (no content is shown). Heads of
unit or division see their units and, with a subtree role, the units below.
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections import defaultdict
from dataclasses import dataclass, fields
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from egov.accounts.models import User
from egov.documents.choices import Channel, DocumentStatus
from egov.documents.models import Document
from egov.documents.rules import VN_TZ_NAME
from egov.orgs.access import reach_of, scope_to_units
from egov.orgs.choices import Role
from egov.orgs.models import OrgUnit
from egov.workflow.choices import Timeliness

FIGURE_ROLES = (Role.UNIT_HEAD, Role.DIVISION_HEAD)
ELECTRONIC = (Channel.PLATFORM, Channel.EDXML)
OPEN = (DocumentStatus.REGISTERED, DocumentStatus.ASSIGNED, DocumentStatus.IN_PROGRESS)


@dataclass
class FigureRow:
    """One unit's figures for the period (``unit`` is None on the totals row)."""

    unit: OrgUnit | None
    outgoing_issued: int = 0
    outgoing_sent: int = 0
    outgoing_electronic: int = 0
    incoming_received: int = 0
    incoming_electronic: int = 0
    handled_on_time: int = 0
    handled_late: int = 0
    open_on_time: int = 0
    open_overdue: int = 0

    @property
    def exchanged(self) -> int:
        return self.outgoing_sent + self.incoming_received

    @property
    def electronic_share(self) -> Decimal | None:
        """Percent of documents exchanged electronically, one decimal; None without any."""
        if not self.exchanged:
            return None
        share = Decimal(100 * (self.outgoing_electronic + self.incoming_electronic)) / Decimal(
            self.exchanged
        )
        return share.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    def add(self, other: FigureRow) -> None:
        for f in fields(self):
            if f.name != "unit":
                setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))


def figures_units_for(user: User) -> QuerySet[OrgUnit]:
    """Units whose figures ``user`` may see."""
    return scope_to_units(
        OrgUnit.objects.active(), user, unit_field="self", roles=FIGURE_ROLES
    ).order_by("path")


def may_see_figures(user: User) -> bool:
    return (
        getattr(user, "is_authenticated", False) and not reach_of(user, roles=FIGURE_ROLES).is_empty
    )


def _outgoing(
    rows: dict[int, FigureRow], units: QuerySet[OrgUnit], first: datetime.date, last: datetime.date
) -> None:
    issued = (
        Document.objects.issued()
        .filter(unit__in=units, issued_on__range=(first, last))
        .annotate(
            recipients_n=Count("recipients"),
            paper_n=Count("recipients", filter=Q(recipients__channel=Channel.PAPER)),
        )
        .values_list("unit_id", "recipients_n", "paper_n")
    )
    for unit_id, recipients_n, paper_n in issued:
        row = rows[unit_id]
        row.outgoing_issued += 1
        if recipients_n:
            row.outgoing_sent += 1
            row.outgoing_electronic += paper_n == 0


def _incoming(
    rows: dict[int, FigureRow],
    units: QuerySet[OrgUnit],
    first: datetime.date,
    last: datetime.date,
    now: datetime.datetime,
) -> None:
    received = (
        Document.objects.registered()
        .filter(unit__in=units, arrived_at__date__range=(first, last))
        .exclude(status=DocumentStatus.RETURNED)
        .values_list("unit_id", "channel", "status", "process__timeliness", "process__due_at")
    )
    for unit_id, channel, status, timeliness, due_at in received:
        row = rows[unit_id]
        row.incoming_received += 1
        row.incoming_electronic += channel in ELECTRONIC
        if status == DocumentStatus.COMPLETED:
            late = timeliness == Timeliness.LATE
            row.handled_late += late
            row.handled_on_time += not late
        elif status in OPEN and due_at is not None:
            overdue = due_at < now
            row.open_overdue += overdue
            row.open_on_time += not overdue


def document_figures(
    *,
    user: User,
    first: datetime.date,
    last: datetime.date,
    now: datetime.datetime,
    unit: OrgUnit | None = None,
) -> tuple[list[FigureRow], FigureRow]:
    """Rows for the units ``user`` may see (``unit`` and below it, if given) that have
    documents in the period, in tree order, and the totals row."""
    units = figures_units_for(user)
    if unit is not None:
        units = units.filter(path__startswith=unit.path)
    rows: dict[int, FigureRow] = defaultdict(lambda: FigureRow(unit=None))
    with timezone.override(zoneinfo.ZoneInfo(VN_TZ_NAME)):  # arrival days in Vietnam time
        _outgoing(rows, units, first, last)
        _incoming(rows, units, first, last, now)
    by_id = {u.pk: u for u in units.filter(pk__in=list(rows))}
    ordered = sorted((by_id[pk] for pk in rows), key=lambda u: u.path)
    result, total = [], FigureRow(unit=None)
    for unit_row in ordered:
        row = rows[unit_row.pk]
        row.unit = unit_row
        total.add(row)
        result.append(row)
    return result, total
