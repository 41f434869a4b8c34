"""A citizen pays a dossier's fees online: onestop's pay page opens an order on the payment
platform (its simulator), the platform's signed answer comes back on the return URL and the
IPN, the fee is recorded on the dossier once, the receipt is shown; cancelled, refused, open
and unreachable payments are told plainly; nothing is paid twice."""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qsl, urlsplit

import httpx
import pytest
from django.urls import reverse

from conftest import PASSWORD
from egov.accounts.services import public_account_register
from egov.audit.models import AuditEvent
from egov.integration.choices import CallOutcome, PaymentState
from egov.integration.models import ConnectorCall, PaymentOrder
from egov.integration.rules import SIGNATURE_FIELD, payment_signature
from egov.integration.services import client as connector_client
from egov.integration.services.payments import payment_callback
from egov.onestop.choices import AuditAction
from egov.onestop.models import DossierPayment
from egov.onestop.services.payments_online import dossier_payment_online_record
from egov.onestop.tests.factories import ProcedureFeeFactory
from egov.onestop.tests.online_helpers import agency_code_set, online_procedure, submitted_for

pytestmark = pytest.mark.django_db

EN = {"Accept-Language": "en"}
SECRET = "test-payment-secret"


@pytest.fixture
def dossier(world, citizen):
    agency_code_set(world)
    return submitted_for(citizen, online_procedure(), world.district_a)  # fee 75,000 đồng


def _url(name, dossier):
    return reverse(f"onestop:{name}", args=[dossier.pk])


