"""Online payment: a signed order, the gateway simulator's signed result, verification with
HMAC-SHA512; wrong signature, amount, unknown order and replays refused or ignored."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest
from django.urls import reverse

from egov.audit.models import AuditEvent
from egov.integration.choices import IntegrationAuditAction, PaymentState
from egov.integration.exceptions import IntegrationError, PaymentCallbackRefused
from egov.integration.models import PaymentOrder
from egov.integration.rules import SIGNATURE_FIELD, payment_signature
from egov.integration.services import payment_callback, payment_request

pytestmark = pytest.mark.django_db

SECRET = "test-payment-secret"


def _order(citizen):
    return payment_request(
        actor=citizen,
        dossier_code="000.00.20.H26-250122-0001",
        amount=50000,
        description="Lệ phí hồ sơ",
        return_url="http://testserver/integration/payments/return/",
    )


def _signed(**params):
    return {**params, SIGNATURE_FIELD: payment_signature(params, SECRET)}


def _result(order, **overrides):
    params = {
        "vnp_TmnCode": "EGOVHN01",
        "vnp_Amount": str(order.amount * 100),
        "vnp_TxnRef": order.order_ref,
        "vnp_ResponseCode": "00",
        "vnp_TransactionNo": "14000001",
    }
    params.update(overrides)
    return _signed(**params)


def test_the_gateway_simulator_takes_the_signed_order_and_returns_a_signed_result(
    simulators, citizen, client
):
    order, url = _order(citizen)
    split = urlsplit(url)
    assert split.path == "/sim/payment/pay"
    params = dict(parse_qsl(split.query))
    assert params["vnp_Amount"] == "5000000"

    page = client.get(split.path, params)
    assert page.status_code == 200
    back = client.post(split.path, {**params, "outcome": "pay"})
    result = dict(parse_qsl(urlsplit(back["Location"]).query))
    returned = client.get(reverse("integration:payment-return"), result)

    order.refresh_from_db()
    assert returned.status_code == 200
    assert (order.state, order.gateway_transaction) == (
        PaymentState.PAID,
        "SIM" + order.order_ref[-8:],
    )
    assert "50.000" in returned.content.decode()


def test_a_replayed_callback_pays_nothing_twice(simulators, citizen):
    order, _url = _order(citizen)
    payment_callback(params=_result(order))
    payment_callback(params=_result(order, vnp_TransactionNo="14000002"))

    order.refresh_from_db()
    assert (order.state, order.gateway_transaction) == (PaymentState.PAID, "14000001")
    assert AuditEvent.objects.filter(action=IntegrationAuditAction.PAYMENT_CONFIRMED).count() == 1


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"vnp_Amount": "100"}, "payment_amount_refused"),
        ({"vnp_TxnRef": "NOPE"}, "payment_order_refused"),
    ],
)
def test_a_callback_with_a_wrong_amount_or_order_is_refused_and_audited(
    simulators, citizen, change, code
):
    order, _url = _order(citizen)
    with pytest.raises(PaymentCallbackRefused) as refused:
        payment_callback(params=_result(order, **change))

    assert refused.value.code == code
    order.refresh_from_db()
    assert order.state == PaymentState.PENDING
    assert AuditEvent.objects.filter(
        action=IntegrationAuditAction.PAYMENT_CALLBACK_REFUSED
    ).exists()


def test_a_forged_signature_is_refused(simulators, citizen, client):
    order, _url = _order(citizen)
    forged = {**_result(order), "vnp_Amount": "1"}

    response = client.get(reverse("integration:payment-ipn"), forged)

    assert response.status_code == 400
    assert response.json()["RspCode"] == "97"
    order.refresh_from_db()
    assert order.state == PaymentState.PENDING
    # unsigned garbage is logged, not audited (anyone could send it)
    assert not AuditEvent.objects.filter(
        action=IntegrationAuditAction.PAYMENT_CALLBACK_REFUSED
    ).exists()


def test_the_ipn_confirms_a_failed_payment_as_failed(simulators, citizen, client):
    order, _url = _order(citizen)

    response = client.get(reverse("integration:payment-ipn"), _result(order, vnp_ResponseCode="24"))

    assert response.json()["RspCode"] == "00"
    order.refresh_from_db()
    assert order.state == PaymentState.FAILED


def test_a_zero_amount_is_refused(simulators, citizen):
    with pytest.raises(IntegrationError):
        payment_request(
            actor=citizen, dossier_code="X", amount=0, description="", return_url="http://x/"
        )
    assert not PaymentOrder.objects.exists()
