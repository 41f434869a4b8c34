"""The demo's online payment: the main demo citizen's dossier paid through the payment
platform's simulator answer, the receipt recorded on the dossier; nothing without the
platform. The demo's data-sharing consumer, whose read of that dossier shows to its owner."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from conftest import PASSWORD, make_officer
from egov.accounts.services import api_token_resolve, public_account_register
from egov.integration.choices import PaymentState, ShareOutcome
from egov.integration.models import PaymentOrder, ShareConsumer, ShareRead
from egov.integration.simulators.views import portal_forget
from egov.onestop.models import Dossier, DossierPayment
from egov.onestop.tests.online_helpers import agency_code_set, online_procedure, submitted_for
from egov.orgs.models import OrgUnit
from egov.portal.demo_dossiers import MAIN_CITIZEN
from egov.portal.demo_integration import (
    UNMAPPED_DEMO_CODE,
    demo_payment_load,
    demo_portal_dossiers_seed,
    demo_share_load,
)

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


def test_the_demo_registers_a_consumer_that_has_read_the_paid_dossier(settings, world, dossier):
    settings.EGOV_INTEGRATION_SIMULATORS = True
    make_officer("chanhvanphong@hanoi.demo", world.city, "unit_head", subtree=True)
    code = demo_payment_load()

    consumer = demo_share_load(paid_dossier_code=code)

    registered = ShareConsumer.objects.get()
    assert consumer.secret.startswith("egov_")
    read = ShareRead.objects.get()
    assert (read.consumer, read.owner, read.outcome) == (
        registered,
        dossier.applicant,
        ShareOutcome.SERVED,
    )
    token = api_token_resolve(consumer.secret)
    assert (token.user_id, token.apps, token.read_only) == (
        registered.account_id,
        ["integration"],
        True,
    )


def test_without_the_city_office_the_demo_registers_no_consumer(dossier):
    assert demo_share_load(paid_dossier_code=dossier.code) is None
    assert not ShareConsumer.objects.exists()


def test_the_demo_leaves_two_dossiers_waiting_on_the_national_portal(
    client, settings, world, dossier
):
    settings.EGOV_INTEGRATION_SIMULATORS = True
    OrgUnit.objects.filter(pk=world.district_a.pk).update(agency_code="000.20.01.H26")
    portal_forget()
    try:
        assert demo_portal_dossiers_seed() == 2
        since = (timezone.now() - datetime.timedelta(days=1)).isoformat()
        answer = client.get("/sim/dvcqg/dossiers/submitted", {"tuNgay": since}).json()
    finally:
        portal_forget()
    records = answer["HoSo"]
    assert sorted(r["MaTTHC"] for r in records) == sorted(
        [dossier.procedure.code, UNMAPPED_DEMO_CODE]
    )
    assert {r["SoGiayToChuHoSo"] for r in records} == {"001085012345"}


def test_without_a_coded_unit_behind_the_dossiers_the_demo_seeds_a_unit_that_handles_one(
    client, settings, world, dossier
):
    """The demo's wards have no agency code yet, so no dossier in progress is at a coded unit:
    the seed takes a procedure with a national code and a coded unit with a desk that handles
    it, so the pull has something to register on first run."""
    settings.EGOV_INTEGRATION_SIMULATORS = True
    Dossier.objects.filter(pk=dossier.pk).update(status="returned")  # no dossier in progress
    OrgUnit.objects.filter(pk=world.district_a.pk).update(agency_code="000.20.01.H26")
    portal_forget()
    try:
        assert demo_portal_dossiers_seed() == 2
        since = (timezone.now() - datetime.timedelta(days=1)).isoformat()
        answer = client.get("/sim/dvcqg/dossiers/submitted", {"tuNgay": since}).json()
    finally:
        portal_forget()
    records = answer["HoSo"]
    assert {r["MaCoQuan"] for r in records} == {"000.20.01.H26"}
    assert sorted(r["MaTTHC"] for r in records) == sorted(
        [dossier.procedure.code, UNMAPPED_DEMO_CODE]
    )
