"""Rebuild ``hanoi-procedures.json`` from the shared TTHC sample (``tthc-sample.json``).

Developer tool, standard library only; the JSON it writes is what ships and what
``egov load_procedures`` reads::

    python egov/onestop/data/convert_sample.py ../shared/data/tthc-sample.json

Every value comes from the sample. Where the sample has no national code the procedure gets a
local key ``HN-<nnn>`` from the sample's id, with the code confidence ``none``; amounts the
sample lacks stay empty. Values this script derives (validity dates from the catalog era, the
kind of competent unit, the online level read from a local note) are marked ``low`` in each
procedure's ``confidence`` map and explained in the file's ``about``.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

OUTPUT = Path(__file__).resolve().parent / "hanoi-procedures.json"
LEVELS = {"tinh": "province", "huyen": "district", "xa": "commune"}
CHANNELS = {"truc_tiep": "direct", "truc_tuyen": "online", "buu_chinh": "postal"}
FEE_KINDS = {"phi": "fee", "le_phi": "charge"}
SUBMIT_MODES = {"nop": "submit", "xuat_trinh": "present", "xuat_trinh_va_nop": "present_and_submit"}
HOUSEHOLD_BUSINESS_FIELD = "Thành lập và hoạt động doanh nghiệp (hộ kinh doanh)"
# Ordered: the first prefix of the competent authority that matches gives the unit kind.
UNIT_KIND_PREFIXES = (
    ("Phòng ", "division"),
    ("Cơ quan chuyên môn về xây dựng trực thuộc UBND cấp huyện", "division"),
    ("Sở ", "department"),
    ("UBND cấp xã", "commune"),
    ("Chủ tịch UBND cấp xã", "commune"),
    ("Cơ quan đăng ký kinh doanh cấp xã", "commune"),
    ("Công an cấp xã", "commune"),
    ("UBND cấp huyện", "district"),
    ("Chủ tịch UBND cấp huyện", "district"),
)
APPLICANTS = {"tthc-039": ("Tổ chức", "medium")}  # the only one the sample's sources name
ABOUT = {
    "source": "Derived by egov/onestop/data/convert_sample.py from shared/data/tthc-sample.json "
    "(generated 2026-11-21): 45 procedures of the national catalog and Hà Nội "
    "publications at province, district (before July 2025) and commune level.",
    "warning": "Demo and test data. Fees, time limits and documents change often; check each "
    "procedure against the CSDLQG về TTHC and the current decisions of UBND TP Hà Nội "
    "before real use.",
    "derived": [
        "code: HN-<nnn> is a local key (sample id tthc-<nnn>) for procedures without a known "
        "national code; confidence.code is 'none'.",
        "effective_from/effective_to: 2025-two-level versions from 2025-07-01 (household "
        "business from 2025-07-03). pre-2025-three-level versions carry no end date: they stay "
        "in force in a deployment that runs the three-level structure (docs/adr/0003); one that "
        "applies the 1 July 2025 reform closes them. confidence.effective_period 'low'.",
        "competent_unit_kind: read from the start of the competent authority's text; "
        "confidence.competent_unit_kind 'low'.",
        "competent_authority: the sample's English remark after a dash ('— city department', "
        "'— provincial department (Quảng Trị)') is left out, so the public page reads "
        "Vietnamese only; the kind of body it names is competent_unit_kind.",
        "online_level 'full' for 2.000635 reads the Hà Nội value 'online receipt, electronic "
        "result' (QĐ 1811/QĐ-TTPVHCC) as end-to-end; confidence.online_level 'low'.",
        "Amounts in USD (at representative offices abroad) are kept in the fee note; page-based "
        "tiers are described in the note as in the source.",
    ],
    "confidence_levels": "high = read from the official catalog; medium = secondary source or "
    "flattened data; low = inferred or from memory; none = no data.",
}


def slug(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in decomposed if unicodedata.category(c) != "Mn").lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:60]


def unit_kind(authority: str) -> str:
    return next((kind for prefix, kind in UNIT_KIND_PREFIXES if authority.startswith(prefix)), "")


def period(item: dict[str, Any]) -> tuple[str | None, str | None]:
    if item["catalog_era"] == "pre-2025-three-level":
        return None, None
    return ("2025-07-03" if item["field"] == HOUSEHOLD_BUSINESS_FIELD else "2025-07-01"), None


def online(item: dict[str, Any], confidence: dict[str, str], sources: list) -> tuple[str, Any]:
    value = item["online_level"]
    if value is None:
        confidence["online_level"] = "none"
        return "", None
    sources.append({"kind": "online_level", "ref": value["where"], "note": value["value"]})
    if value["value"] == "muc_do_2":
        confidence["legacy_level"] = value["confidence"]
        confidence["online_level"] = "none"
        return "", 2
    if value["value"] == "mot_phan":
        confidence["online_level"] = value["confidence"]
        return "partial", None
    confidence["online_level"] = "low"  # truc_tuyen_tra_ket_qua_dien_tu read as end-to-end
    return "full", None


def fee(item: dict[str, Any]) -> dict[str, Any]:
    note = item.get("note", "")
    if "amount_usd" in item:
        note = f"{item['amount_usd']} USD/{item['unit']}; {note}"
    return {
        "kind": FEE_KINDS[item["kind"]],
        "amount_vnd": item.get("amount_vnd"),
        "unit": item["unit"],
        "note": note,
        "source": item.get("source", ""),
        "confidence": item.get("confidence", ""),
    }


def document(item: dict[str, Any]) -> dict[str, Any]:
    condition = item.get("condition", "")
    return {
        "name": item["name"],
        "originals_count": item["ban_chinh"],
        "copies_count": item["ban_sao"],
        "submit_mode": SUBMIT_MODES[item["submit"]],
        "condition": condition,
        "is_required": not condition,
        "template_name": item.get("form", ""),
        "template_file": "",
        "is_electronic_accepted": None,
        "note": item.get("note", ""),
        "confidence": item.get("confidence", ""),
    }


def time_limit(item: dict[str, Any]) -> dict[str, Any]:
    limit = item["processing_time"]
    is_working = limit["unit"] == "working_day"
    return {
        "working_days": limit.get("working_days") if is_working else None,
        "calendar_days": None if is_working else limit.get("calendar_days"),
        "is_same_day": limit["same_day_rule"],
        "same_day_cutoff": limit.get("cutoff"),
        "counted_from": limit["counted_from"],
        "time_limit_text": limit["text"],
        "time_limit_variants": limit.get("variants", []),
        "time_limit_stages": limit.get("stages", []),
    }


# The sample's English remark on a competent authority ("Sở Tư pháp — city department").
ENGLISH_REMARK = re.compile(r"\s+—\s+(?:city|provincial) department.*$")


def authority_published(text: str) -> str:
    """The competent authority as published, without the sample's English remark on it."""
    match = ENGLISH_REMARK.search(text)
    return text[: match.start()] if match else text


