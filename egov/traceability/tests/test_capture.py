"""EPCIS capture in bulk: many events in one document, retries that store nothing twice, every
event at fault listed, limits answered at once, and a query count that does not grow with the
number of events."""

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from egov.audit.models import AuditEvent
from egov.jobs.models import Job
from egov.traceability import epcis, services_epcis
from egov.traceability.models import Batch, Event
from egov.traceability.selectors import chain_verify
from egov.traceability.services_epcis import epcis_capture
from egov.traceability.services_events import batch_event_record
from egov.traceability.tests import factories
from egov.traceability.tests.factories import epcis_document, epcis_event

pytestmark = pytest.mark.django_db
CAPTURED = "traceability.epcis_captured"


@pytest.fixture
def lots(product):
    """Five batches of the product: L1 … L5."""
    return [factories.batch(product, lot=f"L{n}") for n in range(1, 6)]


def _spread(count, *, prefix="urn:uuid:evt-"):
    """``count`` ObjectEvents over the five lots in turn, each with its own eventID."""
    steps = ("packing", "shipping", "receiving", "retail_selling")
    return [
        epcis_event(steps[n % 4], lot=f"L{n % 5 + 1}", minutes_ago=200 - n, eventID=f"{prefix}{n}")
        for n in range(count)
    ]


def test_a_document_of_many_events_over_many_lots_is_stored_in_order(capture, lots):
    account = lots[0].product.producer.account
    batch_event_record(actor=account, batch=lots[0], biz_step="commissioning")

    _response, job = capture(account, epcis_document(*_spread(40)))

    assert job["success"] is True, job
    assert Event.objects.count() == 41
    first = list(lots[0].events.values_list("sequence", "biz_step", "event_id"))
    assert first[:3] == [
        (1, "commissioning", first[0][2]),
        (2, "packing", "urn:uuid:evt-0"),
        (3, "shipping", "urn:uuid:evt-5"),
    ]
    assert all(chain_verify(batch).intact for batch in lots)
    assert AuditEvent.objects.filter(action=CAPTURED).count() == 1
    assert Job.objects.get().result_summary == "Đã ghi nhận 40 sự kiện."


def test_a_retried_capture_stores_nothing_twice(capture, lots):
    account = lots[0].product.producer.account
    document = epcis_document(*_spread(10), epcis_event("inspecting", lot="L1", minutes_ago=5))
    capture(account, document)

    _response, job = capture(account, document)

    assert job["success"] is True, job
    assert Event.objects.count() == 11
    assert Job.objects.order_by("pk").last().result_summary == (
        "Đã ghi nhận 0 sự kiện. 11 sự kiện đã được ghi nhận từ trước, không ghi lại."
    )
    assert AuditEvent.objects.filter(action=CAPTURED).count() == 1
    assert all(chain_verify(batch).intact for batch in lots)


def test_a_retry_with_new_events_stores_only_the_new_ones(capture, lots):
    account = lots[0].product.producer.account
    capture(account, epcis_document(*_spread(6)))

    _response, job = capture(account, epcis_document(*_spread(9)))

    assert job["success"] is True, job
    assert Event.objects.count() == 9
    assert "Đã ghi nhận 3 sự kiện." in Job.objects.order_by("pk").last().result_summary


def test_the_same_event_twice_in_a_document_is_stored_once(capture, lots):
    account = lots[0].product.producer.account
    event = epcis_event("packing", lot="L1")  # no eventID: one is derived from its content
    _response, job = capture(account, epcis_document(event, event))
    assert job["success"] is True, job
    assert Event.objects.count() == 1
    assert Event.objects.get().event_id == epcis.derived_event_id(event)


