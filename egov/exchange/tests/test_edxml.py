"""The edXML layer (QCVN 102:2016): what we build reads back identically, packages in the national
SDK's shape read correctly, and every malformed field is refused with its path. No database."""

from __future__ import annotations

import datetime

import pytest
from lxml import etree

from egov.exchange.edxml import (
    NS,
    DocumentPackage,
    Limits,
    PackageError,
    StatusPackage,
    document_package_build,
    package_parse,
    status_package_build,
)
from egov.exchange.edxml.values import VIETNAM
from egov.exchange.tests.samples import (
    GOVERNMENT_OFFICE,
    HANOI,
    HCMC,
    PDF,
    TODAY,
    document_package,
    sdk_bytes,
    status_package,
)

LIMITS = Limits(content_types=frozenset({"application/pdf"}))


def parse(data: bytes, limits: Limits = LIMITS):
    return package_parse(data, limits=limits, today=TODAY)


def errors_of(data: bytes, limits: Limits = LIMITS) -> dict[str, str]:
    with pytest.raises(PackageError) as caught:
        parse(data, limits)
    return caught.value.errors


def test_a_document_package_we_build_reads_back_identically():
    package = document_package()

    assert parse(document_package_build(package)) == package


def test_a_status_package_we_build_reads_back_identically():
    package = status_package()

    assert parse(status_package_build(package)) == package


def test_the_package_has_the_layout_of_the_national_sdk():
    root = etree.fromstring(document_package_build(document_package()))
    envelope = root[0]
    encoded = root[1]

    assert root.tag == f"{{{NS}}}edXML"
    assert root.nsmap[None] == NS
    assert envelope.tag == f"{{{NS}}}edXMLEnvelope"
    assert envelope.prefix == "edXML"
    assert [etree.QName(c).localname for c in envelope] == ["edXMLHeader", "edXMLBody"]
    assert [etree.QName(c).localname for c in envelope[0]] == ["MessageHeader", "TraceHeaderList"]
    assert encoded.tag == f"{{{NS}}}AttachmentEncoded"
    assert encoded.prefix is None
    trace_list = envelope[0][1]
    assert trace_list.get("version") == "1.0"
    assert trace_list.get("mustUnderstand") == "1"
    assert trace_list.get("actor") == "http://schemas.xmlsoap.org/soap/actor/next"
    assert trace_list.find(f"{{{NS}}}Bussiness/{{{NS}}}BussinessDocType").text == "0"


def test_dates_are_written_year_first_and_times_in_vietnam():
    data = document_package_build(document_package()).decode()

    assert "<edXML:PromulgationDate>2026/11/20</edXML:PromulgationDate>" in data
    assert "<edXML:DueDate>2026/12/15</edXML:DueDate>" in data
    assert "<edXML:Timestamp>2026/11/20 09:30:00</edXML:Timestamp>" in data
    assert "<edXML:DocumentId>000.00.00.H26,2026/11/20,1738/QĐ-UBND</edXML:DocumentId>" in data
    assert data.startswith('<?xml version="1.0" encoding="utf-8"?>\n<edXML ')


def test_the_sdk_shaped_fixture_reads_with_every_field():
    package = parse(sdk_bytes())

    assert isinstance(package, DocumentPackage)
    assert package.sender.organ_id == GOVERNMENT_OFFICE
    assert package.sender.organ_name == "Văn phòng Chính phủ"
    assert package.sender.organ_add == "1 Hoàng Hoa Thám, Ba Đình, Hà Nội"
    assert [r.organ_id for r in package.recipients] == [HANOI, HCMC]
    assert package.number_notation == "7816/VPCP-TTĐT"
    assert package.promulgation_date == datetime.date(2026, 11, 20)
    assert (package.type, package.type_name) == (18, "Công văn")
    assert package.subject.startswith("V/v triển khai gửi, nhận văn bản điện tử")
    assert (package.competence, package.signer_position, package.signer_name) == (
        "Truc tiep",
        "Phó Chủ nhiệm",
        "Nguyễn Văn Thử",
    )
    assert package.due_date == datetime.date(2026, 12, 31)
    assert package.to_places == ("Như trên", "Lưu: VT, TTĐT")
    assert (package.priority, package.steering_type, package.page_amount) == (1, 0, 1)
    assert package.appendixes == ()
    assert package.document_id == "000.00.00.G22,2026/11/20,7816/VPCP-TTĐT"
    assert package.traces[0].timestamp == datetime.datetime(2026, 11, 20, 9, 15, 30, tzinfo=VIETNAM)
    assert package.staff.staff == "Trần Thị Văn Thư"
    assert len(package.attachments) == 1
    attachment = package.attachments[0]
    assert attachment.content_id == "5c1f0f7e-2b4e-4f7a-9c57-0d6a8b1e3f21"
    assert attachment.name == "7816-VPCP-TTDT.pdf"
    assert attachment.content == PDF
    assert attachment.sha256 == ("2ef71ad1679e86c03c5207f4a45772a9364680dbc1166fdd698ae3b0b90a9940")


