"""Online payment of fees through a gateway of the redirect-and-callback kind used in Viet Nam
(VNPAY's published protocol: the order as signed query parameters, the payer sent to the
gateway, the result back on the return URL and server-to-server on the IPN URL, every
parameter set signed with HMAC-SHA512 under the merchant's secret).

A callback is accepted only with a valid signature, a known order and the same amount; a
replayed callback for a paid order changes nothing (nothing is paid twice). An order whose
payer never came back is asked about with the gateway's transaction query (``querydr``, a
signed server-to-server call through the connector client: timeouts, retries, the circuit).
The first confirmation as paid sends ``signals.payment_confirmed`` in its transaction, so the
app above (onestop) marks the dossier's fee paid at the same moment.
"""

from __future__ import annotations

import logging
import secrets
import uuid
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
from egov.integration.rules import (
    QUERY_REQUEST_FIELDS,
    QUERY_RESPONSE_FIELDS,
    SIGNATURE_FIELD,
    payment_pipe_signature,
    payment_pipe_signature_valid,
    payment_signature,
    payment_signature_valid,
)
from egov.integration.services.client import CallContext, connector_base_url, connector_call
from egov.integration.signals import payment_confirmed

logger = logging.getLogger(__name__)
GATEWAY_SUCCESS = "00"
QUERY_NOT_FOUND = "91"
TRANSACTION_FAILED = "02"


def gateway_result_message(code: str) -> str:
    """What a payer is told about the gateway's response code (VNPAY's published codes)."""
    messages = {
        "00": _("The payment was successful."),
        "11": _("The payment session expired before the payment was made."),
        "24": _("You cancelled the payment."),
        "51": _("The account does not have enough money."),
        "65": _("The account has passed its daily payment limit."),
        "75": _("The bank is under maintenance."),
    }
    return messages.get(code, _("The bank or the payment platform refused the payment."))


def payment_is_available() -> bool:
    """Whether fees can be paid online now: the gateway is configured (or simulated) and the
    signing secret is set."""
    return bool(connector_base_url(ConnectorCode.PAYMENT) and settings.EGOV_PAYMENT_SECRET)


def payment_request(
    *, actor: Any, dossier_code: str, amount: int, description: str, return_url: str
) -> tuple[PaymentOrder, str]:
    """A payment order for a dossier's fee and the gateway URL to send the payer to."""
    if amount <= 0:
        raise IntegrationError(_("The amount must be positive."), fields={"amount": _("> 0")})
    if not dossier_code:
        raise IntegrationError(_("Which dossier is paid for?"))
    base = connector_base_url(ConnectorCode.PAYMENT)
    if not payment_is_available():
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
        "vnp_ExpireDate": timezone.localtime(order.expires_at).strftime("%Y%m%d%H%M%S"),
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
            _confirm(
                order,
                paid=str(params.get("vnp_ResponseCode", "")) == GATEWAY_SUCCESS,
                transaction_no=str(params.get("vnp_TransactionNo", "")),
                response_code=str(params.get("vnp_ResponseCode", "")),
            )
    if problem:
        _refuse(order, problem)
    return order


def _problem(order: PaymentOrder | None, params: Mapping[str, str]) -> str:
    if order is None:
        return "order"
    if str(params.get("vnp_Amount", "")) != str(order.amount * 100):
        return "amount"
    return ""


def _confirm(order: PaymentOrder, *, paid: bool, transaction_no: str, response_code: str) -> None:
    """Settle a pending order (locked by the caller) once: paid or failed, audited; a payment
    is announced to the app above in this transaction."""
    order.state = PaymentState.PAID if paid else PaymentState.FAILED
    order.gateway_transaction = transaction_no[:40]
    order.gateway_response = response_code[:4]
    order.paid_at = timezone.now() if paid else None
    order.save(update_fields=["state", "gateway_transaction", "gateway_response", "paid_at"])
    event_record(
        actor=None,
        action=IntegrationAuditAction.PAYMENT_CONFIRMED,
        obj=order,
        changes={
            "state": order.state,
            "gateway_transaction": order.gateway_transaction,
            "gateway_response": order.gateway_response,
        },
    )
    if paid:
        payment_confirmed.send(sender=PaymentOrder, order=order)


def payment_status_check(*, actor: Any, order_ref: str) -> PaymentOrder:
    """Ask the gateway how a pending order ended (``querydr``) and settle it as the signed
    answer says; an order already settled is returned unchanged, without a call. Raises
    :class:`ConnectorUnavailable` when the gateway cannot be reached (timeouts, 5xx, the
    circuit open): the order stays pending and can be checked again."""
    order = PaymentOrder.objects.filter(order_ref=order_ref[:40]).first()
    if order is None:
        raise IntegrationError(_("There is no such payment order."))
    if order.state != PaymentState.PENDING:
        return order
    answer = _query(actor, order)
    status = str(answer.get("vnp_TransactionStatus", ""))
    settled = str(answer.get("vnp_ResponseCode", "")) == GATEWAY_SUCCESS and status in (
        GATEWAY_SUCCESS,
        TRANSACTION_FAILED,
    )
    if not settled:
        return order  # the platform has no finished payment for it (yet)
    with transaction.atomic():
        order = PaymentOrder.objects.select_for_update().get(pk=order.pk)
        if order.state == PaymentState.PENDING:
            _confirm(
                order,
                paid=status == GATEWAY_SUCCESS,
                transaction_no=str(answer.get("vnp_TransactionNo", "")),
                response_code=status,
            )
    return order


def _query(actor: Any, order: PaymentOrder) -> Mapping[str, Any]:
    """The signed querydr call and its verified answer (a wrong signature, order or amount
    counts as an unusable answer)."""
    secret = settings.EGOV_PAYMENT_SECRET
    now = timezone.localtime()
    request = {
        "vnp_RequestId": uuid.uuid4().hex[:32],
        "vnp_Version": "2.1.0",
        "vnp_Command": "querydr",
        "vnp_TmnCode": settings.EGOV_PAYMENT_MERCHANT,
        "vnp_TxnRef": order.order_ref,
        "vnp_TransactionDate": timezone.localtime(order.requested_at).strftime("%Y%m%d%H%M%S"),
        "vnp_CreateDate": now.strftime("%Y%m%d%H%M%S"),
        "vnp_IpAddr": "127.0.0.1",
        "vnp_OrderInfo": order.description or order.dossier_code,
    }
    request[SIGNATURE_FIELD] = payment_pipe_signature(request, QUERY_REQUEST_FIELDS, secret)
    reply = connector_call(
        connector=ConnectorCode.PAYMENT,
        method="POST",
        service="merchant_webapi/api/transaction",
        context=CallContext(actor=actor, issue=order.dossier_code),
        payload=request,
        idempotency_key=request["vnp_RequestId"],
    )
    answer = reply.data
    if str(answer.get("vnp_ResponseCode", "")) == QUERY_NOT_FOUND:
        return answer
    trusted = (
        payment_pipe_signature_valid(answer, QUERY_RESPONSE_FIELDS, secret)
        and str(answer.get("vnp_TxnRef", "")) == order.order_ref
        and str(answer.get("vnp_Amount", "")) == str(order.amount * 100)
    )
    if not trusted:
        logger.warning("integration.payment_query_untrusted", extra={"order": order.order_ref})
        raise ConnectorUnavailable(
            _("The payment platform's answer could not be trusted; check again later.")
        )
    return answer


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
