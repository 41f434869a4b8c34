"""Sample edXML packages for the tests: the SDK-shaped fixture and packages we build."""

from __future__ import annotations

import datetime
from pathlib import Path

from egov.common.testing import files
from egov.exchange.edxml import (
    Attachment,
    DocumentPackage,
    Organization,
    ResponseFor,
    StaffInfo,
    StatusPackage,
    Trace,
    document_id_compose,
)
from egov.exchange.edxml.values import VIETNAM

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SDK_PACKAGE = FIXTURES / "sdk_edoc_new.edxml"
PDF = files.pdf()
TODAY = datetime.date(2026, 11, 22)
HANOI, GOVERNMENT_OFFICE, HCMC = "000.00.00.H26", "000.00.00.G22", "000.00.00.H29"


def sdk_bytes() -> bytes:
    return SDK_PACKAGE.read_bytes()


def document_package(**changes: object) -> DocumentPackage:
    """A full document package from Hà Nội to the Government Office."""
    issued = datetime.date(2026, 11, 20)
    values: dict[str, object] = {
        "sender": Organization(HANOI, "UBND Thành phố Hà Nội", "Chính phủ"),
        "recipients": (Organization(GOVERNMENT_OFFICE, "Văn phòng Chính phủ"),),
        "code_number": "1738",
        "code_notation": "QĐ-UBND",
        "promulgation_date": issued,
        "type": 2,
        "type_name": "Quyết định",
        "subject": "Về việc ban hành Quy chế gửi, nhận văn bản điện tử",
        "document_id": document_id_compose(HANOI, issued, "1738/QĐ-UBND"),
        "place": "Hà Nội",
        "content": "Ban hành kèm theo Quyết định này Quy chế.",
        "competence": "TM.",
        "signer_position": "Chủ tịch",
        "signer_name": "Nguyễn Văn A",
        "due_date": datetime.date(2026, 12, 15),
        "to_places": ("Như Điều 3;", "Lưu: VT, VP."),
        "priority": 2,
        "typer_notation": "VP",
        "promulgation_amount": 3,
        "appendixes": ("Quy chế.pdf",),
        "response_for": (
            ResponseFor(
                GOVERNMENT_OFFICE,
                "7816/VPCP-TTĐT",
                datetime.date(2026, 11, 2),
                f"{GOVERNMENT_OFFICE},2026/11/02,7816/VPCP-TTĐT",
            ),
        ),
        "steering_type": 2,
        "traces": (Trace(HANOI, datetime.datetime(2026, 11, 20, 9, 30, tzinfo=VIETNAM)),),
        "staff": StaffInfo(
            "Văn phòng UBND Thành phố", "Lê Thị B", "0912000000", "vanthu@hanoi.example.vn"
        ),
        "paper": 0,
        "attachments": (
            Attachment("0b7c", "1738-QD-UBND.pdf", "application/pdf", PDF, "Văn bản điện tử ký số"),
            Attachment(
                "1d2e", "Quy chế.pdf", "application/pdf", PDF + b"% appendix\n", "Tài liệu kèm theo"
            ),
        ),
    }
    values.update(changes)
    return DocumentPackage(**values)


def status_package(**changes: object) -> StatusPackage:
    values: dict[str, object] = {
        "response_for": ResponseFor(
            HANOI, "1738/QĐ-UBND", datetime.date(2026, 11, 20), f"{HANOI},2026/11/20,1738/QĐ-UBND"
        ),
        "sender": Organization(GOVERNMENT_OFFICE, "Văn phòng Chính phủ"),
        "status_code": "02",
        "timestamp": datetime.datetime(2026, 11, 21, 14, 5, 9, tzinfo=VIETNAM),
        "description": "Sai nơi nhận: văn bản không thuộc thẩm quyền.",
        "staff": StaffInfo("Phòng Hành chính", "Trần Văn C"),
        "traces": (
            Trace(GOVERNMENT_OFFICE, datetime.datetime(2026, 11, 21, 14, 5, 9, tzinfo=VIETNAM)),
        ),
    }
    values.update(changes)
    return StatusPackage(**values)
