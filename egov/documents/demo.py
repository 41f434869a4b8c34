"""Demo documents: a handful of real-looking outgoing and incoming documents of one district,
made through the services (numbers, signatures, handling slips and audit entries are real).

Needs, before it runs: the org units and the officers of the demo (a head of the district with
its subtree, a division with its head and a specialist; a clerk of the district if any), and a
signing key for the district (``egov pki_demo_init``). Never meant for production.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from egov.accounts.models import User
from egov.documents import rules_workfiles as wf_rules
from egov.documents.choices import Channel, Direction, DocumentStatus, Urgency
from egov.documents.models import Document, DocumentType
from egov.documents.models_workfiles import FileList
from egov.documents.services import (
    RecipientIn,
    document_approve,
    document_draft_create,
    document_register_issued,
    document_send,
    document_sign_and_issue,
    document_submit_for_review,
    incoming_assign,
    incoming_complete,
    incoming_progress,
    incoming_register,
)
from egov.documents.services.archive import work_file_hand_over
from egov.documents.services.workfiles import (
    file_list_approve,
    file_list_create,
    file_list_entry_add,
    work_file_close,
    work_file_file_document,
    work_file_open,
)
from egov.orgs.choices import Role, UnitKind
from egov.orgs.loaders import orgunit_now_named
from egov.orgs.models import Membership, OrgUnit
from egov.orgs.services import orgunit_update
from egov.workdays.selectors import deadline_compute

PEOPLES_COMMITTEE = "UBND"  # the issuer abbreviation of a People's Committee


@dataclass(frozen=True)
class DemoCast:
    """Who plays which part in one district."""

    district: OrgUnit
    division: OrgUnit
    head: User
    division_head: User
    specialist: User
    clerk: User | None


def _holder(unit: OrgUnit, role: str) -> User | None:
    """An officer holding ``role`` in ``unit`` or over it (a subtree role above)."""
    above = Q(unit__pk__in=unit.ancestor_ids(), includes_subtree=True)
    membership = (
        Membership.objects.current()
        .filter(role=role)
        .filter(Q(unit=unit) | above)
        .select_related("user")
        .order_by("-unit__depth", "pk")
        .first()
    )
    return membership.user if membership else None


def demo_cast(district: OrgUnit) -> DemoCast:
    """The people of ``district``; a clear error when the demo lacks one of them."""
    head = _holder(district, Role.UNIT_HEAD)
    if head is None:
        raise ValueError(f"{district.name}: the demo needs a head of the district.")
    divisions = OrgUnit.objects.active().filter(parent=district, kind=UnitKind.DIVISION)
    for division in divisions.order_by("path"):
        division_head = _holder(division, Role.DIVISION_HEAD)
        specialist = Membership.objects.current().filter(unit=division, role=Role.SPECIALIST)
        if division_head and specialist.exists() and division.short_name:
            return DemoCast(
                district=district,
                division=division,
                head=head,
                division_head=division_head,
                specialist=specialist.select_related("user").first().user,
                clerk=_holder(district, Role.CLERK),
            )
    raise ValueError(
        f"{district.name}: the demo needs a head of the district and a division "
        "with an abbreviation, a head and a specialist."
    )


def _type(code: str) -> DocumentType:
    return DocumentType.objects.get(code=code)


def _working_days_ahead(days: int) -> datetime.date:
    return deadline_compute(timezone.now(), Decimal(days), apply_cutoff=False).due_at.date()


def _issue(cast: DemoCast, code: str, subject: str, body: str, **values: object) -> Document:
    document = document_draft_create(
        actor=cast.specialist,
        drafting_unit=cast.division,
        doc_type=_type(code),
        subject=subject,
        body=body,
        place="Hà Nội",
        **values,
    )
    document = document_submit_for_review(
        actor=cast.specialist, document=document, expected_version=document.version
    )
    document = document_approve(
        actor=cast.division_head, document=document, expected_version=document.version
    )
    return document_sign_and_issue(
        actor=cast.head, document=document, expected_version=document.version
    )


def _outgoing(cast: DemoCast, other_district: OrgUnit) -> list[Document]:
    # "quận" on the three-level structure, "phường" on the two-level one (from 1 July 2025).
    local = "quận" if cast.district.kind == UnitKind.DISTRICT else "phường"
    below = "UBND các phường" if local == "quận" else "Tổ dân phố trên địa bàn"
    letter = _issue(
        cast,
        "cong-van",
        "V/v triển khai Kế hoạch chuyển đổi số năm 2026",
        f"Thực hiện Kế hoạch chuyển đổi số của Thành phố năm 2026, UBND {local} đề nghị các "
        "đơn vị rà soát, cập nhật danh mục thủ tục hành chính trực tuyến toàn trình và báo cáo "
        "kết quả trước ngày 30 hằng tháng.",
        addressees=f"Các phòng, ban, đơn vị thuộc {local}\n{below}",
        recipients_text=f"Như trên\nThường trực {'Quận' if local == 'quận' else 'Đảng'} ủy "
        "(để b/c)",
        signing_authority="TM.",
        authority_line="TM. ỦY BAN NHÂN DÂN",
        signer_position="CHỦ TỊCH",
    )
    document_send(
        actor=cast.clerk or cast.head,
        document=letter,
        recipients=[other_district, RecipientIn(name="Báo Hà Nội Mới", channel=Channel.PAPER)],
    )
    decision = _issue(
        cast,
        "quyet-dinh",
        "Quyết định thành lập Tổ công tác rà soát thủ tục hành chính",
        f"Điều 1. Thành lập Tổ công tác rà soát thủ tục hành chính của {local}.\n"
        "Điều 2. Tổ công tác có nhiệm vụ rà soát, đề xuất đơn giản hóa thủ tục hành chính.\n"
        "Điều 3. Quyết định có hiệu lực kể từ ngày ký.",
        grounds="Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015\n"
        "Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23 tháng 4 năm 2018 của Chính phủ",
        signing_authority="TM.",
        authority_line="TM. ỦY BAN NHÂN DÂN",
        signer_position="CHỦ TỊCH",
    )
    in_review = document_draft_create(
        actor=cast.specialist,
        drafting_unit=cast.division,
        doc_type=_type("bao-cao"),
        subject="Báo cáo kết quả công tác cải cách hành chính quý I năm 2026",
        body="Báo cáo kết quả thực hiện các nhiệm vụ cải cách hành chính trong quý I.",
    )
    in_review = document_submit_for_review(
        actor=cast.specialist, document=in_review, expected_version=in_review.version
    )
    on_paper = document_register_issued(
        actor=None,
        unit=cast.district,
        doc_type=_type("ke-hoach"),
        number=45,
        notation=f"KH-{cast.district.short_name}",
        issued_on=timezone.localdate(),
        subject="Kế hoạch tổ chức các hoạt động kỷ niệm ngày Giải phóng Thủ đô",
        signer_name=cast.head.full_name[:50],
        signer_position="Chủ tịch",
    )
    return [letter, decision, in_review, on_paper]


@dataclass(frozen=True)
class _Sender:
    name: str
    short_name: str
    agency_code: str
    unit: OrgUnit | None


def _sender(name: str, short_name: str) -> _Sender:
    """A city body sending the demo letters: the unit of the org tree that is, or took over,
    ``name`` (with its abbreviation and identifier code), else ``name`` as text."""
    unit = orgunit_now_named(name)
    if unit is None:
        return _Sender(name, short_name, "", None)
    return _Sender(unit.name, unit.short_name or short_name, unit.agency_code, unit)


def _incoming(cast: DemoCast) -> list[Document]:
    city_directive = incoming_register(
        actor=cast.clerk,
        unit=cast.district,
        doc_type=_type("chi-thi"),
        number_notation="05/CT-UBND",
        issued_on=timezone.localdate(),
        subject="Chỉ thị về tăng cường kỷ luật, kỷ cương hành chính trong giải quyết thủ tục "
        "hành chính",
        sender_name="UBND Thành phố Hà Nội",
        sender_agency_code="000.00.00.H26",
        urgency=Urgency.URGENT,
        channel=Channel.EDXML if cast.clerk is None else Channel.PAPER,
        signer_name="Trần Sỹ Thanh",
        signer_position="Chủ tịch",
    )
    building = _sender("Sở Xây dựng", "SXD")
    survey_notation = f"1520/{building.short_name}-QLXD"
    survey = incoming_register(
        actor=None,
        unit=cast.district,
        doc_type=_type("cong-van"),
        number_notation=survey_notation,
        issued_on=timezone.localdate(),
        subject="V/v rà soát công trình xây dựng không phép trên địa bàn",
        sender_name=f"{building.name} Hà Nội",
        sender_agency_code=building.agency_code,
        sender_unit=building.unit,
        channel=Channel.EDXML,
        exchange_document_id=(
            f"{building.agency_code},{timezone.localdate():%Y/%m/%d},{survey_notation}"
            if building.agency_code
            else ""
        ),
    )
    # Telecommunications are Sở Khoa học và Công nghệ's since 1 March 2025 (it took over Sở
    # Thông tin và Truyền thông): whichever of the two the org tree has sends the letter.
    digital = _sender("Sở Thông tin và Truyền thông", "STTTT")
    handled = incoming_register(
        actor=cast.clerk,
        unit=cast.district,
        doc_type=_type("cong-van"),
        number_notation=f"890/{digital.short_name}-BCVT",
        issued_on=timezone.localdate(),
        subject="V/v báo cáo số liệu hạ tầng viễn thông thụ động",
        sender_name=f"{digital.name} Hà Nội",
        sender_agency_code=digital.agency_code,
        sender_unit=digital.unit,
        channel=Channel.PAPER if cast.clerk else Channel.EDXML,
    )
    documents = [city_directive, survey, handled]
    if cast.clerk is None:
        return documents  # without a clerk they wait at the clerk's check
    for document, days in ((city_directive, 10), (handled, 5)):
        incoming_assign(
            actor=cast.head,
            document=document,
            expected_version=document.version,
            lead_unit=cast.division,
            lead_person=cast.specialist,
            due_on=_working_days_ahead(days),
            note="Giao phòng chủ trì tham mưu, báo cáo kết quả.",
        )
    handled.refresh_from_db()
    handled = incoming_progress(
        actor=cast.specialist,
        document=handled,
        expected_version=handled.version,
        note="Đã tổng hợp số liệu, đang trình ký báo cáo.",
    )
    incoming_complete(
        actor=cast.specialist,
        document=handled,
        expected_version=handled.version,
        note="Đã gửi báo cáo.",
    )
    return documents


def documents_demo_load(*, district: OrgUnit, other_district: OrgUnit) -> list[Document]:
    """Demo documents of ``district``: a letter signed and sent to ``other_district`` (and on
    paper to a newspaper), a decision, a report in review, a plan entered from paper; incoming
    documents directed, handled, and one waiting at the clerk's check. The People's Committees
    get their abbreviation (UBND) if they have none."""
    for unit in (district, other_district):
        if not unit.short_name:
            orgunit_update(actor=None, unit=unit, short_name=PEOPLES_COMMITTEE)
    cast = demo_cast(district)
    documents = [*_outgoing(cast, other_district), *_incoming(cast)]
    _work_files(cast, documents)
    return documents


ENTRIES = (
    ("Tổng hợp, văn phòng", "VP-01", "Hồ sơ hội nghị tổng kết công tác năm", None),
    ("Văn hóa, thông tin", "VHTT-01", "Hồ sơ chỉ đạo tăng cường kỷ luật hành chính", 10),
    ("Văn hóa, thông tin", "VHTT-02", "Hồ sơ ban hành quyết định về chuyển đổi số", 20),
    ("Văn hóa, thông tin", "VHTT-03", "Hồ sơ báo cáo số liệu hạ tầng viễn thông", 5),
)


def _work_files(cast: DemoCast, documents: list[Document]) -> None:
    """The district's approved file list for this year and files in every state: one open
    (a directive being handled and a report in review), one closed and handled online (a
    decision signed here), one handed to the archive (a letter also sent on paper and a report
    received on paper: not online), one expected but not opened yet. Needs a clerk."""
    if cast.clerk is None:
        return
    file_list = file_list_create(
        actor=cast.clerk, unit=cast.district, year=timezone.localdate().year
    )
    entries = [
        file_list_entry_add(
            actor=cast.clerk,
            file_list=file_list,
            heading=heading,
            notation=notation,
            title=title,
            retention_years=years,
            handling_unit=cast.division,
            responsible=cast.specialist,
        )
        for heading, notation, title, years in ENTRIES
    ]
    file_list_approve(actor=cast.head, file_list=file_list, expected_version=file_list.version)
    by_subject = {d.subject[:30]: d for d in documents}

    def pick(start: str) -> Document:
        return next(d for key, d in by_subject.items() if key.startswith(start[:30]))

    contents = (
        (entries[1], ["Chỉ thị về tăng cường kỷ luật", "Báo cáo kết quả công tác"], None),
        (entries[2], ["Quyết định"], "close"),
        (entries[3], ["V/v báo cáo số liệu hạ tầng", "V/v triển khai Kế hoạch"], "archive"),
    )
    for entry, starts, end in contents:
        work_file = work_file_open(actor=cast.specialist, entry=entry)
        for start in starts:
            work_file_file_document(actor=cast.head, work_file=work_file, document=pick(start))
        if end is not None:
            work_file = work_file_close(actor=cast.head, work_file=work_file, expected_version=None)
        if end == "archive":
            work_file_hand_over(actor=cast.head, work_file=work_file, expected_version=None)


UNIT_ENTRIES = (
    ("Tổng hợp, văn phòng", "VP-01", "Hồ sơ văn bản trao đổi về công tác chung trong năm", 10),
    ("Tổng hợp, văn phòng", "VP-02", "Hồ sơ các cuộc họp của Ủy ban nhân dân", None),
    ("Tổng hợp, văn phòng", "VP-03", "Hồ sơ báo cáo định kỳ gửi cấp trên", 5),
)


def work_files_demo_load(units: list[OrgUnit]) -> int:
    """An approved file list for each of ``units`` that has a clerk and a head and no list yet
    (the demo district's own comes with its documents), with the unit's documents filed: the
    issued ones in a closed file, the rest in an open one. Returns how many lists it made."""
    made = 0
    for unit in units:
        clerk, head = _holder(unit, Role.CLERK), _holder(unit, Role.UNIT_HEAD)
        if clerk is None or head is None or FileList.objects.filter(unit=unit).exists():
            continue
        year = timezone.localdate().year
        file_list = file_list_create(actor=clerk, unit=unit, year=year)
        entries = [
            file_list_entry_add(
                actor=clerk,
                file_list=file_list,
                heading=heading,
                notation=notation,
                title=title,
                retention_years=years,
                handling_unit=unit,
                responsible=head,
            )
            for heading, notation, title, years in UNIT_ENTRIES
        ]
        file_list_approve(actor=head, file_list=file_list, expected_version=file_list.version)
        made += 1
        free = Document.objects.filter(unit=unit, work_file_item__isnull=True).exclude(
            status__in=(*wf_rules.UNSIGNED, DocumentStatus.RECALLED)
        )
        issued = list(free.filter(direction=Direction.OUTGOING).order_by("pk")[:3])
        received = list(free.filter(direction=Direction.INCOMING).order_by("pk")[:3])
        for entry, documents, close in ((entries[0], issued, True), (entries[2], received, False)):
            if not documents:
                continue
            work_file = work_file_open(actor=head, entry=entry)
            for document in documents:
                work_file_file_document(actor=head, work_file=work_file, document=document)
            if close:
                work_file_close(actor=head, work_file=work_file, expected_version=None)
    return made
