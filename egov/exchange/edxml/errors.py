"""The one error of the edXML layer: a package that cannot be accepted, with every field
problem found (path → message)."""

from __future__ import annotations

from collections.abc import Mapping


class PackageError(Exception):
    """The package is malformed or breaks a rule of QCVN 102. ``errors`` maps field paths
    (``"To[2].OrganId"``, ``"AttachmentEncoded.Attachment[1].ContentId"``) to messages."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__("; ".join(f"{field}: {message}" for field, message in self.errors.items()))
