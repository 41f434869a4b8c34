"""Online payment of fees through a gateway of the redirect-and-callback kind used in Viet Nam
(VNPAY's published protocol: the order as signed query parameters, the payer sent to the
gateway, the result back on the return URL and server-to-server on the IPN URL, every
parameter set signed with HMAC-SHA512 under the merchant's secret).

A callback is accepted only with a valid signature, a known order and the same amount; a
replayed callback for a paid order changes nothing (nothing is paid twice).
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.audit.services import event_record
from egov.integration.choices import ConnectorCode, IntegrationAuditAction, PaymentState
from egov.integration.exceptions import (
    ConnectorUnavailable,
    IntegrationError,
    PaymentCallbackRefused,
)
from egov.integration.models import PaymentOrder
from egov.integration.rules import SIGNATURE_FIELD, payment_signature, payment_signature_valid
from egov.integration.services.client import connector_base_url

logger = logging.getLogger(__name__)
GATEWAY_SUCCESS = "00"


def payment_request(
    *, actor: Any, dossier_code: str, amount: int, description: str, return_url: str
) -> tuple[PaymentOrder, str]:
    """A payment order for a dossier's fee and the gateway URL to send the payer to."""
    if amount <= 0:
        raise IntegrationError(_("The amount must be positive."), fields={"amount": _("> 0")})
    if not dossier_code:
        raise IntegrationError(_("Which dossier is paid for?"))
    base = connector_base_url(ConnectorCode.PAYMENT)
    if not base or not settings.EGOV_PAYMENT_SECRET:
        raise ConnectorUnavailable(_("Online payment is not available; pay at the desk."))
    with transaction.atomic():
        order = PaymentOrder.objects.create(
            order_ref=f"{timezone.localdate():%y%m%d}{secrets.token_hex(6).upper()}",
            dossier_code=dossier_code,
            amount=amount,
            description=description[:200],
            payer=actor if getattr(actor, "is_authenticated", False) else None,
        )
        event_record(
            actor=actor,
            action=IntegrationAuditAction.PAYMENT_REQUESTED,
            obj=order,
            changes={"dossier_code": dossier_code, "amount": amount},
        )
    params = {
        "vnp_Version": "2.1.0",
        "vnp_Command": "pay",
        "vnp_TmnCode": settings.EGOV_PAYMENT_MERCHANT,
        "vnp_Amount": str(amount * 100),  # the gateway counts in 1/100 đồng
        "vnp_CurrCode": "VND",
        "vnp_TxnRef": order.order_ref,
        "vnp_OrderInfo": order.description or dossier_code,
        "vnp_ReturnUrl": return_url,
        "vnp_CreateDate": timezone.localtime(order.requested_at).strftime("%Y%m%d%H%M%S"),
    }
    params[SIGNATURE_FIELD] = payment_signature(params, settings.EGOV_PAYMENT_SECRET)
    return order, f"{base}pay?{urlencode(params)}"


def payment_callback(*, params: Mapping[str, str]) -> PaymentOrder:
    """Verify a return or IPN callback and confirm the order once.

    Refused (:class:`PaymentCallbackRefused`, audited): a wrong signature, an unknown order, a
    different amount. A failed payment marks the order failed; a replay of a callback already
    applied returns the order unchanged."""
    if not payment_signature_valid(params, settings.EGOV_PAYMENT_SECRET):
        _refuse(None, "signature")
    order_ref = str(params.get("vnp_TxnRef", ""))[:40]
    with transaction.atomic():
        order = PaymentOrder.objects.select_for_update().filter(order_ref=order_ref).first()
        problem = _problem(order, params)
        # a problem is refused below, outside this transaction; a replay was already applied
        if not problem and order.state == PaymentState.PENDING:
            _confirm(order, params)
    if problem:
        _refuse(order, problem)
    return order


def _problem(order: PaymentOrder | None, params: Mapping[str, str]) -> str:
    if order is None:
        return "order"
    if str(params.get("vnp_Amount", "")) != str(order.amount * 100):
        return "amount"
    return ""


def _confirm(order: PaymentOrder, params: Mapping[str, str]) -> None:
    paid = str(params.get("vnp_ResponseCode", "")) == GATEWAY_SUCCESS
    order.state = PaymentState.PAID if paid else PaymentState.FAILED
    order.gateway_transaction = str(params.get("vnp_TransactionNo", ""))[:40]
    order.paid_at = timezone.now() if paid else None
    order.save(update_fields=["state", "gateway_transaction", "paid_at"])
    event_record(
        actor=None,
        action=IntegrationAuditAction.PAYMENT_CONFIRMED,
        obj=order,
        changes={"state": order.state, "gateway_transaction": order.gateway_transaction},
    )


def _refuse(order: PaymentOrder | None, reason: str) -> None:
    """Log the refused callback, then raise. A correctly signed callback that names a wrong
    order or amount is audited (the gateway said it; someone must look); an unsigned one is
    only logged, so anonymous garbage cannot fill the audit trail. The parameters are never
    stored."""
    logger.warning("integration.payment_callback_refused", extra={"reason": reason})
    if reason != "signature":
        with transaction.atomic():
            event_record(
                actor=None,
                action=IntegrationAuditAction.PAYMENT_CALLBACK_REFUSED,
                obj=order,
                changes={"reason": reason},
            )
    messages = {
        "signature": _("The payment callback's signature is wrong."),
        "order": _("The payment callback names an unknown order."),
        "amount": _("The payment callback's amount differs from the order."),
    }
    raise PaymentCallbackRefused(messages[reason], code=f"payment_{reason}_refused")