def test_every_event_at_fault_is_listed_and_nothing_is_stored(capture, lots):
    account = lots[0].product.producer.account
    document = epcis_document(
        epcis_event("packing", lot="L1"),
        epcis_event("packing", lot="L2", minutes_ago=-60),  # in the future
        epcis_event("packing", lot="KHONG-CO"),
        epcis_event("urn:epcglobal:cbv:bizstep:dancing", lot="L3"),
        epcis_event("packing", lot="L4", bizLocation={"id": "https://id.gs1.org/414/x"}),
        epcis_event("packing", lot="L5", minutes_ago=60 * 24 * 10),  # before the batch
    )

    _response, job = capture(account, document)

    assert (job["running"], job["success"]) == (False, False)
    assert job["errors"][0]["title"] == "5 sự kiện trong tài liệu có lỗi: không lưu gì."
    assert {e["field"]: e["detail"] for e in job["errors"]} == {
        "epcisBody.eventList.1.eventTime": "Thời điểm sự kiện không được ở tương lai.",
        "epcisBody.eventList.2.epcList": "Không có lô hàng nào của cơ sở mang GTIN và số lô này.",
        "epcisBody.eventList.3.bizStep": "Hệ thống không ghi bước nghiệp vụ này.",
        "epcisBody.eventList.4.bizLocation": (
            "Không có địa điểm nào của cơ sở mang mã địa điểm (GLN) này."
        ),
        "epcisBody.eventList.5.eventTime": "Thời điểm sự kiện trước ngày sản xuất của lô hàng.",
    }
    assert not Event.objects.exists()
    assert not AuditEvent.objects.filter(action=CAPTURED).exists()


def test_an_event_id_of_another_producers_event_is_refused(capture, lots, officer, world):
    other = factories.approved_producer(world.commune_a, officer, tax_code="0107777777")
    theirs = factories.batch(factories.approved_product(other, officer, gtin="8935049500025"))
    capture(
        other.account,
        epcis_document(
            epcis_event("packing", eventID="urn:uuid:x", lot=theirs.lot, gtin="08935049500025")
        ),
    )
    account = lots[0].product.producer.account

    _response, job = capture(account, epcis_document(epcis_event("packing", eventID="urn:uuid:x")))

    assert job["success"] is False
    assert [e["field"] for e in job["errors"]] == ["epcisBody.eventList.0.eventID"]
    assert Event.objects.count() == 1


def test_an_impossible_date_is_named_not_a_crash(capture, lots):
    account = lots[0].product.producer.account
    event = {**epcis_event("packing", lot="L1"), "eventTime": "2026-13-45T08:00:00+07:00"}
    _response, job = capture(account, epcis_document(event))
    assert job["success"] is False
    assert job["errors"][0]["field"] == "epcisBody.eventList.0.eventTime"
    assert job["errors"][0]["detail"] == "Đây không phải là một ngày giờ có thật."


def test_limits_and_error_behaviour_are_answered_at_once(capture, lots, monkeypatch):
    account = lots[0].product.producer.account
    monkeypatch.setattr(epcis, "CAPTURE_LIMIT", 3)

    too_many, _job = capture(account, epcis_document(*_spread(4)))
    proceed, _job = capture(
        account, epcis_document(*_spread(2)), HTTP_GS1_CAPTURE_ERROR_BEHAVIOUR="proceed"
    )
    infinite, _job = capture(account, json.dumps(epcis_document(*_spread(1))).replace("10", "NaN"))
    accepted, _job = capture(account, epcis_document(*_spread(3)))

    assert too_many.status_code == 413
    assert too_many.json()["errors"] == [
        {
            "field": "epcisBody.eventList",
            "message": "Mỗi tài liệu tối đa 3 sự kiện: gửi phần còn lại trong lần ghi nhận khác.",
        }
    ]
    assert proceed.status_code == 422
    assert proceed.json()["errors"][0]["field"] == "GS1-Capture-Error-Behaviour"
    assert infinite.status_code == 422
    assert infinite.json()["errors"][0]["field"] == "body"
    assert accepted.status_code == 202
    assert accepted["GS1-EPCIS-Capture-Limit"] == "3"
    assert accepted["GS1-Capture-Error-Behaviour"] == "rollback"
    assert Job.objects.count() == 1


