"""Issuing outgoing documents: numbering in the unit's register, the signed PDF, and entering a
document already signed on paper into the register.

Decree 30/2020/NĐ-CP arts. 15–16 (spec §2.2, §2.7): an electronic document is numbered by the
system when it is issued; numbers run per organisation and calendar year, secret documents and
legal normative documents in their own series; number plus notation is unique within the year.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.accounts.models import User
from egov.documents import rules
from egov.documents.choices import (
    AuditAction,
    Direction,
    DocumentStatus,
    FileKind,
    NumberSeries,
    SigningMethod,
)
from egov.documents.exceptions import (
    InvalidNotation,
    InvalidSigningMethod,
    MissingAbbreviation,
    NumberTaken,
    PermissionDenied,
)
from egov.documents.models import Document, DocumentType
from egov.documents.selectors.permissions import PAPER_REGISTRARS, may_sign
from egov.documents.services import common
from egov.documents.services.files import FileIn, file_store, file_summary, files_check
from egov.documents.services.numbering import (
    VN_TZ,
    register_next_number,
    register_take_number,
)
from egov.integration.services.remote_signing import remote_credential_get
from egov.orgs.choices import Role
from egov.orgs.models import Membership, OrgUnit

logger = logging.getLogger(__name__)


def _notation_for(document: Document) -> str:
    """Build the notation or refuse with the abbreviation that is missing."""
    unit, drafting = document.unit, document.drafting_unit
    missing = rules.notation_missing(
        is_letter=document.doc_type.is_letter,
        unit_abbreviation=unit.short_name,
        drafting_abbreviation=drafting.short_name if drafting else "",
        drafting_is_issuer=drafting is None or drafting.pk == unit.pk,
    )
    if missing == "unit":
        raise MissingAbbreviation(
            _(
                "%(unit)s has no abbreviation, so the document cannot be numbered. Ask the "
                "administrator to set it."
            )
            % {"unit": unit.name}
        )
    if missing == "drafting_unit":
        if drafting is None or drafting.pk == unit.pk:
            raise MissingAbbreviation(
                _(
                    "The notation of a letter (công văn) names the division that drafted it: "
                    "draft it in a division of %(unit)s."
                )
                % {"unit": unit.name}
            )
        raise MissingAbbreviation(
            _(
                "%(unit)s has no abbreviation, so the document cannot be numbered. Ask the "
                "administrator to set it."
            )
            % {"unit": drafting.name}
        )
    return rules.notation_build(
        type_abbreviation=document.doc_type.abbreviation,
        unit_abbreviation=unit.short_name,
        drafting_abbreviation=drafting.short_name if drafting else "",
    )


def _signer_position(actor: User, document: Document) -> str:
    """The signer's position as held in the issuing unit (or over it), else the proposal."""
    for membership in (
        Membership.objects.current()
        .filter(user=actor, role=Role.UNIT_HEAD)
        .select_related("unit")
        .order_by("-unit__depth")
    ):
        if document.unit.is_within(membership.unit) and membership.position:
            return membership.position
    return document.signer_position


def _signed_pdf(document: Document) -> bytes:
    """Render the official layout and sign it with the unit's key (the signatures app)."""
    from egov.documents.render import document_pdf
    from egov.documents.signing import pdf_sign

    pdf = document_pdf(document)
    return pdf_sign(
        pdf,
        unit=document.unit,
        signer_name=document.signer_name,
        reason=f"Ký ban hành văn bản số {document.number_notation}",
        location=document.place or document.unit.name,
    )


def _remote_signed_pdf(document: Document, *, actor: User, otp: str, credential: Any) -> bytes:
    """Render the official layout and sign it with the signer's own certificate at the
    remote-signing service, confirmed by the code their phone shows."""
    from egov.documents.render import document_pdf
    from egov.documents.signing import pdf_sign_remote

    return pdf_sign_remote(
        document_pdf(document),
        actor=actor,
        credential=credential,
        unit=document.unit,
        signer_name=document.signer_name,
        reason=f"Ký ban hành văn bản số {document.number_notation}",
        location=document.place or document.unit.name,
        otp=otp,
        issue=document.number_notation,
    )


