"""Receiving through the EPCIS capture API: a shop captures a ``receiving`` ObjectEvent of a
batch another producer shipped to it, ending exactly where its receiving page would (the same
event, sealed onto the same chain), and is refused, event by event, where the page refuses."""

import datetime

import pytest
from django.db import transaction
from django.utils import timezone

from egov.audit.models import AuditEvent
from egov.traceability import rules, services
from egov.traceability.models import Event
from egov.traceability.selectors import batches_incoming_for_producer, chain_verify
from egov.traceability.services_events import batch_event_record
from egov.traceability.services_shipping import batch_receive, batch_ship, shipment_waiting
from egov.traceability.tests import factories
from egov.traceability.tests.factories import epcis_document, epcis_event

pytestmark = pytest.mark.django_db
SHOP_TAX_CODE = "0108888888"
COUNTER_GLN = "893504950001" + str(rules.check_digit("893504950001"))
RECEIVING = "urn:epcglobal:cbv:bizstep:receiving"
IN_PROGRESS = "urn:epcglobal:cbv:disp:in_progress"
NOT_WAITING = "Không có chuyến hàng nào của lô này đang chờ bạn nhận."


@pytest.fixture
def shop(world, officer):
    """Another approved producer, a shop whose counter has a GLN."""
    shop = factories.approved_producer(world.commune_a, officer, tax_code=SHOP_TAX_CODE)
    services.facility_add(actor=shop.account, name="Quầy Ngọc Hà", kind="shop", gln=COUNTER_GLN)
    return shop


@pytest.fixture
def shipped(batch, shop):
    """The farm's batch, harvested and shipped to the shop."""
    farm = batch.product.producer
    batch_event_record(actor=farm.account, batch=batch, biz_step="commissioning")
    batch_ship(actor=farm.account, batch=batch, destination_tax_code=SHOP_TAX_CODE)
    return batch


def _receiving(batch, moment, *, gln=COUNTER_GLN, **extra):
    return epcis_event(
        RECEIVING,
        lot=batch.lot,
        gtin=batch.product.code,
        eventTime=moment.isoformat(),
        disposition=IN_PROGRESS,
        bizLocation={"id": f"https://id.gs1.org/414/{gln}"},
        **extra,
    )


def _sealed(event):
    return (event.sequence, event.previous_hash, event.hash, event.content())


def test_receiving_captured_ends_as_receiving_on_the_page(capture, shipped, shop):
    moment = timezone.now().replace(microsecond=0) - datetime.timedelta(minutes=5)
    counter = shop.facilities.get()
    with transaction.atomic():  # what the receiving page would write, then undone
        by_page = batch_receive(
            actor=shop.account, batch=shipped, facility=counter, event_at=moment
        )
        expected = _sealed(by_page)
        transaction.set_rollback(True)
    assert shipped.events.count() == 2

    response, job = capture(shop.account, epcis_document(_receiving(shipped, moment)))

    assert response.status_code == 202
    assert (job["success"], job["errors"]) == (True, [])
    received = shipped.events.get(biz_step="receiving")
    assert _sealed(received) == expected
    assert (received.facility_id, received.recorded_by_id) == (counter.pk, shop.account_id)
    assert chain_verify(shipped).intact
    assert [b.received for b in batches_incoming_for_producer(shop)] == [True]
    assert not shipment_waiting(shipped, shop)
    assert AuditEvent.objects.filter(action="traceability.epcis_captured").count() == 1


def test_a_retried_receiving_capture_stores_nothing_twice(capture, shipped, shop):
    document = epcis_document(_receiving(shipped, timezone.now(), eventID="urn:uuid:nhan-1"))
    capture(shop.account, document)

    _response, job = capture(shop.account, document)

    assert job["success"] is True
    assert shipped.events.filter(biz_step="receiving").count() == 1


def test_receiving_a_batch_not_shipped_to_the_shop_is_refused(capture, batch, shop, officer, world):
    farm = batch.product.producer
    batch_event_record(actor=farm.account, batch=batch, biz_step="commissioning")
    document = epcis_document(_receiving(batch, timezone.now()))
    _response, not_shipped = capture(shop.account, document)
    other = factories.approved_producer(world.commune_a, officer, tax_code="0109999999")
    batch_ship(actor=farm.account, batch=batch, destination_tax_code=other.tax_code)
    _response, elsewhere = capture(shop.account, document)

    for job in (not_shipped, elsewhere):
        assert job["success"] is False
        assert [(e["field"], e["detail"]) for e in job["errors"]] == [
            ("epcisBody.eventList.0.epcList", NOT_WAITING)
        ]
    assert not Event.objects.filter(biz_step="receiving").exists()


def test_each_event_at_fault_is_named_and_nothing_is_stored(capture, shipped, shop):
    """Receiving twice in one document, another step on the farm's lot, and a place that is not
    the shop's: three errors, and the good receiving is not stored either."""
    farm_place = services.facility_add(
        actor=shipped.product.producer.account,
        name="Ruộng",
        kind="farm",
        gln="893504950002" + str(rules.check_digit("893504950002")),
    )
    document = epcis_document(
        _receiving(shipped, timezone.now() - datetime.timedelta(minutes=3)),
        _receiving(shipped, timezone.now() - datetime.timedelta(minutes=2)),
        epcis_event("retail_selling", lot=shipped.lot, gtin=shipped.product.code),
        _receiving(shipped, timezone.now(), gln=farm_place.gln),
    )

    _response, job = capture(shop.account, document)

    assert job["success"] is False
    assert {e["field"]: e["detail"] for e in job["errors"]} == {
        "epcisBody.eventList.1.epcList": NOT_WAITING,
        "epcisBody.eventList.2.epcList": "Lô hàng này thuộc cơ sở khác.",
        "epcisBody.eventList.3.bizLocation": (
            "Không có địa điểm nào của cơ sở mang mã địa điểm (GLN) này."
        ),
    }
    assert not Event.objects.filter(biz_step="receiving").exists()
    assert shipment_waiting(shipped, shop)
