"""Importing indicator definitions and targets from the city office's workbook
(``definitions_io``): the upload is checked row by row and kept as a preview; applying it
writes everything in one transaction, changes nothing that is already so (sending the same
workbook twice is harmless), keeps each target's history (a new target shortens the one before
it, so the periods before the change keep the old target) and leaves one audit entry per
indicator it changed, with the values before and after, and one for the import.

The preview is the same code as applying it, run in a transaction that is rolled back: what
the preview says is what applying does.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.audit.services import event_record
from egov.common.exceptions import DomainError, PermissionDenied
from egov.common.files import XLSX, accepting, file_check
from egov.dashboards import rules
from egov.dashboards.choices import AuditAction, ImportStatus, IndicatorKind
from egov.dashboards.definitions_io import INDICATORS, TARGETS, definitions_read
from egov.dashboards.models import DefinitionImport, Indicator, IndicatorSet, Legend, Target
from egov.dashboards.selectors import indicator_set_in_force, may_import_definitions

NEW, CHANGED, UNCHANGED = "new", "changed", "unchanged"
DEFAULT_LEGEND = "plan-target"
INDICATOR_FIELDS = (
    "name",
    "kind",
    "numerator",
    "denominator",
    "unit_of_measure",
    "direction",
    "group",
    "points",
    "full_at",
    "source",
    "confidence",
    "note",
)


class DefinitionsRefused(DomainError):
    code = "definitions_refused"
    status = 422


@dataclass
class Planned:
    """What applying one row does: ``status`` new, changed or unchanged, and what changes."""

    sheet: str
    line: int
    code: str
    status: str
    details: list[str] = field(default_factory=list)


def _require(actor: Any) -> None:
    if not may_import_definitions(actor):
        raise PermissionDenied(_("Only the city office imports indicator definitions."))


def definitions_upload(*, actor: Any, content: bytes, filename: str) -> DefinitionImport:
    """Check an uploaded workbook against the indicator set in force and keep it for its
    preview (problems included: the preview lists them by sheet and line)."""
    _require(actor)
    file_check(content, accept=accepting({XLSX}, _("Upload the indicators' .xlsx workbook.")))
    indicator_set = indicator_set_in_force(timezone.localdate())
    if indicator_set is None:
        raise DefinitionsRefused(_("No indicator set is in force today."))
    read = definitions_read(content, indicator_set=indicator_set)
    with transaction.atomic():
        staged = DefinitionImport.objects.create(
            indicator_set=indicator_set,
            filename=filename[:200],
            sha256=hashlib.sha256(content).hexdigest(),
            uploaded_by=actor,
            rows={INDICATORS: read.indicators, TARGETS: read.targets},
            errors=read.errors,
        )
        event_record(
            actor=actor,
            action=AuditAction.DEFINITIONS_UPLOADED,
            obj=staged,
            changes={
                "file": staged.filename,
                "sha256": staged.sha256,
                "indicators": len(read.indicators),
                "targets": len(read.targets),
                "problems": len(read.errors),
            },
        )
    return staged


def definitions_preview(staged: DefinitionImport) -> list[Planned]:
    """What applying ``staged`` would do now, row by row (nothing is kept)."""
    if staged.errors or staged.status != ImportStatus.PREVIEWED:
        return []
    with transaction.atomic():
        planned = _write(staged, actor=None, record=False)
        transaction.set_rollback(True)
    return planned


def definitions_apply(*, actor: Any, staged_id: int) -> DefinitionImport:
    """Apply a previewed import in one transaction; refused if it has problems, was applied
    already or the indicator set in force has changed since."""
    _require(actor)
    with transaction.atomic():
        staged = DefinitionImport.objects.select_for_update().filter(pk=staged_id).first()
        if staged is None:
            raise DefinitionsRefused(_("This import does not exist."))
        if staged.status == ImportStatus.APPLIED:
            raise DefinitionsRefused(_("This import has already been applied."))
        if staged.errors:
            raise DefinitionsRefused(
                _("The workbook has problems: correct them and upload it again.")
            )
        if indicator_set_in_force(timezone.localdate()) != staged.indicator_set:
            raise DefinitionsRefused(
                _("Another indicator set is in force now: upload the workbook again.")
            )
        # one import at a time writes a set's definitions (two applied at once would interleave)
        IndicatorSet.objects.select_for_update().filter(pk=staged.indicator_set_id).first()
        planned = _write(staged, actor=actor, record=True)
        counts = {s: sum(1 for p in planned if p.status == s) for s in (NEW, CHANGED, UNCHANGED)}
        staged.status = ImportStatus.APPLIED
        staged.applied_at = timezone.now()
        staged.outcome = counts
        staged.save(update_fields=["status", "applied_at", "outcome"])
        event_record(
            actor=actor,
            action=AuditAction.DEFINITIONS_IMPORTED,
            obj=staged,
            changes={"file": staged.filename, "sha256": staged.sha256, **counts},
        )
    return staged


# --- the writes (shared by the preview and the apply) -------------------------------------------


def _as_field(name: str, value: Any) -> Any:
    if name in ("points", "full_at") and value is not None:
        return Decimal(value)
    return value


def _shown(value: Any) -> str:
    return "—" if value in (None, "") else str(value)


def _targets_text(indicator: Indicator) -> list[list[str]]:
    return sorted(
        [t.level, str(t.valid_from), str(t.valid_to or ""), str(t.value)]
        for t in indicator.targets.in_use()
    )


def _span_text(first: datetime.date, last: datetime.date | None) -> str:
    end = _day(last) if last else _("open")
    return f"{_day(first)}–{end}"


def _day(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


class _Writer:
    def __init__(self, staged: DefinitionImport) -> None:
        self.indicator_set: IndicatorSet = staged.indicator_set
        self.now = timezone.now()
        self.indicators = {
            i.code: i for i in Indicator.objects.filter(indicator_set=self.indicator_set)
        }
        self.before_targets: dict[str, list[list[str]]] = {}
        self.field_changes: dict[str, dict[str, list[str]]] = {}

    def indicator(self, row: dict[str, Any]) -> Planned:
        code = row["code"]
        planned = Planned(INDICATORS, row["line"], code, UNCHANGED)
        wanted = {name: _as_field(name, row[name]) for name in INDICATOR_FIELDS}
        indicator = self.indicators.get(code)
        if indicator is None:
            same_kind = Indicator.objects.filter(
                indicator_set=self.indicator_set, kind=wanted["kind"]
            )
            order = (same_kind.aggregate(m=Max("order"))["m"] or 0) + 1
            legend = None
            if wanted["kind"] == IndicatorKind.RATE:
                legend = Legend.objects.filter(code=DEFAULT_LEGEND).first()
            indicator = Indicator.objects.create(
                indicator_set=self.indicator_set, code=code, order=order, legend=legend, **wanted
            )
            self.indicators[code] = indicator
            self.before_targets[code] = []
            self.field_changes[code] = {k: ["", _shown(v)] for k, v in wanted.items()}
            planned.status = NEW
            return planned
        changed = {
            name: [_shown(getattr(indicator, name)), _shown(value)]
            for name, value in wanted.items()
            if getattr(indicator, name) != value
        }
        if changed:
            self.before_targets.setdefault(code, _targets_text(indicator))
            for name, value in wanted.items():
                setattr(indicator, name, value)
            indicator.save(update_fields=list(changed))
            self.field_changes.setdefault(code, {}).update(changed)
            planned.status = CHANGED
            planned.details = [
                f"{Indicator._meta.get_field(name).verbose_name}: {old} → {new}"
                for name, (old, new) in changed.items()
            ]
        return planned

    def target(self, row: dict[str, Any]) -> Planned:
        code, level = row["code"], row["level"]
        planned = Planned(TARGETS, row["line"], code, UNCHANGED)
        indicator = self.indicators[code]
        first = datetime.date.fromisoformat(row["valid_from"])
        last = datetime.date.fromisoformat(row["valid_to"]) if row["valid_to"] else None
        value = Decimal(row["value"])
        in_use = list(indicator.targets.in_use().filter(level=level))
        # the row in use that starts that day with that value: kept, its end moved if need be
        keep = next((t for t in in_use if t.valid_from == first and t.value == value), None)
        if keep is not None and keep.valid_to == last:
            if row["source"] and row["source"] != keep.source:
                self.before_targets.setdefault(code, _targets_text(indicator))
                keep.source = row["source"]
                keep.save(update_fields=["source"])
                planned.status = CHANGED
                planned.details = [_("set by: %(source)s") % {"source": row["source"]}]
            return planned
        self.before_targets.setdefault(code, _targets_text(indicator))
        in_use = [t for t in in_use if t is not keep]
        rewrite = rules.target_rewrite(
            (rules.Span(t.pk, t.valid_from, t.valid_to) for t in in_use), first=first, last=last
        )
        by_key = {t.pk: t for t in in_use}
        for key, end in rewrite.shortened.items():
            kept = by_key[key]
            planned.details.append(
                _("the target %(value)s of %(span)s now ends on %(day)s")
                % {
                    "value": kept.value,
                    "span": _span_text(kept.valid_from, kept.valid_to),
                    "day": _day(end),
                }
            )
            kept.valid_to = end
            kept.save(update_fields=["valid_to"])
        for key in rewrite.superseded:
            old = by_key[key]
            planned.details.append(
                _("the target %(value)s of %(span)s is replaced (kept in the history)")
                % {"value": old.value, "span": _span_text(old.valid_from, old.valid_to)}
            )
            old.superseded_at = self.now
            old.save(update_fields=["superseded_at"])
        for key, tail_first, tail_last in rewrite.tails:
            old = by_key[key]
            Target.objects.create(
                indicator=indicator,
                level=level,
                valid_from=tail_first,
                valid_to=tail_last,
                value=old.value,
                source=old.source,
            )
            planned.details.append(
                _("the target %(value)s stays for %(span)s")
                % {"value": old.value, "span": _span_text(tail_first, tail_last)}
            )
        planned.details.insert(
            0,
            _("target %(value)s for %(span)s") % {"value": value, "span": _span_text(first, last)},
        )
        if keep is not None:
            keep.valid_to = last
            keep.source = row["source"] or keep.source
            keep.save(update_fields=["valid_to", "source"])
            planned.status = CHANGED
            return planned
        Target.objects.create(
            indicator=indicator,
            level=level,
            valid_from=first,
            valid_to=last,
            value=value,
            source=row["source"],
        )
        planned.status = CHANGED if rewrite.touches else NEW
        return planned

    def audit(self, actor: Any) -> None:
        for code in sorted(set(self.before_targets) | set(self.field_changes)):
            indicator = self.indicators[code]
            changes: dict[str, Any] = {"fields": self.field_changes.get(code, {})}
            before = self.before_targets.get(code)
            after = _targets_text(indicator)
            if before is not None and before != after:
                changes["targets"] = {"before": before, "after": after}
            if changes["fields"] or "targets" in changes:
                event_record(
                    actor=actor,
                    action=AuditAction.INDICATOR_IMPORTED,
                    obj=indicator,
                    changes=changes,
                )


def _write(staged: DefinitionImport, *, actor: Any, record: bool) -> list[Planned]:
    writer = _Writer(staged)
    planned = [writer.indicator(row) for row in staged.rows.get(INDICATORS, [])]
    for row in staged.rows.get(TARGETS, []):
        if row["code"] not in writer.indicators:
            raise DefinitionsRefused(
                _("Targets line %(line)s: no indicator has the code “%(code)s”.")
                % {"line": row["line"], "code": row["code"]}
            )
        planned.append(writer.target(row))
    if record:
        writer.audit(actor)
    return planned
