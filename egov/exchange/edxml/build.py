"""Write edXML packages in the layout the national axis SDK's examples produce (QCVN 102:2016;
shared/domain/vn-egov-spec.md §3.2): root ``edXML`` in the default namespace, the envelope with
the ``edXML:`` prefix, attachments base64-encoded in ``AttachmentEncoded`` beside the envelope,
each referenced from the manifest by ``cid:``."""

from __future__ import annotations

import base64
import secrets
from collections.abc import Iterable

from lxml import etree

from egov.exchange.edxml.constants import NS, PREFIX, SOAP_ACTOR_NEXT, XLINK_NS, XSD_NS, XSI_NS
from egov.exchange.edxml.model import (
    Attachment,
    DocumentPackage,
    Organization,
    ResponseFor,
    StaffInfo,
    StatusPackage,
    Trace,
)
from egov.exchange.edxml.values import date_format, timestamp_format


def _el(
    parent: etree._Element, name: str, text: object | None = None, **attributes: str
) -> etree._Element:
    element = etree.SubElement(parent, f"{{{NS}}}{name}")
    for key, value in attributes.items():
        element.set(key, value)
    if text is not None:
        element.text = str(text)
    return element


def _organization(parent: etree._Element, name: str, org: Organization) -> None:
    node = _el(parent, name)
    _el(node, "OrganId", org.organ_id)
    _el(node, "OrganizationInCharge", org.organization_in_charge)
    _el(node, "OrganName", org.organ_name)
    _el(node, "OrganAdd", org.organ_add)
    _el(node, "Email", org.email)
    _el(node, "Telephone", org.telephone)
    _el(node, "Fax", org.fax)
    _el(node, "Website", org.website)


def _staff(parent: etree._Element, staff: StaffInfo | None) -> None:
    if staff is None:
        return
    node = _el(parent, "StaffInfo")
    _el(node, "Department", staff.department)
    _el(node, "Staff", staff.staff)
    _el(node, "Mobile", staff.mobile)
    _el(node, "Email", staff.email)


def _response_for(parent: etree._Element, item: ResponseFor) -> None:
    node = _el(parent, "ResponseFor")
    _el(node, "OrganId", item.organ_id)
    _el(node, "Code", item.code)
    if item.promulgation_date is not None:
        _el(node, "PromulgationDate", date_format(item.promulgation_date))
    _el(node, "DocumentId", item.document_id)


def _root() -> tuple[etree._Element, etree._Element, etree._Element]:
    root = etree.Element(f"{{{NS}}}edXML", nsmap={None: NS, "xsi": XSI_NS, "xsd": XSD_NS})
    envelope = etree.SubElement(root, f"{{{NS}}}edXMLEnvelope", nsmap={PREFIX: NS})
    return root, envelope, _el(envelope, "edXMLHeader")


def _traces(header: etree._Element, traces: Iterable[Trace]) -> etree._Element:
    node = _el(
        header,
        "TraceHeaderList",
        id=secrets.token_hex(4),
        version="1.0",
        mustUnderstand="1",
        actor=SOAP_ACTOR_NEXT,
    )
    for trace in traces:
        hop = _el(node, "TraceHeader")
        _el(hop, "OrganId", trace.organ_id)
        _el(hop, "Timestamp", timestamp_format(trace.timestamp))
    return node


