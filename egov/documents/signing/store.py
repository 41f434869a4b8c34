"""Keeping the result of a verification with the file it was made on."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction

from egov.documents.models import DocumentFile, SignatureCheck
from egov.documents.signing.verify import SignatureResult


def signature_checks_store(
    *, file: DocumentFile, results: Sequence[SignatureResult]
) -> list[SignatureCheck]:
    """Replace the ``SignatureCheck`` rows of ``file`` with ``results``, in one transaction
    (the file row is locked, so two checks at once leave one consistent set).

    Verifying the authenticity and integrity of an electronic document on arrival is the
    clerk's duty (Decree 30/2020 art. 21). This only stores what was found: the calling
    service, which knows the actor, records the audit event in the same transaction
    (``egov.documents.services.document_file_verify`` does)."""
    with transaction.atomic():
        locked = DocumentFile.objects.select_for_update().get(pk=file.pk)
        SignatureCheck.objects.filter(file=locked).delete()
        return SignatureCheck.objects.bulk_create(
            [
                SignatureCheck(
                    file=locked,
                    status=result.status,
                    signer_name=result.signer_name[:300],
                    signed_at=result.signed_at,
                    intact=result.intact,
                    trusted=result.trusted,
                    covers_whole_file=result.covers_whole_file,
                    detail=result.detail,
                )
                for result in results
            ]
        )
