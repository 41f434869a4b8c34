"""Rebuild the pre-reform Hà Nội datasets from an unpacked vietnam-provinces wheel.

Developer tool, standard library only; the JSON it writes is what ships and what the loader
reads (the old package versions are never installed)::

    pip download --no-deps vietnam-provinces==0.3.0 -d /tmp/vp030
    python -m zipfile -e /tmp/vp030/vietnam_provinces-0.3.0-py3-none-any.whl /tmp/vp030/x
    python egov/orgs/datasets/extract.py hanoi-2020 /tmp/vp030/x

    (the same with 0.6.0 into /tmp/vp060 for hanoi-2025-01)

The header of each output file (description, dates, notes) is kept from the existing file, so
only the unit tree and the counts are regenerated.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROVINCE_CODE = 1
CITY_BODIES = "hanoi-city-bodies"
DISTRICT_UNITS = "hanoi-district-units"

# 0.6.0 labels every district "huyện" and every commune "xã", so the type is read from the
# name, which both versions give in full ("Quận Ba Đình", "Thị trấn Tây Đằng").
DIVISION_PREFIXES = ("Thành phố", "Thị xã", "Thị trấn", "Quận", "Huyện", "Phường", "Xã")


def division_type(name: str) -> str:
    """The division type (quận, huyện, thị xã, phường, xã, thị trấn) named by the prefix."""
    for prefix in DIVISION_PREFIXES:
        if name.startswith(prefix + " "):
            return prefix.lower()
    raise ValueError(name)


def _read(name: str) -> dict:
    return json.loads((HERE / f"{name}.json").read_text(encoding="utf-8"))


def _coded_bodies() -> int:
    return sum(1 for unit in _read(CITY_BODIES)["units"] if unit.get("agency_code"))


def _district(raw: dict, number: int) -> dict:
    communes = [
        {
            "kind": "commune",
            "name": w["name"],
            "admin_code": f"{w['code']:05d}",
            "division_type": division_type(w["name"]),
        }
        for w in raw["wards"]
    ]
    return {
        "kind": "district",
        "name": raw["name"],
        "admin_code": f"{raw['code']:03d}",
        "division_type": division_type(raw["name"]),
        "agency_code": f"000.00.{number:02d}.H26",
        "agency_code_status": "illustrative",
        "include": [DISTRICT_UNITS],
        "children": communes,
    }


def build_units(package_root: Path) -> list[dict]:
    """The city node with its districts and communes, from ``nested-divisions.json``."""
    data_file = package_root / "vietnam_provinces" / "data" / "nested-divisions.json"
    provinces = json.loads(data_file.read_text(encoding="utf-8"))
    city = next(p for p in provinces if p["code"] == PROVINCE_CODE)
    first = _coded_bodies() + 1
    districts = [_district(raw, first + i) for i, raw in enumerate(city["districts"])]
    return [
        {
            "kind": "province",
            "name": city["name"],
            "admin_code": f"{city['code']:02d}",
            "division_type": "thành phố trung ương",
            "same_as": [{"scheme": "QD19-2025", "code": f"{city['code']:02d}"}],
            "agency_code": "000.00.00.H26",
            "agency_code_status": "unconfirmed",
            "include": [CITY_BODIES],
            "children": districts,
        }
    ]


def _dump(value: object, indent: int = 0) -> str:
    """JSON with one leaf unit per line, so diffs between snapshots stay readable."""
    pad = "  " * indent
    if isinstance(value, dict) and ("children" in value or indent == 0):
        items = [f'{pad}  "{k}": {_dump(v, indent + 1).lstrip()}' for k, v in value.items()]
        return pad + "{\n" + ",\n".join(items) + "\n" + pad + "}"
    flat = json.dumps(value, ensure_ascii=False)
    if isinstance(value, list) and (any(isinstance(v, dict) for v in value) or len(flat) > 90):
        items = [_dump(v, indent + 1) for v in value]
        return pad + "[\n" + ",\n".join(items) + "\n" + pad + "]"
    return pad + flat


def count_kinds(units: list[dict]) -> Counter:
    """Units per kind, components (``include``) expanded, as the loader will create them."""
    kinds: Counter = Counter()
    stack = list(units)
    while stack:
        unit = stack.pop()
        kinds[unit["kind"]] += 1
        stack.extend(unit.get("children", []))
        for component in unit.get("include", []):
            allowed = [
                u
                for u in _read(component)["units"]
                if unit.get("division_type")
                in u.get("only_for_division_types", [unit.get("division_type")])
            ]
            stack.extend(allowed)
    return kinds


def main(name: str, package_root: str) -> None:
    target = HERE / f"{name}.json"
    dataset = json.loads(target.read_text(encoding="utf-8"))
    dataset["units"] = build_units(Path(package_root))
    dataset["counts"] = dict(sorted(count_kinds(dataset["units"]).items()))
    target.write_text(_dump(dataset) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:3])
