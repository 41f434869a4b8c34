"""The applicant signs their online application from their phone.

The platform renders the application form (the printing module's ``application`` kind, built
from the online form's data), and the applicant signs it with their own certificate at a
certification authority's remote-signing service (Cloud Signature Consortium API, through
integration's adapter), confirming with the code their phone shows; documents' one remote
signing path (``pdf_sign_remote``: pyHanko's interrupted signing around an external signer)
embeds the returned signature. The signed PDF is kept as a file of the dossier (kind
``signed_form``, through the one file intake) and the dossier is marked as signed remotely
(``Dossier.application_signing_method``), which the figure ``onestop.dossiers_signed_mobile``
counts (the plans: 20 % of online services signed with a mobile digital signature).

Signing happens on the draft, before submission: a later change of the form's data removes
the signature (``online._draft_update``), since the signed PDF no longer says what the
dossier says. A failure (wrong code, service down or answering garbage) changes nothing.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.accounts.models import User
from egov.audit.services import event_record
from egov.documents.choices import SigningMethod
from egov.documents.signing import pdf_sign_remote
from egov.integration.services.remote_signing import RemoteCredential, remote_credential_get
from egov.onestop.choices import AuditAction, DossierFileKind, DossierStatus
from egov.onestop.models import Dossier, DossierFile
from egov.onestop.services.dossier_state import WrongDossierState, dossier_lock
from egov.onestop.services.online import applicant_require
from egov.onestop.services.uploads import dossier_file_store

SIGNED_NAME = "don-de-nghi-da-ky-so.pdf"


def _signer_id(dossier: Dossier, actor: User) -> str:
    """Who the applicant is at the certification authority: Vietnamese remote-signing
    services enrol subscribers by their personal ID (or a business by its tax code); the
    account's e-mail address when the dossier has none. [Unconfirmed per service.]"""
    return dossier.applicant_id_number or actor.email or actor.phone or str(actor.pk)


def _draft_require(dossier: Dossier) -> None:
    if dossier.status != DossierStatus.DRAFT:
        raise WrongDossierState(
            _("The application can be signed only before the dossier is submitted.")
        )


def application_signed_file(dossier: Dossier) -> DossierFile | None:
    """The applicant's signed application of ``dossier`` (the latest), or None."""
    return (
        DossierFile.objects.filter(dossier=dossier, kind=DossierFileKind.SIGNED_APPLICATION)
        .order_by("-uploaded_at", "-pk")
        .first()
    )


def application_credential_get(*, actor: User, dossier: Dossier) -> RemoteCredential:
    """The applicant's credential at the remote-signing service, to show before they confirm.
    Raises integration's errors (no credential there, service unavailable)."""
    applicant_require(actor, dossier)
    _draft_require(dossier)
    return remote_credential_get(
        actor=actor, user_id=_signer_id(dossier, actor), issue=f"dossier:{dossier.pk}"
    )


def dossier_application_sign(*, actor: User, dossier: Dossier, otp: str) -> Dossier:
    """The applicant signs the application form of their draft ``dossier`` from their phone
    (``otp``: the code the phone shows). Returns the dossier, marked as signed remotely, with
    the signed PDF among its files. Audited.

    A second request for a draft already signed (a double click, a retry after a slow answer)
    signs nothing more and returns the dossier as it is. The service is called outside the
    dossier's lock (it may take seconds and logs each call); the lock then decides which
    signature is kept: only the first, so the dossier holds one signature. A refusal (wrong
    code, service down) raises integration's error and writes nothing on the dossier."""
    from egov.onestop.printing.render import form_pdf

    applicant_require(actor, dossier)
    _draft_require(dossier)
    if dossier.application_signed_at is not None:
        return dossier
    credential = remote_credential_get(
        actor=actor, user_id=_signer_id(dossier, actor), issue=f"dossier:{dossier.pk}"
    )
    signed = pdf_sign_remote(
        form_pdf(dossier, "application", None),
        actor=actor,
        credential=credential,
        unit=None,
        signer_name=dossier.applicant_name[:50],
        reason=f"Ký đơn đề nghị: {dossier.procedure.name}"[:200],
        location="Cổng dịch vụ công trực tuyến",
        otp=otp,
        issue=f"dossier:{dossier.pk}",
    )
    with transaction.atomic():
        locked = dossier_lock(dossier.pk)
        _draft_require(locked)
        if locked.application_signed_at is not None:
            return locked  # a concurrent request signed first: its signature stands
        stored = dossier_file_store(
            actor=actor,
            dossier=locked,
            upload=ContentFile(signed, name=SIGNED_NAME),
            kind=DossierFileKind.SIGNED_APPLICATION,
        )
        locked.application_signed_at = timezone.now()
        locked.application_signing_method = SigningMethod.REMOTE
        locked.version += 1
        locked.save(
            update_fields=["application_signed_at", "application_signing_method", "version"]
        )
        event_record(
            actor=actor,
            action=AuditAction.DOSSIER_APPLICATION_SIGNED,
            obj=locked,
            changes={
                "method": SigningMethod.REMOTE,
                "file": stored.pk,
                "sha256": hashlib.sha256(signed).hexdigest(),
            },
        )
    return locked


def application_signature_clear(*, dossier: Dossier) -> dict[str, Any]:
    """Remove the applicant's signature from the locked draft ``dossier`` (its form data
    changed). Runs inside the caller's transaction, which audits the change with the keys
    returned (empty when there was no signature)."""
    if dossier.application_signed_at is None:
        return {}
    files = list(
        DossierFile.objects.filter(dossier=dossier, kind=DossierFileKind.SIGNED_APPLICATION)
    )
    for file in files:
        name, storage = file.file.name, file.file.storage
        file.delete()
        transaction.on_commit(lambda name=name, storage=storage: storage.delete(name))
    dossier.application_signed_at = None
    dossier.application_signing_method = ""
    return {"application_signature_removed": [file.sha256 for file in files]}
