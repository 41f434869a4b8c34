"""Reading and checking the shipped org datasets (``egov/orgs/datasets/*.json``). No ORM here.

A dataset file has a header (name, description, source, source_version, data_date, as_of,
effective_on, admin_code_scheme, absent_units_status, supersedes, counts, notes) and a tree of
``units``. A unit may pull in the units of a component file (``include``, with ``{parent}``
standing for the parent's name with a lower-case initial) or, for the post-reform list, read
its children from the installed ``vietnam-provinces`` package at load time
(``children_from_package``, with the components each commune includes). A unit without an
administrative code may name the sibling units it took over (``merged_from``, from
``merged_on``): loaded on a tree that still has them, they are merged into it. The tree has no
fixed depth.

Besides the shipped files, ``vn-2025-NN`` names the current (two-level, from 1 July 2025)
structure of any of the 34 provinces, NN being its code in the package: the province, the
bodies of ``province-bodies.json`` and its communes with the units of ``commune-units.json``.
"""

from __future__ import annotations

import datetime
import json
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from egov.common.exceptions import DomainError
from egov.orgs.choices import CodeStatus, UnitKind, UnitStatus

DATASETS_DIR = Path(__file__).resolve().parent.parent / "datasets"
DATASET_NAMES = ("hanoi-2020", "hanoi-2025-01", "hanoi-2025")
PROVINCE_DATASET = re.compile(r"^vn-2025-(\d{2})$")
PROVINCE_SCHEME = "QD19-2025"
REFORM_DAY = "2025-07-01"

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
    merged_from: tuple[str, ...] = ()  # names of sibling units this one took over ...
    merged_on: datetime.date | None = None  # ... from this day

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
def successor_names() -> Mapping[str, str]:
    """Earlier body name → the name of the body that took it over, from every shipped file's
    ``merged_from`` (e.g. "Sở Thông tin và Truyền thông" → "Sở Khoa học và Công nghệ")."""
    names: dict[str, str] = {}
    for path in sorted(DATASETS_DIR.glob("*.json")):
        for raw in _raw_units(dataset_header(path.stem)["units"]):
            names.update(dict.fromkeys(raw.get("merged_from", ()), raw["name"]))
    return names


def _raw_units(units: list[Mapping[str, Any]]) -> Iterator[Mapping[str, Any]]:
    for raw in units:
        yield raw
        yield from _raw_units(raw.get("children", ()))


def _provinces() -> list[Any]:
    from vietnam_provinces import Province  # the post-reform list of 34 provinces

    return sorted(Province.iter_all(), key=lambda province: int(province.code))


def province_code_find(text: str) -> int:
    """The package code of the province ``text`` names: its code ("22"), its code name
    ("quang_ninh") or its name with or without the prefix ("Quảng Ninh", "Tỉnh Quảng Ninh")."""
    wanted = text.strip().casefold()
    for province in _provinces():
        names = {province.name, _province_name(province), province.codename}
        if wanted.lstrip("0") == str(int(province.code)) or wanted in {n.casefold() for n in names}:
            return int(province.code)
    known = ", ".join(f"{int(p.code)} {p.name}" for p in _provinces())
    raise DatasetInvalid(
        _("No province %(name)s in the current list; one of: %(known)s.")
        % {"name": text, "known": known}
    )


def province_dataset_name(code: int) -> str:
    """The dataset name of the current structure of the province with package code ``code``."""
    return f"vn-2025-{code:02d}"


def _province_name(province: Any) -> str:
    """The full name of a province: the package gives "Thành phố Huế" but "Quảng Ninh"."""
    if province.name.startswith(("Thành phố ", "Tỉnh ")):
        return province.name
    return f"Tỉnh {province.name}"


def _province_header(code: int) -> dict[str, Any]:
    """The header and unit tree of dataset ``vn-2025-NN``, built from the package."""
    from vietnam_provinces import __data_version__, __version__

    province = next((p for p in _provinces() if int(p.code) == code), None)
    if province is None:
        raise DatasetInvalid(_("Unknown org dataset %(name)s.") % {"name": f"vn-2025-{code}"})
    name = _province_name(province)
    return {
        "name": province_dataset_name(code),
        "description": f"{name} after the reform of 1 July 2025 (two-level local government): "
        "the province, its bodies and its commune-level units with their standard units.",
        "source_version": f"vietnam-provinces {__version__} (__data_version__ {__data_version__})",
        "effective_on": REFORM_DAY,
        "admin_code_scheme": PROVINCE_SCHEME,
        "absent_units_status": "dissolved",
        "supersedes": [],
        "units": [
            {
                "kind": "province",
                "name": name,
                "admin_code": f"{code:02d}",
                "division_type": province.division_type.value,
                "include": ["province-bodies"],
                "children_from_package": {
                    "package": "vietnam-provinces",
                    "province_code": code,
                    "kind": "commune",
                    "valid_from": REFORM_DAY,
                    "include": ["commune-units"],
                },
            }
        ],
    }


def spec_with_agency_codes(spec: DatasetSpec, codes: Mapping[str, str]) -> DatasetSpec:
    """``spec`` with the agency identifier codes of ``codes`` (unit name or administrative code
    → code, Decision 20/2020/QĐ-TTg) set, status confirmed; refuses unknown units and codes of
    the wrong form."""
    used: set[str] = set()

    def apply(unit: UnitSpec) -> UnitSpec:
        key = next((k for k in (unit.admin_code, unit.name) if k and k in codes), None)
        children = tuple(apply(child) for child in unit.children)
        if key is None:
            return replace(unit, children=children)
        used.add(key)
        return replace(
            unit,
            agency_code=codes[key],
            agency_code_status=CodeStatus.CONFIRMED,
            children=children,
        )

    roots = tuple(apply(root) for root in spec.roots)
    problems = [f"{key}: no such unit" for key in codes if key not in used]
    problems += [
        f"{key}: agency code {c}" for key, c in codes.items() if not agency_code_is_valid(c)
    ]
    if problems:
        raise DatasetInvalid(
            _("Dataset %(name)s is invalid: %(problem)s")
            % {"name": spec.name, "problem": "; ".join(problems[:5])}
        )
    return replace(spec, roots=roots)


@cache
def dataset_read(name: str) -> DatasetSpec:
    """Read, expand and check one of :data:`DATASET_NAMES`, or ``vn-2025-NN``."""
    province = PROVINCE_DATASET.match(name)
    if province:
        raw: Mapping[str, Any] = _province_header(int(province.group(1)))
    elif name in DATASET_NAMES:
        raw = dataset_header(name)
    else:
        raise DatasetInvalid(_("Unknown org dataset %(name)s.") % {"name": name})
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
        merged_from=tuple(raw.get("merged_from", ())),
        merged_on=_date(raw.get("merged_on")),
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
        _unit(
            {
                "kind": source["kind"],
                "name": ward.name,
                "admin_code": f"{int(ward.code):05d}",
                "division_type": ward.division_type.value,
                "valid_from": source.get("valid_from"),
                "include": source.get("include", ()),
            },
            scheme,
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
    expected = {
        "counts": raw.get("counts"),
        "division_type_counts": raw.get("division_type_counts"),
    }
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
        if bool(unit.merged_from) != (unit.merged_on is not None):
            problems.append(f"{unit.name}: merged_from and merged_on go together")
    return problems
