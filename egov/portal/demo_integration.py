"""The national integrations in the demo: a dossier (the main demo citizen's when one of
theirs has a fixed fee due) whose fees were paid online through the payment platform's
simulator (the same signed answer its page gives), so the receipt, the connector page and
the dossier's history show an online payment on first run."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

from django.conf import settings
from django.urls import reverse

from egov.accounts.models import User
from egov.integration.services import payment_callback, payment_is_available
from egov.integration.simulators.views import payment_result
from egov.onestop.choices import DossierStatus
from egov.onestop.models import Dossier
from egov.onestop.services.payments_online import (
    dossier_payment_online_offer,
    dossier_payment_online_start,
)
from egov.portal.demo_dossiers import MAIN_CITIZEN

PAYABLE = (DossierStatus.SUBMITTED, DossierStatus.PROCESSING)


def demo_payment_load() -> str:
    """Pay the fees of one dossier online, the main demo citizen's first; returns its code
    ('' when the payment platform is not available or no dossier has a fixed fee due)."""
    if not payment_is_available():
        return ""
    main = User.objects.filter(email=MAIN_CITIZEN).values_list("pk", flat=True).first()
    candidates = sorted(
        Dossier.objects.filter(status__in=PAYABLE, applicant__isnull=False).select_related(
            "applicant"
        ),
        key=lambda d: (d.applicant_id != main, d.pk),  # the main citizen's first
    )
    dossier = next(
        (d for d in candidates if dossier_payment_online_offer(d).amount_due_vnd > 0), None
    )
    if dossier is None:
        return ""
    citizen = dossier.applicant
    return_url = settings.SITE_URL.rstrip("/") + reverse(
        "onestop:my-dossier-pay-return", args=[dossier.pk]
    )
    url = dossier_payment_online_start(actor=citizen, dossier=dossier, return_url=return_url)
    params = dict(parse_qsl(urlsplit(url).query))
    payment_callback(params=payment_result(params, "pay"))
    return dossier.code
