"""Digital signatures of official documents: PAdES signing with a unit's key, verification
against the configured trusted roots, and storing the findings.

See ``keystore`` for the key-store layout, ``verify`` for the revocation policy and
``appearance`` for what the visible signature shows.
"""

from egov.documents.signing.errors import PdfUnreadable, SigningFailed, SigningKeyMissing
from egov.documents.signing.sign import pdf_sign, pdf_sign_remote
from egov.documents.signing.store import signature_checks_store
from egov.documents.signing.verify import SignatureResult, pdf_verify

__all__ = [
    "PdfUnreadable",
    "SignatureResult",
    "SigningFailed",
    "SigningKeyMissing",
    "pdf_sign",
    "pdf_sign_remote",
    "pdf_verify",
    "signature_checks_store",
]
