"""Files of dossiers, handled so that what is stored is what it claims to be.

Each file goes through the one intake, :func:`egov.common.files.file_check`, accepting PDF,
JPEG and PNG. On top of it, dossiers over ``EGOV_DOSSIER_MAX_BYTES`` or
``EGOV_DOSSIER_MAX_FILES`` are refused. Files are stored under a generated name with their
SHA-256; the user's file name is kept only for display. Settings are read at each call.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from egov.accounts.models import User
from egov.audit.services import event_record
from egov.common.exceptions import DomainError
from egov.common.files import JPEG, PDF, PNG, FileRefused, accepting, file_check, megabytes
from egov.integration.services import personal_store_fetch
from egov.onestop.choices import AuditAction, DossierFileKind, DossierStatus
from egov.onestop.models import Dossier, DossierFile, RequiredDocument
from egov.onestop.services.dossier_state import WrongDossierState, dossier_lock
from egov.onestop.services.online import applicant_require

ACCEPTED = accepting({PDF, JPEG, PNG}, gettext_lazy("Only PDF, JPEG and PNG files are accepted."))
# Which kind of file the applicant may add in which status.
APPLICANT_KINDS = {
    DossierFileKind.APPLICATION: DossierStatus.DRAFT,
    DossierFileKind.SUPPLEMENT: DossierStatus.SUPPLEMENT_REQUESTED,
}


def _display_name(name: str | None) -> str:
    """The user's file name for display only: no path, no control characters."""
    base = PurePath((name or "").replace("\\", "/")).name
    cleaned = "".join(ch for ch in base if ch.isprintable()).strip()
    return cleaned[-255:] or "file"


def _dossier_limits_check(dossier: Dossier, size: int) -> None:
    files = DossierFile.objects.filter(dossier=dossier)
    max_files = settings.EGOV_DOSSIER_MAX_FILES
    if files.count() >= max_files:
        raise FileRefused(
            _("A dossier may have at most %(count)s files.") % {"count": max_files},
            code="dossier_too_many_files",
        )
    total = files.aggregate(total=Sum("size"))["total"] or 0
    limit = settings.EGOV_DOSSIER_MAX_BYTES
    if total + size > limit:
        raise FileRefused(
            _("The files of a dossier may not exceed %(size)s MB in total.")
            % {"size": megabytes(limit)},
            code="dossier_too_big",
        )


def _applicant_draft_check(actor: User, size: int) -> None:
    """A public account adds files to its drafts only once its e-mail address or phone number
    is confirmed, and all its drafts together hold at most ``EGOV_DRAFT_BYTES_PER_ACCOUNT``."""
    if not actor.contact_verified:
        raise FileRefused(
            _(
                "Confirm your e-mail address or phone number before adding files: open the "
                "link we sent you (Account, Confirm your e-mail or phone)."
            ),
            code="contact_not_verified",
        )
    held = (
        DossierFile.objects.filter(
            dossier__applicant=actor, dossier__status=DossierStatus.DRAFT
        ).aggregate(total=Sum("size"))["total"]
        or 0
    )
    limit = settings.EGOV_DRAFT_BYTES_PER_ACCOUNT
    if held + size > limit:
        raise FileRefused(
            _(
                "Your draft dossiers may hold at most %(size)s MB of files together: submit "
                "or withdraw a draft first."
            )
            % {"size": megabytes(limit)},
            code="drafts_too_big",
        )


def _document_check(dossier: Dossier, required_document: RequiredDocument | None) -> None:
    if required_document is not None and required_document.procedure_id != dossier.procedure_id:
        message = _("This document does not belong to the dossier's procedure.")
        raise DomainError(message, code="wrong_document", fields={"required_document": message})


def dossier_file_store(
    *,
    actor: Any,
    dossier: Dossier,
    upload: Any,
    kind: str,
    required_document: RequiredDocument | None = None,
    personal_store_code: str = "",
) -> DossierFile:
    """Check and store one file of ``dossier`` (no permission or status check: callers do
    that). Must run inside the caller's transaction, with the dossier locked. Audited.
    ``personal_store_code`` is the code of the paper when the file came from the applicant's
    personal data store on the national portal."""
    _document_check(dossier, required_document)
    sniffed = file_check(upload, accept=ACCEPTED)
    _dossier_limits_check(dossier, sniffed.size)
    stored = DossierFile(
        dossier=dossier,
        kind=kind,
        required_document=required_document,
        original_name=_display_name(getattr(upload, "name", "")),
        content_type=sniffed.content_type,
        size=sniffed.size,
        sha256=sniffed.sha256,
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
        personal_store_code=personal_store_code,
    )
    stored.file.save(f"{uuid.uuid4().hex}.{sniffed.extension}", File(upload), save=False)
    stored.save()
    event_record(
        actor=actor,
        action=AuditAction.DOSSIER_FILE_ADDED,
        obj=dossier,
        changes={
            "file": stored.pk,
            "kind": kind,
            "content_type": sniffed.content_type,
            "size": sniffed.size,
            "sha256": sniffed.sha256,
            "required_document": required_document.pk if required_document else None,
            **({"personal_store_code": personal_store_code} if personal_store_code else {}),
        },
    )
    return stored


