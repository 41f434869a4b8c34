"""The weekly press release: drafted from the past working week's directives, edited,
numbered, published with an audit trail; DOCX and PDF in the official layout; only the office
writes, a refusal writes nothing."""

from __future__ import annotations

import datetime
import re
from io import BytesIO

import pytest
from docx import Document as Docx
from pyhanko.pdf_utils.reader import PdfFileReader

from egov.audit.models import AuditEvent
from egov.common.exceptions import ConcurrentChange, DomainError, PermissionDenied
from egov.directives.models import PressRelease, TaskUnit
from egov.directives.press.render import press_release_docx, press_release_html, press_release_pdf
from egov.directives.press.rules import Period
from egov.directives.press.services import (
    ReleaseItem,
    press_release_create,
    press_release_number,
    press_release_publish,
    press_release_update,
)
from egov.directives.tests.conftest import at
from egov.directives.tests.factories import DirectiveFactory, TaskFactory, doc_type

D = datetime.date


@pytest.fixture
def week(world, clock):
    """Sunday 22 November 2026: two city directives of the week before, one older, one of a
    district."""
    clock.set(at(2026, 11, 22))
    plan = DirectiveFactory(
        unit=world.city,
        number=301,
        number_notation="301/KH-UBND",
        issued_on=D(2026, 11, 17),
        subject="Kế hoạch chuyển đổi số năm 2027",
    )
    task = TaskFactory(
        document=plan,
        lead_unit=world.dept,
        deadline_on=D(2027, 3, 31),
        content="Xây dựng kho dữ liệu dùng chung của Thành phố",
    )
    TaskUnit.objects.create(task=task, unit=world.district_a, role="cooperate")
    TaskFactory(
        document=plan,
        lead_unit=world.district_a,
        deadline_on=D(2027, 6, 30),
        content="Triển khai chữ ký số cho 100% cán bộ",
    )
    directive = DirectiveFactory(
        unit=world.city,
        number=45,
        number_notation="45/CT-UBND",
        doc_type=doc_type("chi-thi"),
        issued_on=D(2026, 11, 19),
        subject="Về tăng cường phòng, chống dịch bệnh gia súc",
    )
    TaskFactory(
        document=directive,
        lead_unit=world.district_b,
        deadline_on=D(2026, 12, 15),
        content="Tiêm phòng vắc xin lở mồm long móng đợt 2",
    )
    DirectiveFactory(unit=world.city, number=290, issued_on=D(2026, 11, 10))
    DirectiveFactory(unit=world.district_a, number=12, issued_on=D(2026, 11, 18))
    return plan, directive


def test_draft_of_the_past_working_week(office, week):
    plan, directive = week

    release = press_release_create(actor=office, unit=plan.unit)

    assert (release.period_start, release.period_end) == (D(2026, 11, 16), D(2026, 11, 20))
    assert release.title == (
        "Thông cáo báo chí về một số kết quả chỉ đạo, điều hành nổi bật của UBND Thành phố "
        "từ ngày 16/11/2026 đến ngày 20/11/2026"
    )
    assert [item["headline"] for item in release.items] == [
        "Kế hoạch chuyển đổi số năm 2027",
        "Về tăng cường phòng, chống dịch bệnh gia súc",
    ]
    assert release.items[0]["paragraph"] == (
        "Ngày 17/11/2026, UBND Thành phố ban hành Kế hoạch số 301/KH-UBND về chuyển đổi số "
        "năm 2027."
    )
    assert release.items[0]["assignments"] == [
        "Sở Thông tin và Truyền thông chủ trì, phối hợp với Quận Ba Đình: xây dựng kho dữ liệu "
        "dùng chung của Thành phố; chỉ tiêu: 100% xã (thời hạn: 31/03/2027).",
        "Quận Ba Đình chủ trì: triển khai chữ ký số cho 100% cán bộ; chỉ tiêu: 100% xã "
        "(thời hạn: 30/06/2027).",
    ]
    assert set(release.documents.all()) == {plan, directive}
    assert (release.status, release.number_notation, release.issued_on) == (
        "draft",
        "",
        D(2026, 11, 22),
    )
    assert AuditEvent.objects.filter(action="press_release.created").count() == 1