def document_sign_and_issue(
    *,
    actor: User,
    document: Document,
    expected_version: int | None,
    method: str = SigningMethod.UNIT_KEY,
    otp: str = "",
) -> Document:
    """The head of the issuing unit signs an approved draft: it gets the next number of the
    unit's register for the year of the issue day (Vietnam time), its notation, the signed PDF
    (the legal original) and the status issued.

    The register row stays locked until the transaction ends, so numbers are consecutive even
    when two documents are issued at the same second; if anything fails (no abbreviation, no
    signing key) nothing is written and no number is used.

    ``method``: the unit's key (default), or ``remote``: the signer's own certificate at a
    certification authority's remote-signing service (Cloud Signature Consortium API, through
    ``egov.integration``), confirmed with the code ``otp`` their phone shows; the request log
    keeps each call to the service, the audit entry the method."""
    if method not in SigningMethod.values:
        message = _("Choose how to sign.")
        raise InvalidSigningMethod(message, fields={"method": message})
    credential = None
    if method == SigningMethod.REMOTE:
        # the signer's certificate first, outside the transaction: the request log keeps the
        # call even when the service cannot be reached (the hash is signed inside, once the
        # number is taken, and a refusal there rolls back with the issue); only a signer asks
        if not may_sign(actor, document):
            raise PermissionDenied(
                _("Only the head of %(unit)s can sign this document.")
                % {"unit": document.unit.name}
            )
        credential = remote_credential_get(actor=actor, user_id=actor.email)
    with transaction.atomic():
        document = common.document_lock(document.pk)
        common.document_check(document, expected_version, "sign_issue")
        if not may_sign(actor, document):
            raise PermissionDenied(
                _("Only the head of %(unit)s can sign this document.")
                % {"unit": document.unit.name}
            )
        notation = _notation_for(document)
        issued_on, year = rules.register_year(timezone.now(), VN_TZ)
        series = rules.series_for(
            is_secret=document.is_secret, is_legal_normative=document.doc_type.is_legal_normative
        )
        number = register_next_number(unit=document.unit, series=series, year=year)
        number_notation = rules.number_notation(number, notation)
        fields = {
            "number": number,
            "notation": notation,
            "number_notation": number_notation,
            "year": year,
            "series": series,
            "issued_on": issued_on,
            "signer": actor,
            "signer_name": actor.full_name[:50],
            "signer_position": _signer_position(actor, document),
            "exchange_document_id": _exchange_id(document.unit, issued_on, number_notation),
            "signing_method": method,
        }
        for name, value in fields.items():  # the layout shows them; saved with the status
            setattr(document, name, value)
        signed = file_store(
            document=document,
            actor=actor,
            item=FileIn(
                name=f"{number_notation.replace('/', '_')}.pdf",
                content=(
                    _remote_signed_pdf(document, actor=actor, otp=otp, credential=credential)
                    if method == SigningMethod.REMOTE
                    else _signed_pdf(document)
                ),
                content_type="application/pdf",
                kind=FileKind.SIGNED,
            ),
        )
        common.document_update(
            actor=actor,
            document=document,
            transition="sign_issue",
            action=AuditAction.ISSUED,
            fields=fields,
            changes={
                "number_notation": number_notation,
                "series": series,
                "year": year,
                "issued_on": issued_on.isoformat(),
                "signer": document.signer_name,
                "signing_method": method,
                "signed_file": file_summary([signed]),
            },
        )
    logger.info(
        "documents.issued",
        extra={
            "document": document.pk,
            "unit": document.unit_id,
            "number_notation": number_notation,
        },
    )
    return document


def _exchange_id(unit: OrgUnit, issued_on: datetime.date, number_notation: str) -> str:
    if not unit.agency_code:
        return ""
    return rules.exchange_document_id(
        agency_code=unit.agency_code, issued_on=issued_on, number_notation=number_notation
    )


