"""The exchange endpoint peers post edXML packages to: ``POST /api/v1/exchange/messages``.

Authentication: ``Authorization: Bearer egovx_…`` of an :class:`ExchangePeer` (officers'
sessions and API tokens are not accepted). Body: one package, ``application/xml``. Optional
``Idempotency-Key`` (UUID). Answers 202 when accepted, 200 with the same receipt for a package
already accepted, 4xx ``{detail, code, errors[{field, message}]}`` otherwise.

No `from __future__ import annotations` here: django-ninja reads the annotations at import.
"""

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.security import HttpBearer

from egov.common.api_errors import api_errors
from egov.exchange.exceptions import PackageTooLarge
from egov.exchange.models import ExchangePeer
from egov.exchange.schemas import ReceiptOut
from egov.exchange.services import Receipt, inbound_message_receive, peer_authenticate


class PeerAuth(HttpBearer):
    """The peer's bearer token; sets ``request.auth`` to the :class:`ExchangePeer`."""

    def authenticate(self, request: HttpRequest, token: str) -> ExchangePeer | None:
        return peer_authenticate(token)


router = Router(tags=["exchange"], auth=PeerAuth())


def _body(request: HttpRequest) -> bytes:
    """The raw body, refused past the configured size without reading it all."""
    limit = int(settings.EGOV_EXCHANGE_MAX_BYTES)
    declared = request.META.get("CONTENT_LENGTH") or "0"
    too_large = PackageTooLarge(_("The package is larger than %(limit)d bytes.") % {"limit": limit})
    if declared.isdigit() and int(declared) > limit:
        raise too_large
    data = request.read(limit + 1)
    if len(data) > limit:
        raise too_large
    return data


@api_errors(413, 422)
@router.post("/messages", response={200: ReceiptOut, 202: ReceiptOut}, url_name="message_receive")
def message_receive(request: HttpRequest) -> Status[Receipt]:
    """Receive one edXML package (a document or a status) from a peer."""
    receipt = inbound_message_receive(
        peer=request.auth,
        data=_body(request),
        content_type=request.META.get("CONTENT_TYPE", ""),
        message_id=request.headers.get("Idempotency-Key", ""),
    )
    return Status(200 if receipt.duplicate else 202, receipt)
