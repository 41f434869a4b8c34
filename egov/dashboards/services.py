"""Writes of the indicator library."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from egov.audit.services import event_record
from egov.common.exceptions import PermissionDenied
from egov.common.periods import Period, period_of
from egov.dashboards import library
from egov.dashboards.choices import AuditAction, IndicatorKind, PeriodChoice
from egov.dashboards.exceptions import SnapshotRefused
from egov.dashboards.models import (
    Indicator,
    IndicatorSet,
    Legend,
    LegendBand,
    Snapshot,
    SnapshotValue,
    Target,
)
from egov.dashboards.selectors import (
    Cell,
    board_for,
    indicator_set_in_force,
    indicators_of,
    may_close_periods,
)
from egov.orgs.models import OrgUnit


def _legends() -> dict[str, Legend]:
    legends = {}
    for code, (name, relative, bands) in library.LEGENDS.items():
        legend, _ = Legend.objects.update_or_create(
            code=code, defaults={"name": name, "relative_to_target": relative}
        )
        for lower, label, colour in bands:
            LegendBand.objects.update_or_create(
                legend=legend, lower=Decimal(lower), defaults={"label": label, "colour": colour}
            )
        legends[code] = legend
    return legends


def _plan(indicator_set: IndicatorSet, legend: Legend) -> None:
    for order, (code, name, source, num, den, targets, note) in enumerate(library.PLAN, 1):
        indicator, created = Indicator.objects.update_or_create(
            indicator_set=indicator_set,
            code=code,
            defaults={
                "order": order,
                "name": name,
                "source": source,
                "kind": IndicatorKind.RATE,
                "numerator": num,
                "denominator": den,
                "legend": legend,
                "note": note,
            },
        )
        if created:
            Target.objects.bulk_create(
                Target(
                    indicator=indicator,
                    level=level,
                    valid_from=first,
                    valid_to=last,
                    value=Decimal(value),
                    source=source,
                )
                for level, first, last, value in targets
            )


def _scores(indicator_set: IndicatorSet) -> None:
    for order, row in enumerate(library.SCORES, 100):
        code, group, name, num, den, points, full_at, full_when_empty, note = row
        Indicator.objects.update_or_create(
            indicator_set=indicator_set,
            code=code,
            defaults={
                "order": order,
                "name": name,
                "source": library.QD766,
                "kind": IndicatorKind.SCORE,
                "numerator": num,
                "denominator": den,
                "unit_of_measure": "điểm",
                "group": group,
                "points": Decimal(points),
                "full_at": Decimal(full_at),
                "full_when_empty": full_when_empty,
                "note": note,
            },
        )


def library_install(*, actor: object | None) -> IndicatorSet:
    """Install the shipped indicator set (the city's plans and Decision 766), its legends and
    targets; run again, it updates the definitions and keeps targets edited since."""
    with transaction.atomic():
        legends = _legends()
        defaults = {k: v for k, v in library.SET.items() if k != "code"}
        defaults["score_legend"] = legends["qd766-total"]
        indicator_set, _ = IndicatorSet.objects.update_or_create(
            code=library.SET["code"], defaults=defaults
        )
        _plan(indicator_set, legends["plan-target"])
        _scores(indicator_set)
        event_record(
            actor=actor,
            action=AuditAction.LIBRARY_INSTALLED,
            obj=indicator_set,
            changes={"indicators": indicator_set.indicators.count()},
        )
    return indicator_set


def snapshot_close(*, actor: object | None, period: Period, today: datetime.date) -> Snapshot:
    """Close ``period``: every active unit's indicator values (each over its subtree) frozen
    with the indicator set, targets and bands in force at its end. Only an ended period can be
    closed, and only once (a second close, or two at once, is refused). ``actor`` None is the
    daily run; a person must lead the city (``may_close_periods``)."""
    if actor is not None and not may_close_periods(actor):
        raise PermissionDenied(_("Only the city's leaders close a period's indicator values."))
    if period.last >= today:
        raise SnapshotRefused(
            _("The period has not ended yet: it can be closed from %(day)s.")
            % {"day": date_format(period.last + datetime.timedelta(days=1), "SHORT_DATE_FORMAT")}
        )
    indicator_set = indicator_set_in_force(period.last)
    if indicator_set is None:
        raise SnapshotRefused(_("No indicator set is in force for this period."))
    if Snapshot.objects.filter(kind=period.kind, first=period.first).exists():
        raise SnapshotRefused(_("This period is already closed."))
    root = OrgUnit.objects.filter(parent__isnull=True).order_by("path").first()
    if root is None:
        raise SnapshotRefused(_("There is no organisation to close the period for."))
    board = board_for(
        top=root,
        period=period,
        indicators=indicators_of(indicator_set),
        indicator_set=indicator_set,
        every_unit=True,
    )
    try:
        with transaction.atomic():
            snapshot = Snapshot.objects.create(
                indicator_set=indicator_set,
                kind=period.kind,
                first=period.first,
                last=period.last,
                closed_by=actor,
            )
            SnapshotValue.objects.bulk_create(
                (
                    _frozen(snapshot, row.unit.pk, code, cell)
                    for row in board.rows
                    for code, cell in row.cells.items()
                ),
                batch_size=2000,
            )
            event_record(
                actor=actor,
                action=AuditAction.SNAPSHOT_CLOSED,
                obj=snapshot,
                changes={
                    "period": f"{period.kind} {period.first}",
                    "units": len(board.rows),
                    "indicators": len(board.indicators),
                },
            )
    except IntegrityError as exc:  # two closes at once: the unique period refused the second
        raise SnapshotRefused(_("This period is already closed.")) from exc
    return snapshot


def _frozen(snapshot: Snapshot, unit_id: int, code: str, cell: Cell) -> SnapshotValue:
    band = cell.band
    return SnapshotValue(
        snapshot=snapshot,
        unit_id=unit_id,
        indicator_code=code,
        available=cell.available,
        numerator=cell.numerator,
        denominator=cell.denominator,
        value=cell.value,
        share=cell.share,
        target=cell.target,
        band_lower=band.lower if band else None,
        band_label=band.label if band else "",
        band_colour=band.colour if band else "",
    )


def periods_close_due(day: datetime.date) -> int:
    """The daily run: close the month, quarter and year that ended before ``day`` if nobody
    has yet (idempotent). Returns how many were closed."""
    closed = 0
    for kind in PeriodChoice.values:
        period = period_of(kind, day).previous()
        if Snapshot.objects.filter(kind=kind, first=period.first).exists():
            continue
        if indicator_set_in_force(period.last) is None:
            continue
        try:
            snapshot_close(actor=None, period=period, today=day)
        except SnapshotRefused:  # closed meanwhile by a person
            continue
        closed += 1
    return closed