def _check_paper_entry(
    unit: OrgUnit, doc_type: DocumentType, number: int, notation: str, issued_on: datetime.date
) -> str:
    problems = rules.notation_problems(
        notation, type_abbreviation=doc_type.abbreviation, unit_abbreviation=unit.short_name
    )
    messages = {
        "format": _(
            "“%(notation)s” is not a notation: abbreviations joined by hyphens, e.g. QĐ-UBND."
        ),
        "type": _("The notation of this type starts with %(abbreviation)s, not “%(notation)s”."),
        "issuer": _(
            "The issuing unit's abbreviation in the notation must be "
            "%(abbreviation)s (“%(notation)s”)."
        ),
    }
    if problems:
        text = " ".join(messages[p.code] % p.params for p in problems)
        raise InvalidNotation(text, fields={"notation": text})
    if number < 1:
        raise InvalidNotation(
            _("Document numbers start at 1."), fields={"number": _("Document numbers start at 1.")}
        )
    if issued_on > timezone.now().astimezone(VN_TZ).date():
        message = _("The date of issue cannot be in the future.")
        raise InvalidNotation(message, fields={"issued_on": message})
    return rules.number_notation(number, notation)


def document_register_issued(
    *,
    actor: User | None,
    unit: OrgUnit,
    doc_type: DocumentType,
    number: int,
    notation: str,
    issued_on: datetime.date,
    subject: str,
    signer_name: str,
    signer_position: str,
    field: str = "",
    body: str = "",
    files: Sequence[FileIn] = (),
) -> Document:
    """Enter a document signed on paper into the outgoing register of ``unit`` with the number
    it was given (Decree 30/2020 art. 15: paper documents are numbered after signing). The
    notation is checked against the type's and the unit's abbreviations; a number already used
    in the register and year is refused, and the counter moves up to it so the next electronic
    number follows. ``actor=None`` is the system (imports, demo data)."""
    if actor is not None and not common.acts_for(actor, unit, PAPER_REGISTRARS):
        raise PermissionDenied(
            _("Only the clerk or the head of %(unit)s can enter documents in its register.")
            % {"unit": unit.name}
        )
    notation = notation.strip()
    number_notation = _check_paper_entry(unit, doc_type, number, notation, issued_on)
    subject = (subject or "").strip()
    if not subject:
        message = _("Give the summary (trích yếu) of the document.")
        raise InvalidNotation(message, code="subject_required", fields={"subject": message})
    files_check(files)
    series = NumberSeries.LEGAL if doc_type.is_legal_normative else NumberSeries.GENERAL
    with transaction.atomic():
        register_take_number(unit=unit, series=series, year=issued_on.year, number=number)
        if (
            Document.objects.issued()
            .filter(unit=unit, series=series, year=issued_on.year, number=number)
            .exists()
        ):
            message = _("Number %(number)s of %(year)s is already used in this register.") % {
                "number": rules.number_text(number),
                "year": issued_on.year,
            }
            raise NumberTaken(message, fields={"number": message})
        document = Document(
            direction=Direction.OUTGOING,
            status=DocumentStatus.ISSUED,
            doc_type=doc_type,
            unit=unit,
            number=number,
            notation=notation,
            number_notation=number_notation,
            year=issued_on.year,
            series=series,
            issued_on=issued_on,
            subject=subject,
            body=body,
            field=field,
            signer_name=signer_name[:50],
            signer_position=signer_position[:100],
            created_by=actor,
            exchange_document_id=_exchange_id(unit, issued_on, number_notation),
        )
        for name, value in common.search_fields(document).items():
            setattr(document, name, value)
        document.save()
        stored = [file_store(document=document, item=item, actor=actor) for item in files]
        common.record(
            actor,
            AuditAction.REGISTERED_ISSUED,
            document,
            {
                "status": DocumentStatus.ISSUED,
                "number_notation": number_notation,
                "issued_on": issued_on.isoformat(),
                "signer": signer_name,
                "files": file_summary(stored),
            },
        )
    return document
