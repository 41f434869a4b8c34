import datetime

import pytest
from django.utils import timezone

from egov.common.figures import figure_get
from egov.traceability.models import Batch, Event, Product, ScanCount
from egov.traceability.services import scan_count
from egov.traceability.services_events import batch_event_record
from egov.traceability.tests import factories

pytestmark = pytest.mark.django_db


def test_figures_match_naive_counts(world, officer, product, batch, other_district_officer):
    account = product.producer.account
    for step in ("commissioning", "packing", "shipping"):
        batch_event_record(actor=account, batch=batch, biz_step=step)
    unshipped = factories.batch(product, lot="L2")
    batch_event_record(actor=account, batch=unshipped, biz_step="commissioning")
    other = factories.approved_producer(
        world.commune_b, other_district_officer, tax_code="0107777777"
    )
    other_product = factories.approved_product(other, other_district_officer, gtin="")
    factories.batch(other_product, lot="B1")
    for _ in range(3):
        scan_count(product=product, unit_id=world.commune_a.pk)
    scan_count(product=other_product, unit_id=world.commune_b.pk)
    today = timezone.localdate()
    first, last = today - datetime.timedelta(days=10), today

    def read(code):
        return figure_get(code).read(first=first, last=last)

    naive_products = {}
    for p in Product.objects.filter(status="approved"):
        naive_products[p.producer.unit_id] = naive_products.get(p.producer.unit_id, 0) + 1
    assert read("traceability.products_approved") == naive_products
    traceable = {}
    for p in Product.objects.filter(status="approved"):
        shipped = [
            b
            for b in p.batches.all()
            if {"commissioning", "shipping"}
            <= set(Event.objects.filter(batch=b).values_list("biz_step", flat=True))
        ]
        if shipped:
            traceable[p.producer.unit_id] = traceable.get(p.producer.unit_id, 0) + 1
    assert read("traceability.products_traceable") == traceable == {world.commune_a.pk: 1}
    naive_batches = {}
    for b in Batch.objects.all():
        naive_batches[b.product.producer.unit_id] = (
            naive_batches.get(b.product.producer.unit_id, 0) + 1
        )
    assert read("traceability.batches") == naive_batches
    assert read("traceability.scans") == {
        world.commune_a.pk: sum(s.count for s in ScanCount.objects.filter(unit=world.commune_a)),
        world.commune_b.pk: 1,
    }
    assert figure_get("traceability.batches").read(
        first=first, last=last, unit_ids=[world.commune_b.pk]
    ) == {world.commune_b.pk: 1}
