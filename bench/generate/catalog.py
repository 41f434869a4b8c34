"""The procedure catalog of the benchmark: the real Hà Nội sample (45 procedures) plus synthetic
procedures up to ``count``, each with a shared internal procedure, all written through the
app's own import services (``catalog_import``, ``process_definitions_import``), so they are
validated and audited exactly as an administrator's import would be.

Synthetic procedures carry local codes ``HNS-0001``... (never national-looking codes), names
built from real fields and verbs, and say in ``sources`` that they are synthetic.
"""

from __future__ import annotations

import copy
import json
import random
from decimal import Decimal
from pathlib import Path
from typing import Any

from egov.onestop.choices import CatalogFormat
from egov.onestop.services import catalog_import
from egov.workflow.services import process_definitions_import

DATA = Path(__file__).resolve().parents[2] / "egov" / "onestop" / "data"
SAMPLE = DATA / "hanoi-procedures.json"
INTERNAL = DATA / "hanoi-internal-procedures.json"

# (field code, field name, level, objects of the procedures)
FIELDS = (
    (
        "ho-tich",
        "Hộ tịch",
        "commune",
        (
            "khai sinh",
            "kết hôn",
            "khai tử",
            "nhận cha, mẹ, con",
            "thay đổi, cải chính hộ tịch",
            "giám hộ",
            "xác nhận tình trạng hôn nhân",
        ),
    ),
    (
        "chung-thuc",
        "Chứng thực",
        "commune",
        ("bản sao từ bản chính", "chữ ký", "hợp đồng, giao dịch", "việc sửa đổi, bổ sung hợp đồng"),
    ),
    (
        "dat-dai",
        "Đất đai",
        "district",
        (
            "quyền sử dụng đất lần đầu",
            "biến động đất đai",
            "chuyển mục đích sử dụng đất",
            "tách thửa, hợp thửa",
            "đính chính giấy chứng nhận",
        ),
    ),
    (
        "xay-dung",
        "Hoạt động xây dựng",
        "district",
        (
            "giấy phép xây dựng nhà ở riêng lẻ",
            "giấy phép sửa chữa, cải tạo",
            "giấy phép di dời công trình",
            "thẩm định thiết kế",
        ),
    ),
    (
        "ho-kinh-doanh",
        "Thành lập và hoạt động của hộ kinh doanh",
        "district",
        ("hộ kinh doanh", "thay đổi nội dung đăng ký hộ kinh doanh", "tạm ngừng kinh doanh"),
    ),
    (
        "bao-tro-xa-hoi",
        "Bảo trợ xã hội",
        "commune",
        ("trợ cấp xã hội hằng tháng", "hỗ trợ chi phí mai táng", "trợ giúp xã hội khẩn cấp"),
    ),
    (
        "nguoi-co-cong",
        "Người có công",
        "commune",
        ("trợ cấp người có công", "thờ cúng liệt sĩ", "hỗ trợ cải thiện nhà ở"),
    ),
    (
        "giao-duc",
        "Giáo dục và Đào tạo",
        "district",
        ("trường mầm non tư thục", "chuyển trường học sinh", "công nhận trường đạt chuẩn"),
    ),
    (
        "van-hoa",
        "Văn hóa",
        "district",
        ("biểu diễn nghệ thuật", "karaoke", "lễ hội", "quảng cáo trên bảng"),
    ),
    (
        "y-te",
        "Y tế",
        "province",
        (
            "chứng chỉ hành nghề khám bệnh, chữa bệnh",
            "giấy phép hoạt động phòng khám",
            "an toàn thực phẩm",
        ),
    ),
    (
        "giao-thong",
        "Đường bộ",
        "province",
        ("giấy phép lái xe", "đăng ký xe máy chuyên dùng", "giấy phép thi công trên đường bộ"),
    ),
    (
        "tai-nguyen",
        "Tài nguyên nước và môi trường",
        "province",
        ("giấy phép khai thác nước", "đánh giá tác động môi trường", "giấy phép xả thải"),
    ),
    (
        "dau-tu",
        "Đầu tư tại Việt Nam",
        "province",
        ("chủ trương đầu tư", "giấy chứng nhận đăng ký đầu tư", "điều chỉnh dự án đầu tư"),
    ),
    (
        "doanh-nghiep",
        "Thành lập và hoạt động doanh nghiệp",
        "province",
        ("doanh nghiệp tư nhân", "công ty trách nhiệm hữu hạn", "chi nhánh, văn phòng đại diện"),
    ),
    (
        "lao-dong",
        "Việc làm và lao động",
        "province",
        ("giấy phép lao động người nước ngoài", "trợ cấp thất nghiệp", "nội quy lao động"),
    ),
    ("tu-phap", "Lý lịch tư pháp", "province", ("phiếu lý lịch tư pháp",)),
    (
        "thuong-mai",
        "Lưu thông hàng hóa trong nước",
        "province",
        ("giấy phép bán lẻ rượu", "giấy phép bán lẻ sản phẩm thuốc lá", "cửa hàng xăng dầu"),
    ),
    (
        "nong-nghiep",
        "Nông nghiệp",
        "district",
        ("kinh tế trang trại", "kiểm dịch động vật", "hỗ trợ giống cây trồng"),
    ),
    ("thi-dua", "Thi đua, khen thưởng", "commune", ("giấy khen", "danh hiệu gia đình văn hóa")),
    (
        "dan-toc-ton-giao",
        "Tín ngưỡng, tôn giáo",
        "district",
        ("sinh hoạt tôn giáo tập trung", "đăng ký người phụ trách hoạt động tín ngưỡng"),
    ),
)
VERBS = (
    "Cấp",
    "Đăng ký",
    "Cấp lại",
    "Cấp đổi",
    "Điều chỉnh",
    "Gia hạn",
    "Thu hồi",
    "Xác nhận",
    "Công nhận",
    "Thẩm định",
    "Giải quyết",
    "Chấp thuận",
)
# Working days per level (the legal time limits differ by procedure).
LIMITS = {
    "commune": (1, 1, 1, 2, 3, 3, 5, 5, 7, 10),
    "district": (3, 5, 7, 10, 10, 15, 15, 20, 20, 30),
    "province": (5, 7, 10, 10, 15, 15, 20, 25, 30, 45),
}
DOCUMENTS = (
    "Tờ khai theo mẫu",
    "Bản sao giấy tờ tùy thân",
    "Giấy tờ chứng minh nơi cư trú",
    "Bản sao giấy chứng nhận",
    "Văn bản ủy quyền",
    "Bản vẽ, sơ đồ kèm theo",
    "Biên bản xác minh",
    "Giấy tờ chứng minh quyền sở hữu",
)


