"""Editing a regime and its form (the city office's pages): a regime is drafted, its fields
and indicators changed while it is a draft, then published; a published form is frozen, and a
change is a new version (a new draft regime replacing it once published), so the reports of
earlier periods keep the form they were filled against.

Who edits: officers of the regime's receiving unit (or over it) in ``EDITORS``. Every change
is one transaction and one audit entry with a declared action."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.audit.services import event_record
from egov.audit.versioned import row_lock
from egov.common.exceptions import PermissionDenied
from egov.orgs.access import can_act_for_unit
from egov.reporting.choices import AuditAction, DataType, RegimeStatus
from egov.reporting.models import Indicator, Regime, RegimeLevel
from egov.reporting.services import (
    IndicatorIn,
    ReportError,
    indicator_options_link,
    indicator_rows,
)

EDITORS = ("specialist", "division_head", "unit_head")
# The fields of a regime a draft may change (the form's indicators have their own services).
REGIME_FIELDS = (
    "name",
    "kind",
    "legal_basis",
    "outline",
    "frequency",
    "reporter_kind",
    "reporter_root",
    "receiving_unit",
    "cutoff_day",
    "deadline_days",
    "deadline_unit",
    "sending_method",
)


def may_edit(actor: Any, regime: Regime) -> bool:
    return can_act_for_unit(actor, regime.receiving_unit, roles=EDITORS)


def _require_editor(actor: Any, unit: Any) -> None:
    if not can_act_for_unit(actor, unit, roles=EDITORS):
        raise PermissionDenied(_("Only the receiving unit edits its reporting regimes."))


def _draft(actor: Any, regime: Regime) -> Regime:
    locked = row_lock(Regime.objects.select_related("receiving_unit"), regime.pk)
    _require_editor(actor, locked.receiving_unit)
    if locked.status != RegimeStatus.DRAFT:
        raise ReportError(_("A published form is frozen: draft a new version to change it."))
    return locked


def _levels_set(regime: Regime, level_kind: str, level_days: int | None) -> None:
    regime.levels.all().delete()
    if level_kind:
        if level_kind == regime.reporter_kind:
            raise ReportError(
                _("Each level of the chain must be a different kind of unit."),
                fields={
                    "level_kind": _("Each level of the chain must be a different kind of unit.")
                },
            )
        RegimeLevel.objects.create(
            regime=regime, order=1, unit_kind=level_kind, deadline_days=level_days or 0
        )


def regime_draft_create(
    *, actor: Any, code: str, level_kind: str = "", level_days: int | None = None, **fields: Any
) -> Regime:
    """A new draft regime with no indicators yet; by an officer of its receiving unit."""
    _require_editor(actor, fields["receiving_unit"])
    try:
        with transaction.atomic():
            regime = Regime.objects.create(
                code=code, status=RegimeStatus.DRAFT, is_active=False, **fields
            )
            _levels_set(regime, level_kind, level_days)
            event_record(
                actor=actor,
                action=AuditAction.REGIME_CREATED,
                obj=regime,
                changes={"code": code, "status": RegimeStatus.DRAFT},
            )
    except IntegrityError as exc:
        message = _("Another regime has this code.")
        raise ReportError(message, fields={"code": message}) from exc
    return regime


def regime_update(
    *,
    actor: Any,
    regime: Regime,
    level_kind: str = "",
    level_days: int | None = None,
    **fields: Any,
) -> Regime:
    """Change the fields of a draft regime (and its one consolidating level)."""
    with transaction.atomic():
        locked = _draft(actor, regime)
        _require_editor(actor, fields.get("receiving_unit", locked.receiving_unit))
        changes = {}
        for name in REGIME_FIELDS:
            if name in fields and getattr(locked, name) != fields[name]:
                changes[name] = [str(getattr(locked, name)), str(fields[name])]
                setattr(locked, name, fields[name])
        locked.save()
        _levels_set(locked, level_kind, level_days)
        changes["level"] = [level_kind, level_days]
        event_record(actor=actor, action=AuditAction.REGIME_UPDATED, obj=locked, changes=changes)
    return locked


def indicator_add(*, actor: Any, regime: Regime, data: Mapping[str, Any]) -> Indicator:
    """Add an indicator at the end of a draft's form; its code unique in the form, its
    minimum not above its maximum, bounds only on numbers. Broken down (``breakdown`` and
    its ``options``), it comes with one row per option right after it (``indicator_rows``:
    codes ``<code>.1``…), a numeric indicator only."""
    data = dict(data)
    options = tuple(data.pop("options", ()) or ())
    if data.get("breakdown") or options:
        _breakdown_check(data, options)
    low, high = data.get("min_value"), data.get("max_value")
    if low is not None and high is not None and Decimal(low) > Decimal(high):
        message = _("The minimum is above the maximum.")
        raise ReportError(message, fields={"min_value": message})
    if data.get("data_type") == DataType.TEXT and (low is not None or high is not None):
        message = _("A text indicator has no minimum or maximum.")
        raise ReportError(message, fields={"min_value": message})
    with transaction.atomic():
        locked = _draft(actor, regime)
        if locked.indicators.filter(code=data["code"]).exists():
            message = _("The form already has an indicator with this code.")
            raise ReportError(message, fields={"code": message})
        last = locked.indicators.aggregate(last=Max("order"))["last"] or 0
        rows = indicator_rows(locked, [IndicatorIn(**data, options=options)])
        codes = [row.code for row in rows[1:]]
        if locked.indicators.filter(code__in=codes).exists():
            message = _("The form already has an indicator with the code of an option.")
            raise ReportError(message, fields={"code": message})
        for row in rows:
            row.order += last
        Indicator.objects.bulk_create(rows)
        indicator_options_link(locked)
        indicator = locked.indicators.get(code=data["code"])
        event_record(
            actor=actor,
            action=AuditAction.FORM_CHANGED,
            obj=locked,
            changes={"added": data["code"], **({"options": list(options)} if options else {})},
        )
    return indicator


def _breakdown_check(data: Mapping[str, Any], options: tuple[str, ...]) -> None:
    """A breakdown needs its name and at least two different options, on a number."""
    if data.get("data_type") == DataType.TEXT:
        message = _("A text indicator is not broken down.")
        raise ReportError(message, fields={"breakdown": message})
    if not data.get("breakdown"):
        message = _("Name what the options break the indicator down by.")
        raise ReportError(message, fields={"breakdown": message})
    if len(options) < 2 or len(set(options)) != len(options):
        message = _("Give at least two different options.")
        raise ReportError(message, fields={"options": message})


def indicator_move(*, actor: Any, regime: Regime, indicator_id: int, up: bool) -> None:
    """Swap an indicator of a draft's form with its neighbour above (or below)."""
    with transaction.atomic():
        locked = _draft(actor, regime)
        blocks = _blocks(locked)
        found = next(
            (
                (b, n)
                for b, block in enumerate(blocks)
                for n, row in enumerate(block)
                if row.pk == indicator_id
            ),
            None,
        )
        if found is None:
            raise ReportError(_("This indicator is not on the form."))
        b, n = found
        moved = blocks[b][n]
        if n:  # an option moves among the options of its total
            other = n - 1 if up else n + 1
            if not 1 <= other < len(blocks[b]):
                return
            blocks[b][n], blocks[b][other] = blocks[b][other], blocks[b][n]
        else:  # an indicator moves with its options past the neighbouring indicator
            other = b - 1 if up else b + 1
            if not 0 <= other < len(blocks):
                return
            blocks[b], blocks[other] = blocks[other], blocks[b]
        _renumber(blocks)
        event_record(
            actor=actor,
            action=AuditAction.FORM_CHANGED,
            obj=locked,
            changes={"moved": moved.code, "up": up},
        )


