"""The cover letter (công văn) a press release is sent with: a document of the registry,
drafted through its services, that goes the registry's way (review, signature, its own number
and notation, sending). Recipients quote the letter's number; the release travels attached to
it."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from egov.audit.services import event_record
from egov.audit.versioned import row_lock, version_check
from egov.common.exceptions import DomainError
from egov.directives.choices import AuditAction, ReleaseStatus
from egov.directives.models import PressRelease
from egov.directives.press.render import press_release_docx
from egov.directives.press.rules import committee_name, cover_letter_text, title_parts
from egov.directives.press.services import release_number_take, require_office
from egov.documents.choices import FileKind
from egov.documents.models import Document, DocumentType
from egov.documents.services import FileIn, document_draft_create
from egov.orgs.models import OrgUnit

LETTER_TYPE = "cong-van"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def press_release_cover_letter_create(
    *, actor: Any, release: PressRelease, drafting_unit: OrgUnit, expected_version: int | None
) -> Document:
    """Draft the cover letter of ``release`` in its unit's register, drafted by
    ``drafting_unit`` (the registry decides who may draft there and numbers the letter when it
    is signed), with the release attached as DOCX and the release's recipients. A release not
    numbered yet is numbered first, since the letter cites it. A release has one cover letter:
    asking again returns it."""
    require_office(actor, release.unit)
    with transaction.atomic():
        locked = row_lock(
            PressRelease.objects.select_related("unit__parent", "cover_letter"), release.pk
        )
        if locked.cover_letter is not None:
            return locked.cover_letter
        if expected_version is not None:
            version_check(locked, expected_version)
        if not locked.number_notation:
            if locked.status != ReleaseStatus.DRAFT:
                raise DomainError(_("This press release has no number."), code="no_number")
            release_number_take(actor, locked)
        letter = _letter_draft(actor, locked, drafting_unit)
        locked.cover_letter = letter
        locked.version += 1
        locked.save(update_fields=["number_notation", "issued_on", "cover_letter", "version"])
        event_record(
            actor=actor,
            action=AuditAction.PRESS_RELEASE_COVER_LETTER_DRAFTED,
            obj=locked,
            changes={"cover_letter": letter.pk, "number_notation": locked.number_notation},
        )
    return letter


def _letter_draft(actor: Any, release: PressRelease, drafting_unit: OrgUnit) -> Document:
    _heading, about = title_parts(release.title)
    subject, body = cover_letter_text(
        committee=committee_name(name=release.unit.name, kind=release.unit.kind),
        number_notation=release.number_notation,
        issued_on=release.issued_on,
        about=about,
    )
    attachment = FileIn(
        name=f"thong-cao-bao-chi-{release.number_notation.replace('/', '-')}.docx",
        content=press_release_docx(release),
        content_type=DOCX,
        kind=FileKind.ATTACHMENT,
    )
    return document_draft_create(
        actor=actor,
        drafting_unit=drafting_unit,
        unit=release.unit,
        doc_type=DocumentType.objects.get(code=LETTER_TYPE),
        subject=subject,
        body=body,
        recipients_text=release.recipients_text,
        files=[attachment],
    )