def procedure(item: dict[str, Any]) -> dict[str, Any]:
    number = item["id"].removeprefix("tthc-")
    authority = authority_published(item["competent_authority"])
    kind = unit_kind(authority)
    applicants, applicants_confidence = APPLICANTS.get(item["id"], ("", "none"))
    confidence = {
        "code": item["ma_tthc_confidence"],
        "processing_time": item["processing_time"]["confidence"],
        "documents": item["documents_confidence"],
        "effective_period": "low",
        "applicants": applicants_confidence,
        "form_fields": "none",
    }
    if kind:
        confidence["competent_unit_kind"] = "low"
    local = dict(item.get("hanoi") or {})
    if local:
        confidence["local_implementation"] = local.pop("confidence")
    sources = list(item["sources"])
    online_level, legacy_level = online(item, confidence, sources)
    starts, ends = period(item)
    return {
        "code": item["ma_tthc"] or f"HN-{number}",
        "version": 1,
        "name": item["name"],
        "field_code": slug(item["field"]),
        "field_name": item["field"],
        "level": LEVELS[item["level"]],
        "catalog_era": item["catalog_era"],
        "level_as_published": item["level_as_published"],
        "level_note": item.get("level_note", ""),
        "competent_authority": authority,
        "competent_unit_kind": kind,
        "publishing_decision": item["publishing_decision"] or "",
        "legal_basis": item["legal_basis"],
        **time_limit(item),
        "channels": [CHANNELS[c] for c in item["channels"]],
        "online_level": online_level,
        "legacy_level": legacy_level,
        "applicants": applicants,
        "results": item["results"],
        "form_fields": [],
        "effective_from": starts,
        "effective_to": ends,
        "is_active": True,
        "confidence": confidence,
        "sources": sources,
        "local_implementation": local,
        "notes": item["notes"],
        "fees": [fee(f) for f in item["fees"]],
        "documents": [document(d) for d in item["documents"]],
    }


def main(argv: list[str]) -> int:
    sample = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
    body = {
        "format": "egov-onestop-catalog",
        "format_version": 1,
        "about": ABOUT,
        "procedures": [procedure(item) for item in sample["procedures"]],
    }
    OUTPUT.write_text(json.dumps(body, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    sys.stdout.write(f"{len(body['procedures'])} procedures written to {OUTPUT}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