def _round8(value: Decimal) -> Decimal:
    """Down to a whole hour (a multiple of 0.125 working day)."""
    return (value * 8).to_integral_value(rounding="ROUND_FLOOR") / 8


def steps_for(level: str, total: Decimal) -> list[dict[str, Any]]:
    """Shared internal steps of a procedure at its competent unit (unit ``null``): appraisal
    by a specialist, review by the head of division (district and province), signature by the
    head of unit, issue by the clerk. Allowances are whole hours adding up to ``total``."""
    plan = [("appraise", "Thẩm định hồ sơ", "specialist", Decimal("0.6"))]
    if level != "commune":
        plan.append(
            ("review", "Lãnh đạo phòng kiểm tra, trình ký", "division_head", Decimal("0.15"))
        )
    plan += [
        ("sign", "Lãnh đạo ký văn bản", "unit_head", Decimal("0.15")),
        ("issue", "Vào sổ, đóng dấu, trả kết quả về một cửa", "clerk", Decimal("0.1")),
    ]
    shares = [share for *_rest, share in plan]
    allowances = [max(Decimal("0.125"), _round8(total * s / sum(shares))) for s in shares]
    allowances[0] += total - sum(allowances)
    if allowances[0] <= 0:  # a very short limit: fewer steps
        plan, allowances = plan[:1], [total]
    return [
        {
            "order": i,
            "code": code,
            "name": name,
            "role": role,
            "unit": None,
            "allowance_days": str(days),
        }
        for i, ((code, name, role, _share), days) in enumerate(
            zip(plan, allowances, strict=True), start=1
        )
    ]


def definition_total(entry: dict[str, Any]) -> Decimal:
    """The internal procedure's time: the legal limit in working days, or a limit in days
    converted to working days (5 of every 7), or 10 when the source gives none."""
    if entry.get("working_days") is not None:
        return Decimal(str(entry["working_days"]))
    if entry.get("calendar_days") is not None:
        return max(Decimal(1), (Decimal(str(entry["calendar_days"])) * 5 / 7).quantize(Decimal(1)))
    return Decimal(10)


