"""Signing a PDF with a unit's key: PAdES baseline B (ETSI EN 319 142-1) through pyHanko.

The signature goes into the document's empty signer field (between the position and the name,
Decree 30/2020 Appendix I part II) or, on a PDF without one, into a new field at the top right
of page 1. The signing time is taken once, in Vietnam time to the second, and used for the
CMS signing-time attribute, the signature dictionary and the visible stamp alike. No
timestamp authority is used: the signing time is the signer's own statement.
"""

from __future__ import annotations

import asyncio
import datetime
import hashlib
import logging
from io import BytesIO
from typing import Any
from zoneinfo import ZoneInfo

from asn1crypto import x509
from django.utils import timezone
from django.utils.translation import gettext as _
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.sign import fields, signers
from pyhanko.sign.general import SigningError
from pyhanko.sign.signers.pdf_signer import PdfTBSDocument
from pyhanko_certvalidator.registry import SimpleCertificateStore

from egov.documents.signing.appearance import stamp_style
from egov.documents.signing.errors import PdfUnreadable, SigningFailed
from egov.documents.signing.fields import SIGNER_FIELD, field_target
from egov.documents.signing.keystore import unit_credentials
from egov.documents.signing.threads import run_sync
from egov.integration.services.remote_signing import RemoteCredential, remote_hash_sign
from egov.orgs.models import OrgUnit

logger = logging.getLogger(__name__)
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


