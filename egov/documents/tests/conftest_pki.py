"""Test PKI: a key store made at test time (nothing committed), and official documents to
render and sign.

Fixtures (use them by adding ``"egov.documents.tests.conftest_pki"`` to ``pytest_plugins`` in
the root ``conftest.py``, or with ``from egov.documents.tests.conftest_pki import *`` in a test
module):

- ``pki``: an empty key store in a temporary directory with a trusted test root; the settings
  point at it. ``pki.issue(unit)`` gives a unit a key and certificate from that root;
  ``pki.issue(unit, trusted=False)`` one from another root that is not trusted.
- ``pki_world``: ``pki`` with a certificate for every unit of the ``world`` fixture.

Keys are ECDSA P-256, made once per test session; certificates are issued per test.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509

from egov.documents.choices import Direction, DocumentStatus
from egov.documents.models import Document, DocumentType
from egov.documents.signing import pki as pki_tools
from egov.documents.signing.keystore import ROOT_CERT_FILE
from egov.orgs.models import OrgUnit

__all__ = ["pki", "pki_material", "pki_world"]

TEST_ROOT_NAME = "egov test root CA"
FOREIGN_ROOT_NAME = "Unknown foreign CA"


@dataclass(frozen=True)
class PkiMaterial:
    """Keys and roots made once per session (making keys is the slow part)."""

    root_key: pki_tools.PrivateKey
    root_certificate: x509.Certificate
    foreign_key: pki_tools.PrivateKey
    foreign_certificate: x509.Certificate
    unit_key: pki_tools.PrivateKey


@dataclass(frozen=True)
class PkiStore:
    """A key store in a temporary directory, trusted root configured."""

    directory: Path
    material: PkiMaterial

    @property
    def root_path(self) -> Path:
        return self.directory / ROOT_CERT_FILE

    def issue(self, unit: OrgUnit, *, trusted: bool = True) -> x509.Certificate:
        """Give ``unit`` a key and certificate, from the trusted root or from a foreign one."""
        material = self.material
        ca_key = material.root_key if trusted else material.foreign_key
        ca_certificate = material.root_certificate if trusted else material.foreign_certificate
        return pki_tools.unit_certificate_install(
            self.directory,
            unit_id=unit.pk,
            common_name=unit.name,
            organisation="egov test",
            ca_key=ca_key,
            ca_certificate=ca_certificate,
            key=material.unit_key,
        )


@pytest.fixture(scope="session")
def pki_material() -> PkiMaterial:
    root_key, root_certificate = pki_tools.root_ca_build(common_name=TEST_ROOT_NAME)
    foreign_key, foreign_certificate = pki_tools.root_ca_build(common_name=FOREIGN_ROOT_NAME)
    return PkiMaterial(
        root_key=root_key,
        root_certificate=root_certificate,
        foreign_key=foreign_key,
        foreign_certificate=foreign_certificate,
        unit_key=pki_tools.private_key_new(),
    )


@pytest.fixture
def pki(pki_material: PkiMaterial, settings: Any, tmp_path: Path) -> PkiStore:
    directory = tmp_path / "pki"
    pki_tools.file_write(
        directory / ROOT_CERT_FILE, pki_tools.certificates_pem([pki_material.root_certificate])
    )
    settings.EGOV_SIGNING_KEY_DIR = directory
    settings.EGOV_SIGNING_KEY_PASSPHRASE = ""
    settings.EGOV_TRUSTED_ROOTS = [str(directory / ROOT_CERT_FILE)]
    return PkiStore(directory=directory, material=pki_material)


@pytest.fixture
def pki_world(pki: PkiStore, world: Any) -> PkiStore:
    for unit in OrgUnit.objects.all():
        pki.issue(unit)
    return pki


def document_build(*, unit: OrgUnit, doc_type_code: str = "quyet-dinh", **fields: Any) -> Document:
    """An outgoing ``Document`` row written directly (no workflow), for render and signing
    tests. Defaults: a draft with a subject; pass any model field to override."""
    values: dict[str, Any] = {
        "direction": Direction.OUTGOING,
        "status": DocumentStatus.DRAFT,
        "doc_type": DocumentType.objects.get(code=doc_type_code),
        "unit": unit,
        "subject": "Về việc thử nghiệm",
    }
    values.update(fields)
    if values.get("issued_on") and not values.get("year"):
        values["year"] = values["issued_on"].year
    return Document.objects.create(**values)


ISSUE_DAY = datetime.date(2020, 1, 5)
