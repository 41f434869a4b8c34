import datetime
import json
from decimal import Decimal

import pytest
from django.utils import timezone

from egov.accounts.services import api_token_create
from egov.traceability.models import Batch, Event
from egov.traceability.selectors import chain_verify
from egov.traceability.services_events import batch_event_record
from egov.traceability.tests import factories

pytestmark = pytest.mark.django_db
CAPTURE = "/api/v1/traceability/epcis/capture"
EVENTS = "/api/v1/traceability/epcis/events"


def _bearer(user):
    issued = api_token_create(actor=user, user=user, name="erp", apps=["traceability"])
    return {"HTTP_AUTHORIZATION": f"Bearer {issued.secret}"}


def _document(*events):
    return {
        "@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],
        "type": "EPCISDocument",
        "schemaVersion": "2.0",
        "creationDate": "2026-03-01T08:00:00+07:00",
        "epcisBody": {"eventList": list(events)},
    }


def _event(step, *, lot="L2026-01", minutes_ago=10, **extra):
    moment = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    return {
        "type": "ObjectEvent",
        "action": "OBSERVE",
        "bizStep": step,
        "eventTime": moment.isoformat(),
        "eventTimeZoneOffset": "+07:00",
        "quantityList": [
            {
                "epcClass": f"https://id.gs1.org/01/08935049500018/10/{lot}",
                "quantity": 10,
                "uom": "KGM",
            }
        ],
        **extra,
    }


def test_a_captured_document_joins_the_batch_chain(client, batch):
    account = batch.product.producer.account
    batch_event_record(actor=account, batch=batch, biz_step="commissioning")
    document = _document(
        _event("packing", minutes_ago=5),
        _event("urn:epcglobal:cbv:bizstep:shipping", minutes_ago=1),
    )

    response = client.post(
        CAPTURE, data=json.dumps(document), content_type="application/ld+json", **_bearer(account)
    )

    assert response.status_code == 201, response.content
    assert response.json()["captured"] == 2
    assert list(batch.events.values_list("biz_step", flat=True)) == [
        "commissioning",
        "packing",
        "shipping",
    ]
    assert chain_verify(batch).intact


def test_a_malformed_document_names_the_member_and_stores_nothing(client, batch):
    account = batch.product.producer.account
    bad = _document(_event("packing"), {**_event("shipping"), "eventTime": "yesterday"})
    response = client.post(
        CAPTURE, data=json.dumps(bad), content_type="application/json", **_bearer(account)
    )
    assert response.status_code == 422
    fields = [e["field"] for e in response.json()["errors"]]
    assert fields == ["epcisBody.eventList.1.eventTime"]
    assert Event.objects.count() == 0


def test_one_refused_event_refuses_the_whole_document(client, batch):
    account = batch.product.producer.account
    document = _document(_event("packing"), _event("packing", lot="KHONG-CO"))
    response = client.post(
        CAPTURE, data=json.dumps(document), content_type="application/json", **_bearer(account)
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "epcisBody.eventList.1.epcList"
    assert Event.objects.count() == 0


def test_not_json_and_not_a_producer(client, batch, officer):
    account = batch.product.producer.account
    response = client.post(CAPTURE, data="{", content_type="application/json", **_bearer(account))
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "body"
    response = client.post(
        CAPTURE,
        data=json.dumps(_document(_event("packing"))),
        content_type="application/json",
        **_bearer(officer),
    )
    assert response.status_code == 403


def test_query_returns_an_epcis_query_document(client, batch, officer, other_district_officer):
    account = batch.product.producer.account
    batch_event_record(actor=account, batch=batch, biz_step="commissioning")
    batch_event_record(actor=account, batch=batch, biz_step="shipping")

    response = client.get(
        EVENTS, {"gtin": "8935049500018", "bizStep": "shipping"}, **_bearer(officer)
    )

    body = response.json()
    assert response.status_code == 200
    assert body["type"] == "EPCISQueryDocument"
    events = body["epcisBody"]["queryResults"]["resultsBody"]["eventList"]
    assert [e["bizStep"] for e in events] == ["shipping"]
    assert events[0]["quantityList"][0]["epcClass"].endswith("/01/08935049500018/10/L2026-01")
    outsider = client.get(EVENTS, **_bearer(other_district_officer)).json()
    assert outsider["epcisBody"]["queryResults"]["resultsBody"]["eventList"] == []


def _transformation(output_gtin, *, used=100, used_uom="KGM", made=200, made_uom="H87"):
    moment = timezone.now() - datetime.timedelta(minutes=3)
    return {
        "type": "TransformationEvent",
        "bizStep": "https://ref.gs1.org/cbv/BizStep-transforming",
        "eventTime": moment.isoformat(),
        "eventTimeZoneOffset": "+07:00",
        "inputQuantityList": [
            {
                "epcClass": "https://id.gs1.org/01/08935049500018/10/L2026-01",
                "quantity": used,
                "uom": used_uom,
            }
        ],
        "outputQuantityList": [
            {
                "epcClass": f"https://id.gs1.org/01/{output_gtin}/10/T1",
                "quantity": made,
                "uom": made_uom,
            }
        ],
    }


def test_a_transformation_with_quantities_is_captured_and_shown(client, batch, officer):
    account = batch.product.producer.account
    bags = factories.approved_product(batch.product.producer, officer, gtin="")
    document = _document(_transformation(bags.code))

    response = client.post(
        CAPTURE, data=json.dumps(document), content_type="application/json", **_bearer(account)
    )

    assert response.status_code == 201, response.content
    output = Batch.objects.get(lot="T1")
    assert (output.quantity, output.uom) == (Decimal("200.000"), "H87")
    batch.refresh_from_db()
    assert (batch.used_quantity, batch.consumed_at) == (Decimal("100.000"), None)
    page = client.get(f"/01/{bags.code}/10/T1").content.decode()
    assert "100 kg" in page
    assert "200 cái" in page
    query = client.get(EVENTS, {"lot": "T1"}, **_bearer(account)).json()
    event = query["epcisBody"]["queryResults"]["resultsBody"]["eventList"][0]
    assert event["inputQuantityList"] == [
        {
            "epcClass": "https://id.gs1.org/01/08935049500018/10/L2026-01",
            "quantity": 100.0,
            "uom": "KGM",
        }
    ]
    assert event["outputQuantityList"][0]["quantity"] == 200.0
    assert event["outputQuantityList"][0]["uom"] == "H87"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"used": 0}, "epcisBody.eventList.0.inputQuantityList.0.quantity"),
        ({"used": 500}, "epcisBody.eventList.0.inputQuantityList.0.quantity"),
        ({"used_uom": "XBG"}, "epcisBody.eventList.0.inputQuantityList.0.uom"),
        ({"used_uom": "H87"}, "epcisBody.eventList.0.inputQuantityList.0.uom"),
        ({"made": 0}, "epcisBody.eventList.0.outputQuantityList.0.quantity"),
        ({"made_uom": "BAG"}, "epcisBody.eventList.0.outputQuantityList.0.uom"),
    ],
)
def test_a_bad_transformation_names_the_quantity_and_stores_nothing(
    client, batch, officer, change, field
):
    account = batch.product.producer.account
    bags = factories.approved_product(batch.product.producer, officer, gtin="")
    document = _document(_transformation(bags.code, **change))

    response = client.post(
        CAPTURE, data=json.dumps(document), content_type="application/json", **_bearer(account)
    )

    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == [field]
    assert not Event.objects.exists()
    assert not Batch.objects.filter(lot="T1").exists()
