"""Official forms (Mẫu 01–05): PDF and printable page, content and who may download them."""

from __future__ import annotations

import builtins
import re
import zlib

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import make_officer
from egov.accounts.services import public_account_register
from egov.common.pdf import PdfUnavailable
from egov.onestop.printing.render import form_pdf
from egov.onestop.tests.figures_factories import (
    at,
    notice_issue,
    received_dossier,
)
from egov.workflow.services import process_start, step_forward
from egov.workflow.tests.factories import clock, liaison_definition

__all__ = ["clock"]  # the settable clock fixture of the workflow tests


def _pdf_available() -> bool:
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        return False
    return True


needs_pdf = pytest.mark.skipif(not _pdf_available(), reason="WeasyPrint or Pango is missing")


def url(dossier, kind: str, extension: str = "pdf") -> str:
    name = "onestop:dossier-form" if extension == "pdf" else "onestop:dossier-form-preview"
    return reverse(name, kwargs={"pk": dossier.pk, "kind": kind})


def pdf_titles(pdf: bytes) -> list[str]:
    """Every ``/Title`` of a PDF (metadata and bookmarks). WeasyPrint writes them as UTF-16BE
    hex inside compressed object streams: inflate the streams and read them (no PDF library
    needed)."""
    chunks = [pdf]
    for match in re.finditer(rb"stream\r?\n", pdf):
        end = pdf.find(b"endstream", match.end())
        try:
            chunks.append(zlib.decompressobj().decompress(pdf[match.end() : end]))
        except zlib.error:
            continue
    pattern = re.compile(rb"/Title\s*<[fF][eE][fF][fF]([0-9a-fA-F]*)>")
    return [
        bytes.fromhex(found.group(1).decode()).decode("utf-16-be")
        for chunk in chunks
        for found in pattern.finditer(chunk)
    ]


