"""Names and limits of the edXML package of QCVN 102:2016/BTTTT (Circular 10/2016/TT-BTTTT).

Element names are those on the wire, including the standard's spelling ``Bussiness``. Limits
are the maximum lengths a public edXML validator applies (shared/domain/vn-egov-spec.md §3.2).
"""

from __future__ import annotations

NS = "http://www.mic.gov.vn/TBT/QCVN_102_2016"
XLINK_NS = "http://www.w3.org/1999/xlink"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
XSD_NS = "http://www.w3.org/2001/XMLSchema"
SOAP_ACTOR_NEXT = "http://schemas.xmlsoap.org/soap/actor/next"
PREFIX = "edXML"

# What we write. Readers accept dd/MM/yyyy as well (see ``edxml.values``).
DATE_FORMAT = "%Y/%m/%d"
TIMESTAMP_FORMAT = "%Y/%m/%d %H:%M:%S"

# QCVN 102 status codes (§3.3): 01 arrived … 06 completed, 13 withdrawn, 15/16 change answered.
STATUS_CODES = ("01", "02", "03", "04", "05", "06", "13", "15", "16")
PRIORITIES = range(0, 5)  # 0 normal, 1 urgent, 2 very urgent, 3 express, 4 express timed
# DocumentType/Type: packages in use carry the type's number in Decree 30/2020 art. 7 (1 Nghị
# quyết … 18 công văn … 29 thư công; egov/documents/data/document_types.json, confidence low);
# a public validator allows only 1 and 2 (1 legal normative, 2 administrative) [U, spec §3.2].
DOCUMENT_TYPES = tuple(range(1, 30))
STEERING_TYPES = range(0, 4)  # values [U]: 1 not steering, 2 steering, 3 steering report
BUSINESS_DOC_TYPES = range(0, 4)  # 0 new, 1 revocation, 2 update, 3 replacement
BUSINESS_NEW = 0

MAX_LENGTH = {
    "OrganName": 200,
    "OrganizationInCharge": 200,
    "OrganAdd": 250,
    "Email": 100,
    "Telephone": 20,
    "Fax": 20,
    "Website": 100,
    "CodeNumber": 11,
    "CodeNotation": 30,
    "Place": 50,
    "TypeName": 100,
    "Subject": 500,
    "Content": 500,
    "Competence": 100,
    "Position": 100,
    "FullName": 50,
    "ToPlace": 150,
    "SphereOfPromulgation": 100,
    "TyperNotation": 10,
    "Appendix": 250,
    "DocumentId": 100,
    "Code": 45,
    "Description": 1000,
    "BussinessDocReason": 500,
    "Department": 200,
    "Staff": 100,
    "Mobile": 20,
    "AttachmentName": 200,
    "AttachmentDescription": 500,
    "ContentType": 100,
    "ContentId": 100,
}
