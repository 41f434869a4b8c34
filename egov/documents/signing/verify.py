"""Verifying the signatures of a received or stored PDF (pyHanko validation, offline).

For each signature: who signed (certificate holder, and the name written in the signature),
when (the signer's stated signing time: no timestamp authority is used), whether the signed
bytes are unchanged and nothing but signatures or form filling was added after it, and whether
the certificate chains to one of ``settings.EGOV_TRUSTED_ROOTS``.

Revocation policy: nothing is fetched from the network (no CRL download, no OCSP request) and
the "soft-fail" mode is used: a certificate without revocation information embedded in the PDF
is accepted, one shown revoked by embedded information is not. Every result says so in
``detail``.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from io import BytesIO

from asn1crypto import x509
from django.utils.translation import gettext as _
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import validation
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
from pyhanko.sign.validation.status import PdfSignatureStatus, SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from egov.documents.choices import SignatureStatus
from egov.documents.signing.errors import PdfUnreadable
from egov.documents.signing.keystore import trusted_roots
from egov.documents.signing.threads import run_sync


@dataclass(frozen=True)
class SignatureResult:
    """What the verification of one signature found (stored as a ``SignatureCheck`` row)."""

    status: str  # a SignatureStatus value
    signer_name: str
    signed_at: datetime.datetime | None
    intact: bool  # signed bytes unchanged and no disallowed change after signing
    trusted: bool  # the certificate chains to a configured trusted root
    covers_whole_file: bool
    detail: str


def _revocation_note() -> str:
    return _(
        "Revocation was not checked online: no CRL or OCSP information is fetched, and a "
        "certificate without embedded revocation information is accepted."
    )


def _reader(pdf: bytes) -> PdfFileReader:
    if not pdf.lstrip()[:5].startswith(b"%PDF"):
        raise PdfUnreadable(_("The file is not a PDF document."))
    try:
        reader = PdfFileReader(BytesIO(pdf), strict=False)
    except Exception as exc:  # any parse failure of a foreign file is the file's fault
        raise PdfUnreadable(_("The PDF file is damaged and cannot be read.")) from exc
    if reader.encrypted:
        raise PdfUnreadable(_("The PDF file is encrypted: ask the sender for an unencrypted copy."))
    return reader


def _common_name(certificate: x509.Certificate | None) -> str:
    if certificate is None:
        return ""
    value = certificate.subject.native.get("common_name", "")
    return ", ".join(value) if isinstance(value, list) else str(value)


def _signer_name(signature: EmbeddedPdfSignature, certificate: x509.Certificate | None) -> str:
    """The name written in the signature, with the certificate holder when it differs
    ("Nguyễn Văn A (Ủy ban nhân dân quận Ba Đình)")."""
    holder = _common_name(certificate)
    written = str(signature.sig_object.get("/Name", "") or "")
    if written and holder and written != holder:
        return f"{written} ({holder})"[:300]
    return (written or holder)[:300]


def _certificate(signature: EmbeddedPdfSignature) -> x509.Certificate | None:
    try:
        return signature.signer_cert
    except Exception:  # a broken CMS container names no certificate
        return None


def _judge(status: PdfSignatureStatus) -> tuple[str, bool, str]:
    """(status, intact, detail) from pyHanko's findings; the first failing check decides."""
    whole = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    later_changes_ok = whole or bool(status.docmdp_ok)
    if not status.intact:
        return (
            SignatureStatus.ALTERED,
            False,
            _(
                "The signed content was changed after signing: its digest no longer "
                "matches the signature."
            ),
        )
    if not status.valid:
        return (
            SignatureStatus.INVALID,
            False,
            _("The cryptographic signature does not match the signer's certificate."),
        )
    if not later_changes_ok:
        return (
            SignatureStatus.ALTERED,
            False,
            _(
                "The file was changed after signing by an update that is neither a "
                "signature nor form filling."
            ),
        )
    if status.revoked:
        return (SignatureStatus.INVALID, True, _("The signer's certificate was revoked."))
    if not status.trusted:
        problem = status.trust_problem_indic.name if status.trust_problem_indic else ""
        return (
            SignatureStatus.UNTRUSTED,
            True,
            _(
                "The signature is intact, but the certificate does not chain to a trusted "
                "root (%(problem)s)."
            )
            % {"problem": problem or _("no trusted path")},
        )
    anchor = _common_name(status.validation_path[0]) if status.validation_path else ""
    text = _("The signature is intact and the certificate chains to the trusted root %(root)s.") % {
        "root": anchor
    }
    if not whole:
        text += " " + _("Later signatures or form filling were added after this signature.")
    return SignatureStatus.VALID, True, text


def _verify_one(signature: EmbeddedPdfSignature, roots: list[x509.Certificate]) -> SignatureResult:
    certificate = _certificate(signature)
    context = ValidationContext(
        trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail"
    )
    try:
        status = run_sync(
            validation.validate_pdf_signature, signature, signer_validation_context=context
        )
    except Exception as exc:  # a malformed signature is a finding, not a crash
        return SignatureResult(
            status=SignatureStatus.INVALID,
            signer_name=_signer_name(signature, certificate),
            signed_at=None,
            intact=False,
            trusted=False,
            covers_whole_file=False,
            detail=_("The signature could not be checked: %(error)s")
            % {"error": str(exc)[:300] or exc.__class__.__name__},
        )
    verdict, intact, detail = _judge(status)
    return SignatureResult(
        status=verdict,
        signer_name=_signer_name(signature, status.signing_cert),
        signed_at=status.signer_reported_dt,
        intact=intact,
        trusted=bool(status.trusted) and verdict == SignatureStatus.VALID,
        covers_whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
        detail=f"{detail} {_revocation_note()}",
    )


def _embedded(reader: PdfFileReader) -> Iterable[EmbeddedPdfSignature]:
    try:
        return list(reader.embedded_signatures)
    except Exception as exc:  # a broken form tree
        raise PdfUnreadable(_("The PDF file is damaged and cannot be read.")) from exc


def pdf_verify(pdf: bytes) -> list[SignatureResult]:
    """Verify every signature of ``pdf``, in signing order. A PDF without signatures gives one
    result with status ``unsigned``; bytes that are not a readable PDF raise
    :class:`PdfUnreadable`."""
    signatures = _embedded(_reader(pdf))
    if not signatures:
        return [
            SignatureResult(
                status=SignatureStatus.UNSIGNED,
                signer_name="",
                signed_at=None,
                intact=False,
                trusted=False,
                covers_whole_file=False,
                detail=_("The file has no digital signature."),
            )
        ]
    roots = trusted_roots()
    return [_verify_one(signature, roots) for signature in signatures]
