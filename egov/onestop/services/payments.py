"""Recording that the applicant paid a dossier's fee or charge (phí, lệ phí: Law on Fees and
Charges 2015). The receipt is recorded as given; an online payment gateway (the national
portal's payment platform) can call the same service later."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Sum, TextChoices
from django.utils import timezone
from django.utils.formats import get_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from egov.accounts.models import User
from egov.audit.services import event_record
from egov.common.exceptions import DomainError
from egov.onestop.choices import AuditAction
from egov.onestop.exceptions import WrongDossierState
from egov.onestop.models import Dossier, DossierPayment, ProcedureFee
from egov.onestop.rules import (
    DOSSIER_TRANSITIONS,
    PaymentCheck,
    PaymentFit,
    group_thousands,
    payment_check,
)
from egov.onestop.services.dossier_state import dossier_lock
from egov.onestop.services.online import applicant_require

RECEIPT_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9./_-]{0,49}$")
MAX_AMOUNT_VND = 10_000_000_000


class PaymentMethod(TextChoices):
    """How the applicant paid (kept with the receipt)."""

    PAYMENT_PLATFORM = "payment_platform", gettext_lazy("National payment platform")
    BANK_TRANSFER = "bank_transfer", gettext_lazy("Bank transfer")
    CARD = "card", gettext_lazy("Bank card")
    E_WALLET = "e_wallet", gettext_lazy("E-wallet")


class PaymentRefused(DomainError):
    code = "payment_refused"
    status = 422


class DuplicateReceipt(DomainError):
    code = "duplicate_receipt"
    status = 409


@dataclass(frozen=True)
class FeesDue:
    """The fees of a dossier's procedure: the rows, the total of the fixed amounts, and
    whether some amount is not fixed (set by the province, a percentage...)."""

    fees: list[ProcedureFee]
    fixed_total_vnd: int
    has_open_amount: bool

    @property
    def is_due(self) -> bool:
        return self.fixed_total_vnd > 0 or self.has_open_amount


def dossier_fees_due(dossier: Dossier) -> FeesDue:
    fees = list(ProcedureFee.objects.filter(procedure_id=dossier.procedure_id))
    return FeesDue(
        fees=fees,
        fixed_total_vnd=sum(f.amount_vnd or 0 for f in fees),
        has_open_amount=any(f.amount_vnd is None for f in fees),
    )


def dossier_payment_check(dossier: Dossier, amount_vnd: int) -> PaymentCheck:
    """How ``amount_vnd`` compares with the dossier's fixed fees not yet paid."""
    fees = dossier_fees_due(dossier)
    paid = DossierPayment.objects.filter(dossier_id=dossier.pk).aggregate(s=Sum("amount_vnd"))
    return payment_check(
        amount_vnd,
        fixed_total_vnd=fees.fixed_total_vnd,
        paid_vnd=paid["s"] or 0,
        has_open_amount=fees.has_open_amount,
    )


def payment_check_message(check: PaymentCheck) -> str:
    """What the applicant is told about the amount before confirming it."""
    due = group_thousands(check.remaining_vnd, get_format("THOUSAND_SEPARATOR"))
    if check.fit is PaymentFit.EXACT:
        return _("This is the amount of the fees due.")
    if check.fit is PaymentFit.OPEN:
        return _("Part of the fees is not a fixed amount: check the amount against the notes.")
    if check.remaining_vnd == 0:
        return _(
            "The fees of this dossier are already recorded as paid. Confirm only if this "
            "receipt is for another fee."
        )
    if check.fit is PaymentFit.SHORT:
        return _(
            "This is less than the %(due)s VND of fees still due. Confirm only if the "
            "receipt is for part of the fees."
        ) % {"due": due}
    return _(
        "This is more than the %(due)s VND of fees still due. Confirm only if the fee is "
        "charged per copy, per page or per case."
    ) % {"due": due}


def _input_check(amount_vnd: int, receipt_number: str, method: str) -> None:
    errors = {}
    if not isinstance(amount_vnd, int) or not 0 < amount_vnd <= MAX_AMOUNT_VND:
        errors["amount_vnd"] = _("Enter the amount paid, in đồng.")
    if not RECEIPT_RE.match(receipt_number):
        errors["receipt_number"] = _(
            "Enter the receipt number: letters, digits and . / _ - only, at most 50."
        )
    if method not in PaymentMethod.values:
        errors["method"] = _("Choose how you paid.")
    if errors:
        raise PaymentRefused(_("Correct the payment details."), fields=errors)


def dossier_payment_record(
    *,
    actor: User,
    dossier: Dossier,
    amount_vnd: int,
    receipt_number: str,
    method: str,
    amount_confirmed: bool = False,
) -> DossierPayment:
    """Record the applicant's receipt for a fee of the dossier's procedure. A receipt number
    already recorded for the dossier is refused. An amount other than the fixed fees still due
    (:func:`egov.onestop.rules.payment_check`) is recorded only with ``amount_confirmed``: the
    applicant has seen the difference and the amount in words. Audited."""
    applicant_require(actor, dossier)
    receipt_number = (receipt_number or "").strip()
    _input_check(amount_vnd, receipt_number, method)
    if not dossier_fees_due(dossier).is_due:
        raise PaymentRefused(_("No fee or charge is due for this procedure."), code="no_fee_due")
    with transaction.atomic():
        locked = dossier_lock(dossier.pk)
        if not DOSSIER_TRANSITIONS.can("pay", locked.status):
            raise WrongDossierState(_("A payment cannot be recorded for this dossier now."))
        if DossierPayment.objects.filter(dossier=locked, receipt_number=receipt_number).exists():
            raise _duplicate()
        check = dossier_payment_check(locked, amount_vnd)
        if check.fit is not PaymentFit.EXACT and not amount_confirmed:
            message = payment_check_message(check)
            raise PaymentRefused(
                message, code="payment_amount_unconfirmed", fields={"amount_vnd": message}
            )
        try:
            with transaction.atomic():
                payment = DossierPayment.objects.create(
                    dossier=locked,
                    amount_vnd=amount_vnd,
                    receipt_number=receipt_number,
                    method=method,
                    paid_at=timezone.now(),
                    recorded_by=actor,
                )
        except IntegrityError:  # the same receipt recorded at the same moment
            raise _duplicate() from None
        event_record(
            actor=actor,
            action=AuditAction.DOSSIER_PAYMENT_RECORDED,
            obj=locked,
            changes={
                "payment": payment.pk,
                "amount_vnd": amount_vnd,
                "receipt_number": receipt_number,
                "method": method,
            },
        )
    return payment


def _duplicate() -> DuplicateReceipt:
    message = _("This receipt number has already been recorded for the dossier.")
    return DuplicateReceipt(message, fields={"receipt_number": message})
