"""Field-by-field reading of an edXML tree that collects every problem with the path of the
field it concerns ("To[2].OrganId"), so a sender learns all of them from one answer."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Container

from django.utils.translation import gettext as _
from lxml import etree

from egov.exchange.edxml.constants import MAX_LENGTH, NS
from egov.exchange.edxml.model import Organization, ResponseFor, StaffInfo, Trace
from egov.exchange.edxml.values import (
    date_parse,
    document_id_split,
    is_agency_code,
    timestamp_parse,
)

Node = etree._Element | None
ECHO = 60  # characters of a bad value repeated in an error message


def local_name(node: etree._Element) -> str:
    return etree.QName(node).localname if isinstance(node.tag, str) else ""


def _ours(node: etree._Element, name: str) -> bool:
    """An element named ``name`` in the QCVN namespace or in none (both occur on the wire)."""
    if not isinstance(node.tag, str):
        return False
    qname = etree.QName(node)
    return qname.localname == name and qname.namespace in (NS, None)


def find(parent: Node, name: str) -> Node:
    if parent is None:
        return None
    return next((child for child in parent if _ours(child, name)), None)


def find_all(parent: Node, name: str) -> list[etree._Element]:
    return [] if parent is None else [child for child in parent if _ours(child, name)]


def text_of(node: Node) -> str:
    return "" if node is None else "".join(node.itertext()).strip()


def _echo(value: str) -> str:
    return value if len(value) <= ECHO else f"{value[:ECHO]}…"


class Reader:
    """Reads values and remembers the first problem of each field."""

    def __init__(self, *, today: datetime.date) -> None:
        self.today = today
        self.errors: dict[str, str] = {}

    def fail(self, path: str, message: str) -> None:
        self.errors.setdefault(path, str(message))

    def node(self, parent: Node, name: str, path: str, *, required: bool = False) -> Node:
        found = find(parent, name)
        if found is None and required and parent is not None:
            self.fail(path, _("This element is required."))
        return found

    def text(
        self,
        parent: Node,
        name: str,
        path: str,
        *,
        required: bool = False,
        limit: str | None = None,
    ) -> str:
        """The text of child ``name``; a missing parent was already reported, so it is not."""
        if parent is None:
            return ""
        value = text_of(find(parent, name))
        if required and not value:
            self.fail(path, _("This field is required."))
        maximum = MAX_LENGTH.get(limit or name)
        if maximum and len(value) > maximum:
            self.fail(
                path,
                _("At most %(limit)d characters are allowed (%(length)d given).")
                % {"limit": maximum, "length": len(value)},
            )
        return value

    def texts(
        self, container: Node, name: str, path: str, *, limit: str | None = None
    ) -> tuple[str, ...]:
        """The non-empty texts of the repeated children ``name`` of ``container``."""
        values = []
        for index, node in enumerate(find_all(container, name), start=1):
            value = text_of(node)
            maximum = MAX_LENGTH.get(limit or name)
            if maximum and len(value) > maximum:
                self.fail(
                    f"{path}.{name}[{index}]",
                    _("At most %(limit)d characters are allowed (%(length)d given).")
                    % {"limit": maximum, "length": len(value)},
                )
            if value:
                values.append(value)
        return tuple(values)

    def integer(
        self,
        parent: Node,
        name: str,
        path: str,
        *,
        allowed: Container[int] | None,
        required: bool = False,
    ) -> int | None:
        raw = self.text(parent, name, path, required=required)
        if not raw:
            return None
        try:
            value = int(raw)
        except ValueError:
            self.fail(path, _("Not a whole number: %(value)s") % {"value": _echo(raw)})
            return None
        if value < 0 or (allowed is not None and value not in allowed):
            self.fail(path, _("%(value)s is not an allowed value here.") % {"value": value})
            return None
        return value

    def _parsed(
        self, parent: Node, name: str, path: str, parse: Callable, *, required: bool, message: str
    ) -> object | None:
        raw = self.text(parent, name, path, required=required)
        if not raw:
            return None
        try:
            return parse(raw)
        except ValueError:
            self.fail(path, message % {"value": _echo(raw)})
            return None

    def date(
        self,
        parent: Node,
        name: str,
        path: str,
        *,
        required: bool = False,
        not_future: bool = False,
    ) -> datetime.date | None:
        value = self._parsed(
            parent,
            name,
            path,
            date_parse,
            required=required,
            message=_("Not a readable date (expected yyyy/MM/dd or dd/MM/yyyy): %(value)s"),
        )
        if value is not None and not_future and value > self.today:
            self.fail(path, _("The date lies in the future."))
        return value

    def timestamp(
        self, parent: Node, name: str, path: str, *, required: bool = False
    ) -> datetime.datetime | None:
        return self._parsed(
            parent,
            name,
            path,
            timestamp_parse,
            required=required,
            message=_("Not a readable time (expected yyyy/MM/dd HH:mm:ss): %(value)s"),
        )

    def agency(self, parent: Node, name: str, path: str) -> str:
        value = self.text(parent, name, path, required=True)
        if value and not is_agency_code(value):
            self.fail(
                path,
                _("Not an identifier code of the form 000.00.00.H26: %(value)s")
                % {"value": _echo(value)},
            )
        return value

    def organization(self, node: Node, path: str) -> Organization:
        fields = (
            "OrganName",
            "OrganizationInCharge",
            "OrganAdd",
            "Email",
            "Telephone",
            "Fax",
            "Website",
        )
        values = [self.text(node, name, f"{path}.{name}") for name in fields]
        return Organization(self.agency(node, "OrganId", f"{path}.OrganId"), *values)

    def staff(self, node: Node, path: str) -> StaffInfo | None:
        if node is None:
            return None
        return StaffInfo(
            *(
                self.text(node, name, f"{path}.{name}")
                for name in ("Department", "Staff", "Mobile", "Email")
            )
        )

    def document_id(self, parent: Node, path: str) -> str:
        value = self.text(parent, "DocumentId", path, required=True)
        if value:
            try:
                document_id_split(value)
            except ValueError:
                self.fail(
                    path,
                    _(
                        "Not a document id of the form "
                        "<identifier code>,<yyyy/MM/dd>,<number/notation>: "
                        "%(value)s"
                    )
                    % {"value": _echo(value)},
                )
        return value

    def response_for(self, node: Node, path: str) -> ResponseFor:
        return ResponseFor(
            organ_id=self.agency(node, "OrganId", f"{path}.OrganId"),
            code=self.text(node, "Code", f"{path}.Code"),
            promulgation_date=self.date(node, "PromulgationDate", f"{path}.PromulgationDate"),
            document_id=self.document_id(node, f"{path}.DocumentId"),
        )

    def traces(self, trace_list: Node) -> tuple[Trace, ...]:
        hops = []
        for index, node in enumerate(find_all(trace_list, "TraceHeader"), start=1):
            path = f"TraceHeaderList.TraceHeader[{index}]"
            organ_id = self.agency(node, "OrganId", f"{path}.OrganId")
            moment = self.timestamp(node, "Timestamp", f"{path}.Timestamp", required=True)
            if moment is not None:
                hops.append(Trace(organ_id, moment))
        return tuple(hops)
