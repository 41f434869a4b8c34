"""Errors of the document registry: a stable code and a translated message (``DomainError``)."""

from __future__ import annotations

from egov.common.exceptions import ConcurrentChange, DomainError, PermissionDenied

__all__ = [
    "ConcurrentChange",
    "DocumentError",
    "InvalidNotation",
    "MissingAbbreviation",
    "NumberTaken",
    "PermissionDenied",
    "WrongDocumentState",
]


class DocumentError(DomainError):
    """A rule of the document registry was broken."""

    code = "document_error"


class WrongDocumentState(DocumentError):
    """The action does not fit where the document stands (e.g. signing a draft)."""

    code = "wrong_document_state"
    status = 409


class MissingAbbreviation(DocumentError):
    """A unit has no abbreviation, so the notation cannot be built (Decree 30/2020 art. 15:
    the head of the organisation sets the abbreviations of the organisation and its units)."""

    code = "missing_abbreviation"
    status = 422


class InvalidSigningMethod(DocumentError):
    """A signing method that is not offered."""

    code = "invalid_signing_method"
    status = 422


class InvalidNotation(DocumentError):
    """A number or notation entered by hand does not fit the type and the issuing unit."""

    code = "invalid_notation"
    status = 422


class NumberTaken(DocumentError):
    """The number is already used in this register and year."""

    code = "number_taken"
    status = 409