class _FixedTimePdfSigner(signers.PdfSigner):
    """A ``PdfSigner`` whose signing time is chosen by the caller instead of read from the
    server's local clock zone."""

    def __init__(self, *args: Any, signing_time: datetime.datetime, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._signing_time = signing_time

    def init_signing_session(self, pdf_out: Any, existing_fields_only: bool = False) -> Any:
        session = super().init_signing_session(pdf_out, existing_fields_only=existing_fields_only)
        session.system_time = self._signing_time
        return session


def pdf_writer_open(pdf: bytes) -> IncrementalPdfFileWriter:
    """An incremental writer over ``pdf``, or :class:`PdfUnreadable`."""
    if not pdf.lstrip()[:5].startswith(b"%PDF"):
        raise PdfUnreadable(_("The file is not a PDF document."))
    try:
        writer = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
    except Exception as exc:  # any parse failure of a foreign file is the file's fault
        raise PdfUnreadable(_("The PDF file is damaged and cannot be read.")) from exc
    if writer.prev.encrypted:
        raise SigningFailed(_("An encrypted PDF file cannot be signed."))
    return writer


def signing_time_now() -> datetime.datetime:
    return timezone.now().astimezone(VIETNAM).replace(microsecond=0)


def _metadata(target: Any, *, signer_name: str, reason: str, location: str) -> Any:
    return signers.PdfSignatureMetadata(
        field_name=target.name,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reason or None,
        location=location or None,
        name=signer_name or None,
    )


def _target(writer: IncrementalPdfFileWriter) -> Any:
    try:
        return field_target(writer)
    except Exception as exc:  # a broken form or page tree
        raise PdfUnreadable(_("The PDF file is damaged and cannot be read.")) from exc


def _failed(exc: Exception, **extra: Any) -> SigningFailed:
    logger.warning("documents.pdf_sign_failed", extra={**extra, "error": str(exc)})
    return SigningFailed(
        _("The PDF file cannot be signed (%(reason)s).") % {"reason": str(exc)[:200]}
    )


def pdf_sign(pdf: bytes, *, unit: OrgUnit, signer_name: str, reason: str, location: str) -> bytes:
    """Sign ``pdf`` with the key and certificate of ``unit`` (PAdES, SHA-256) and return the
    signed file (the original bytes followed by one incremental update).

    Raises :class:`SigningKeyMissing` when the unit has no key in the key store,
    :class:`PdfUnreadable` for a file that is not a readable PDF and :class:`SigningFailed`
    when pyHanko refuses to sign it (e.g. an encrypted PDF).
    """
    credentials = unit_credentials(unit)
    writer = pdf_writer_open(pdf)
    target = _target(writer)
    signed_at = signing_time_now()
    metadata = _metadata(target, signer_name=signer_name, reason=reason, location=location)
    signer = signers.SimpleSigner(
        signing_cert=credentials.certificate,
        signing_key=credentials.key,
        cert_registry=SimpleCertificateStore.from_certs(
            [credentials.certificate, *credentials.chain]
        ),
    )
    with stamp_style(
        width=target.width,
        height=target.height,
        signer_name=signer_name,
        unit_name=unit.name,
        signed_at=signed_at,
        organisation=target.name != SIGNER_FIELD,
    ) as style:
        pdf_signer = _FixedTimePdfSigner(
            metadata, signer, stamp_style=style, new_field_spec=target.spec, signing_time=signed_at
        )
        try:
            output = run_sync(pdf_signer.sign_pdf, writer)
        except (SigningError, PdfError, ValueError, KeyError, TypeError) as exc:
            raise _failed(exc, unit=unit.pk) from exc
    logger.info(
        "documents.pdf_signed",
        extra={"unit": unit.pk, "field": target.name, "signed_at": signed_at.isoformat()},
    )
    return output.getvalue()


def pdf_sign_remote(
    pdf: bytes,
    *,
    actor: Any,
    credential: RemoteCredential,
    unit: OrgUnit | None,
    signer_name: str,
    reason: str,
    location: str,
    otp: str,
    issue: str = "",
) -> bytes:
    """Sign ``pdf`` with the signer's own certificate at a certification authority's
    remote-signing service (``credential``, from integration's ``remote_credential_get``),
    confirmed with the code their phone shows (PAdES, SHA-256).

    pyHanko's interrupted signing: the document is prepared and its signed attributes built
    around the certificate chain the service gives (``ExternalSigner``); their SHA-256 hash is
    signed remotely through integration's CSC adapter (``credentials/authorize`` with the
    phone's code, ``signatures/signHash``), outside any event loop, since the connector
    logs each call in the database; the returned value is embedded and the signature finished.
    ``unit`` is the body the stamp names under the signer (none for a citizen signing their
    own application). Raises integration's errors (no credential, wrong code, service
    unavailable) and the same PDF errors as :func:`pdf_sign`."""
    unit_pk = unit.pk if unit is not None else None
    writer = pdf_writer_open(pdf)
    target = _target(writer)
    try:
        chain = [x509.Certificate.load(der) for der in credential.certificates]
    except ValueError as exc:
        raise _failed(exc, unit=unit_pk) from exc
    registry = SimpleCertificateStore.from_certs(chain)
    signed_at = signing_time_now()
    metadata = _metadata(target, signer_name=signer_name, reason=reason, location=location)
    with stamp_style(
        width=target.width,
        height=target.height,
        signer_name=signer_name,
        unit_name=unit.name if unit is not None else "",
        signed_at=signed_at,
        organisation=False,
    ) as style:
        placeholder = signers.ExternalSigner(
            signing_cert=chain[0], cert_registry=registry, signature_value=256
        )
        pdf_signer = _FixedTimePdfSigner(
            metadata,
            placeholder,
            stamp_style=style,
            new_field_spec=target.spec,
            signing_time=signed_at,
        )

        async def prepare() -> tuple[Any, Any, Any]:
            digest, _tbs, output = await pdf_signer.async_digest_doc_for_signing(writer)
            attributes = await placeholder.signed_attrs(
                digest.document_digest, "sha256", use_pades=True
            )
            return digest, attributes, output

        try:
            prepared, attributes, output = run_sync(asyncio.run, prepare())
        except (SigningError, PdfError, ValueError, KeyError, TypeError) as exc:
            raise _failed(exc, unit=unit_pk) from exc
    value = remote_hash_sign(
        actor=actor,
        credential=credential,
        digest=hashlib.sha256(attributes.dump()).digest(),
        otp=otp,
        issue=issue,
    )
    signer = signers.ExternalSigner(
        signing_cert=chain[0], cert_registry=registry, signature_value=value
    )

    async def finish() -> None:
        cms = await signer.async_sign_prescribed_attributes("sha256", signed_attrs=attributes)
        await PdfTBSDocument.async_finish_signing(output, prepared, cms)

    try:
        run_sync(asyncio.run, finish())
    except (SigningError, PdfError, ValueError, KeyError, TypeError) as exc:
        raise _failed(exc, unit=unit_pk) from exc
    logger.info(
        "documents.pdf_signed_remotely",
        extra={"unit": unit_pk, "field": target.name, "signed_at": signed_at.isoformat()},
    )
    return output.getvalue()
