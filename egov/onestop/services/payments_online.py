"""Paying a dossier's fees online through the national payment platform (the payment connector
of ``egov.integration``; online payment of fees in administrative procedures, Decree
45/2020/NĐ-CP on administrative procedures in the electronic environment).

The applicant starts a payment for the fixed fees still due and is sent to the platform's page;
the platform's signed answer comes back on the return URL (this module) and server to server on
the IPN (integration's own view). Whichever arrives first confirms the order, once; the
integration layer then announces ``payment_confirmed`` and :func:`dossier_payment_online_record`
records the receipt on the dossier in the same transaction. A receipt recorded by hand
(:mod:`egov.onestop.services.payments`) stays for payments made at the desk or by transfer.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.audit.services import event_record
from egov.integration.choices import PaymentState
from egov.integration.exceptions import PaymentCallbackRefused
from egov.integration.models import PaymentOrder
from egov.integration.selectors import payment_order_list_for_dossier
from egov.integration.services import (
    gateway_result_message,
    payment_callback,
    payment_is_available,
    payment_request,
    payment_status_check,
)
from egov.onestop.choices import AuditAction
from egov.onestop.exceptions import WrongDossierState
from egov.onestop.models import Dossier, DossierPayment
from egov.onestop.rules import DOSSIER_TRANSITIONS
from egov.onestop.services.dossier_state import dossier_lock
from egov.onestop.services.online import applicant_require
from egov.onestop.services.payments import (
    PaymentMethod,
    PaymentRefused,
    dossier_fees_due,
    dossier_payment_check,
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class OnlinePaymentOffer:
    """What the pay page offers online: the fixed fees still due (none when some fee of the
    procedure is not a fixed amount), whether the platform can be used now, the dossier's
    orders (newest first) and one still open on the platform."""

    amount_due_vnd: int
    is_available: bool
    orders: list[PaymentOrder]
    open_order: PaymentOrder | None

    @property
    def can_start(self) -> bool:
        return self.is_available and self.amount_due_vnd > 0 and self.open_order is None


@dataclass(frozen=True)
class OnlinePaymentResult:
    """How an online payment ended, for the applicant: the order, the receipt recorded on the
    dossier when paid, and what to tell them."""

    order: PaymentOrder
    payment: DossierPayment | None
    message: str

    @property
    def is_paid(self) -> bool:
        return self.order.state == PaymentState.PAID


def dossier_payment_online_offer(dossier: Dossier) -> OnlinePaymentOffer:
    """The online payment part of the dossier's pay page (the caller has checked access)."""
    orders = payment_order_list_for_dossier(dossier_code=dossier.code) if dossier.code else []
    now = timezone.now()
    open_order = next(
        (o for o in orders if o.state == PaymentState.PENDING and o.expires_at > now), None
    )
    fees = dossier_fees_due(dossier)
    # an amount not fixed (set by the province, a percentage) is not known here: paid at the
    # desk and recorded as a receipt
    payable = DOSSIER_TRANSITIONS.can("pay", dossier.status) and fees.is_due
    due = dossier_payment_check(dossier, 0).remaining_vnd if payable else 0
    if fees.has_open_amount:
        due = 0
    return OnlinePaymentOffer(
        amount_due_vnd=due,
        is_available=payment_is_available(),
        orders=orders,
        open_order=open_order,
    )


def dossier_payment_online_start(*, actor: Any, dossier: Dossier, return_url: str) -> str:
    """Open a payment order on the national payment platform for the dossier's fixed fees still
    due, and return the platform's page to send the applicant to. Refused while an order of the
    dossier is still open there (paying twice is the one mistake a gateway cannot undo)."""
    applicant_require(actor, dossier)
    if not DOSSIER_TRANSITIONS.can("pay", dossier.status):
        raise WrongDossierState(_("A payment cannot be recorded for this dossier now."))
    offer = dossier_payment_online_offer(dossier)
    if offer.amount_due_vnd <= 0:
        raise PaymentRefused(
            _(
                "No fixed fee is left to pay online for this dossier. If a fee is not a fixed "
                "amount, pay it at the desk and record the receipt."
            ),
            code="nothing_to_pay_online",
        )
    if offer.open_order is not None:
        raise PaymentRefused(
            _(
                "A payment started at %(time)s is still open on the payment platform. Check "
                "it before paying again."
            )
            % {"time": timezone.localtime(offer.open_order.requested_at).strftime("%H:%M")},
            code="payment_still_open",
        )
    _order, url = payment_request(
        actor=actor,
        dossier_code=dossier.code,
        amount=offer.amount_due_vnd,
        description=f"Thanh toan phi le phi ho so {dossier.code}",
        return_url=return_url,
    )
    return url


