"""The layout data of an official document: every printed line computed once from the
document, so the DOCX and the PDF show exactly the same text (Decree 30/2020 Appendix I)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from egov.documents.models import Document
from egov.documents.render import formats
from egov.orgs.levels import ADMINISTRATIVE_KINDS, administrative_unit
from egov.orgs.models import OrgUnit
from egov.orgs.selectors import orgunit_name_on


@dataclass(frozen=True)
class LayoutSection:
    """A numbered part of the content under a bold headline (e.g. one directive of a press
    release), its paragraphs printed like the body's."""

    headline: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class OfficialLayout:
    """The printed components, by box of Decree 30/2020 Appendix I (numbers in comments)."""

    national_title: str  # 1
    motto: str  # 1
    superior_body: str  # 2, empty when the issuing body has none printed
    issuing_body: tuple[str, ...]  # 2
    number_line: str  # 3
    date_line: str  # 4
    type_name: str  # 5a, empty for a công văn
    subject: str  # 5a: the summary under the type name
    letter_subject: str  # 5b: "V/v …" under the number of a công văn
    addressees: tuple[str, ...]  # 9a
    grounds: tuple[str, ...]  # 6 (căn cứ, italic)
    body: tuple[str, ...]  # 6
    authority: tuple[str, ...]  # 7a
    position: str  # 7a
    signer_name: str  # 7b
    recipients: tuple[str, ...]  # 9b
    secrecy_mark: str  # 10a
    urgency_mark: str  # 10b
    title: str  # PDF/DOCX metadata title
    sections: tuple[LayoutSection, ...] = ()  # 6, after the body

    @property
    def is_letter(self) -> bool:
        return not self.type_name

    @property
    def addressee_label(self) -> str:
        return formats.ADDRESSEE_LABEL

    @property
    def recipients_label(self) -> str:
        return formats.RECIPIENTS_LABEL


def _issuer_abbreviation(unit: OrgUnit) -> str:
    if unit.short_name:
        return unit.short_name
    return formats.PEOPLES_COMMITTEE_SHORT if unit.kind in ADMINISTRATIVE_KINDS else ""


def _day_and_year(document: Document) -> tuple[datetime.date | None, int, datetime.date]:
    """The date printed (None for an undated draft), the year, and the day whose unit names
    apply (the issue date, else today)."""
    today = timezone.localdate()
    day = document.issued_on
    year = day.year if day else (document.year or today.year)
    return day, year, day or today


def header_lines(unit: OrgUnit, name_day: datetime.date) -> tuple[str, tuple[str, ...]]:
    """The superior body line (empty when none is printed) and the issuing body lines of a
    document issued by ``unit``, with the names in force on ``name_day`` (box 2)."""
    issuing = formats.issuing_body_lines(orgunit_name_on(unit, name_day), unit.kind)
    parent = unit.parent
    superior = ""
    if parent is not None and unit.kind not in ADMINISTRATIVE_KINDS:
        superior = formats.superior_body_line(orgunit_name_on(parent, name_day), parent.kind)
    return superior, issuing


def _number_line(document: Document) -> str:
    drafting = document.drafting_unit
    notation = document.notation or formats.notation_predict(
        type_abbreviation=document.doc_type.abbreviation,
        issuer_abbreviation=_issuer_abbreviation(document.unit),
        drafting_abbreviation=drafting.short_name if drafting else "",
    )
    return formats.number_line(
        number_notation=document.number_notation, number=document.number, notation=notation
    )


def layout_build(document: Document) -> OfficialLayout:
    """Compute every printed line of ``document`` (its own fields, its type, its unit, the
    unit's parent and its drafting unit)."""
    day, year, name_day = _day_and_year(document)
    superior, issuing = header_lines(document.unit, name_day)
    place = document.place or formats.place_name(
        orgunit_name_on(administrative_unit(document.unit), name_day)
    )
    is_letter = document.doc_type.is_letter
    subject = " ".join(document.subject.split())
    drafting = document.drafting_unit
    return OfficialLayout(
        national_title=formats.NATIONAL_TITLE,
        motto=formats.MOTTO,
        superior_body=superior,
        issuing_body=issuing,
        number_line=_number_line(document),
        date_line=formats.date_line(place, day, year=year),
        type_name="" if is_letter else formats.caps(document.doc_type.name),
        subject="" if is_letter else subject,
        letter_subject=formats.letter_subject_line(subject) if is_letter else "",
        addressees=formats.addressee_lines(document.addressees),
        grounds=formats.grounds_lines(document.grounds),
        body=formats.text_lines(document.body),
        authority=formats.authority_lines(document.signing_authority, document.authority_line),
        position=formats.caps(document.signer_position),
        signer_name=" ".join(document.signer_name.split()),
        recipients=formats.recipient_lines(
            document.recipients_text, archive_unit=drafting.short_name if drafting else ""
        ),
        secrecy_mark=formats.SECRECY_MARKS.get(document.secrecy, ""),
        urgency_mark=formats.URGENCY_MARKS.get(document.urgency, ""),
        title=" ".join(part for part in (document.number_notation, subject) if part),
    )
