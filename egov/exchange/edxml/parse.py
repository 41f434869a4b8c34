"""Read an edXML package — document or status — safely and completely.

Safety: a size limit before parsing; no DTD, no entities, no network (anything declaring a
DOCTYPE or ENTITY is refused before the parser sees it). Completeness: every field of QCVN 102
(§3.2–3.3) is checked and all problems are reported together in one :class:`PackageError`.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Collection
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from lxml import etree

from egov.exchange.edxml.attachments import attachments_read
from egov.exchange.edxml.constants import (
    BUSINESS_DOC_TYPES,
    DOCUMENT_TYPES,
    NS,
    PRIORITIES,
    STATUS_CODES,
    STEERING_TYPES,
)
from egov.exchange.edxml.errors import PackageError
from egov.exchange.edxml.model import DocumentPackage, Package, StatusPackage
from egov.exchange.edxml.reader import Reader, find, find_all, local_name
from egov.exchange.edxml.values import document_id_split

_DECLARATIONS = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
ROOT = "edXML"


@dataclass(frozen=True)
class Limits:
    """What a receiver accepts; the services fill it from the EGOV_EXCHANGE_* settings."""

    max_bytes: int = 50 * 1024 * 1024
    max_attachments: int = 50
    content_types: Collection[str] = field(default_factory=frozenset)  # empty: any type
    document_types: Collection[int] = DOCUMENT_TYPES  # DocumentType.Type values [U]


def _load(data: bytes, limits: Limits) -> etree._Element:
    if len(data) > limits.max_bytes:
        raise PackageError(
            {ROOT: _("The package is larger than %(limit)d bytes.") % {"limit": limits.max_bytes}}
        )
    if _DECLARATIONS.search(data):
        raise PackageError({ROOT: _("Document type and entity declarations are not allowed.")})
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        remove_comments=True,
        remove_pis=True,
        huge_tree=True,
    )  # base64 attachments exceed libxml2's 10 MB node
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise PackageError(
            {ROOT: _("The package is not well-formed XML: %(error)s") % {"error": str(exc)[:200]}}
        ) from exc
    if etree.QName(root).namespace != NS:
        raise PackageError(
            {ROOT: _("The root element is not in the QCVN 102 namespace %(ns)s.") % {"ns": NS}}
        )
    return root


def _envelope(root: etree._Element) -> tuple[etree._Element, etree._Element]:
    envelope = root if local_name(root) == "edXMLEnvelope" else find(root, "edXMLEnvelope")
    header = find(envelope, "edXMLHeader")
    if envelope is None or header is None:
        raise PackageError({"edXMLEnvelope.edXMLHeader": _("This element is required.")})
    return envelope, header


def package_parse(data: bytes, *, limits: Limits, today: datetime.date) -> Package:
    """The package in ``data``: a :class:`DocumentPackage` or a :class:`StatusPackage`.
    ``today`` (Vietnamese date) bounds the promulgation date. Raises :class:`PackageError`."""
    root = _load(data, limits)
    envelope, header = _envelope(root)
    message = next(
        (
            node
            for name in ("MessageHeader", "MessageStatus", "Status")
            if (node := find(header, name)) is not None
        ),
        None,
    )
    if message is None:
        raise PackageError({"MessageHeader": _("This element is required.")})
    reader = Reader(today=today)
    if find(message, "StatusCode") is not None or local_name(message) != "MessageHeader":
        package: Package = _status(reader, header, message)
    else:
        package = _document(reader, root, envelope, header, message, limits)
    if reader.errors:
        raise PackageError(reader.errors)
    return package


def _status(reader: Reader, header: etree._Element, message: etree._Element) -> StatusPackage:
    response_for = reader.response_for(
        reader.node(message, "ResponseFor", "ResponseFor", required=True), "ResponseFor"
    )
    sender = reader.organization(reader.node(message, "From", "From", required=True), "From")
    code = reader.text(message, "StatusCode", "StatusCode", required=True)
    code = code.zfill(2) if code.isdigit() and len(code) == 1 else code
    if code and code not in STATUS_CODES:
        reader.fail(
            "StatusCode",
            _("Unknown status code %(code)s (allowed: %(allowed)s).")
            % {"code": code[:10], "allowed": ", ".join(STATUS_CODES)},
        )
    description = reader.text(message, "Description", "Description")
    moment = reader.timestamp(message, "Timestamp", "Timestamp", required=True)
    staff = reader.staff(find(message, "StaffInfo"), "StaffInfo")
    traces = reader.traces(find(header, "TraceHeaderList"))
    if reader.errors:
        raise PackageError(reader.errors)
    return StatusPackage(response_for, sender, code, moment, description, staff, traces)


def _recipients(reader: Reader, message: etree._Element) -> list:
    nodes = find_all(message, "To")
    if not nodes:
        reader.fail("To", _("At least one recipient is required."))
    recipients, seen = [], set()
    for index, node in enumerate(nodes, start=1):
        org = reader.organization(node, f"To[{index}]")
        if org.organ_id and org.organ_id in seen:
            reader.fail(f"To[{index}].OrganId", _("This recipient is listed twice."))
        seen.add(org.organ_id)
        recipients.append(org)
    return recipients


def _check_document_id(
    reader: Reader, document_id: str, sender_id: str, promulgation_date: datetime.date | None
) -> None:
    if "DocumentId" in reader.errors or not document_id:
        return
    organ_id, day, _number = document_id_split(document_id)
    if sender_id and organ_id != sender_id:
        reader.fail("DocumentId", _("It does not start with the sender's identifier code."))
    elif promulgation_date and day != promulgation_date:
        reader.fail("DocumentId", _("Its date differs from the promulgation date."))


def _document(
    reader: Reader,
    root: etree._Element,
    envelope: etree._Element,
    header: etree._Element,
    message: etree._Element,
    limits: Limits,
) -> DocumentPackage:
    r = reader
    sender = r.organization(r.node(message, "From", "From", required=True), "From")
    recipients = _recipients(r, message)
    code = r.node(message, "Code", "Code", required=True)
    info = r.node(message, "PromulgationInfo", "PromulgationInfo", required=True)
    kind = r.node(message, "DocumentType", "DocumentType", required=True)
    signer = find(message, "SignerInfo")
    other = find(message, "OtherInfo")
    trace_list = find(header, "TraceHeaderList")
    business = find(trace_list, "Bussiness")
    promulgation_date = r.date(
        info,
        "PromulgationDate",
        "PromulgationInfo.PromulgationDate",
        required=True,
        not_future=True,
    )
    document_id = r.document_id(message, "DocumentId")
    _check_document_id(r, document_id, sender.organ_id, promulgation_date)
    business_type = (
        r.integer(
            business,
            "BussinessDocType",
            "TraceHeaderList.Bussiness.BussinessDocType",
            allowed=BUSINESS_DOC_TYPES,
        )
        or 0
    )
    values = {
        "sender": sender,
        "recipients": tuple(recipients),
        "code_number": r.text(code, "CodeNumber", "Code.CodeNumber", required=True),
        "code_notation": r.text(code, "CodeNotation", "Code.CodeNotation", required=True),
        "promulgation_date": promulgation_date,
        "type": r.integer(
            kind, "Type", "DocumentType.Type", allowed=limits.document_types, required=True
        ),
        "type_name": r.text(kind, "TypeName", "DocumentType.TypeName", required=True),
        "subject": r.text(message, "Subject", "Subject", required=True),
        "document_id": document_id,
        "place": r.text(info, "Place", "PromulgationInfo.Place"),
        "content": r.text(message, "Content", "Content"),
        "competence": r.text(signer, "Competence", "SignerInfo.Competence"),
        "signer_position": r.text(signer, "Position", "SignerInfo.Position"),
        "signer_name": r.text(signer, "FullName", "SignerInfo.FullName"),
        "due_date": r.date(message, "DueDate", "DueDate"),
        "to_places": r.texts(find(message, "ToPlaces"), "Place", "ToPlaces", limit="ToPlace"),
        "priority": r.integer(other, "Priority", "OtherInfo.Priority", allowed=PRIORITIES) or 0,
        "sphere_of_promulgation": r.text(
            other, "SphereOfPromulgation", "OtherInfo.SphereOfPromulgation"
        ),
        "typer_notation": r.text(other, "TyperNotation", "OtherInfo.TyperNotation"),
        "promulgation_amount": r.integer(
            other, "PromulgationAmount", "OtherInfo.PromulgationAmount", allowed=None
        ),
        "page_amount": r.integer(other, "PageAmount", "OtherInfo.PageAmount", allowed=None),
        "appendixes": r.texts(find(other, "Appendixes"), "Appendix", "OtherInfo.Appendixes"),
        "response_for": tuple(
            r.response_for(node, f"ResponseFor[{i}]")
            for i, node in enumerate(find_all(message, "ResponseFor"), start=1)
        ),
        "steering_type": r.integer(message, "SteeringType", "SteeringType", allowed=STEERING_TYPES),
        "traces": r.traces(trace_list),
        "business_doc_type": business_type,
        "business_doc_reason": r.text(
            business, "BussinessDocReason", "TraceHeaderList.Bussiness.BussinessDocReason"
        ),
        "staff": r.staff(find(business, "StaffInfo"), "TraceHeaderList.Bussiness.StaffInfo"),
        "paper": r.integer(business, "Paper", "TraceHeaderList.Bussiness.Paper", allowed=None),
        "attachments": attachments_read(
            r, root, envelope, content_types=limits.content_types, max_count=limits.max_attachments
        ),
    }
    if r.errors:
        raise PackageError(r.errors)
    return DocumentPackage(**values)