def _message_header(header: etree._Element, package: DocumentPackage) -> None:
    node = _el(header, "MessageHeader")
    _organization(node, "From", package.sender)
    for recipient in package.recipients:
        _organization(node, "To", recipient)
    code = _el(node, "Code")
    _el(code, "CodeNumber", package.code_number)
    _el(code, "CodeNotation", package.code_notation)
    info = _el(node, "PromulgationInfo")
    _el(info, "Place", package.place)
    _el(info, "PromulgationDate", date_format(package.promulgation_date))
    kind = _el(node, "DocumentType")
    _el(kind, "Type", package.type)
    _el(kind, "TypeName", package.type_name)
    _el(node, "Subject", package.subject)
    _el(node, "Content", package.content)
    signer = _el(node, "SignerInfo")
    _el(signer, "Competence", package.competence)
    _el(signer, "Position", package.signer_position)
    _el(signer, "FullName", package.signer_name)
    if package.due_date is not None:
        _el(node, "DueDate", date_format(package.due_date))
    places = _el(node, "ToPlaces")
    for place in package.to_places:
        _el(places, "Place", place)
    _other_info(node, package)
    for item in package.response_for:
        _response_for(node, item)
    if package.steering_type is not None:
        _el(node, "SteeringType", package.steering_type)
    _el(node, "DocumentId", package.document_id)


def _other_info(parent: etree._Element, package: DocumentPackage) -> None:
    node = _el(parent, "OtherInfo")
    _el(node, "Priority", package.priority)
    _el(node, "SphereOfPromulgation", package.sphere_of_promulgation)
    _el(node, "TyperNotation", package.typer_notation)
    if package.promulgation_amount is not None:
        _el(node, "PromulgationAmount", package.promulgation_amount)
    if package.page_amount is not None:
        _el(node, "PageAmount", package.page_amount)
    appendixes = _el(node, "Appendixes")
    for appendix in package.appendixes:
        _el(appendixes, "Appendix", appendix)


def _manifest(envelope: etree._Element, attachments: Iterable[Attachment]) -> None:
    manifest = _el(_el(envelope, "edXMLBody"), "edXMLManifest", version="1.0")
    for attachment in attachments:
        reference = etree.SubElement(manifest, f"{{{NS}}}Reference", nsmap={"xlink": XLINK_NS})
        reference.set(f"{{{XLINK_NS}}}href", f"cid:{attachment.content_id}")
        reference.set(f"{{{XLINK_NS}}}role", "XLinkRole")
        reference.set(f"{{{XLINK_NS}}}type", "simple")
        _el(reference, "Description", attachment.description)
        _el(reference, "AttachmentName", attachment.name)
        _el(reference, "ContentType", attachment.content_type)
        _el(reference, "ContentId", f"cid:{attachment.content_id}")


def _attachments(root: etree._Element, attachments: Iterable[Attachment]) -> None:
    items = list(attachments)
    if not items:
        return
    encoded = _el(root, "AttachmentEncoded")
    for attachment in items:
        node = _el(encoded, "Attachment")
        _el(node, "ContentType", attachment.content_type)
        _el(node, "ContentId", attachment.content_id)
        _el(node, "Description", attachment.description)
        _el(node, "ContentTransferEncoded", base64.b64encode(attachment.content).decode("ascii"))
        _el(node, "AttachmentName", attachment.name)


def _serialize(root: etree._Element) -> bytes:
    body = etree.tostring(root, encoding="utf-8", pretty_print=True)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + body


def document_package_build(package: DocumentPackage) -> bytes:
    """The edXML document package as UTF-8 bytes."""
    root, envelope, header = _root()
    _message_header(header, package)
    business = _el(_traces(header, package.traces), "Bussiness")
    _el(business, "BussinessDocType", package.business_doc_type)
    _el(business, "BussinessDocReason", package.business_doc_reason)
    _staff(business, package.staff)
    if package.paper is not None:
        _el(business, "Paper", package.paper)
    _manifest(envelope, package.attachments)
    _attachments(root, package.attachments)
    return _serialize(root)


def status_package_build(package: StatusPackage) -> bytes:
    """The edXML status package (QCVN 102 §3.3 fields in the envelope's message header)."""
    root, _envelope, header = _root()
    node = _el(header, "MessageHeader")
    _response_for(node, package.response_for)
    _organization(node, "From", package.sender)
    _el(node, "StatusCode", package.status_code)
    _el(node, "Description", package.description)
    _el(node, "Timestamp", timestamp_format(package.timestamp))
    _staff(node, package.staff)
    _traces(header, package.traces)
    return _serialize(root)
