"""Reading and checking the shipped org datasets (``egov/orgs/datasets/*.json``). No ORM here.

A dataset file has a header (name, description, source, source_version, data_date, as_of,
effective_on, admin_code_scheme, absent_units_status, supersedes, counts, notes) and a tree of
``units``. A unit may pull in the units of a component file (``include``, with ``{parent}``
standing for the parent's name with a lower-case initial) or, for the post-reform list, read
its children from the installed ``vietnam-provinces`` package at load time
(``children_from_package``). The tree has no fixed depth.
"""

from __future__ import annotations

import datetime
import json
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from egov.common.exceptions import DomainError
from egov.orgs.choices import CodeStatus, UnitKind, UnitStatus

DATASETS_DIR = Path(__file__).resolve().parent.parent / "datasets"
DATASET_NAMES = ("hanoi-2020", "hanoi-2025-01", "hanoi-2025")

# Decision 20/2020/QĐ-TTg: at most 35 characters of [0-9A-Z.]; QCVN 102 13-character form
# V1V2V3.Z1Z2.Y1Y2.MX1X2 with the level-1 code M (a letter A-Y) and two digits on the right.
AGENCY_CODE = re.compile(r"^[0-9A-Z.]{1,35}$")
AGENCY_CODE_13 = re.compile(r"^[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Y][0-9]{2}$")


class DatasetInvalid(DomainError):
    """A shipped dataset is unknown, malformed, or does not match its own header."""

    code = "orgs_dataset_invalid"


@dataclass(frozen=True)
class UnitSpec:
    """One unit as a dataset describes it; ``children`` are the units directly below it."""

    kind: str
    name: str
    short_name: str = ""
    admin_code: str = ""
    admin_code_scheme: str = ""
    same_as: tuple[tuple[str, str], ...] = ()
    agency_code: str = ""
    agency_code_status: str = ""
    division_type: str = ""
    valid_from: datetime.date | None = None
    children: tuple[UnitSpec, ...] = ()

    @property
    def codes(self) -> tuple[tuple[str, str], ...]:
        """Every (scheme, code) this administrative unit is known by, its own first."""
        if not self.admin_code:
            return ()
        return ((self.admin_code_scheme, self.admin_code), *self.same_as)


@dataclass(frozen=True)
class DatasetSpec:
    """A dataset, read and checked, with its components expanded."""

    name: str
    description: str
    source_version: str
    effective_on: datetime.date | None
    absent_units_status: str
    supersedes: tuple[str, ...]
    roots: tuple[UnitSpec, ...]


def agency_code_is_valid(code: str) -> bool:
    """True for an identifier in the 13-character form of Decision 20/2020/QĐ-TTg."""
    return bool(AGENCY_CODE.match(code) and AGENCY_CODE_13.match(code))


def iter_units(units: tuple[UnitSpec, ...]) -> Iterator[UnitSpec]:
    """Every unit of the trees, parents before their children."""
    for unit in units:
        yield unit
        yield from iter_units(unit.children)


@cache
def dataset_header(name: str) -> Mapping[str, Any]:
    """The raw JSON of a dataset or component file."""
    path = DATASETS_DIR / f"{name}.json"
    if not path.is_file():
        raise DatasetInvalid(_("Unknown org dataset %(name)s.") % {"name": name})
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def dataset_read(name: str) -> DatasetSpec:
    """Read, expand and check one of :data:`DATASET_NAMES`."""
    if name not in DATASET_NAMES:
        raise DatasetInvalid(_("Unknown org dataset %(name)s.") % {"name": name})
    raw = dataset_header(name)
    scheme = raw["admin_code_scheme"]
    spec = DatasetSpec(
        name=raw["name"],
        description=raw["description"],
        source_version=raw["source_version"],
        effective_on=_date(raw.get("effective_on")),
        absent_units_status=raw["absent_units_status"],
        supersedes=tuple(raw["supersedes"]),
        roots=tuple(_unit(item, scheme) for item in raw["units"]),
    )
    _check(spec, raw)
    return spec


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _unit(raw: Mapping[str, Any], scheme: str) -> UnitSpec:
    children = [_unit(item, scheme) for item in raw.get("children", ())]
    for component in raw.get("include", ()):
        children.extend(_component_units(component, raw))
    if "children_from_package" in raw:
        children.extend(_package_units(raw["children_from_package"], scheme))
    admin_code = raw.get("admin_code", "")
    return UnitSpec(
        kind=raw["kind"],
        name=raw["name"],
        short_name=raw.get("short_name", ""),
        admin_code=admin_code,
        admin_code_scheme=scheme if admin_code else "",
        same_as=tuple((item["scheme"], item["code"]) for item in raw.get("same_as", ())),
        agency_code=raw.get("agency_code", ""),
        agency_code_status=raw.get("agency_code_status", ""),
        division_type=raw.get("division_type", ""),
        valid_from=_date(raw.get("valid_from")),
        children=tuple(children),
    )