def test_the_query_count_does_not_grow_with_the_events(lots):
    """The reads and locks are per document; only the bulk inserts grow, by the rows one
    INSERT takes on SQLite (500, fewer: its statements take at most 999 parameters); on
    PostgreSQL the events go in by one COPY."""
    account = lots[0].product.producer.account
    reads, inserts = [], []
    for size, prefix in ((10, "a-"), (200, "b-")):
        with CaptureQueriesContext(connection) as queries:
            result = epcis_capture(
                actor=account, document=epcis_document(*_spread(size, prefix=prefix))
            )
        assert result.stored == size
        added = [q for q in queries if q["sql"].startswith('INSERT INTO "traceability_event"')]
        inserts.append(len(added))
        reads.append(len(queries) - len(added))
    assert reads[0] == reads[1]
    if connection.vendor == "postgresql":  # one COPY stream, which the query log does not list
        assert inserts == [0, 0]
    else:
        assert inserts[0] == 1
        assert inserts[1] <= 5
    assert all(chain_verify(batch).intact for batch in lots)


def _processing(inputs, output_lot, *, minutes_ago=30):
    moment = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    return {
        "type": "TransformationEvent",
        "bizStep": "transforming",
        "eventID": f"urn:uuid:made-{output_lot}",
        "eventTime": moment.isoformat(),
        "eventTimeZoneOffset": "+07:00",
        "inputEPCList": [f"https://id.gs1.org/01/08935049500018/10/{lot}" for lot in inputs],
        "outputQuantityList": [
            {
                "epcClass": f"https://id.gs1.org/01/08935049500018/10/{output_lot}",
                "quantity": 50,
                "uom": "KGM",
            }
        ],
    }


def test_processing_in_a_document_between_events_of_its_lots(capture, lots):
    account = lots[0].product.producer.account
    document = epcis_document(
        epcis_event("packing", lot="L1", minutes_ago=40),
        _processing(["L1"], "P1", minutes_ago=30),
        epcis_event("packing", lot="P1", minutes_ago=20),  # the lot just made
        epcis_event("shipping", lot="L2", minutes_ago=10),
    )

    _response, job = capture(account, document)

    assert job["success"] is True, job
    made = Batch.objects.get(lot="P1")
    assert list(made.events.values_list("biz_step", "event_id")) == [
        ("transforming", "urn:uuid:made-P1"),
        ("packing", made.events.last().event_id),
    ]
    assert list(lots[0].events.values_list("biz_step", flat=True)) == ["packing", "transforming"]
    assert all(chain_verify(batch).intact for batch in [*lots, made])
    _response, again = capture(account, document)
    assert again["success"] is True
    assert Event.objects.count() == 5


def test_an_event_of_a_lot_used_up_earlier_in_the_document_is_refused(capture, lots):
    account = lots[0].product.producer.account
    document = epcis_document(
        _processing(["L1"], "P1", minutes_ago=30),
        epcis_event("shipping", lot="L1", minutes_ago=10),
    )
    _response, job = capture(account, document)
    assert [e["field"] for e in job["errors"]] == ["epcisBody.eventList.1.epcList"]
    assert not Batch.objects.filter(lot="P1").exists()
    assert not Event.objects.exists()


def test_a_body_over_the_size_limit_is_refused_at_once(capture, lots, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2000
    account = lots[0].product.producer.account
    response, _job = capture(account, epcis_document(*_spread(20)))
    assert response.status_code == 413
    assert response.json()["code"] == "request_too_large"
    assert not Job.objects.exists()


def test_an_insert_meeting_another_captures_rows_is_run_once_more(lots, monkeypatch):
    """Two captures of the same events at once: the later one's insert (COPY on PostgreSQL,
    INSERT elsewhere) meets the rows the first one stored, and its capture runs once more,
    finding them stored. Simulated by a look-up of stored IDs that misses them once."""
    account = lots[0].product.producer.account
    document = epcis_document(*_spread(3))
    epcis_capture(actor=account, document=document)
    looked_up = []
    real = services_epcis._Capture.stored_ids

    def blind_once(capture, ids):
        looked_up.append(1)
        return {} if len(looked_up) == 1 else real(capture, ids)

    monkeypatch.setattr(services_epcis._Capture, "stored_ids", blind_once)
    result = epcis_capture(actor=account, document=document)

    assert (result.stored, result.already, len(looked_up)) == (0, 3, 2)
    assert Event.objects.count() == 3
    assert all(chain_verify(batch).intact for batch in lots)