def synthetic_entries(rng: random.Random, count: int, template: dict[str, Any]) -> list[dict]:
    """``count`` synthetic procedure entries in the catalog's JSON format."""
    entries = []
    for index in range(count):
        field_code, field_name, level, objects = FIELDS[index % len(FIELDS)]
        verb = VERBS[(index // len(FIELDS)) % len(VERBS)]
        obj = objects[(index // (len(FIELDS) * len(VERBS))) % len(objects)]
        days = rng.choice(LIMITS[level])
        online = rng.random() < 0.8
        entry = copy.deepcopy(template)
        entry.update(
            code=f"HNS-{index + 1:04d}",
            version=1,
            name=f"{verb} {obj}",
            field_code=f"bench-{field_code}",
            field_name=field_name,
            level=level,
            catalog_era="pre-2025-three-level",
            level_as_published={
                "commune": "Cấp xã",
                "district": "Cấp huyện",
                "province": "Cấp tỉnh",
            }[level],
            competent_authority={
                "commune": "UBND cấp xã",
                "district": "UBND cấp huyện",
                "province": "Sở, ban, ngành Thành phố",
            }[level],
            competent_unit_kind={"province": "department"}.get(level, level),
            working_days=days,
            calendar_days=None,
            is_same_day=days == 1,
            same_day_cutoff="15:00" if days == 1 else None,
            channels=["direct", "online", "postal"] if online else ["direct", "postal"],
            online_level=rng.choice(["full", "partial"]) if online else "none",
            effective_from="2015-01-01",
            effective_to=None,
            is_active=True,
            form_fields=[],
            documents=_documents(rng),
            fees=[],
            results=[{"name": f"Kết quả: {verb.lower()} {obj}", "code": None}],
            sources=[
                {
                    "kind": "note",
                    "ref": "bench/generate",
                    "note": "synthetic procedure for benchmarks, not a real one",
                }
            ],
            confidence={},
            legal_basis=[],
            notes="Thủ tục tổng hợp cho kiểm thử hiệu năng.",
            time_limit_text=f"{days} ngày làm việc",
            time_limit_variants=[],
            time_limit_stages=[],
            local_implementation={},
            publishing_decision="",
            level_note="",
            applicants="",
            legacy_level=None,
            counted_from="receipt_of_complete_valid_dossier",
        )
        entries.append(entry)
    return entries


def _documents(rng: random.Random) -> list[dict[str, Any]]:
    """One to four papers; a third of the procedures only ask to *present* papers (nothing to
    upload online)."""
    present_only = rng.random() < 0.33
    names = rng.sample(DOCUMENTS, rng.randint(1, 4))
    return [
        {
            "name": name,
            "originals_count": 1,
            "copies_count": 0,
            "submit_mode": "present" if present_only or i > 1 else "submit",
            "condition": "",
            "is_required": True,
            "template_name": "",
            "template_file": "",
            "is_electronic_accepted": True,
            "note": "",
            "confidence": "",
        }
        for i, name in enumerate(names)
    ]


def catalog_load(*, rng: random.Random, procedures: int) -> list[dict[str, Any]]:
    """Load the real sample and ``procedures - 45`` synthetic procedures, then one shared
    internal procedure per procedure (``onestop:<code>``, in force from 2015) and the shipped
    unit-specific ones.
    Returns every catalog entry loaded (real first)."""
    sample = json.loads(SAMPLE.read_text(encoding="utf-8"))
    real = sample["procedures"]
    template = next(p for p in real if p["level"] == "commune")
    synthetic = synthetic_entries(rng, max(0, procedures - len(real)), template)
    document = {**sample, "procedures": [*real, *synthetic]}
    catalog_import(
        actor=None,
        file=json.dumps(document, ensure_ascii=False).encode("utf-8"),
        format=CatalogFormat.JSON,
        update_existing=False,
        source="bench.generate",
    )
    entries = [*real, *synthetic]
    # The shipped unit-specific procedures (Quận Ba Đình, with the liên thông step at Sở Xây
    # dựng); its shared ones start in 2020 or 2025, so the generated shared ones replace them.
    internal = [
        d
        for d in json.loads(INTERNAL.read_text(encoding="utf-8"))["definitions"]
        if "@" in d["code"]
    ]
    definitions = [
        {
            "code": f"onestop:{entry['code']}",
            "version": 1,
            "name": f"Quy trình nội bộ dùng chung — {entry['name'][:200]}",
            "effective_from": "2015-01-01",
            "effective_to": None,
            "total_days": str(definition_total(entry)),
            "source": "bench/generate: shared internal procedure (synthetic)",
            "publish": True,
            "steps": steps_for(entry["level"], definition_total(entry)),
        }
        for entry in entries
    ]
    process_definitions_import(actor=None, raw_entries=[*definitions, *internal])
    return entries
