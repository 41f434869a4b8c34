"""What the row generators need to know about the loaded org tree, catalog and rules, read
once from the database after the services have loaded them.

Routing mirrors the app: the competent unit of a commune-level procedure is a commune, of a
district-level one a district, of a province-level one a department (Sở); the receiving desk is
``egov.onestop.services.online.receiving_desk_for`` (the nearest desk above the unit) and the
internal procedure is ``desk_routing.definition_for`` (the unit's own, else the shared one).
"""

from __future__ import annotations

import datetime
import random
from bisect import bisect_right
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import accumulate

from django.contrib.contenttypes.models import ContentType

from egov.onestop.models import Dossier, Procedure, RuleSet
from egov.orgs.choices import UnitKind
from egov.orgs.models import OrgUnit
from egov.workflow.models import ProcessDefinition, ProcessInstance, StepDefinition


@dataclass(frozen=True)
class Step:
    id: int
    order: int
    unit_id: int | None
    role: str
    minutes: int
    name: str


@dataclass(frozen=True)
class Definition:
    id: int
    code: str
    effective_from: datetime.date
    effective_to: datetime.date | None
    total: Decimal
    steps: tuple[Step, ...]

    def in_force(self, day: datetime.date) -> bool:
        return self.effective_from <= day and (
            self.effective_to is None or day <= self.effective_to
        )


@dataclass(frozen=True)
class Proc:
    id: int
    code: str
    version: int
    name: str
    level: str
    is_same_day: bool
    online: bool
    working_days: Decimal | None
    folded: str  # code + name, for search_text


@dataclass
class Unit:
    id: int
    kind: str
    name: str
    parent_id: int | None
    path: str
    agency_code: str
    desk_id: int | None = None
    district_name: str = ""


@dataclass
class World:
    units: dict[int, Unit]
    communes: list[int]
    districts: list[int]
    departments: list[int]
    procedures: list[Proc]
    definitions: dict[str, list[Definition]]
    rulesets: list[tuple[int, datetime.date, datetime.date | None, str]]
    dossier_ct: int
    instance_ct: int
    weights: dict[str, list[float]] = field(default_factory=dict)
    department_of: dict[int, int] = field(default_factory=dict)

    # -- routing --------------------------------------------------------------------------
    def agency_code(self, unit_id: int) -> str:
        """``dossier_code.agency_code_for``: the unit's code or its nearest ancestor's."""
        unit = self.units[unit_id]
        for ancestor in reversed([int(p) for p in unit.path.strip("/").split("/")]):
            code = self.units[ancestor].agency_code
            if code:
                return code
        raise LookupError(f"no agency code above {unit.name}")

    def definition(self, proc: Proc, unit_id: int, day: datetime.date) -> Definition:
        """``desk_routing.definition_for``: the unit's own internal procedure in force, else
        the shared one, whose total must equal the time limit in working days."""
        unit = self.units[unit_id]
        codes = [f"onestop:{proc.code}@{unit.agency_code}"] if unit.agency_code else []
        codes.append(f"onestop:{proc.code}")
        for code in codes:
            found = [d for d in self.definitions.get(code, ()) if d.in_force(day)]
            if found and (proc.working_days is None or found[-1].total == proc.working_days):
                return found[-1]
        raise LookupError(f"no internal procedure for {proc.code} at {unit.name} on {day}")

    def ruleset(self, day: datetime.date) -> tuple[int | None, str]:
        """The rule set in force on ``day`` and its code format (Decree 61/2018 from
        21/6/2018; earlier dossiers have none and use the same format)."""
        for ruleset_id, start, end, fmt in self.rulesets:
            if start <= day and (end is None or day <= end):
                return ruleset_id, fmt
        return None, self.rulesets[0][3]


def _desk_for(units: dict[int, Unit], unit: Unit, desks: list[Unit]) -> int | None:
    ancestors = [int(p) for p in unit.path.strip("/").split("/")]
    best = None
    for desk in desks:
        if desk.parent_id in ancestors:
            depth = ancestors.index(desk.parent_id)
            if best is None or depth > best[0] or (depth == best[0] and desk.path < best[1].path):
                best = (depth, desk)
    return best[1].id if best else None


