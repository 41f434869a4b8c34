"""The registers (sổ đăng ký văn bản đi / đến, Decree 30/2020/NĐ-CP Appendix IV) of one unit and
year, as the officer may see them: outgoing documents by series and number, incoming documents
by arrival number. Secret documents appear only to the people who may see them."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from egov.accounts.models import User
from egov.common.text import fold
from egov.documents.choices import HandlingRole, NumberSeries
from egov.documents.models import Document, DocumentAssignment
from egov.documents.selectors.access import document_scope
from egov.orgs.access import scope_to_units
from egov.orgs.models import OrgUnit


def register_units_for(user: User) -> QuerySet[OrgUnit]:
    """Units whose registers ``user`` may open: those within reach."""
    return scope_to_units(OrgUnit.objects.active(), user, unit_field="self").order_by("path")


def outgoing_register(
    user: User, *, unit: OrgUnit, year: int, series: str = NumberSeries.GENERAL
) -> QuerySet[Document]:
    """The outgoing register of ``unit`` for ``year`` and ``series``, by number, with the
    recipients each document went to."""
    return (
        document_scope(user, Document.objects.issued())
        .filter(unit=unit, year=year, series=series)
        .select_related("doc_type", "drafting_unit")
        .prefetch_related("recipients")
        .order_by("number")
    )


def incoming_register_rows(user: User, *, unit: OrgUnit, year: int) -> QuerySet[Document]:
    """The incoming register of ``unit`` for ``year``, by arrival number, with the lead unit
    or person of each handling slip."""
    leads = DocumentAssignment.objects.filter(role=HandlingRole.LEAD).select_related(
        "unit", "person"
    )
    return (
        document_scope(user, Document.objects.registered())
        .filter(unit=unit, year=year)
        .select_related("doc_type")
        .prefetch_related(Prefetch("assignments", queryset=leads, to_attr="leads"))
        .order_by("arrival_number")
    )


def incoming_duplicates(
    *, unit: OrgUnit, number_notation: str, sender_name: str, sender_agency_code: str = ""
) -> list[Document]:
    """Incoming documents of ``unit``'s register with the same number and notation from the
    same issuing body (same identifier code, or the same name, accents and case aside): the
    EDMS warns the clerk before registering one twice (spec §2.7)."""
    number_notation = number_notation.strip()
    if not number_notation:
        return []
    found = (
        Document.objects.registered()
        .filter(unit=unit, number_notation=number_notation)
        .order_by("-arrived_at")
    )
    code, name = sender_agency_code.strip(), fold(sender_name.strip())
    return [
        d
        for d in found[:20]
        if (code and d.sender_agency_code == code) or fold(d.sender_name.strip()) == name
    ]
