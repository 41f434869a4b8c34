"""Reads of periodic reporting: the reports an officer sees, a report's page, the
completeness and timeliness of a regime's period, and the roll-up of its values to the
receiving unit.

Who sees a report (``orgs.access``): officers of the reporting unit (or over it) and officers
of the regime's receiving unit (or over it); nobody else, not even to learn that it exists."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from egov.common.figures import figure_get
from egov.documents.choices import FileKind
from egov.documents.models import DocumentFile
from egov.orgs.access import can_act_for_unit, reach_of
from egov.reporting import rules
from egov.reporting.choices import Aggregation, DataType, SubmissionStatus, ValueSource
from egov.reporting.models import Indicator, Regime, Submission, Value
from egov.reporting.services import DECIDERS, FILLERS, children_of
from egov.reporting.services_sign import SIGNERS
from egov.reporting.totals import totals_of


def submissions_for_user(user: object) -> QuerySet[Submission]:
    """Reports of the units within the user's reach and those sent to a unit within it."""
    reach = reach_of(user)
    if reach.is_empty:
        return Submission.objects.none()
    return Submission.objects.filter(
        reach.q("unit") | reach.q("receiver") | reach.q("regime__receiving_unit")
    )


def submission_get_for_user(user: object, pk: int) -> Submission:
    found = (
        submissions_for_user(user)
        .select_related("regime__receiving_unit", "unit", "receiver", "document", "signed_by")
        .filter(pk=pk)
    ).first()
    if found is None:
        raise Http404
    return found


def regimes_for_user(user: object) -> QuerySet[Regime]:
    """Regimes received by a unit within the user's reach, at the top of the chain or at a
    consolidating level (their completeness pages)."""
    reach = reach_of(user)
    if reach.is_empty:
        return Regime.objects.none()
    received = Submission.objects.filter(reach.q("receiver")).values("regime_id")
    return (
        Regime.objects.filter(reach.q("receiving_unit") | Q(pk__in=received))
        .select_related("receiving_unit")
        .distinct()
    )


