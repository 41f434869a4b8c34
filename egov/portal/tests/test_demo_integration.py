"""The demo's online payment: the main demo citizen's dossier paid through the payment
platform's simulator answer, the receipt recorded on the dossier; nothing without the
platform."""

from __future__ import annotations

import pytest

from conftest import PASSWORD
from egov.accounts.services import public_account_register
from egov.integration.choices import PaymentState
from egov.integration.models import PaymentOrder
from egov.onestop.models import DossierPayment
from egov.onestop.tests.online_helpers import agency_code_set, online_procedure, submitted_for
from egov.portal.demo_dossiers import MAIN_CITIZEN
from egov.portal.demo_integration import demo_payment_load

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier(world):
    agency_code_set(world)
    citizen = public_account_register(
        full_name="Nguyễn Văn An", password=PASSWORD, email=MAIN_CITIZEN, citizen_id="001085012345"
    )
    return submitted_for(citizen, online_procedure(), world.district_a)  # fee 75,000 đồng


def test_the_demo_pays_a_dossier_of_the_main_citizen_online(settings, dossier):
    settings.EGOV_INTEGRATION_SIMULATORS = True

    code = demo_payment_load()

    assert code == dossier.code
    order = PaymentOrder.objects.get()
    assert (order.dossier_code, order.state, order.amount) == (code, PaymentState.PAID, 75_000)
    assert list(DossierPayment.objects.values_list("dossier", "receipt_number", "method")) == [
        (dossier.pk, order.order_ref, "payment_platform")
    ]


def test_without_the_payment_platform_the_demo_pays_nothing(dossier):
    assert demo_payment_load() == ""
    assert not PaymentOrder.objects.exists()