def _blocks(regime: Regime) -> list[list[Indicator]]:
    """The form's rows in order, grouped: each indicator with its option rows after it."""
    blocks: list[list[Indicator]] = []
    for row in regime.indicators.order_by("order"):
        if row.parent_id and blocks and blocks[-1][0].pk == row.parent_id:
            blocks[-1].append(row)
        else:
            blocks.append([row])
    return blocks


def _renumber(blocks: list[list[Indicator]]) -> None:
    rows = [row for block in blocks for row in block]
    for n, row in enumerate(rows, 1):
        row.order = n
    Indicator.objects.bulk_update(rows, ["order"])


def indicator_remove(*, actor: Any, regime: Regime, indicator_id: int) -> None:
    """Take an indicator off a draft's form (a draft has no reports yet)."""
    with transaction.atomic():
        locked = _draft(actor, regime)
        indicator = locked.indicators.filter(pk=indicator_id).first()
        if indicator is None:
            raise ReportError(_("This indicator is not on the form."))
        if indicator.parent_id:
            raise ReportError(
                _(
                    "An option goes with its indicator: remove the indicator and add it again "
                    "with the options wanted."
                )
            )
        indicator.delete()  # its option rows with it
        _renumber(_blocks(locked))
        event_record(
            actor=actor,
            action=AuditAction.FORM_CHANGED,
            obj=locked,
            changes={"removed": indicator.code},
        )