def _component_units(component: str, parent: Mapping[str, Any]) -> list[UnitSpec]:
    """The units of a component file for this parent, ``{parent}`` filled in."""
    parent_name = parent["name"][:1].lower() + parent["name"][1:]
    units = []
    for item in dataset_header(component)["units"]:
        only_for = item.get("only_for_division_types")
        if only_for is not None and parent.get("division_type") not in only_for:
            continue
        name = item["name"].replace("{parent}", parent_name)
        units.append(_unit({**item, "name": name}, scheme=""))
    return units


def _package_units(source: Mapping[str, Any], scheme: str) -> list[UnitSpec]:
    """Communes of one province from the installed vietnam-provinces package, by code."""
    if source["package"] != "vietnam-provinces":
        raise DatasetInvalid(_("Unknown org dataset %(name)s.") % {"name": source["package"]})
    from vietnam_provinces import ProvinceCode, Ward  # the post-reform list, read at load time

    wards = sorted(
        Ward.iter_by_province(ProvinceCode(source["province_code"])),
        key=lambda ward: int(ward.code),
    )
    return [
        UnitSpec(
            kind=source["kind"],
            name=ward.name,
            admin_code=f"{int(ward.code):05d}",
            admin_code_scheme=scheme,
            division_type=ward.division_type.value,
            valid_from=_date(source.get("valid_from")),
        )
        for ward in wards
    ]


def _check(spec: DatasetSpec, raw: Mapping[str, Any]) -> None:
    """Refuse a dataset that contradicts its header or holds values the tree cannot take."""
    units = list(iter_units(spec.roots))
    problems = [*_count_problems(units, raw), *_value_problems(spec, units)]
    for unit in units:
        names = Counter(child.name for child in unit.children)
        shorts = Counter(child.short_name for child in unit.children if child.short_name)
        problems += [f"{unit.name}: two units named {n}" for n, c in names.items() if c > 1]
        problems += [f"{unit.name}: short name {s} twice" for s, c in shorts.items() if c > 1]
    if problems:
        raise DatasetInvalid(
            _("Dataset %(name)s is invalid: %(problem)s")
            % {"name": spec.name, "problem": "; ".join(problems[:5])}
        )


def _count_problems(units: list[UnitSpec], raw: Mapping[str, Any]) -> list[str]:
    expected = {"counts": raw["counts"], "division_type_counts": raw.get("division_type_counts")}
    found = {
        "counts": Counter(u.kind for u in units),
        "division_type_counts": Counter(u.division_type for u in units if u.admin_code),
    }
    problems = []
    for key, wanted in expected.items():
        if wanted is None:
            continue
        actual = {k: found[key][k] for k in wanted}
        if actual != wanted or (key == "counts" and sum(wanted.values()) != len(units)):
            problems.append(f"{key} {dict(found[key])} instead of {wanted}")
    return problems


def _value_problems(spec: DatasetSpec, units: list[UnitSpec]) -> list[str]:
    problems = []
    if spec.absent_units_status not in (UnitStatus.MERGED, UnitStatus.DISSOLVED):
        problems.append(f"absent_units_status {spec.absent_units_status}")
    for unit in units:
        if unit.kind not in UnitKind.values:
            problems.append(f"{unit.name}: kind {unit.kind}")
        if unit.agency_code and not agency_code_is_valid(unit.agency_code):
            problems.append(f"{unit.name}: agency code {unit.agency_code}")
        if unit.agency_code_status not in ("", *CodeStatus.values):
            problems.append(f"{unit.name}: agency code status {unit.agency_code_status}")
    return problems
