"""Receivers of lower layers' signals (connected in ``OnestopConfig.ready``)."""

from __future__ import annotations

from typing import Any

from egov.integration.models import PaymentOrder


def on_payment_confirmed(sender: Any, *, order: PaymentOrder, **kwargs: Any) -> None:
    """The payment platform confirmed a fee: record it on the dossier, in the confirmation's
    transaction."""
    from egov.onestop.services.payments_online import dossier_payment_online_record

    dossier_payment_online_record(order=order)
