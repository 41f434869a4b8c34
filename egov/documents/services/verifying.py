"""Checking the signatures of a stored PDF (the signed original or a signed attachment)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from egov.accounts.models import User
from egov.documents.choices import AuditAction
from egov.documents.exceptions import DocumentError
from egov.documents.models import DocumentFile, SignatureCheck
from egov.documents.services import common


def document_file_verify(*, actor: User | None, file: DocumentFile) -> list[SignatureCheck]:
    """Verify every signature of ``file`` (PAdES, the signatures app) and keep the results as
    :class:`SignatureCheck` rows, replacing those of an earlier check. The caller has checked
    that the actor may see the file's document."""
    from egov.documents.signing import pdf_verify, signature_checks_store

    if file.content_type != "application/pdf":
        raise DocumentError(
            _("Only PDF files carry signatures that can be checked."), code="not_pdf"
        )
    with file.file.open("rb") as handle:
        content = handle.read()
    results = pdf_verify(content)
    with transaction.atomic():
        SignatureCheck.objects.filter(file=file).delete()
        checks = signature_checks_store(file=file, results=results)
        common.record(
            actor,
            AuditAction.SIGNATURES_CHECKED,
            file.document,
            {
                "file": file.name,
                "sha256": file.sha256,
                "results": [{"status": r.status, "signer": r.signer_name} for r in results],
            },
        )
    return list(checks)
