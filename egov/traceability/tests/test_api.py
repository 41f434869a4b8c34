import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from egov.jobs.models import Job
from egov.traceability.models import Batch, Event
from egov.traceability.selectors import chain_verify
from egov.traceability.services_events import batch_event_record
from egov.traceability.tests import factories
from egov.traceability.tests.factories import bearer as _bearer
from egov.traceability.tests.factories import epcis_document as _document
from egov.traceability.tests.factories import epcis_event as _event

pytestmark = pytest.mark.django_db
CAPTURE = "/api/v1/traceability/epcis/capture"
EVENTS = "/api/v1/traceability/epcis/events"


def test_a_captured_document_joins_the_batch_chain(capture, batch):
    account = batch.product.producer.account
    batch_event_record(actor=account, batch=batch, biz_step="commissioning")
    document = _document(
        _event("packing", minutes_ago=5),
        _event("urn:epcglobal:cbv:bizstep:shipping", minutes_ago=1),
    )

    response, job = capture(account, document, content_type="application/ld+json")

    assert response.status_code == 202, response.content
    captured = Job.objects.get()
    assert response["Location"] == f"{CAPTURE}/{captured.pk}"
    assert response.json() == {"captureID": str(captured.pk)}
    assert response["GS1-EPCIS-Version"] == "2.0.0"
    assert job["running"] is False
    assert job["success"] is True
    assert job["errors"] == []
    assert job["captureErrorBehaviour"] == "rollback"
    assert captured.result_summary == "Đã ghi nhận 2 sự kiện."
    assert list(batch.events.values_list("biz_step", flat=True)) == [
        "commissioning",
        "packing",
        "shipping",
    ]
    assert chain_verify(batch).intact


def test_a_malformed_document_names_the_member_and_stores_nothing(capture, batch):
    account = batch.product.producer.account
    bad = _document(_event("packing"), {**_event("shipping"), "eventTime": "yesterday"})
    response, job = capture(account, bad)
    assert response.status_code == 202
    assert (job["running"], job["success"]) == (False, False)
    assert [e["field"] for e in job["errors"]] == ["epcisBody.eventList.1.eventTime"]
    assert job["errors"][0]["title"] == "Tài liệu EPCIS không đúng lược đồ EPCIS 2.0."
    assert Event.objects.count() == 0


def test_one_refused_event_refuses_the_whole_document(capture, batch):
    account = batch.product.producer.account
    document = _document(_event("packing"), _event("packing", lot="KHONG-CO"))
    _response, job = capture(account, document)
    assert job["success"] is False
    assert job["errors"][0]["field"] == "epcisBody.eventList.1.epcList"
    assert Event.objects.count() == 0


def test_not_json_and_not_a_producer_are_refused_at_once(capture, batch, officer):
    account = batch.product.producer.account
    response, _job = capture(account, "{")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "body"
    response, _job = capture(officer, _document(_event("packing")))
    assert response.status_code == 403
    assert not Job.objects.exists()


def test_a_capture_job_is_seen_only_by_its_producer(capture, client, batch, officer, world):
    account = batch.product.producer.account
    response, _job = capture(account, _document(_event("packing")))
    other = factories.approved_producer(world.commune_a, officer, tax_code="0107777777").account

    assert client.get(response["Location"], **_bearer(other)).status_code == 404
    assert client.get(response["Location"], **_bearer(officer)).status_code == 404
    other_job = Job.objects.create(kind="directives.task_import", title="x", started_by=account)
    assert client.get(f"{CAPTURE}/{other_job.pk}", **_bearer(account)).status_code == 404


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


def test_a_transformation_with_quantities_is_captured_and_shown(capture, client, batch, officer):
    account = batch.product.producer.account
    bags = factories.approved_product(batch.product.producer, officer, gtin="")
    document = _document(_transformation(bags.code))

    _response, job = capture(account, document)

    assert job["success"] is True, job
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
    capture, batch, officer, change, field
):
    account = batch.product.producer.account
    bags = factories.approved_product(batch.product.producer, officer, gtin="")
    document = _document(_transformation(bags.code, **change))

    _response, job = capture(account, document)

    assert job["success"] is False
    assert [e["field"] for e in job["errors"]] == [field]
    assert not Event.objects.exists()
    assert not Batch.objects.filter(lot="T1").exists()
