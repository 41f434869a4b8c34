"""Writes of the indicator library."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from egov.audit.services import event_record
from egov.dashboards import library
from egov.dashboards.choices import AuditAction, IndicatorKind
from egov.dashboards.models import Indicator, IndicatorSet, Legend, LegendBand, Target


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
