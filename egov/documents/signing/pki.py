"""A demonstration PKI made on this machine: a root CA and one certificate per issuing unit.

Used by ``egov pki_demo_init`` and by the test fixtures (``conftest_pki``). It is NOT a
certification authority: in production the units' certificates come from a licensed CA
(for state bodies, the Government Cipher Committee's CA) and are installed into the key store
with the same file layout (see ``keystore``); the demo root must then be removed from
``EGOV_TRUSTED_ROOTS``. Keys are ECDSA P-256 (fast to make, supported by PAdES readers).
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterable
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from egov.documents.signing.keystore import (
    ROOT_CERT_FILE,
    ROOT_KEY_FILE,
    unit_cert_path,
    unit_key_path,
)

PrivateKey = ec.EllipticCurvePrivateKey
ROOT_DAYS = 3650
UNIT_DAYS = 730
CLOCK_SKEW = datetime.timedelta(hours=1)


def private_key_new() -> PrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def _name(common_name: str, organisation: str) -> x509.Name:
    attributes = [x509.NameAttribute(NameOID.COUNTRY_NAME, "VN")]
    if organisation:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation[:64]))
    attributes.append(x509.NameAttribute(NameOID.COMMON_NAME, common_name[:64]))
    return x509.Name(attributes)


def _now() -> datetime.datetime:
    return datetime.datetime.now(tz=datetime.UTC)


def root_ca_build(
    *,
    common_name: str,
    organisation: str = "",
    key: PrivateKey | None = None,
    days: int = ROOT_DAYS,
) -> tuple[PrivateKey, x509.Certificate]:
    """A self-signed root certificate that may sign unit certificates."""
    key = key or private_key_new()
    name = _name(common_name, organisation)
    now = _now()
    public = key.public_key()
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - CLOCK_SKEW)
        .not_valid_after(now + datetime.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .sign(key, hashes.SHA256())
    )
    return key, certificate


def unit_certificate_build(
    *,
    common_name: str,
    organisation: str,
    ca_key: PrivateKey,
    ca_certificate: x509.Certificate,
    key: PrivateKey | None = None,
    days: int = UNIT_DAYS,
) -> tuple[PrivateKey, x509.Certificate]:
    """A unit's signing certificate: digital signature and non-repudiation (content
    commitment) key usage, as PAdES validators require of a signer."""
    key = key or private_key_new()
    now = _now()
    public = key.public_key()
    certificate = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name, organisation))
        .issuer_name(ca_certificate.subject)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - CLOCK_SKEW)
        .not_valid_after(now + datetime.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    return key, certificate


def key_pem(key: PrivateKey, passphrase: bytes | None = None) -> bytes:
    encryption = (
        serialization.BestAvailableEncryption(passphrase)
        if passphrase
        else serialization.NoEncryption()
    )
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption
    )


def certificates_pem(certificates: Iterable[x509.Certificate]) -> bytes:
    return b"".join(cert.public_bytes(serialization.Encoding.PEM) for cert in certificates)


def file_write(path: Path, data: bytes, *, private: bool = False) -> None:
    """Write a file; a private key is created readable by its owner only (0600)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if private:
        path.unlink(missing_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
    else:
        path.write_bytes(data)


def root_ca_load(
    directory: Path, passphrase: bytes | None = None
) -> tuple[PrivateKey, x509.Certificate] | None:
    """The demo root kept in ``directory``, if both its files are there."""
    cert_path, key_path = directory / ROOT_CERT_FILE, directory / ROOT_KEY_FILE
    if not (cert_path.is_file() and key_path.is_file()):
        return None
    key = serialization.load_pem_private_key(key_path.read_bytes(), password=passphrase)
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise ValueError(f"{key_path} is not an ECDSA key made by pki_demo_init")
    return key, x509.load_pem_x509_certificate(cert_path.read_bytes())


def root_ca_install(
    directory: Path,
    *,
    common_name: str,
    organisation: str = "",
    passphrase: bytes | None = None,
    key: PrivateKey | None = None,
) -> tuple[PrivateKey, x509.Certificate]:
    """Make a root CA and write it to ``directory`` (certificate and private key)."""
    key, certificate = root_ca_build(common_name=common_name, organisation=organisation, key=key)
    file_write(directory / ROOT_KEY_FILE, key_pem(key, passphrase), private=True)
    file_write(directory / ROOT_CERT_FILE, certificates_pem([certificate]))
    return key, certificate


def unit_certificate_install(
    directory: Path,
    *,
    unit_id: int,
    common_name: str,
    organisation: str,
    ca_key: PrivateKey,
    ca_certificate: x509.Certificate,
    passphrase: bytes | None = None,
    key: PrivateKey | None = None,
) -> x509.Certificate:
    """Issue a certificate for a unit and write its key and certificate to the key store."""
    key, certificate = unit_certificate_build(
        common_name=common_name,
        organisation=organisation,
        ca_key=ca_key,
        ca_certificate=ca_certificate,
        key=key,
    )
    file_write(unit_key_path(unit_id, directory), key_pem(key, passphrase), private=True)
    file_write(unit_cert_path(unit_id, directory), certificates_pem([certificate]))
    return certificate
