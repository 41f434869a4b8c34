"""The key store: one private key and certificate per issuing unit, and the trusted roots.

Layout of ``settings.EGOV_SIGNING_KEY_DIR`` (default ``var/pki``, never committed)::

    root-ca.pem              the demo root certificate (a trusted root by default)
    root-ca.key.pem          the demo root's private key (demo only; `pki_demo_init`)
    units/<unit id>.pem      the unit's certificate, then any intermediate certificates
    units/<unit id>.key.pem  the unit's private key (PEM, PKCS#8; encrypted with
                             EGOV_SIGNING_KEY_PASSPHRASE when that is set)

Files are named by the unit's database id: every unit has one, whereas the electronic
identifier code (``agency_code``) is optional. ``settings.EGOV_TRUSTED_ROOTS`` lists PEM files
of the roots a signature must chain to (each file may hold several certificates).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from asn1crypto import keys, x509
from django.conf import settings
from django.utils.translation import gettext as _
from pyhanko.keys import load_certs_from_pemder_data, load_private_key_from_pemder_data

from egov.documents.signing.errors import SigningKeyMissing
from egov.orgs.models import OrgUnit

ROOT_CERT_FILE = "root-ca.pem"
ROOT_KEY_FILE = "root-ca.key.pem"
UNITS_DIR = "units"


@dataclass(frozen=True)
class UnitCredentials:
    """A unit's signing key, its certificate and the certificates above it (may be empty)."""

    certificate: x509.Certificate
    key: keys.PrivateKeyInfo
    chain: tuple[x509.Certificate, ...]


def key_dir() -> Path:
    return Path(settings.EGOV_SIGNING_KEY_DIR)


def unit_cert_path(unit_id: int, directory: Path | None = None) -> Path:
    return (directory or key_dir()) / UNITS_DIR / f"{unit_id}.pem"


def unit_key_path(unit_id: int, directory: Path | None = None) -> Path:
    return (directory or key_dir()) / UNITS_DIR / f"{unit_id}.key.pem"


def key_passphrase() -> bytes | None:
    value = settings.EGOV_SIGNING_KEY_PASSPHRASE
    return value.encode() if value else None


def unit_credentials(unit: OrgUnit) -> UnitCredentials:
    """Load the key and certificate of ``unit`` from the key store."""
    cert_path, key_path = unit_cert_path(unit.pk), unit_key_path(unit.pk)
    params = {"unit": unit.name, "id": unit.pk}
    if not (cert_path.is_file() and key_path.is_file()):
        raise SigningKeyMissing(
            _(
                "%(unit)s has no signing key and certificate in the key store. An administrator "
                "must install them (for the demo: egov pki_demo_init --unit %(id)s)."
            )
            % params
        )
    try:
        certificates = list(load_certs_from_pemder_data(cert_path.read_bytes()))
        key = load_private_key_from_pemder_data(key_path.read_bytes(), passphrase=key_passphrase())
    except (OSError, ValueError, TypeError) as exc:
        raise SigningKeyMissing(
            _(
                "The signing key or certificate of %(unit)s cannot be read (wrong file or "
                "passphrase)."
            )
            % params
        ) from exc
    if not certificates:
        raise SigningKeyMissing(
            _("The certificate file of %(unit)s holds no certificate.") % params
        )
    return UnitCredentials(certificate=certificates[0], key=key, chain=tuple(certificates[1:]))


def trusted_roots() -> list[x509.Certificate]:
    """The configured trusted root certificates (missing files are skipped: no root, no
    trust), and in the demo the simulated remote-signing service's root."""
    from egov.integration.services.remote_signing import remote_signing_simulated_roots

    roots: list[x509.Certificate] = []
    for name in settings.EGOV_TRUSTED_ROOTS:
        path = Path(name)
        if path.is_file():
            roots.extend(load_certs_from_pemder_data(path.read_bytes()))
    roots.extend(x509.Certificate.load(der) for der in remote_signing_simulated_roots())
    return roots