def text_of(response) -> str:
    """The page's text with tags removed and spaces collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def dossier(world, citizen):
    return received_dossier(world, applicant=citizen)


@needs_pdf
def test_receipt_pdf_is_a_pdf_carrying_the_dossier_code(client, front_desk_officer, dossier):
    client.force_login(front_desk_officer)

    response = client.get(url(dossier, "receipt"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="mau-01-{dossier.code}.pdf"'
    assert response.content.startswith(b"%PDF")
    # The metadata title (form name and code) and the bookmark of the form's title.
    assert pdf_titles(response.content) == [
        "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
        f"Giấy tiếp nhận hồ sơ và hẹn trả kết quả {dossier.code}",
    ]


def test_receipt_page_prints_the_fields_of_form_01(client, front_desk_officer, dossier):
    client.force_login(front_desk_officer)

    response = client.get(url(dossier, "receipt", "html"))

    text = text_of(response)
    assert response.status_code == 200
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "Quận Ba Đình" in text  # the parent of the receiving desk
    assert "Hà Nội, ngày 14 tháng 7 năm 2025" in text
    assert "Giấy tiếp nhận hồ sơ và hẹn trả kết quả" in text
    assert f"Mã hồ sơ: {dossier.code}" in text
    assert "Họ và tên: Nguyễn Văn An" in text
    assert "Số định danh cá nhân: 001085012345; Số điện thoại: 0912345678" in text
    assert "Nội dung yêu cầu giải quyết: Đăng ký khai sinh" in text
    assert "1 Tờ khai đăng ký khai sinh Bản chính 1" in text
    assert "2 Giấy chứng sinh Bản sao 1" in text
    assert "Số lượng hồ sơ: 01 bộ." in text
    assert "Thời gian giải quyết hồ sơ theo quy định là: 5 ngày làm việc." in text
    assert "Thời gian nhận hồ sơ: 09 giờ 15 phút, ngày 14/07/2025." in text
    assert "Thời gian trả kết quả giải quyết hồ sơ: 16 giờ 00 phút, ngày 21/07/2025." in text
    assert "Đăng ký nhận kết quả tại: Bộ phận một cửa quận Ba Đình." in text
    assert "Phí, lệ phí: Không." in text
    assert f"http://127.0.0.1:8000/track/?code={dossier.code}" in text
    assert 'src="data:image/svg+xml' in response.content.decode()
    assert "Người nộp hồ sơ" in text and "Người tiếp nhận hồ sơ" in text


def test_form_whose_notice_was_not_issued_is_404(client, front_desk_officer, dossier):
    client.force_login(front_desk_officer)

    for kind in ("supplement", "refusal", "apology"):
        assert client.get(url(dossier, kind)).status_code == 404
        assert client.get(url(dossier, kind, "html")).status_code == 404


def test_unknown_form_kind_is_404(client, front_desk_officer, dossier):
    client.force_login(front_desk_officer)

    response = client.get(f"/dossiers/{dossier.pk}/forms/stop.pdf")

    assert response.status_code == 404


def test_supplement_request_prints_the_reason(client, front_desk_officer, dossier):
    notice_issue(dossier, "supplement", issued_at=at(2025, 7, 15), reason="Thiếu giấy chứng sinh")
    client.force_login(front_desk_officer)

    text = text_of(client.get(url(dossier, "supplement", "html")))

    assert "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ" in text
    assert "Thiếu giấy chứng sinh" in text
    assert "Hà Nội, ngày 15 tháng 7 năm 2025" in text


def test_refusal_after_appraisal_has_its_own_title(client, front_desk_officer, dossier):
    notice_issue(
        dossier, "decision_refusal", issued_at=at(2025, 7, 16), reason="Không đủ điều kiện"
    )
    client.force_login(front_desk_officer)

    text = text_of(client.get(url(dossier, "refusal", "html")))

    assert "Phiếu từ chối giải quyết hồ sơ" in text
    assert "từ chối giải quyết hồ sơ này với lý do cụ thể như sau: Không đủ điều kiện" in text


def test_apology_prints_the_new_appointment(client, front_desk_officer, dossier):
    notice_issue(
        dossier,
        "apology",
        issued_at=at(2025, 7, 18),
        reason="Cần xác minh thêm",
        new_due_at=at(2025, 7, 25, 10, 30),
    )
    client.force_login(front_desk_officer)

    text = text_of(client.get(url(dossier, "apology", "html")))

    assert "Phiếu xin lỗi và hẹn lại ngày trả kết quả" in text
    assert "Cần xác minh thêm" in text
    assert "hẹn lại thời gian trả kết quả vào lúc 10 giờ 30 phút, ngày 25/07/2025." in text


@pytest.fixture
def in_processing(clock, world, front_desk_officer, specialist, dossier):
    """The dossier on the liaison workflow: desk → division A (both left) → city department
    (open step)."""
    clock.set(at(2025, 7, 14, 9, 15))
    instance = process_start(
        actor=None,
        definition=liaison_definition(world),
        owner_unit=world.district_a,
        subject=dossier,
        subject_label=dossier.code,
        received_at=dossier.received_at,
    )
    dossier.process = instance
    dossier.save(update_fields=["process"])
    clock.set(at(2025, 7, 14, 10, 0))
    instance = step_forward(actor=front_desk_officer, instance=instance, expected_version=1)
    clock.set(at(2025, 7, 14, 11, 0))
    step_forward(actor=specialist, instance=instance, expected_version=2, note="Đủ điều kiện")
    return dossier


def test_control_sheet_has_one_graded_row_per_step(client, front_desk_officer, in_processing):
    client.force_login(front_desk_officer)

    text = text_of(client.get(url(in_processing, "control-sheet", "html")))

    assert "Phiếu kiểm soát quá trình giải quyết hồ sơ" in text
    assert "Hà Nội, ngày 14 tháng 7 năm 2025" in text  # printed "now" (the test clock)
    assert (
        "1. Bộ phận một cửa quận Ba Đình Tiếp nhận hồ sơ "
        "Nhận: 09 giờ 15 phút, ngày 14/07/2025 Giao: 10 giờ 00 phút, ngày 14/07/2025 "
        "Người xử lý: Motcua.Badinh Đúng hạn"
    ) in text
    assert (
        "2. Phòng Văn hóa và Thông tin Thẩm định "
        "Nhận: 10 giờ 00 phút, ngày 14/07/2025 Giao: 11 giờ 00 phút, ngày 14/07/2025 "
        "Người xử lý: Chuyenvien.Vhtt Trước hạn Đủ điều kiện"
    ) in text
    assert (
        "3. Sở Thông tin và Truyền thông Thẩm định liên thông "
        "Nhận: 11 giờ 00 phút, ngày 14/07/2025 Người xử lý: ……… Đang giải quyết"
    ) in text


def test_officer_of_a_step_unit_reaches_the_dossier(client, world, in_processing):
    division_officer = make_officer("cv2.vhtt@example.vn", world.division_a, "specialist")
    dept_officer = make_officer("cv.sotttt@example.vn", world.dept, "specialist")

    client.force_login(division_officer)
    assert client.get(url(in_processing, "control-sheet", "html")).status_code == 200
    client.force_login(dept_officer)
    assert client.get(url(in_processing, "receipt", "html")).status_code == 200


def test_officer_of_a_step_not_reached_yet_gets_404(client, world, dossier):
    dept_officer = make_officer("cv.sotttt@example.vn", world.dept, "specialist")
    client.force_login(dept_officer)

    assert client.get(url(dossier, "control-sheet", "html")).status_code == 404


def test_apology_after_the_new_date_was_set_prints_the_legal_appointment(
    client, front_desk_officer, in_processing
):
    new_due_at = at(2025, 7, 30, 16, 0)
    in_processing.due_at = new_due_at
    in_processing.save(update_fields=["due_at"])
    notice_issue(in_processing, "apology", issued_at=at(2025, 7, 18), new_due_at=new_due_at)
    legal = timezone.localtime(in_processing.process.legal_due_at)
    client.force_login(front_desk_officer)

    text = text_of(client.get(url(in_processing, "apology", "html")))

    assert (
        f"Thời gian hẹn trả kết quả giải quyết hồ sơ: {legal:%H} giờ {legal:%M} phút, "
        f"ngày {legal:%d/%m/%Y}."
    ) in text
    assert "vào lúc 16 giờ 00 phút, ngày 30/07/2025." in text


@pytest.mark.parametrize("extension", ["pdf", "html"])
def test_officer_of_another_district_gets_404(client, other_district_officer, dossier, extension):
    client.force_login(other_district_officer)

    for kind in ("receipt", "control-sheet"):
        assert client.get(url(dossier, kind, extension)).status_code == 404


@needs_pdf
def test_applicant_downloads_their_receipt(client, citizen, dossier):
    client.force_login(citizen)

    response = client.get(url(dossier, "receipt"))

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_applicant_does_not_get_the_internal_control_sheet(client, citizen, dossier):
    client.force_login(citizen)

    assert client.get(url(dossier, "receipt", "html")).status_code == 200
    assert client.get(url(dossier, "control-sheet", "html")).status_code == 404


def test_another_citizen_gets_404(client, dossier):
    stranger = public_account_register(
        full_name="Trần Thị Bình",
        password="Mật-khẩu-thử-2026",
        phone="0987654321",
        citizen_id="001190054321",
    )
    client.force_login(stranger)

    assert client.get(url(dossier, "receipt")).status_code == 404
    assert client.get(url(dossier, "receipt", "html")).status_code == 404


def test_anonymous_visitor_is_sent_to_log_in(client, dossier):
    response = client.get(url(dossier, "receipt"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.fixture
def without_weasyprint(monkeypatch):
    real_import = builtins.__import__

    def refuse(name, *args, **kwargs):
        if name == "weasyprint" or name.startswith("weasyprint."):
            raise OSError("cannot load library 'libpango-1.0-0'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", refuse)


def test_without_pango_pdf_is_a_clear_error(without_weasyprint, dossier):
    with pytest.raises(PdfUnavailable) as error:
        form_pdf(dossier, "receipt", dossier.notices.get())

    assert error.value.code == "pdf_unavailable"
    assert "Pango" in error.value.message


def test_without_pango_the_page_offers_the_printable_form(
    without_weasyprint, client, front_desk_officer, dossier
):
    client.force_login(front_desk_officer)

    response = client.get(url(dossier, "receipt"))

    assert response.status_code == 503
    assert url(dossier, "receipt", "html").encode() in response.content
