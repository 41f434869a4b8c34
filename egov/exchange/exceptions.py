"""Errors of the exchange: stable codes for peers (the API) and messages for officers."""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import gettext as _

from egov.common.exceptions import DomainError


class PackageInvalid(DomainError):
    """A received package is malformed or breaks QCVN 102; ``fields`` names every problem."""

    code = "invalid_package"
    status = 422

    def __init__(self, errors: Mapping[str, str], message: str | None = None) -> None:
        super().__init__(
            message or _("The package was rejected: it is not a valid QCVN 102 edXML package."),
            fields=errors,
        )


class PackageNotAddressedHere(DomainError):
    """No recipient of the package is a unit of this platform, or the sender is not the peer."""

    code = "not_addressed_here"
    status = 422


class UnknownDocument(DomainError):
    """A status message answers a document this platform never sent to that agency."""

    code = "unknown_document"
    status = 422


class PackageTooLarge(DomainError):
    code = "package_too_large"
    status = 413


class UnsupportedMediaType(DomainError):
    code = "unsupported_media_type"
    status = 415


class RetryNotAllowed(DomainError):
    code = "retry_not_allowed"
    status = 409


class InvalidHeader(DomainError):
    """An HTTP header of the request is malformed (e.g. an Idempotency-Key that is no UUID)."""

    code = "invalid_header"
    status = 400


class MessageIdReused(DomainError):
    """The same message id came with a different package."""

    code = "message_id_reused"
    status = 409


class PeerInvalid(DomainError):
    """A peer's identifier code, name or endpoint cannot be accepted; ``fields`` names each."""

    code = "invalid_peer"
    status = 422