def test_the_fixture_rebuilt_by_us_reads_back_the_same():
    package = parse(sdk_bytes())

    assert parse(document_package_build(package)) == package


def test_day_first_dates_are_accepted_as_well():
    data = sdk_bytes().replace(
        b"<edXML:PromulgationDate>2026/11/20", b"<edXML:PromulgationDate>20/11/2026"
    )
    data = data.replace(b"<edXML:DueDate>2026/12/31", b"<edXML:DueDate>31/12/2026 00:00:00")

    package = parse(data)

    assert package.promulgation_date == datetime.date(2026, 11, 20)
    assert package.due_date == datetime.date(2026, 12, 31)


SDK_MUTATIONS = [
    # (what is replaced, by what, the field named, words of the message)
    (
        "<edXML:OrganId>000.00.00.G22</edXML:OrganId>\n          <edXML:OrganizationInCharge>",
        "<edXML:OrganId>G22</edXML:OrganId>\n          <edXML:OrganizationInCharge>",
        "From.OrganId",
        "identifier code",
    ),
    (
        "<edXML:OrganId>000.00.00.H29</edXML:OrganId>",
        "<edXML:OrganId>000.00.00.H26</edXML:OrganId>",
        "To[2].OrganId",
        "listed twice",
    ),
    (
        "<edXML:CodeNumber>7816</edXML:CodeNumber>",
        "<edXML:CodeNumber></edXML:CodeNumber>",
        "Code.CodeNumber",
        "required",
    ),
    (
        "<edXML:CodeNotation>VPCP-TTĐT",
        "<edXML:CodeNotation>" + "X" * 31,
        "Code.CodeNotation",
        "At most 30",
    ),
    (
        "<edXML:PromulgationDate>2026/11/20",
        "<edXML:PromulgationDate>2026/13/45",
        "PromulgationInfo.PromulgationDate",
        "Not a readable date",
    ),
    (
        "<edXML:PromulgationDate>2026/11/20",
        "<edXML:PromulgationDate>hom nay",
        "PromulgationInfo.PromulgationDate",
        "hom nay",
    ),
    (
        "<edXML:PromulgationDate>2026/11/20",
        "<edXML:PromulgationDate>2026/11/23",
        "PromulgationInfo.PromulgationDate",
        "future",
    ),
    (
        "<edXML:Type>18</edXML:Type>",
        "<edXML:Type>30</edXML:Type>",
        "DocumentType.Type",
        "not an allowed value",
    ),
    (
        "<edXML:Priority>1</edXML:Priority>",
        "<edXML:Priority>5</edXML:Priority>",
        "OtherInfo.Priority",
        "not an allowed value",
    ),
    (
        "<edXML:Priority>1</edXML:Priority>",
        "<edXML:Priority>cao</edXML:Priority>",
        "OtherInfo.Priority",
        "whole number",
    ),
    ("<edXML:Subject>V/v", "<edXML:Subject>" + "Đ" * 501 + "V/v", "Subject", "At most 500"),
    (
        "<edXML:FullName>Nguy",
        "<edXML:FullName>" + "N" * 50 + "Nguy",
        "SignerInfo.FullName",
        "At most 50",
    ),
    (
        "<edXML:Place>Lưu: VT, TTĐT</edXML:Place>",
        "<edXML:Place>" + "p" * 151 + "</edXML:Place>",
        "ToPlaces.Place[2]",
        "At most 150",
    ),
    (
        "<edXML:DocumentId>000.00.00.G22,2026/11/20,7816/VPCP-TTĐT",
        "<edXML:DocumentId>7816/VPCP-TTĐT",
        "DocumentId",
        "document id of the form",
    ),
    (
        "<edXML:DocumentId>000.00.00.G22,2026/11/20,",
        "<edXML:DocumentId>000.00.00.H29,2026/11/20,",
        "DocumentId",
        "sender's identifier",
    ),
    (
        "<edXML:DocumentId>000.00.00.G22,2026/11/20,",
        "<edXML:DocumentId>000.00.00.G22,2026/11/19,",
        "DocumentId",
        "differs",
    ),
    (
        "<edXML:SteeringType>0</edXML:SteeringType>",
        "<edXML:SteeringType>9</edXML:SteeringType>",
        "SteeringType",
        "not an allowed value",
    ),
    (
        "<edXML:Timestamp>2026/11/20 09:15:30",
        "<edXML:Timestamp>20.11.2026",
        "TraceHeaderList.TraceHeader[1].Timestamp",
        "Not a readable time",
    ),
    (
        "<edXML:BussinessDocType>0",
        "<edXML:BussinessDocType>7",
        "TraceHeaderList.Bussiness.BussinessDocType",
        "not an allowed value",
    ),
    (
        "<ContentId>5c1f0f7e",
        "<ContentId>ffff0f7e",
        "AttachmentEncoded.Attachment[1].ContentId",
        "Not referenced by the manifest",
    ),
    (
        "<ContentTransferEncoded>JVBERi0x",
        "<ContentTransferEncoded>*JVBERi0x",
        "AttachmentEncoded.Attachment[1].ContentTransferEncoded",
        "base64",
    ),
    (
        "<ContentType>application/pdf</ContentType>",
        "<ContentType>application/x-msdownload</ContentType>",
        "AttachmentEncoded.Attachment[1].ContentType",
        "application/x-msdownload",
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "field", "words"), SDK_MUTATIONS, ids=[f"{m[2]}-{m[3]}" for m in SDK_MUTATIONS]
)
def test_a_malformed_field_is_refused_naming_it(old, new, field, words):
    data = sdk_bytes()
    assert old.encode() in data

    errors = errors_of(data.replace(old.encode(), new.encode(), 1))

    assert field in errors, errors
    assert words in errors[field]