def test_a_second_submission_returns_the_same_draft(office, week):
    plan, directive = week
    first = press_release_create(actor=office, unit=plan.unit, document_ids=[directive.pk])

    again = press_release_create(actor=office, unit=plan.unit, document_ids=[directive.pk])

    assert again.pk == first.pk
    assert PressRelease.objects.count() == 1


def test_only_the_office_drafts_and_a_refusal_writes_nothing(specialist, unit_head, week):
    plan, _directive = week

    with pytest.raises(PermissionDenied):
        press_release_create(actor=specialist, unit=plan.unit)
    with pytest.raises(PermissionDenied):
        press_release_create(actor=unit_head, unit=plan.unit)  # a district head, not the city

    assert PressRelease.objects.count() == 0
    assert not AuditEvent.objects.filter(action__startswith="press_release").exists()


def test_directives_outside_the_period_or_unit_are_refused(office, week, world):
    plan, _directive = week
    older = DirectiveFactory(unit=world.city, number=280, issued_on=D(2026, 11, 3))

    with pytest.raises(DomainError) as error:
        press_release_create(actor=office, unit=plan.unit, document_ids=[older.pk])
    with pytest.raises(DomainError) as empty:
        press_release_create(
            actor=office, unit=plan.unit, period=Period(D(2026, 10, 5), D(2026, 10, 9))
        )
    with pytest.raises(DomainError) as reversed_period:
        press_release_create(
            actor=office, unit=plan.unit, period=Period(D(2026, 11, 20), D(2026, 11, 16))
        )

    assert list(error.value.fields) == ["documents"]
    assert list(empty.value.fields) == ["documents"]
    assert list(reversed_period.value.fields) == ["period_end"]
    assert PressRelease.objects.count() == 0


def test_edit_then_publish_with_numbers_from_the_counter(office, week):
    plan, directive = week
    release = press_release_create(actor=office, unit=plan.unit)
    items = [
        ReleaseItem(
            headline="Tăng cường phòng, chống dịch bệnh gia súc",
            paragraph="Ngày 19/11/2026, UBND Thành phố ban hành Chỉ thị 45/CT-UBND.",
            assignments=("UBND các xã tổ chức tiêm phòng.", " ", ""),
            document_id=directive.pk,
        )
    ]

    edited = press_release_update(
        actor=office,
        release=release,
        expected_version=1,
        title=release.title,
        issued_on=D(2026, 11, 23),
        items=items,
        recipients_text="- Như trên;\n- Lưu: VT.",
    )
    with pytest.raises(ConcurrentChange):
        press_release_update(
            actor=office,
            release=release,
            expected_version=1,
            title="Khác",
            issued_on=D(2026, 11, 23),
            items=items,
            recipients_text="",
        )
    published = press_release_publish(actor=office, release=edited, expected_version=2)
    again = press_release_publish(actor=office, release=edited, expected_version=2)
    with pytest.raises(DomainError):
        press_release_update(
            actor=office,
            release=published,
            expected_version=3,
            title="Khác",
            issued_on=D(2026, 11, 23),
            items=items,
            recipients_text="",
        )

    assert edited.items == [
        {
            "headline": "Tăng cường phòng, chống dịch bệnh gia súc",
            "paragraph": "Ngày 19/11/2026, UBND Thành phố ban hành Chỉ thị 45/CT-UBND.",
            "assignments": ["UBND các xã tổ chức tiêm phòng."],
            "document_id": directive.pk,
        }
    ]
    assert list(edited.documents.all()) == [directive]
    assert (published.status, published.number_notation, published.version) == (
        "published",
        "1/TCBC-UBND",
        3,
    )
    assert again.version == 3
    assert list(
        AuditEvent.objects.filter(action__startswith="press_release")
        .order_by("id")
        .values_list("action", flat=True)
    ) == [
        "press_release.created",
        "press_release.updated",
        "press_release.numbered",
        "press_release.published",
    ]


