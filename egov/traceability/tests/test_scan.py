"""The public scan page (issue 21): every person's scan is counted, none is lost when scans
come together, the count's commit does not wait for the disk while every other write still
does, and the page shows a new event or a recall on the very next scan."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from egov.traceability import services
from egov.traceability.models import ScanCount
from egov.traceability.services_events import batch_event_record
from egov.traceability.tests.factories import batch as new_batch

PHONE = "Mozilla/5.0 (Linux; Android 14; SM-A556E) AppleWebKit/537.36 Chrome/131.0 Mobile"
UNFLUSHED = "SET LOCAL synchronous_commit TO OFF"
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="synchronous_commit is PostgreSQL's"
)


def _link(batch):
    return reverse(
        "traceability:digital-link", kwargs={"gtin": batch.product.code, "lot": batch.lot}
    )


def _timeline_steps(page: str) -> int:
    timeline = page.split('<ol class="timeline">', 1)[1].split("</ol>", 1)[0]
    return timeline.count("<li><strong>")


@pytest.mark.django_db
def test_repeated_scans_add_up_per_product_and_day(client, batch):
    other = new_batch(batch.product, "L2026-02")

    for lot in (batch, other, batch, batch, other):
        assert client.get(_link(lot), HTTP_USER_AGENT=PHONE).status_code == 200
    client.head(_link(batch), HTTP_USER_AGENT=PHONE)  # a link checker: not a scan

    row = ScanCount.objects.get()
    assert (row.product_id, row.count) == (batch.product_id, 5)


@pytest.mark.django_db
def test_the_next_scan_shows_a_new_event_a_batch_recall_and_a_product_recall(
    client, batch, officer
):
    producer = batch.product.producer
    other = new_batch(batch.product, "L2026-02")
    batch_event_record(actor=producer.account, batch=batch, biz_step="commissioning")
    first = client.get(_link(batch), HTTP_USER_AGENT=PHONE).content.decode()

    batch_event_record(actor=producer.account, batch=batch, biz_step="shipping")
    after_event = client.get(_link(batch), HTTP_USER_AGENT=PHONE).content.decode()
    services.batch_recall(actor=officer, batch=batch, reason="Nhiễm khuẩn")
    after_recall = client.get(_link(batch), HTTP_USER_AGENT=PHONE).content.decode()
    before_product_recall = client.get(_link(other), HTTP_USER_AGENT=PHONE).content.decode()
    services.product_recall(actor=officer, product=batch.product, reason="Dư lượng thuốc BVTV")
    after_product_recall = client.get(_link(other), HTTP_USER_AGENT=PHONE).content.decode()

    assert (_timeline_steps(first), _timeline_steps(after_event)) == (1, 2)
    assert 'data-recall="1"' not in after_event
    assert 'data-recall="1"' in after_recall and "Nhiễm khuẩn" in after_recall
    assert 'data-recall="1"' not in before_product_recall
    assert 'data-recall="1"' in after_product_recall
    assert "Dư lượng thuốc BVTV" in after_product_recall


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_the_count_alone_commits_without_waiting_for_the_flush(batch):
    """The scan's own transaction is committed asynchronously; the setting ends with it, and
    inside a caller's transaction the count leaves the caller's durability alone."""
    product = batch.product
    unit_id = product.producer.unit_id

    with CaptureQueriesContext(connection) as alone:
        services.scan_count(product=product, unit_id=unit_id)
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        after = cursor.fetchone()[0]
    with transaction.atomic(), CaptureQueriesContext(connection) as inside:
        services.scan_count(product=product, unit_id=unit_id)

    assert [q["sql"] for q in alone.captured_queries].count(UNFLUSHED) == 1
    assert after == "on"
    assert UNFLUSHED not in [q["sql"] for q in inside.captured_queries]
    assert ScanCount.objects.get().count == 2


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_scans_lose_no_count(batch):
    """Four phones scanning the same product at once, as four workers would serve them: the
    day's row is created once and every scan is in its count."""
    link, threads, scans = _link(batch), 4, 15
    start = threading.Barrier(threads)
    failures: list[BaseException] = []

    def phone() -> None:
        try:
            client = Client(HTTP_USER_AGENT=PHONE)
            start.wait()
            for _ in range(scans):
                assert client.get(link).status_code == 200
        except BaseException as exc:  # reported by the main thread
            failures.append(exc)
        finally:
            connections.close_all()

    workers = [threading.Thread(target=phone) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()

    assert not failures
    assert ScanCount.objects.get().count == threads * scans
