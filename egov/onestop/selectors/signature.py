"""The applicant's signature of their application as the desk sees it: the signed PDF kept on
the dossier (kind ``signed_form``), verified when the page is shown with documents' one
verification (``pdf_verify``: signer, time, integrity, trust), so a file changed in storage
after it was signed shows as invalid."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from egov.documents.choices import SignatureStatus
from egov.documents.signing import PdfUnreadable, SignatureResult, pdf_verify
from egov.onestop.choices import DossierFileKind
from egov.onestop.models import DossierFile


@dataclass(frozen=True)
class ApplicationSignature:
    """The signed application file and what its verification found (``error``: the file
    could not be read as a PDF)."""

    file: DossierFile
    results: tuple[SignatureResult, ...]
    error: str = ""

    @property
    def checks(self) -> list[tuple[SignatureResult, str]]:
        """Each signature's result with its status as people read it."""
        return [(r, str(SignatureStatus(r.status).label)) for r in self.results]

    @property
    def is_valid(self) -> bool:
        return (
            not self.error
            and bool(self.results)
            and all(r.status == SignatureStatus.VALID for r in self.results)
        )


def application_signature_check(files: Iterable[DossierFile]) -> ApplicationSignature | None:
    """The verification of the latest signed application among ``files`` (a dossier's files,
    already read by the page), or None when the applicant did not sign it."""
    signed = [f for f in files if f.kind == DossierFileKind.SIGNED_APPLICATION]
    if not signed:
        return None
    file = max(signed, key=lambda f: (f.uploaded_at, f.pk))
    with file.file.open("rb") as handle:
        content = handle.read()
    try:
        return ApplicationSignature(file=file, results=tuple(pdf_verify(content)))
    except PdfUnreadable as exc:
        return ApplicationSignature(file=file, results=(), error=exc.message)
