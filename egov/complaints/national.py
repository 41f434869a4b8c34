"""Denunciation data for the national database of citizen reception, petition handling and
settlement of complaints and denunciations (Decree 156/2026/NĐ-CP art 19a, in force 1 July
2026: the processing data of denunciations is updated on that database; shared/domain
next-modules c.3, [S-weak]).

The database's interface and its list of fields are not published (unconfirmed), so the
fields sent are a setting: ``EGOV_COMPLAINTS_NATIONAL_FIELDS`` names codes of :data:`FIELDS`
(empty: all of them), ``EGOV_COMPLAINTS_NATIONAL_FROM`` the first day data is owed. The
catalogue holds the case's processing data only and **never the denouncer's identity**: no
name, ID number, address, account, nor the summary, content or step records, which may name
them (Law on Denunciations 2018 art 8.3); a configuration cannot add them, as they are not in
the catalogue."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.checks import Error, register
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from egov.common.figures import day_bounds
from egov.complaints.choices import PetitionKind
from egov.complaints.exceptions import ComplaintsError
from egov.complaints.models import Petition
from egov.complaints.selectors import petition_list_for_user
from egov.workdays.rules import VN_TZ

MAX_ROWS = 20000


@dataclass(frozen=True)
class NationalField:
    code: str
    label: Any
    value: Callable[[Petition], Any]


def _label(value: str, choices: Any) -> str:
    return str(choices(value).label) if value else ""


FIELDS: dict[str, NationalField] = {
    field.code: field
    for field in (
        NationalField("case_number", gettext_lazy("Number"), lambda p: p.number),
        NationalField(
            "unit_code",
            gettext_lazy("Unit identifier code"),
            lambda p: p.unit.agency_code or p.unit.admin_code,
        ),
        NationalField("unit_name", gettext_lazy("Receiving unit"), lambda p: p.unit.name),
        NationalField(
            "received_on",
            gettext_lazy("Received on"),
            lambda p: timezone.localtime(p.received_at, VN_TZ).date(),
        ),
        NationalField("channel", gettext_lazy("Channel"), lambda p: p.channel),
        NationalField("is_anonymous", gettext_lazy("Anonymous"), lambda p: p.is_anonymous),
        NationalField("is_competent", gettext_lazy("Within competence"), lambda p: p.is_competent),
        NationalField("is_eligible", gettext_lazy("Eligible"), lambda p: p.is_eligible),
        NationalField("outcome", gettext_lazy("Outcome"), lambda p: p.outcome),
        NationalField(
            "acceptance_due_on", gettext_lazy("Acceptance due on"), lambda p: p.acceptance_due_on
        ),
        NationalField("accepted_on", gettext_lazy("Accepted on"), lambda p: p.accepted_on),
        NationalField("is_complex", gettext_lazy("Complex case"), lambda p: p.is_complex),
        NationalField(
            "settlement_due_on", gettext_lazy("Settlement due on"), lambda p: p.settlement_due_on
        ),
        NationalField("extensions", gettext_lazy("Extensions"), lambda p: p.extensions),
        NationalField("status", gettext_lazy("Status"), lambda p: p.status),
        NationalField("overdue_since", gettext_lazy("Overdue since"), lambda p: p.overdue_since),
        NationalField("settled_on", gettext_lazy("Settled on"), lambda p: p.settled_on),
        NationalField(
            "settled_on_time", gettext_lazy("Settled on time"), lambda p: p.settled_on_time
        ),
        NationalField("verdict", gettext_lazy("Finding"), lambda p: p.verdict),
        NationalField(
            "conclusion_number",
            gettext_lazy("Conclusion"),
            lambda p: p.decision.number_notation if p.decision else "",
        ),
        NationalField(
            "published_on",
            gettext_lazy("Published on"),
            lambda p: timezone.localtime(p.published_at, VN_TZ).date() if p.published_at else None,
        ),
    )
}


def national_fields() -> list[NationalField]:
    """The fields sent, in the catalogue's order (the setting, or all)."""
    chosen = list(getattr(settings, "EGOV_COMPLAINTS_NATIONAL_FIELDS", []) or FIELDS)
    return [FIELDS[code] for code in FIELDS if code in chosen]


def national_from() -> datetime.date:
    return getattr(settings, "EGOV_COMPLAINTS_NATIONAL_FROM", datetime.date(2026, 7, 1))


@register()
def check_national_fields(app_configs: Sequence[Any] | None = None, **kwargs: Any) -> list[Error]:
    """A field the catalogue lacks is a configuration error (never silently dropped)."""
    unknown = sorted(set(getattr(settings, "EGOV_COMPLAINTS_NATIONAL_FIELDS", [])) - set(FIELDS))
    if not unknown:
        return []
    return [
        Error(
            f"EGOV_COMPLAINTS_NATIONAL_FIELDS names unknown fields {unknown}; "
            f"known: {', '.join(FIELDS)}.",
            id="complaints.E001",
        )
    ]


def _invalid(field: str, message: str) -> ComplaintsError:
    return ComplaintsError(message, code="invalid", fields={field: message})


def national_period(
    first: datetime.date | None, last: datetime.date | None
) -> tuple[datetime.date, datetime.date]:
    """The period asked for (default: this month to today), starting no earlier than the day
    data is owed; a period wholly before it, or ending before it starts, is refused."""
    today = timezone.localdate()
    last = last or today
    first = first or last.replace(day=1)
    if first > last:
        raise _invalid("last", _("The end of the period comes before its start."))
    owed = national_from()
    if last < owed:
        raise _invalid(
            "last",
            _("The national database takes denunciation data from %(day)s.")
            % {"day": owed.strftime("%d/%m/%Y")},
        )
    return max(first, owed), last


def national_cases(user: Any, *, first: datetime.date, last: datetime.date) -> QuerySet[Petition]:
    """The denunciations within the officer's reach handled in ``first..last``: received by
    its end and not settled before its start."""
    _start, end = day_bounds(first, last)
    return (
        petition_list_for_user(user)
        .filter(kind=PetitionKind.DENUNCIATION, received_at__lt=end)
        .filter(Q(settled_on__isnull=True) | Q(settled_on__gte=first))
        .select_related("unit", "decision")
        .order_by("received_at", "pk")
    )


def national_rows(user: Any, *, first: datetime.date, last: datetime.date) -> list[list[Any]]:
    """The header (the fields' codes, as a machine reads them; labels below them) and one row
    per denunciation, at most :data:`MAX_ROWS`."""
    fields = national_fields()
    rows: list[list[Any]] = [
        [field.code for field in fields],
        [str(field.label) for field in fields],
    ]
    for petition in national_cases(user, first=first, last=last)[:MAX_ROWS]:
        rows.append([field.value(petition) for field in fields])
    return rows