def dossier_payment_online_return(
    *, actor: Any, dossier: Dossier, params: Mapping[str, str]
) -> OnlinePaymentResult:
    """The applicant is back from the platform: verify its signed answer (integration's
    :func:`payment_callback`, idempotent) and say how the payment ended."""
    applicant_require(actor, dossier)
    order = payment_callback(params=params)
    if order.dossier_code != dossier.code:
        raise PaymentCallbackRefused(
            _("This payment is for another dossier."), code="payment_dossier_refused"
        )
    return _result(dossier, order)


def dossier_payment_online_check(
    *, actor: Any, dossier: Dossier, order_ref: str
) -> OnlinePaymentResult:
    """Ask the platform how an order of the dossier ended (the applicant closed the platform's
    page, or its answer never came back). Raises ``ConnectorUnavailable`` when the platform
    cannot be reached; the order stays open and can be checked again."""
    applicant_require(actor, dossier)
    mine = {o.order_ref for o in payment_order_list_for_dossier(dossier_code=dossier.code)}
    if order_ref not in mine:
        raise PaymentRefused(_("This payment is not one of this dossier."), code="unknown_order")
    order = payment_status_check(actor=actor, order_ref=order_ref)
    return _result(dossier, order)


def _result(dossier: Dossier, order: PaymentOrder) -> OnlinePaymentResult:
    payment = DossierPayment.objects.filter(
        dossier_id=dossier.pk, receipt_number=order.order_ref
    ).first()
    if order.state == PaymentState.PAID:
        message = _("The payment was successful.")
    elif order.state == PaymentState.FAILED:
        message = gateway_result_message(order.gateway_response)
    else:
        message = _("The payment platform has not confirmed this payment yet.")
    return OnlinePaymentResult(order=order, payment=payment, message=message)


def dossier_payment_online_record(*, order: PaymentOrder) -> DossierPayment | None:
    """Record on its dossier a fee the payment platform has confirmed as paid (the receipt
    number is the order's reference; the platform's transaction is kept in the audit trail).
    Idempotent: a second confirmation of the same order records nothing. The money has moved,
    so the dossier's state is not checked; a dossier that cannot be found is logged and left
    to the operator. Called in the confirmation's transaction (``payment_confirmed``)."""
    dossier_id = (
        Dossier.objects.filter(code=order.dossier_code).values_list("pk", flat=True).first()
    )
    if dossier_id is None:
        logger.warning("onestop.payment_without_dossier", extra={"order": order.order_ref})
        return None
    with transaction.atomic():
        locked = dossier_lock(dossier_id)
        existing = DossierPayment.objects.filter(
            dossier=locked, receipt_number=order.order_ref
        ).first()
        if existing is not None:
            return existing
        payment = DossierPayment.objects.create(
            dossier=locked,
            amount_vnd=order.amount,
            receipt_number=order.order_ref,
            method=PaymentMethod.PAYMENT_PLATFORM,
            paid_at=order.paid_at or timezone.now(),
            recorded_by=None,
        )
        event_record(
            actor=None,
            action=AuditAction.DOSSIER_PAYMENT_RECORDED,
            obj=locked,
            changes={
                "payment": payment.pk,
                "amount_vnd": order.amount,
                "receipt_number": order.order_ref,
                "method": PaymentMethod.PAYMENT_PLATFORM.value,
                "gateway_transaction": order.gateway_transaction,
            },
        )
    return payment
