"""Shipping a batch to another producer's shop and its receiving there: the pair on the one
chain, the shop's incoming list, the public page showing both producers, and the refusals."""

import pytest
from django.urls import reverse

from egov.audit.models import AuditEvent
from egov.traceability import rules, services
from egov.traceability.exceptions import TraceError
from egov.traceability.models import Event
from egov.traceability.selectors import batches_incoming_for_producer, chain_verify
from egov.traceability.services_events import batch_event_record
from egov.traceability.services_shipping import batch_receive, batch_ship
from egov.traceability.tests import factories

pytestmark = pytest.mark.django_db
SHOP_TAX_CODE = "0108888888"
EVENTS = "/api/v1/traceability/epcis/events"


@pytest.fixture
def shop(world, officer):
    """Another approved producer: a shop with its own premises."""
    shop = factories.approved_producer(world.commune_a, officer, tax_code=SHOP_TAX_CODE)
    shop.name = "Cửa hàng Nông sản sạch Ba Đình"
    shop.save(update_fields=["name"])
    services.facility_add(actor=shop.account, name="Quầy Ngọc Hà", kind="shop")
    return shop


def test_a_batch_shipped_to_a_shop_is_received_there_on_the_same_chain(
    client, batch, shop, officer
):
    farm = batch.product.producer
    batch_event_record(actor=farm.account, batch=batch, biz_step="commissioning")
    counter = shop.facilities.get()

    shipped = batch_ship(actor=farm.account, batch=batch, destination_tax_code=SHOP_TAX_CODE)
    incoming = list(batches_incoming_for_producer(shop))
    received = batch_receive(actor=shop.account, batch=batch, facility=counter)

    assert (shipped.biz_step, shipped.destination_id) == ("shipping", shop.pk)
    assert (received.biz_step, received.facility_id, received.recorded_by_id) == (
        "receiving",
        counter.pk,
        shop.account_id,
    )
    assert [(b.pk, b.received) for b in incoming] == [(batch.pk, False)]
    assert [b.received for b in batches_incoming_for_producer(shop)] == [True]
    assert chain_verify(batch).intact
    assert AuditEvent.objects.filter(action="traceability.event_recorded").count() == 3
    page = client.get(f"/01/{batch.product.code}/10/{batch.lot}").content.decode()
    assert "Chuyển đến Cửa hàng Nông sản sạch Ba Đình" in page
    assert "Quầy Ngọc Hà (Cửa hàng Nông sản sạch Ba Đình)" in page


def test_the_shop_receives_from_its_home_page(client, batch, shop):
    farm = batch.product.producer
    batch_ship(actor=farm.account, batch=batch, destination_tax_code=SHOP_TAX_CODE)
    client.force_login(shop.account)

    home = client.get(reverse("traceability:producer-home")).content.decode()
    answer = client.post(
        reverse("traceability:batch-receive", args=[batch.pk]),
        {"facility": shop.facilities.get().pk},
    )

    assert f'data-incoming="{batch.lot}"' in home
    assert f"Nhận lô {batch.lot}" in home
    assert answer.status_code == 302
    assert batch.events.last().biz_step == "receiving"
    again = client.post(reverse("traceability:batch-receive", args=[batch.pk]), {})
    assert again.status_code == 302
    assert batch.events.filter(biz_step="receiving").count() == 1


def test_the_farm_ships_from_its_batch_page(client, batch, shop):
    client.force_login(batch.product.producer.account)
    url = reverse("traceability:batch-ship", args=[batch.pk])

    unknown = client.post(url, {"destination_tax_code": "0100000000"})
    shipped = client.post(url, {"destination_tax_code": SHOP_TAX_CODE})

    assert unknown.status_code == 400
    assert "Không có cơ sở sản xuất hoặc cửa hàng" in unknown.content.decode()
    assert shipped.status_code == 302
    assert batch.events.get().destination_id == shop.pk


def test_refusals_name_the_field_and_store_nothing(batch, shop, officer, world):
    farm = batch.product.producer
    stranger = factories.approved_producer(world.commune_a, officer, tax_code="0109999999")
    with pytest.raises(TraceError) as own:
        batch_ship(actor=farm.account, batch=batch, destination_tax_code=farm.tax_code)
    with pytest.raises(TraceError) as not_shipped:
        batch_receive(actor=shop.account, batch=batch)
    batch_ship(actor=farm.account, batch=batch, destination_tax_code=SHOP_TAX_CODE)
    with pytest.raises(TraceError) as not_theirs:
        batch_receive(actor=stranger.account, batch=batch)
    field = services.facility_add(actor=farm.account, name="Ruộng", kind="farm")
    with pytest.raises(TraceError) as foreign_place:
        batch_receive(actor=shop.account, batch=batch, facility=field)

    assert set(own.value.fields) == {"destination_tax_code"}
    assert set(not_shipped.value.fields) == {"batch"}
    assert set(not_theirs.value.fields) == {"batch"}
    assert set(foreign_place.value.fields) == {"facility"}
    assert Event.objects.filter(biz_step="receiving").count() == 0


def test_only_the_destination_sees_the_incoming_batch(client, batch, shop, officer, world):
    stranger = factories.approved_producer(world.commune_a, officer, tax_code="0109999999")
    batch_ship(
        actor=batch.product.producer.account, batch=batch, destination_tax_code=SHOP_TAX_CODE
    )
    client.force_login(stranger.account)
    answer = client.post(reverse("traceability:batch-receive", args=[batch.pk]), {})
    assert answer.status_code == 404
    assert list(batches_incoming_for_producer(stranger)) == []


def test_the_epcis_query_names_the_destination_by_its_gln(client, batch, shop):
    shop.gln = "893504950000" + str(rules.check_digit("893504950000"))
    shop.save(update_fields=["gln"])
    farm = batch.product.producer
    batch_ship(actor=farm.account, batch=batch, destination_tax_code=SHOP_TAX_CODE)

    body = client.get(EVENTS, **factories.bearer(farm.account)).json()

    (event,) = body["epcisBody"]["queryResults"]["resultsBody"]["eventList"]
    assert event["destinationList"] == [
        {"type": "owning_party", "destination": f"https://id.gs1.org/417/{shop.gln}"}
    ]
