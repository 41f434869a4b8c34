"""Where a unit stands in the administration: the level it acts at, the People's Committee it
belongs to, and the body whose name its documents carry.

The org tree has no fixed depth and any kind may sit under any other, so these answers are
read from the unit's kind and, when the kind alone does not tell, from the nearest unit above
it that does:

- ``level_of(unit)``: the administrative level (province / district / commune) the unit acts
  at. A People's Committee is at its own level; a department (sở, ban, ngành) acts at province
  level; a division (phòng) or a one-stop desk takes the level of the unit above it. The level
  of a procedure (cấp thực hiện) is compared with this (Decree 61/2018/NĐ-CP art. 19).
- ``administrative_unit(unit)``: the People's Committee (city, district, commune) the unit
  belongs to — itself or its nearest such ancestor. Its subtree holds the units a directive of
  ``unit`` may assign, and its name gives the place printed before an official date.
- ``issuing_unit(unit)``: the body a document of ``unit`` goes out under (Decree 30/2020/NĐ-CP
  art. 8): itself, or the nearest unit above it that is not a division or a desk (a division
  drafts for its People's Committee or department).

Each function takes the unit and, optionally, the units above it (``ancestors``, in any order)
when the caller holds them already — then it is pure and reads nothing. Without them, the
ancestors are read in one query, and only when the unit's own kind does not give the answer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from egov.orgs.choices import Level, UnitKind
from egov.orgs.models import OrgUnit

# Kinds that are a People's Committee (Ủy ban nhân dân) of their administrative unit.
ADMINISTRATIVE_KINDS: frozenset[str] = frozenset(
    {UnitKind.PROVINCE, UnitKind.DISTRICT, UnitKind.COMMUNE}
)
# Kinds that are part of a body rather than a body: they issue and act under the unit above.
NON_ISSUING_KINDS: frozenset[str] = frozenset({UnitKind.DIVISION, UnitKind.ONE_STOP_DESK})
# The level a unit acts at, for the kinds that have one of their own.
LEVEL_OF_KIND: Mapping[str, Level] = {
    UnitKind.PROVINCE: Level.PROVINCE,
    UnitKind.DEPARTMENT: Level.PROVINCE,
    UnitKind.DISTRICT: Level.DISTRICT,
    UnitKind.COMMUNE: Level.COMMUNE,
}


def kinds_of_level(level: str) -> tuple[str, ...]:
    """The unit kinds that act at ``level`` in their own right (province level: the city and
    its departments), i.e. the units one picks as competent for a procedure of that level.
    Divisions and desks are not listed: they act under the unit above them."""
    return tuple(kind for kind, kind_level in LEVEL_OF_KIND.items() if kind_level == level)


def level_of(unit: OrgUnit, ancestors: Iterable[OrgUnit] | None = None) -> Level | None:
    """The administrative level ``unit`` acts at: its own kind's, or that of the nearest unit
    above it with one (a division of a district is at district level); None when no unit of
    its chain has a level."""
    found = _nearest(unit, ancestors, lambda u: u.kind in LEVEL_OF_KIND)
    return LEVEL_OF_KIND[found.kind] if found is not None else None


def administrative_unit(unit: OrgUnit, ancestors: Iterable[OrgUnit] | None = None) -> OrgUnit:
    """The People's Committee ``unit`` belongs to: itself when it is one, else its nearest
    ancestor that is one (a department belongs to the city); ``unit`` itself when it has
    none above it."""
    return _nearest(unit, ancestors, lambda u: u.kind in ADMINISTRATIVE_KINDS) or unit


def issuing_unit(unit: OrgUnit, ancestors: Iterable[OrgUnit] | None = None) -> OrgUnit:
    """The body whose name and register a document of ``unit`` goes out under: itself, or the
    nearest unit above it that is not a division or a desk; the top of its chain when every
    unit of it is one."""
    if unit.kind not in NON_ISSUING_KINDS:
        return unit
    chain = _chain_above(unit, ancestors)
    top = chain[-1] if chain else unit
    return next((u for u in chain if u.kind not in NON_ISSUING_KINDS), top)


def _nearest(
    unit: OrgUnit, ancestors: Iterable[OrgUnit] | None, accept: Callable[[OrgUnit], bool]
) -> OrgUnit | None:
    """``unit`` if ``accept`` holds for it, else the deepest unit above it for which it holds."""
    if accept(unit):
        return unit
    return next((u for u in _chain_above(unit, ancestors) if accept(u)), None)


def _chain_above(unit: OrgUnit, ancestors: Iterable[OrgUnit] | None) -> list[OrgUnit]:
    """The units above ``unit``, nearest first (read in one query when not given)."""
    if ancestors is None:
        above_ids = [pk for pk in unit.ancestor_ids() if pk != unit.pk]
        ancestors = OrgUnit.objects.filter(pk__in=above_ids) if above_ids else []
    return sorted((u for u in ancestors if u.depth < unit.depth), key=lambda u: -u.depth)
