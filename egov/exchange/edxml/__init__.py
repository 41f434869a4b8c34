"""edXML packages of QCVN 102:2016/BTTTT: build, parse and validate. Pure: no database."""

from egov.exchange.edxml.build import document_package_build, status_package_build
from egov.exchange.edxml.constants import NS, STATUS_CODES
from egov.exchange.edxml.errors import PackageError
from egov.exchange.edxml.model import (
    Attachment,
    DocumentPackage,
    Organization,
    Package,
    ResponseFor,
    StaffInfo,
    StatusPackage,
    Trace,
)
from egov.exchange.edxml.parse import Limits, package_parse
from egov.exchange.edxml.values import (
    date_format,
    date_parse,
    document_id_compose,
    document_id_split,
    is_agency_code,
    timestamp_format,
    timestamp_parse,
)

__all__ = [
    "NS",
    "STATUS_CODES",
    "Attachment",
    "DocumentPackage",
    "Limits",
    "Organization",
    "Package",
    "PackageError",
    "ResponseFor",
    "StaffInfo",
    "StatusPackage",
    "Trace",
    "date_format",
    "date_parse",
    "document_id_compose",
    "document_id_split",
    "document_package_build",
    "is_agency_code",
    "package_parse",
    "status_package_build",
    "timestamp_format",
    "timestamp_parse",
]