def regime_get_for_user(user: object, pk: int) -> Regime:
    found = regimes_for_user(user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


@dataclass(frozen=True)
class Row:
    indicator: Indicator
    number: Decimal | None
    text: str
    source: str = ValueSource.TYPED
    prefilled: Decimal | None = None
    note: str = ""
    no_source: bool = False

    @property
    def prefilled_shown(self) -> str:
        return rules.number_text(self.prefilled)

    @property
    def changed(self) -> bool:
        return self.prefilled is not None and self.number != self.prefilled

    @property
    def shown(self) -> str:
        return self.text or rules.number_text(self.number)


@dataclass
class SubmissionPage:
    submission: Submission
    rows: list[Row]
    may_fill: bool
    may_decide: bool
    actions: frozenset[str]
    timeliness: str
    children: list[Submission] = field(default_factory=list)
    may_prefill: bool = False
    may_sign: bool = False
    may_reconsolidate: bool = False
    stale_because: Submission | None = None


def _row(indicator: Indicator, value: Value | None, level: int) -> Row:
    no_source = bool(
        level == 0 and indicator.source_figure and figure_get(indicator.source_figure) is None
    )
    if value is None:
        return Row(indicator, None, "", no_source=no_source)
    return Row(
        indicator,
        value.number,
        value.text,
        value.source,
        value.prefilled,
        value.note,
        no_source,
    )


def submission_page(user: object, submission: Submission) -> SubmissionPage:
    values = {v.indicator_id: v for v in submission.values.all()}
    indicators = list(submission.regime.indicators.all())
    rows = [_row(i, values.get(i.pk), submission.level) for i in indicators]
    may_fill = can_act_for_unit(user, submission.unit, roles=FILLERS)
    may_decide = can_act_for_unit(user, submission.receiver, roles=DECIDERS)
    available = rules.SUBMISSION_TRANSITIONS.available(submission.status)
    actions = frozenset(
        name
        for name in available
        if (name in ("save", "submit") and may_fill)
        or (name in ("accept", "return") and may_decide)
        or (name == "correct" and (may_fill or may_decide))
    )
    children = list(children_of(submission).select_related("unit").order_by("unit__path"))
    knows = submission.level > 0 or any(
        i.source_figure and figure_get(i.source_figure) is not None for i in indicators
    )
    stale_because = None
    if submission.stale_since is not None and submission.stale_because_id is not None:
        stale_because = (
            Submission.objects.select_related("unit").filter(pk=submission.stale_because_id).first()
        )
    return SubmissionPage(
        submission,
        rows,
        may_fill,
        may_decide,
        actions,
        submission_timeliness(submission),
        children,
        may_prefill="save" in actions and knows,
        may_sign=(
            submission.status == SubmissionStatus.SUBMITTED
            and submission.document_id is not None
            and submission.signed_at is None
            and can_act_for_unit(user, submission.unit, roles=SIGNERS)
        ),
        # Consolidating again: the roll-up into a draft, or an accepted report reopened first
        # (services_correction.submission_reconsolidate); one waiting for a decision is not.
        may_reconsolidate=(
            submission.stale_since is not None
            and may_fill
            and (
                submission.status in rules.EDITABLE
                or submission.status == SubmissionStatus.ACCEPTED
            )
        ),
        stale_because=stale_because,
    )


def signed_file(submission: Submission) -> DocumentFile | None:
    """The signed PDF of a signed report (its document's legal original), else None; the
    caller has checked that the user sees the report."""
    if submission.signed_at is None or submission.document_id is None:
        return None
    return (
        DocumentFile.objects.filter(document_id=submission.document_id, kind=FileKind.SIGNED)
        .order_by("-uploaded_at", "-pk")
        .first()
    )


def _local_day(moment: datetime.datetime | None) -> datetime.date | None:
    return None if moment is None else timezone.localtime(moment).date()


def submission_timeliness(submission: Submission) -> str:
    return rules.timeliness(
        submission.status, _local_day(submission.first_submitted_at), submission.due_on
    )


def periods_of(regime: Regime) -> list[datetime.date]:
    """The first days of the regime's opened periods, latest first."""
    return list(
        Submission.objects.filter(regime=regime)
        .order_by("-period_first")
        .values_list("period_first", flat=True)
        .distinct()
    )


@dataclass(frozen=True)
class PeriodWindow:
    """An opened period shown by its data cut-off window (Decree 09: 15th → 14th)."""

    first: datetime.date
    cutoff_first: datetime.date
    cutoff_last: datetime.date


def period_windows(regime: Regime) -> list[PeriodWindow]:
    """The regime's opened periods with their cut-off windows, latest first."""
    return [
        PeriodWindow(*row)
        for row in Submission.objects.filter(regime=regime)
        .order_by("-period_first")
        .values_list("period_first", "cutoff_first", "cutoff_last")
        .distinct()
    ]


@dataclass(frozen=True)
class ListedReport:
    """One report as the completeness page names it: its unit, its state and when it was
    first sent or marked because the figures below it changed."""

    pk: int
    unit_id: int
    unit_name: str
    status: str
    status_label: str
    first_submitted_at: datetime.datetime | None
    stale_since: datetime.datetime | None


@dataclass
class Completeness:
    """Who reported for one period of a regime: counts and the units behind each."""

    regime: Regime
    period_first: datetime.date
    period_last: datetime.date | None = None
    due_on: datetime.date | None = None
    cutoff_first: datetime.date | None = None
    cutoff_last: datetime.date | None = None
    on_time: list[ListedReport] = field(default_factory=list)
    late: list[ListedReport] = field(default_factory=list)
    missing: list[ListedReport] = field(default_factory=list)
    overdue: bool = False

    @property
    def stale(self) -> list[ListedReport]:
        """The consolidated reports marked because the figures below them changed."""
        return [s for s in [*self.on_time, *self.late, *self.missing] if s.stale_since is not None]

    @property
    def expected(self) -> int:
        return len(self.on_time) + len(self.late) + len(self.missing)

    @property
    def submitted(self) -> int:
        return len(self.on_time) + len(self.late)

    def rate(self, count: int) -> int | None:
        return None if not self.expected else round(100 * count / self.expected)


# What the completeness page reads of each report: 609 of them on the city's page, as plain
# rows rather than model instances (a third of the selector's time at 609 units; measured on
# the 2.9 M-value bench data, docs/benchmarks.md "Periodic reporting").
LISTED = (
    "pk",
    "unit_id",
    "unit__name",
    "status",
    "first_submitted_at",
    "stale_since",
    "due_on",
    "period_last",
    "cutoff_first",
    "cutoff_last",
)


def completeness(
    regime: Regime,
    period_first: datetime.date,
    *,
    level: int = 0,
    within: QuerySet[Submission] | None = None,
    today: datetime.date | None = None,
) -> Completeness:
    """Expected, on time, late and missing reports of one period at one level of the chain
    (0: the reporting units), among ``within`` (the reports a user sees; all when None),
    in the order of the units' tree. A report counts as sent from its first sending, even if
    it was returned since. One query."""
    result = Completeness(regime, period_first)
    rows = (
        (within if within is not None else Submission.objects)
        .filter(regime=regime, period_first=period_first, level=level)
        .order_by("unit__path")
        .values_list(*LISTED)
    )
    labels = {value: str(label) for value, label in SubmissionStatus.choices}
    for pk, unit_id, name, status, first_sent, stale_since, *period in rows:
        result.due_on, result.period_last, result.cutoff_first, result.cutoff_last = period
        listed = ListedReport(pk, unit_id, name, status, labels[status], first_sent, stale_since)
        grade = rules.timeliness(status, _local_day(first_sent), result.due_on)
        getattr(result, grade).append(listed)
    today = today or timezone.localdate()
    result.overdue = result.due_on is not None and today > result.due_on
    return result


@dataclass(frozen=True)
class RolledUp:
    indicator: Indicator
    value: Decimal | None
    units: int

    @property
    def shown(self) -> str:
        return rules.number_text(self.value)


def rollup(
    regime: Regime,
    period_first: datetime.date,
    *,
    level: int = 0,
    within: QuerySet[Submission] | None = None,
) -> list[RolledUp]:
    """Each numeric indicator aggregated by its rule over the reports of one level sent for
    the period (submitted or accepted), among ``within`` (all when None), with how many
    units it rests on. Read from the running totals (``totals.py``) when ``within`` holds
    every report of the level (the city office): one count and one read of a row per
    indicator; otherwise (a district, its own subtree) added up from the values."""
    same = {"regime": regime, "period_first": period_first, "level": level}
    # The reports seen are looked for among the level's only: ``pk IN within`` alone made
    # PostgreSQL hash every report of the regime the user sees (14,616 at 24 months, 10-16 ms).
    counts = (
        {"all": 0, "seen": 0}
        if within is None
        else Submission.objects.filter(**same).aggregate(
            all=Count("pk"), seen=Count("pk", filter=Q(pk__in=within.filter(**same).values("pk")))
        )
    )
    if counts["all"] == counts["seen"]:
        kept = totals_of(regime.pk, period_first, level)
    else:
        kept = {}
        numbers: dict[int, list[Decimal]] = defaultdict(list)
        sent = within.filter(**same, status__in=rules.SENT)
        for indicator_id, number in Value.objects.filter(
            submission__in=sent, number__isnull=False
        ).values_list("indicator_id", "number"):
            numbers[indicator_id].append(number)
        for indicator_id, listed in numbers.items():
            kept[indicator_id] = (sum(listed, Decimal(0)), len(listed))
    return [
        RolledUp(
            i,
            rules.aggregate_of(i.aggregation, *kept.get(i.pk, (Decimal(0), 0))),
            kept.get(i.pk, (Decimal(0), 0))[1],
        )
        for i in regime.indicators.all()
        if i.data_type != DataType.TEXT and i.aggregation != Aggregation.NONE
    ]


def reporting_figures(regime: Regime, period_first: datetime.date) -> dict[str, Any]:
    """The figures of one regime and period for the dashboards, as plain numbers: expected,
    submitted, on time, late, missing, accepted reports (the indicators registry will read
    this selector when it exists; docs/adding-a-module.md)."""
    counts = completeness(regime, period_first)
    accepted = Submission.objects.filter(
        regime=regime, period_first=period_first, status=SubmissionStatus.ACCEPTED
    ).count()
    return {
        "expected": counts.expected,
        "submitted": counts.submitted,
        "on_time": len(counts.on_time),
        "late": len(counts.late),
        "missing": len(counts.missing),
        "accepted": accepted,
    }


def inbox_filter(status: str) -> Q:
    return Q(status=status) if status in SubmissionStatus.values else Q()


@dataclass
class UnitFigures:
    """One reporting unit's reports due in a range of periods: expected, on time, late,
    missing (the figures the dashboards read per unit and period)."""

    unit_id: int
    expected: int = 0
    on_time: int = 0
    late: int = 0
    missing: int = 0


def reporting_unit_figures(
    *, user: object, first: datetime.date, last: datetime.date
) -> dict[int, UnitFigures]:
    """Per reporting unit, the reports of the periods starting between ``first`` and
    ``last`` that ``user`` may see, graded by timeliness. One query."""
    rows: dict[int, UnitFigures] = {}
    reports = submissions_for_user(user).filter(period_first__range=(first, last))
    for unit_id, first_sent, due_on in reports.values_list(
        "unit_id", "first_submitted_at", "due_on"
    ):
        row = rows.setdefault(unit_id, UnitFigures(unit_id))
        row.expected += 1
        grade = rules.timeliness("", _local_day(first_sent), due_on)
        setattr(row, grade, getattr(row, grade) + 1)
    return rows