def test_numbers_follow_each_other_and_stay(office, week, world):
    plan, _directive = week
    first = press_release_create(actor=office, unit=plan.unit)
    second = press_release_create(
        actor=office, unit=plan.unit, period=Period(D(2026, 11, 17), D(2026, 11, 17))
    )

    numbered = press_release_number(actor=office, release=first)
    kept = press_release_number(actor=office, release=numbered)
    other = press_release_publish(actor=office, release=second, expected_version=1)

    assert (numbered.number_notation, kept.number_notation, other.number_notation) == (
        "1/TCBC-UBND",
        "1/TCBC-UBND",
        "2/TCBC-UBND",
    )


def _docx_parts(data: bytes) -> tuple[list[list[str]], list[str]]:
    """The lines of each table cell (header: issuer | national title; closing: recipients |
    signature block) and the paragraphs outside the tables."""
    document = Docx(BytesIO(data))
    cells = [
        [p.text for p in cell.paragraphs] for table in document.tables for cell in table._cells
    ]
    return cells, [p.text for p in document.paragraphs if p.text]


def _html_text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_docx_and_pdf_in_the_official_layout(office, week):
    plan, _directive = week
    release = press_release_publish(
        actor=office, release=press_release_create(actor=office, unit=plan.unit), expected_version=1
    )

    (issuer, national, recipients, _signature), body = _docx_parts(press_release_docx(release))
    html = _html_text(press_release_html(release))
    pdf = press_release_pdf(release)

    assert issuer == ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HÀ NỘI", "", "Số: 1/TCBC-UBND"]
    assert national == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Hà Nội, ngày 22 tháng 11 năm 2026",
    ]
    assert body[0] == "THÔNG CÁO BÁO CHÍ"
    assert body[1].startswith("Về một số kết quả chỉ đạo, điều hành nổi bật")
    assert body[2:5] == [
        "1. Kế hoạch chuyển đổi số năm 2027",
        "Ngày 17/11/2026, UBND Thành phố ban hành Kế hoạch số 301/KH-UBND về "
        "chuyển đổi số năm 2027.",
        "1. Sở Thông tin và Truyền thông chủ trì, phối hợp với Quận Ba Đình: xây "
        "dựng kho dữ liệu dùng chung của Thành phố; chỉ tiêu: 100% xã (thời hạn: 31/03/2027).",
    ]
    assert recipients == [
        "Nơi nhận:",
        "- Thường trực Thành ủy;",
        "- Thường trực HĐND Thành phố;",
        "- Chủ tịch, các PCT UBND Thành phố;",
        "- Các cơ quan báo chí;",
        "- Cổng Giao tiếp điện tử Thành phố;",
        "- Lưu: VT.",
    ]
    assert "Hà Nội, ngày 22 tháng 11 năm 2026" in html
    assert "2. Về tăng cường phòng, chống dịch bệnh gia súc" in html
    assert pdf.startswith(b"%PDF")
    assert PdfFileReader(BytesIO(pdf)).root["/Pages"]["/Count"] >= 1


def test_docx_and_pdf_carry_the_signature_block(office, week, settings):
    """Signed by order of the Chairman by the Chief of the Office (Decree 30/2020/NĐ-CP art.
    13, Appendix I box 7), which the release lacked before it used the official layout."""
    settings.EGOV_PRESS_SIGNER_NAME = "Nguyễn  Văn An"
    plan, _directive = week
    release = press_release_create(actor=office, unit=plan.unit)

    cells, _body = _docx_parts(press_release_docx(release))
    html = _html_text(press_release_html(release))
    pdf = PdfFileReader(BytesIO(press_release_pdf(release)))

    signature = [line for line in cells[-1] if line]
    assert signature == ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG", "Nguyễn Văn An"]
    assert "TL. CHỦ TỊCH CHÁNH VĂN PHÒNG Nguyễn Văn An" in html
    # The empty signature field lies in the block, between the position and the name.
    fields = [field.get_object()["/T"] for field in pdf.root["/AcroForm"]["/Fields"]]
    assert fields == ["SignerSignature"]