def _kind_allowed_check(dossier: Dossier, kind: str) -> None:
    needed = APPLICANT_KINDS.get(kind)
    if needed is None or dossier.status != needed:
        raise WrongDossierState(_("Files cannot be added to the dossier now."))


def dossier_file_upload(
    *,
    actor: User,
    dossier: Dossier,
    upload: Any,
    required_document: RequiredDocument | None = None,
    kind: str = DossierFileKind.APPLICATION,
) -> DossierFile:
    """The applicant adds a file: application documents while a draft, supplementary ones
    while the desk waits for the completed dossier (Decree 61/2018/NĐ-CP art. 19)."""
    applicant_require(actor, dossier)
    with transaction.atomic():
        locked = dossier_lock(dossier.pk)
        _kind_allowed_check(locked, kind)
        if locked.status == DossierStatus.DRAFT:
            _applicant_draft_check(actor, getattr(upload, "size", 0) or 0)
        return dossier_file_store(
            actor=actor,
            dossier=locked,
            upload=upload,
            kind=kind,
            required_document=required_document,
        )


def dossier_file_from_personal_store(
    *,
    actor: User,
    dossier: Dossier,
    code: str,
    assurance_level: int,
    required_document: RequiredDocument | None = None,
) -> DossierFile:
    """The applicant attaches a paper of their personal data store on the national portal to
    their draft (after a national identity login): the adapter fetches its file, which goes
    through the same intake as an upload and is marked as taken from the store (Decision
    766/QĐ-TTg 4.4, ``DuocLayTuKhoDMQG``)."""
    applicant_require(actor, dossier)
    _document_check(dossier, required_document)
    _kind_allowed_check(dossier, DossierFileKind.APPLICATION)
    # the national portal is asked before the dossier is locked: its wait holds no row lock
    paper = personal_store_fetch(
        actor=actor, assurance_level=assurance_level, code=code, issue=dossier.procedure.code
    )
    upload = ContentFile(paper.content, name=paper.file_name)
    with transaction.atomic():
        locked = dossier_lock(dossier.pk)
        _kind_allowed_check(locked, DossierFileKind.APPLICATION)
        _applicant_draft_check(actor, upload.size)
        return dossier_file_store(
            actor=actor,
            dossier=locked,
            upload=upload,
            kind=DossierFileKind.APPLICATION,
            required_document=required_document,
            personal_store_code=paper.code,
        )


def dossier_file_remove(*, actor: User, file: DossierFile) -> None:
    """The applicant removes a file from their draft (the stored bytes go too)."""
    applicant_require(actor, file.dossier)
    with transaction.atomic():
        locked = dossier_lock(file.dossier_id)
        if locked.status != DossierStatus.DRAFT:
            raise WrongDossierState(_("Files can be removed only from a draft."))
        name, storage = file.file.name, file.file.storage
        event_record(
            actor=actor,
            action=AuditAction.DOSSIER_FILE_REMOVED,
            obj=locked,
            changes={"file": file.pk, "sha256": file.sha256},
        )
        file.delete()
        transaction.on_commit(lambda: storage.delete(name))


def dossier_supplement_upload(*, actor: User, dossier: Dossier, uploads: Sequence[Any]) -> Dossier:
    """The applicant sends the files asked for by the supplement request (Phiếu yêu cầu bổ
    sung, Mẫu 02) and the dossier goes back to the desk: all files or none are stored, then
    the desk's ``dossier_supplement_received`` resumes the dossier (Decree 61/2018 art. 19)."""
    from egov.onestop.services.processing import dossier_supplement_received

    applicant_require(actor, dossier)
    if not uploads:
        message = _("Choose at least one file to send.")
        raise FileRefused(message, code="no_file")
    with transaction.atomic():
        locked = dossier_lock(dossier.pk)
        _kind_allowed_check(locked, DossierFileKind.SUPPLEMENT)
        for upload in uploads:
            dossier_file_store(
                actor=actor, dossier=locked, upload=upload, kind=DossierFileKind.SUPPLEMENT
            )
        return dossier_supplement_received(actor=actor, dossier=locked)