def test_decree_30_type_numbers_pass_unless_the_setting_narrows_them():
    narrowed = Limits(content_types=LIMITS.content_types, document_types=frozenset({1, 2}))

    assert parse(sdk_bytes()).type == 18
    assert "DocumentType.Type" in errors_of(sdk_bytes(), narrowed)


def test_every_problem_is_reported_at_once():
    data = (
        sdk_bytes()
        .replace(b"<edXML:Priority>1", b"<edXML:Priority>9")
        .replace(b"<edXML:Type>18", b"<edXML:Type>0")
    )

    assert set(errors_of(data)) == {"OtherInfo.Priority", "DocumentType.Type"}


def test_missing_parts_are_named():
    data = sdk_bytes()
    start, end = data.index(b"<edXML:Code>"), data.index(b"</edXML:Code>") + 13
    without_code = data[:start] + data[end:]
    start, end = data.index(b"<edXML:To>"), data.rindex(b"</edXML:To>") + 11
    without_to = data[:start] + data[end:]

    assert errors_of(without_code) == {"Code": "This element is required."}
    assert errors_of(without_to) == {"To": "At least one recipient is required."}


def test_a_manifest_reference_without_its_file_is_refused():
    data = sdk_bytes()
    start, end = data.index(b"<AttachmentEncoded>"), data.index(b"</AttachmentEncoded>") + 20

    assert errors_of(data[:start] + data[end:]) == {
        "edXMLManifest.Reference[1]": "No attachment carries this content id."
    }


def test_too_many_attachments_are_refused():
    data = document_package_build(document_package())

    assert errors_of(data, Limits(max_attachments=1)) == {
        "AttachmentEncoded": "At most 1 attachments are allowed."
    }


def test_a_file_name_never_chooses_a_directory():
    data = sdk_bytes().replace(
        b"<AttachmentName>7816-VPCP-TTDT.pdf", b"<AttachmentName>../../etc/7816.pdf"
    )

    assert parse(data).attachments[0].name == "7816.pdf"


@pytest.mark.parametrize(
    "data",
    [
        b'<?xml version="1.0"?><!DOCTYPE edXML [<!ENTITY a "aaaa">]><edXML xmlns="'
        + NS.encode()
        + b'">&a;</edXML>',
        b'<?xml version="1.0"?><!DOCTYPE edXML SYSTEM "http://example.com/x.dtd"><edXML/>',
        b"<!doctype edXML><edXML/>",
    ],
    ids=["internal-entity", "external-dtd", "lowercase"],
)
def test_dtds_and_entities_are_refused_before_parsing(data):
    assert errors_of(data) == {"edXML": "Document type and entity declarations are not allowed."}


def test_not_xml_wrong_namespace_and_size_are_refused():
    assert "not well-formed XML" in errors_of(b"<edXML><unclosed></edXML>")["edXML"]
    assert "namespace" in errors_of(b'<edXML xmlns="urn:other"/>')["edXML"]
    assert errors_of(sdk_bytes(), Limits(max_bytes=100)) == {
        "edXML": "The package is larger than 100 bytes."
    }


def test_a_status_package_is_checked_field_by_field():
    data = status_package_build(status_package())
    bad = data.replace(b"<edXML:StatusCode>02", b"<edXML:StatusCode>09").replace(
        b"<edXML:Timestamp>2026/11/21 14:05:09", b"<edXML:Timestamp>yesterday", 1
    )

    errors = errors_of(bad)

    assert set(errors) == {"StatusCode", "Timestamp"}
    assert "Unknown status code 09" in errors["StatusCode"]


def test_a_status_package_tolerates_day_first_times_and_a_one_digit_code():
    data = (
        status_package_build(status_package())
        .replace(b"<edXML:Timestamp>2026/11/21 14:05:09", b"<edXML:Timestamp>21/11/2026 14:05:09")
        .replace(b"<edXML:StatusCode>02", b"<edXML:StatusCode>3")
    )

    package = parse(data)

    assert isinstance(package, StatusPackage)
    assert package.status_code == "03"
    assert package.timestamp == datetime.datetime(2026, 11, 21, 14, 5, 9, tzinfo=VIETNAM)
