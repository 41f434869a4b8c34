"""The receipt given to a visitor (giấy biên nhận), in the official layout of Decree 30/2020
Appendix I through :mod:`egov.documents.render`. The printed words are data of the legal
format (Vietnamese, as the layout's own)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from egov.complaints.models import Visit
from egov.documents.render import OfficialLayout, formats, header_lines, layout_pdf
from egov.workdays.rules import VN_TZ

OUTCOME_TEXT = {
    "guided": "Hướng dẫn công dân: ",
    "petition": "Tiếp nhận đơn, xử lý theo quy định.",
    "refused": "Từ chối tiếp, lý do: ",
}


def visit_receipt_layout(visit: Visit) -> OfficialLayout:
    """Every printed line of the receipt of a visit of the reception book."""
    local = timezone.localtime(visit.received_at, VN_TZ)
    superior, issuing = header_lines(visit.unit, local.date())
    body = [
        f"Hôm nay, hồi {local:%H} giờ {local:%M} ngày {local:%d/%m/%Y}, tại {visit.unit.name}.",
        f"Cán bộ tiếp công dân: {visit.officer.full_name}.",
        f"Đã tiếp ông (bà): {visit.visitor_name}"
        + (f", số định danh cá nhân {visit.visitor_id_number}" if visit.visitor_id_number else "")
        + (f", địa chỉ {visit.visitor_address}" if visit.visitor_address else "")
        + ".",
    ]
    if visit.crowd_size > 1:
        body.append(
            f"Số người cùng đến: {visit.crowd_size}; người đại diện: {visit.representatives}."
        )
    body.append(f"Nội dung trình bày: {visit.content}")
    if visit.documents_handed:
        body.append(f"Tài liệu, giấy tờ công dân cung cấp: {visit.documents_handed}")
    body.append(OUTCOME_TEXT.get(visit.outcome, "") + visit.outcome_note)
    track = settings.SITE_URL.rstrip("/") + reverse("complaints:petition-track")
    body.extend(
        f"Đơn số {petition.number}, mã tra cứu {petition.tracking_code}: tra cứu tình trạng "
        f"giải quyết tại {track}"
        for petition in visit.petitions.all()
    )
    body.append("Giấy biên nhận được lập thành 02 bản, công dân giữ 01 bản, cơ quan giữ 01 bản.")
    return OfficialLayout(
        national_title=formats.NATIONAL_TITLE,
        motto=formats.MOTTO,
        superior_body=superior,
        issuing_body=issuing,
        number_line=formats.number_line(
            number_notation=f"{visit.number.split('/')[0]}/BN-TCD", number=None, notation=""
        ),
        date_line=formats.date_line(settings.EGOV_FORMS_PLACE, local.date(), year=local.year),
        type_name="GIẤY BIÊN NHẬN",
        subject="Tiếp công dân, tiếp nhận thông tin, tài liệu",
        letter_subject="",
        addressees=(),
        grounds=(),
        body=tuple(line for line in body if line),
        authority=(),
        position="CÁN BỘ TIẾP CÔNG DÂN",
        signer_name=" ".join(visit.officer.full_name.split()),
        recipients=formats.recipient_lines(f"- Ông (bà) {visit.visitor_name}", archive_unit=""),
        secrecy_mark="",
        urgency_mark="",
        title=f"Giấy biên nhận {visit.number}",
    )


def visit_receipt_pdf(visit: Visit) -> bytes:
    """The receipt as an A4 PDF (:class:`~egov.common.pdf.PdfUnavailable` without Pango)."""
    return layout_pdf(visit_receipt_layout(visit))