def regime_publish(*, actor: Any, regime: Regime) -> Regime:
    """Publish a draft: its form is frozen and its periods open from now on; the version it
    replaces stops opening periods (its reports keep their form)."""
    with transaction.atomic():
        locked = _draft(actor, regime)
        if not locked.indicators.exists():
            raise ReportError(_("A form needs at least one indicator."))
        locked.status, locked.is_active = RegimeStatus.PUBLISHED, True
        locked.published_at = timezone.now()
        locked.save(update_fields=["status", "is_active", "published_at"])
        if locked.supersedes_id:
            Regime.objects.filter(pk=locked.supersedes_id).update(is_active=False)
        event_record(
            actor=actor,
            action=AuditAction.REGIME_PUBLISHED,
            obj=locked,
            changes={"version": locked.version, "replaces": locked.supersedes_id},
        )
    return locked


def regime_revise(*, actor: Any, regime: Regime) -> Regime:
    """A new draft version of a published regime, its fields, levels and form copied; the
    draft already begun is returned again (a double click drafts one)."""
    with transaction.atomic():
        locked = row_lock(Regime.objects.select_related("receiving_unit"), regime.pk)
        _require_editor(actor, locked.receiving_unit)
        if locked.status != RegimeStatus.PUBLISHED:
            raise ReportError(_("Only a published regime gets a new version."))
        begun = Regime.objects.filter(supersedes=locked).first()
        if begun is not None:
            return begun
        base = locked.code.rsplit("-v", 1)[0] if "-v" in locked.code else locked.code
        version = locked.version + 1
        draft = Regime.objects.create(
            code=f"{base[:34]}-v{version}",
            status=RegimeStatus.DRAFT,
            is_active=False,
            version=version,
            supersedes=locked,
            **{name: getattr(locked, name) for name in REGIME_FIELDS},
        )
        RegimeLevel.objects.bulk_create(
            RegimeLevel(
                regime=draft,
                order=lv.order,
                unit_kind=lv.unit_kind,
                unit_id=lv.unit_id,
                deadline_days=lv.deadline_days,
            )
            for lv in locked.levels.all()
        )
        copied = [
            "order",
            "code",
            "name",
            "unit_of_measure",
            "data_type",
            "aggregation",
            "required",
            "min_value",
            "max_value",
            "source_figure",
            "breakdown",
            "option",
        ]
        Indicator.objects.bulk_create(
            Indicator(regime=draft, **{name: getattr(i, name) for name in copied})
            for i in locked.indicators.all()
        )
        indicator_options_link(draft)
        event_record(
            actor=actor,
            action=AuditAction.REGIME_REVISED,
            obj=draft,
            changes={"replaces": locked.pk, "version": version},
        )
    return draft
