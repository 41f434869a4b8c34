"""Loading a shipped org dataset into the tree, through the orgs services, as history."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Mapping
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.accounts.models import User
from egov.common.exceptions import DomainError
from egov.common.progress import WRITE, ProgressCallback, progress_none
from egov.orgs.choices import UnitStatus
from egov.orgs.loaders.specs import (
    DATASET_NAMES,
    DatasetSpec,
    UnitSpec,
    dataset_header,
    dataset_read,
    spec_with_agency_codes,
    successor_names,
)
from egov.orgs.models import OrgUnit
from egov.orgs.services import (
    orgunit_create,
    orgunit_dissolve,
    orgunit_mark_merged,
    orgunit_merge,
    orgunit_move,
    orgunit_rename,
    orgunit_update,
)

logger = logging.getLogger(__name__)

SYNCED_FIELDS = (
    "kind",
    "short_name",
    "admin_code",
    "admin_code_scheme",
    "agency_code",
    "agency_code_status",
)


class DatasetConflict(DomainError):
    """The tree already holds a later state than the dataset (it would have to undo history)."""

    code = "orgs_dataset_conflict"
    status = 409


@dataclass(frozen=True)
class LoadReport:
    """What one load changed: units created, updated (renamed, moved, fields) and closed."""

    dataset: str
    created: int
    updated: int
    closed: int

    @property
    def changed(self) -> int:
        return self.created + self.updated + self.closed


def orgs_dataset_load(
    *,
    actor: User | None,
    name: str,
    progress: ProgressCallback | None = None,
    agency_codes: Mapping[str, str] | None = None,
) -> LoadReport:
    """Load dataset ``name`` (one of ``DATASET_NAMES``, or ``vn-2025-NN`` for the current
    structure of any province) into the org tree, in one transaction.

    Administrative units are matched by (admin_code_scheme, admin_code), the others by
    (parent, name or short_name). New units are created, changed ones renamed (name history
    kept), moved or updated, and administrative units under the dataset's roots that the
    dataset no longer lists are closed from its ``effective_on`` (``absent_units_status``:
    merged with no successor, or dissolved with everything below them). Every change goes
    through the orgs services and is audited; loading the same dataset again changes nothing.
    ``progress`` (``egov.common.progress``) hears the units written. ``agency_codes`` (unit
    name or administrative code → agency identifier code) replaces the dataset's codes.
    """
    spec = dataset_read(name)
    if agency_codes:
        spec = spec_with_agency_codes(spec, agency_codes)
    with transaction.atomic():
        run = _DatasetRun(actor=actor, spec=spec, progress=progress)
        run.load()
    report = LoadReport(dataset=name, created=run.created, updated=run.updated, closed=run.closed)
    logger.info(
        "orgs.dataset_loaded",
        extra={
            "dataset": name,
            "units_created": report.created,
            "units_updated": report.updated,
            "units_closed": report.closed,
        },
    )
    return report


def orgunit_now_named(name: str) -> OrgUnit | None:
    """The active unit that is, or took over, the unit called ``name``: the unit of that name;
    else the successor of a closed one of that name; else the body that took it over according
    to the shipped datasets (``merged_from``), for a tree loaded without the earlier body."""
    units = OrgUnit.objects.filter(name=name).order_by("depth", "pk")
    unit = units.filter(status=UnitStatus.ACTIVE).first() or units.first()
    for _hop in range(10):
        if unit is None or unit.is_active:
            break
        unit = unit.successor
    if unit is not None and unit.is_active:
        return unit
    later = successor_names().get(name)
    return orgunit_now_named(later) if later else None


def _count(node: UnitSpec) -> int:
    return 1 + sum(_count(child) for child in node.children)


class _DatasetRun:
    """The state of one load: what the tree holds, what the dataset has matched, the counts."""

    def __init__(
        self, *, actor: User | None, spec: DatasetSpec, progress: ProgressCallback | None = None
    ) -> None:
        self.actor, self.spec = actor, spec
        self.progress, self.done = progress or progress_none, 0
        self.total = sum(_count(root) for root in spec.roots)
        self.created = self.updated = self.closed = 0
        self.seen: set[int] = set()
        self.new_units_from: datetime.date | None = None
        self.by_code: dict[tuple[str, str], OrgUnit] = {}
        self.by_parent: dict[int | None, list[OrgUnit]] = {}
        self.has_moved = False  # a move rewrites paths below it: cached units must be re-read

    def load(self) -> None:
        for unit in OrgUnit.objects.exclude(admin_code=""):
            self.by_code[(unit.admin_code_scheme, unit.admin_code)] = unit
        for root in self.spec.roots:
            existing = self._match(root, parent=None)
            if existing is not None:
                self._refuse_older(existing)
                self.new_units_from = self.spec.effective_on
            unit = self._apply(root, parent=None)
            self._close_absent(unit)

    def _apply(self, node: UnitSpec, parent: OrgUnit | None) -> OrgUnit:
        unit = self._match(node, parent)
        unit = self._create(node, parent) if unit is None else self._sync(unit, node, parent)
        self.seen.add(unit.pk)
        self._merge_predecessors(node, unit, parent)
        self.done += 1
        if self.done % 50 == 0 or self.done == self.total:
            self.progress(WRITE, self.done, self.total)
        for child in node.children:
            self._apply(child, unit)
        return unit

    def _match(self, node: UnitSpec, parent: OrgUnit | None) -> OrgUnit | None:
        if node.admin_code:
            unit = next((self.by_code[c] for c in node.codes if c in self.by_code), None)
        else:
            siblings = self._children(parent)
            unit = next((u for u in siblings if u.name == node.name), None) or next(
                (u for u in siblings if node.short_name and u.short_name == node.short_name), None
            )
        if unit is not None and not unit.is_active:
            raise self._conflict(f"{unit.name} closed on {unit.valid_to}")
        if unit is not None and self.has_moved:
            unit.refresh_from_db()
        return unit

    def _conflict(self, detail: str) -> DatasetConflict:
        return DatasetConflict(
            _("Dataset %(name)s is older than the org structure already loaded: %(detail)s")
            % {"name": self.spec.name, "detail": detail}
        )

    def _children(self, parent: OrgUnit | None) -> list[OrgUnit]:
        """Active units without an administrative code directly below ``parent``."""
        key = parent.pk if parent else None
        if key not in self.by_parent:
            self.by_parent[key] = list(
                OrgUnit.objects.active().filter(parent=parent, admin_code="").order_by("pk")
            )
        return self.by_parent[key]

    def _create(self, node: UnitSpec, parent: OrgUnit | None) -> OrgUnit:
        unit = orgunit_create(
            actor=self.actor,
            name=node.name,
            kind=node.kind,
            parent=parent,
            short_name=node.short_name,
            admin_code=node.admin_code,
            admin_code_scheme=node.admin_code_scheme,
            agency_code=node.agency_code,
            agency_code_status=node.agency_code_status,
            dataset=self.spec.name,
            valid_from=node.valid_from or self.new_units_from,
        )
        self.created += 1
        if node.admin_code:
            self.by_code[node.codes[0]] = unit
        else:
            self._children(parent).append(unit)
        return unit

    def _sync(self, unit: OrgUnit, node: UnitSpec, parent: OrgUnit | None) -> OrgUnit:
        """Bring a matched unit in line with the dataset: move, rename, then other fields."""
        changed = False
        if parent is not None and unit.parent_id != parent.pk:
            unit = orgunit_move(actor=self.actor, unit=unit, new_parent=parent)
            changed = self.has_moved = True
        if unit.name != node.name:
            unit = orgunit_rename(
                actor=self.actor, unit=unit, new_name=node.name, on=self.spec.effective_on
            )
            changed = True
        values = {
            f: getattr(node, f) for f in SYNCED_FIELDS if getattr(unit, f) != getattr(node, f)
        }
        if values:
            unit = orgunit_update(actor=self.actor, unit=unit, **values)
            changed = True
        self.updated += int(changed)
        return unit

    def _merge_predecessors(self, node: UnitSpec, unit: OrgUnit, parent: OrgUnit | None) -> None:
        """Merge into ``unit`` the active siblings ``node.merged_from`` names (from
        ``merged_on``); their officers keep their roles in ``unit``. Names not in the tree
        (an empty database, a body the earlier list did not carry) are skipped."""
        if not node.merged_from or node.merged_on is None:
            return
        siblings = self._children(parent)
        sources = [u for u in siblings if u.name in node.merged_from and u.pk != unit.pk]
        if not sources:
            return
        orgunit_merge(actor=self.actor, sources=sources, into=unit, on=node.merged_on)
        for source in sources:
            siblings.remove(source)
            self.closed += 1

    def _refuse_older(self, root: OrgUnit) -> None:
        """Refuse to go back in time: a later dataset, or later changes, are already loaded."""
        newer = [n for n in DATASET_NAMES if self.spec.name in dataset_header(n)["supersedes"]]
        on = self.spec.effective_on
        if on is None:  # an undated snapshot predates any dated change
            dated = Q(valid_from__isnull=False) | Q(valid_to__isnull=False)
        else:
            dated = Q(valid_from__gt=on) | Q(valid_to__gte=on)
        units = OrgUnit.objects.subtree_of(root).exclude(admin_code="")
        clash = units.filter(Q(dataset__in=newer) | dated).first()
        if clash is not None:
            since, until = clash.valid_from or "…", clash.valid_to or "…"
            raise self._conflict(f"{clash.name} ({clash.dataset}, valid {since} to {until})")

    def _close_absent(self, root: OrgUnit) -> None:
        """Close the administrative units below ``root`` that the dataset no longer lists."""
        candidates = OrgUnit.objects.subtree_of(root).active().exclude(admin_code="")
        absent = [u for u in candidates.order_by("-depth", "path") if u.pk not in self.seen]
        on = self.spec.effective_on or timezone.localdate()
        if self.spec.absent_units_status == UnitStatus.DISSOLVED:
            # Dissolving a unit ends its whole subtree, so only the topmost ones are needed.
            absent_ids = {u.pk for u in absent}
            for unit in absent:
                if not absent_ids.intersection(unit.ancestor_ids()[:-1]):
                    self.closed += OrgUnit.objects.subtree_of(unit).active().count()
                    orgunit_dissolve(actor=self.actor, unit=unit, on=on)
            return
        for unit in absent:  # deepest first: a merged unit's absent children close first
            self.closed += OrgUnit.objects.subtree_of(unit).active().count()
            # The source names no successor: record the merger without one.
            orgunit_mark_merged(actor=self.actor, unit=unit, on=on)