def world_load(rng: random.Random) -> World:
    """Read the loaded tree, catalog, definitions and rule sets; draw the fixed weights."""
    units = {
        u.id: Unit(u.id, u.kind, u.name, u.parent_id, u.path, u.agency_code)
        for u in OrgUnit.objects.active().order_by("path")
    }
    desks = [u for u in units.values() if u.kind == UnitKind.ONE_STOP_DESK]
    for unit in units.values():
        unit.desk_id = _desk_for(units, unit, desks)
        parent = units.get(unit.parent_id) if unit.parent_id else None
        unit.district_name = parent.name if parent and parent.kind == UnitKind.DISTRICT else ""
    world = World(
        units=units,
        communes=[u.id for u in units.values() if u.kind == UnitKind.COMMUNE],
        districts=[u.id for u in units.values() if u.kind == UnitKind.DISTRICT],
        departments=[u.id for u in units.values() if u.kind == UnitKind.DEPARTMENT],
        procedures=_procedures(),
        definitions=_definitions(),
        rulesets=[
            (r.id, r.effective_from, r.effective_to, r.dossier_code_format)
            for r in RuleSet.objects.order_by("effective_from")
        ],
        dossier_ct=ContentType.objects.get_for_model(Dossier).id,
        instance_ct=ContentType.objects.get_for_model(ProcessInstance).id,
    )
    _draw_weights(world, rng)
    return world


def _procedures() -> list[Proc]:
    from egov.common.text import fold

    latest = {}
    for p in Procedure.objects.filter(is_active=True).order_by("code", "version"):
        latest[p.code] = p
    return [
        Proc(
            p.id,
            p.code,
            p.version,
            p.name,
            p.level,
            p.is_same_day,
            "online" in p.channels,
            p.working_days,
            fold(f"{p.code} {p.name}"),
        )
        for p in latest.values()
    ]


def _definitions() -> dict[str, list[Definition]]:
    steps: dict[int, list[Step]] = {}
    for s in StepDefinition.objects.order_by("definition_id", "order"):
        minutes = int(s.allowance_days * 480)
        steps.setdefault(s.definition_id, []).append(
            Step(s.id, s.order, s.unit_id, s.role, minutes, s.name)
        )
    found: dict[str, list[Definition]] = {}
    for d in ProcessDefinition.objects.published().order_by("code", "version"):
        found.setdefault(d.code, []).append(
            Definition(
                d.id,
                d.code,
                d.effective_from,
                d.effective_to,
                d.total_days,
                tuple(steps.get(d.id, ())),
            )
        )
    return found


# The most used procedures first (by the share of a commune's and district's dossiers they
# usually take: certifications, civil status, land, business households...).
POPULAR_FIRST = (
    "2.000815",
    "2.000884",
    "1.001193",
    "2.000908",
    "1.000894",
    "1.000656",
    "2.000635",
    "1.004873",
    "2.000528",
    "1.001612",
    "1.004859",
    "1.004884",
)


def _draw_weights(world: World, rng: random.Random) -> None:
    """Fixed weights: procedures by rank (Zipf, s = 1: the 293 most used take about 80 % of
    the dossiers, as in Hà Nội's figures); units by a log-normal size."""
    order = sorted(
        world.procedures,
        key=lambda p: (
            POPULAR_FIRST.index(p.code) if p.code in POPULAR_FIRST else 99,
            not p.code.startswith("HNS"),
            rng.random(),
        ),
    )
    world.procedures = order
    world.weights["procedure"] = list(accumulate(1.0 / (rank + 1) for rank in range(len(order))))
    for name, ids in (
        ("commune", world.communes),
        ("district", world.districts),
        ("department", world.departments),
    ):
        world.weights[name] = list(accumulate(rng.lognormvariate(0, 0.5) for _ in ids))
    for proc in world.procedures:
        if proc.level == "province":
            world.department_of[proc.id] = rng.choice(world.departments)


def pick(rng: random.Random, items: list, cum: list[float]) -> object:
    return items[bisect_right(cum, rng.random() * cum[-1])]