def _text(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


def _to_gateway(client, dossier):
    """Start the payment; returns the platform page's path and signed parameters."""
    response = client.post(_url("my-dossier-pay-online", dossier), headers=EN)
    assert response.status_code == 302
    split = urlsplit(response["Location"])
    return split.path, dict(parse_qsl(split.query))


def _at_gateway(client, path, params, outcome):
    """The payer's choice on the platform's page; returns the signed answer it sends back."""
    back = client.post(path, {**params, "outcome": outcome})
    split = urlsplit(back["Location"])
    return split.path, dict(parse_qsl(split.query))


def test_a_citizen_pays_online_and_sees_the_receipt(simulators, client, citizen, dossier):
    client.force_login(citizen)
    page = client.get(_url("my-dossier-pay", dossier), headers=EN)
    assert "Fees still due: 75,000 đồng." in _text(page)

    path, params = _to_gateway(client, dossier)
    assert path == "/sim/payment/pay"
    assert (params["vnp_Amount"], params["vnp_ReturnUrl"]) == (
        "7500000",
        f"http://testserver{_url('my-dossier-pay-return', dossier)}",
    )
    assert client.get(path, params).status_code == 200
    back_path, answer = _at_gateway(client, path, params, "pay")
    returned = client.get(back_path, answer, headers=EN)

    order = PaymentOrder.objects.get()
    assert returned.status_code == 200
    text = _text(returned)
    assert "The payment was successful." in text
    assert order.order_ref in text
    assert "Bảy mươi lăm nghìn đồng" in text
    assert list(dossier.payments.values_list("amount_vnd", "receipt_number", "method")) == [
        (75_000, order.order_ref, "payment_platform")
    ]
    event = AuditEvent.objects.get(action=AuditAction.DOSSIER_PAYMENT_RECORDED)
    assert (event.object_id, event.changes["gateway_transaction"]) == (
        str(dossier.pk),
        "SIM" + order.order_ref[-8:],
    )


def test_the_ipn_and_the_return_record_the_fee_once(simulators, client, citizen, dossier):
    client.force_login(citizen)
    path, params = _to_gateway(client, dossier)
    back_path, answer = _at_gateway(client, path, params, "pay")

    ipn = client.get(reverse("integration:payment-ipn"), answer)
    again = client.get(reverse("integration:payment-ipn"), answer)
    returned = client.get(back_path, answer, headers=EN)

    assert (ipn.json()["RspCode"], again.json()["RspCode"], returned.status_code) == (
        "00",
        "00",
        200,
    )
    assert dossier.payments.count() == 1
    assert AuditEvent.objects.filter(action=AuditAction.DOSSIER_PAYMENT_RECORDED).count() == 1
    # paid: nothing left to pay online
    page = client.get(_url("my-dossier-pay", dossier), headers=EN)
    assert "No fixed fee is left to pay online for this dossier." in _text(page)


@pytest.mark.parametrize(
    ("outcome", "told"),
    [
        ("cancel", "You cancelled the payment."),
        ("no_funds", "The account does not have enough money."),
    ],
)
def test_a_cancelled_or_refused_payment_is_told_and_can_be_tried_again(
    simulators, client, citizen, dossier, outcome, told
):
    client.force_login(citizen)
    path, params = _to_gateway(client, dossier)
    back_path, answer = _at_gateway(client, path, params, outcome)

    returned = client.get(back_path, answer, headers=EN)

    assert f"{told} Nothing was charged. You can try again." in _text(returned)
    assert PaymentOrder.objects.get().state == PaymentState.FAILED
    assert not dossier.payments.exists()
    assert client.post(_url("my-dossier-pay-online", dossier)).status_code == 302


def test_an_open_payment_is_checked_with_the_platform_before_paying_again(
    simulators, client, citizen, dossier
):
    client.force_login(citizen)
    path, params = _to_gateway(client, dossier)  # the citizen closes the platform's page
    order = PaymentOrder.objects.get()

    second = client.post(_url("my-dossier-pay-online", dossier), headers=EN)
    assert second.status_code == 409
    assert "is still open on the payment platform" in _text(second)
    assert PaymentOrder.objects.count() == 1

    unknown = client.post(
        _url("my-dossier-pay-check", dossier), {"order": order.order_ref}, headers=EN
    )
    assert "has not been confirmed by the payment platform yet" in _text(unknown)

    _at_gateway(client, path, params, "pay")  # paid after all; the answer never came back
    checked = client.post(
        _url("my-dossier-pay-check", dossier), {"order": order.order_ref}, headers=EN
    )

    assert "The payment was successful." in _text(checked)
    assert dossier.payments.get().receipt_number == order.order_ref


def test_a_platform_that_times_out_is_told_and_the_payment_stays_open(
    simulators, client, citizen, dossier, settings
):
    settings.EGOV_INTEGRATION_RETRIES = 2
    client.force_login(citizen)
    _to_gateway(client, dossier)
    order = PaymentOrder.objects.get()

    def timeout(request):
        raise httpx.ReadTimeout("timed out", request=request)

    connector_client.transport_set(httpx.MockTransport(timeout))
    checked = client.post(
        _url("my-dossier-pay-check", dossier), {"order": order.order_ref}, headers=EN
    )

    assert checked.status_code == 503
    assert "The payment platform cannot be reached now" in _text(checked)
    order.refresh_from_db()
    assert order.state == PaymentState.PENDING
    call = ConnectorCall.objects.get(connector="payment")
    assert (call.outcome, call.attempts, call.issue) == (CallOutcome.FAILED, 2, dossier.code)


def test_an_untrusted_query_answer_settles_nothing(simulators, client, citizen, dossier):
    client.force_login(citizen)
    _to_gateway(client, dossier)
    order = PaymentOrder.objects.get()

    def forged(request):
        return httpx.Response(
            200,
            json={
                "vnp_ResponseCode": "00",
                "vnp_TxnRef": order.order_ref,
                "vnp_Amount": str(order.amount * 100),
                "vnp_TransactionStatus": "00",
                SIGNATURE_FIELD: "0" * 128,
            },
        )

    connector_client.transport_set(httpx.MockTransport(forged))
    checked = client.post(
        _url("my-dossier-pay-check", dossier), {"order": order.order_ref}, headers=EN
    )

    assert checked.status_code == 503
    order.refresh_from_db()
    assert order.state == PaymentState.PENDING
    assert not dossier.payments.exists()


def test_a_forged_return_is_refused_and_pays_nothing(simulators, client, citizen, dossier):
    client.force_login(citizen)
    path, params = _to_gateway(client, dossier)
    back_path, answer = _at_gateway(client, path, params, "pay")

    forged = client.get(back_path, {**answer, "vnp_Amount": "100"}, headers=EN)

    assert forged.status_code == 400
    assert "The payment callback's signature is wrong." in _text(forged)
    assert not dossier.payments.exists()


def test_a_payment_of_another_dossier_is_refused_on_this_dossiers_return(
    simulators, client, citizen, dossier, world
):
    other = submitted_for(citizen, dossier.procedure, world.district_a, key="o" * 32)
    client.force_login(citizen)
    path, params = _to_gateway(client, other)
    _path, answer = _at_gateway(client, path, params, "pay")

    response = client.get(_url("my-dossier-pay-return", dossier), answer, headers=EN)

    assert response.status_code == 400
    assert "This payment is for another dossier." in _text(response)
    assert not dossier.payments.exists()


def test_someone_elses_return_page_is_not_found(simulators, client, dossier, world):
    stranger = public_account_register(
        full_name="Trần Thị Bình",
        password=PASSWORD,
        phone="0987000111",
        citizen_id="001190004567",
    )
    client.force_login(stranger)

    assert client.get(_url("my-dossier-pay-return", dossier)).status_code == 404
    assert client.post(_url("my-dossier-pay-online", dossier)).status_code == 404


def test_without_the_platform_the_page_says_so_and_starting_is_refused(client, citizen, dossier):
    client.force_login(citizen)

    page = client.get(_url("my-dossier-pay", dossier), headers=EN)
    started = client.post(_url("my-dossier-pay-online", dossier), headers=EN)

    assert "Online payment is not available now" in _text(page)
    assert started.status_code == 503
    assert "Online payment is not available; pay at the desk." in _text(started)
    assert not PaymentOrder.objects.exists()


def test_a_confirmation_for_an_unknown_dossier_keeps_the_order_paid(simulators, citizen):
    from egov.integration.services import payment_request

    order, _ = payment_request(
        actor=citizen, dossier_code="NO-SUCH", amount=1000, description="x", return_url="http://x/"
    )
    params = {
        "vnp_TmnCode": "EGOVHN01",
        "vnp_Amount": "100000",
        "vnp_TxnRef": order.order_ref,
        "vnp_ResponseCode": "00",
        "vnp_TransactionNo": "1",
    }
    payment_callback(params={**params, SIGNATURE_FIELD: payment_signature(params, SECRET)})

    order.refresh_from_db()
    assert order.state == PaymentState.PAID
    assert dossier_payment_online_record(order=order) is None
    assert not DossierPayment.objects.exists()


def test_a_procedure_with_a_fee_not_fixed_is_not_paid_online(simulators, client, citizen, world):
    agency_code_set(world)
    procedure = online_procedure()
    ProcedureFeeFactory(procedure=procedure, amount_vnd=None, note="mức do HĐND tỉnh quyết định")
    dossier = submitted_for(citizen, procedure, world.district_a)
    client.force_login(citizen)

    page = client.get(_url("my-dossier-pay", dossier), headers=EN)
    started = client.post(_url("my-dossier-pay-online", dossier), headers=EN)

    assert "No fixed fee is left to pay online for this dossier." in _text(page)
    assert started.status_code == 409
    assert "If a fee is not a fixed amount, pay it at the desk" in _text(started)
    assert not PaymentOrder.objects.exists()
