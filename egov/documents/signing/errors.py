"""Errors of digital signing and verification: stable codes, translated messages."""

from __future__ import annotations

from egov.common.exceptions import DomainError


class SigningKeyMissing(DomainError):
    """The unit has no usable signing key and certificate in the key store."""

    code = "signing_key_missing"
    status = 409


class PdfUnreadable(DomainError):
    """The bytes given are not a PDF file that can be read."""

    code = "pdf_unreadable"
    status = 400


class SigningFailed(DomainError):
    """The PDF could be read but not signed (e.g. it is encrypted or its structure is broken)."""

    code = "signing_failed"
    status = 400
