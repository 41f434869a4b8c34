import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from egov.traceability import services
from egov.traceability.models import Event, ScanCount
from egov.traceability.services import batch_recall
from egov.traceability.services_events import batch_event_record

pytestmark = pytest.mark.django_db
PHONE = "Mozilla/5.0 (Linux; Android 14; SM-A556E) AppleWebKit/537.36 Chrome/131.0 Mobile"


def _link(batch):
    return reverse(
        "traceability:digital-link", kwargs={"gtin": batch.product.code, "lot": batch.lot}
    )


def test_the_scan_page_shows_the_timeline_and_counts_the_scan(client, batch, officer):
    batch_event_record(actor=batch.product.producer.account, batch=batch, biz_step="commissioning")

    response = client.get(_link(batch), HTTP_USER_AGENT=PHONE)

    assert response.status_code == 200
    assert "Gạo nếp cái hoa vàng" in response.content.decode()
    assert 'data-chain="intact"' in response.content.decode()
    assert ScanCount.objects.get().count == 1
    batch_recall(actor=officer, batch=batch, reason="Nhiễm khuẩn")
    assert 'data-recall="1"' in client.get(_link(batch)).content.decode()


@pytest.mark.parametrize(
    ("method", "headers"),
    [
        ("head", {"HTTP_USER_AGENT": PHONE}),
        ("get", {"HTTP_USER_AGENT": PHONE, "HTTP_SEC_PURPOSE": "prefetch"}),
        ("get", {"HTTP_USER_AGENT": PHONE, "HTTP_SEC_PURPOSE": "prefetch;prerender"}),
        ("get", {"HTTP_USER_AGENT": PHONE, "HTTP_PURPOSE": "prefetch"}),
        ("get", {"HTTP_USER_AGENT": "Mozilla/5.0 (compatible; Googlebot/2.1)"}),
        ("get", {"HTTP_USER_AGENT": "facebookexternalhit/1.1"}),
        ("get", {"HTTP_USER_AGENT": "curl/8.5.0"}),
        ("get", {}),
    ],
)
def test_only_a_persons_get_counts_as_a_scan(client, batch, method, headers):
    response = getattr(client, method)(_link(batch), **headers)

    assert response.status_code == 200
    assert not ScanCount.objects.exists()
    client.get(_link(batch), HTTP_USER_AGENT=PHONE)
    assert ScanCount.objects.get().count == 1


def test_a_machine_gets_the_linkset(client, batch):
    response = client.get(_link(batch), HTTP_ACCEPT="application/linkset+json")
    assert response["Content-Type"] == "application/linkset+json"
    assert response.json()["linkset"][0]["anchor"].endswith("/01/08935049500018/10/L2026-01")
    assert not ScanCount.objects.exists()


def test_the_gtin_13_form_resolves_too_and_unknown_is_404(client, batch):
    assert client.get("/01/8935049500018/10/L2026-01").status_code == 200
    assert client.get("/01/8935049500018/10/NOPE").status_code == 404
    assert client.get("/01/abc/10/L2026-01").status_code == 404


def test_tamper_shows_on_the_scan_page(client, batch):
    account = batch.product.producer.account
    batch_event_record(actor=account, batch=batch, biz_step="commissioning")
    batch_event_record(actor=account, batch=batch, biz_step="packing")
    Event.objects.filter(sequence=1).update(inspection_body="sửa")
    assert 'data-chain="broken"' in client.get(_link(batch)).content.decode()


def test_a_producer_records_an_event_in_one_post(client, batch):
    client.force_login(batch.product.producer.account)
    url = reverse("traceability:batch-detail", kwargs={"pk": batch.pk})
    response = client.post(url, {"biz_step": "packing"})
    assert response.status_code == 302
    assert batch.events.get().biz_step == "packing"
    response = client.post(url, {"biz_step": "inspecting"})
    assert response.status_code == 400
    assert "Hãy ghi kết quả kiểm tra." in response.content.decode()


def test_the_batch_qr_downloads_as_files_that_open_on_their_own(client, batch):
    client.force_login(batch.product.producer.account)
    svg = client.get(reverse("traceability:batch-qr-svg", kwargs={"pk": batch.pk}))
    png = client.get(reverse("traceability:batch-qr-png", kwargs={"pk": batch.pk}))
    assert svg["Content-Type"] == "image/svg+xml"
    assert b'xmlns="http://www.w3.org/2000/svg"' in svg.content  # a browser opens it alone
    assert png["Content-Type"] == "image/png"
    assert png.content.startswith(b"\x89PNG")


def test_another_producer_gets_404(client, batch, world):
    from egov.traceability.services import producer_register
    from egov.traceability.tests.factories import business

    other = business("0105555555", "b5@example.vn")
    producer_register(
        actor=other, name="HTX B", kind="cooperative", unit=world.commune_a, address="x"
    )
    client.force_login(other)
    url = reverse("traceability:batch-detail", kwargs={"pk": batch.pk})
    assert client.get(url).status_code == 404
    assert client.post(url, {"biz_step": "packing"}).status_code == 404
    assert not batch.events.exists()


def test_the_officer_approves_and_recalls_through_the_pages(client, world, officer):
    from egov.traceability.services import producer_register, product_add
    from egov.traceability.tests.factories import business

    account = business("0106666666", "b6@example.vn")
    producer = producer_register(
        actor=account, name="HTX C", kind="cooperative", unit=world.commune_a, address="x"
    )
    product = product_add(actor=account, name="Chè", category="drink")
    client.force_login(officer)
    assert client.get(reverse("traceability:oversight")).status_code == 200
    client.post(reverse("traceability:producer-action", args=[producer.pk, "approve"]))
    client.post(reverse("traceability:product-action", args=[product.pk, "approve"]))
    producer.refresh_from_db()
    product.refresh_from_db()
    assert (producer.status, product.status) == ("approved", "approved")


def _certificate(producer, number):
    return services.certificate_add(
        actor=producer.account,
        kind="vietgap",
        number=number,
        issuer="Chi cục Trồng trọt và Bảo vệ thực vật",
        valid_from=datetime.date(2025, 1, 1),
        valid_until=datetime.date(2027, 12, 31),
    )


def test_the_scan_page_query_count_is_pinned(client, batch, officer, django_assert_num_queries):
    """Three queries a scan (was five): the batch with its product and producer, the scan
    count, the events. The producer's certificates and violations are read once per change
    (``selectors.producer_public``), and the count does not grow with them or the events."""
    producer = batch.product.producer
    for step in ("commissioning", "packing", "shipping"):
        batch_event_record(actor=producer.account, batch=batch, biz_step=step)
    client.get(_link(batch), HTTP_USER_AGENT=PHONE)  # the day's scan row exists from now on

    with django_assert_num_queries(3):
        assert client.get(_link(batch), HTTP_USER_AGENT=PHONE).status_code == 200
    for n in range(3):
        _certificate(producer, f"VG-{n}")
        services.violation_record(
            actor=officer,
            producer=producer,
            found_on=datetime.date(2026, 1, 1 + n),
            description=f"Vi phạm {n}",
        )
        batch_event_record(actor=producer.account, batch=batch, biz_step="retail_selling")
    # batch, scan count, events, then certificates and violations once after the change
    with django_assert_num_queries(5):
        client.get(_link(batch), HTTP_USER_AGENT=PHONE)
    with django_assert_num_queries(3):
        page = client.get(_link(batch), HTTP_USER_AGENT=PHONE).content.decode()
    assert all(f"VG-{n}" in page and f"Vi phạm {n}" in page for n in range(3))


def test_a_new_certificate_or_violation_shows_on_the_next_scan(client, batch, officer):
    producer = batch.product.producer
    first = client.get(_link(batch), HTTP_USER_AGENT=PHONE).content.decode()
    _certificate(producer, "VG-2026-17")
    with_certificate = client.get(_link(batch), HTTP_USER_AGENT=PHONE).content.decode()
    services.violation_record(
        actor=officer,
        producer=producer,
        found_on=datetime.date(2026, 2, 1),
        description="Dùng thuốc bảo vệ thực vật ngoài danh mục",
    )
    with_violation = client.get(_link(batch), HTTP_USER_AGENT=PHONE).content.decode()

    assert "VG-2026-17" not in first
    assert "VG-2026-17" in with_certificate
    assert "Dùng thuốc bảo vệ thực vật ngoài danh mục" not in with_certificate
    assert "Dùng thuốc bảo vệ thực vật ngoài danh mục" in with_violation


def test_the_processing_form_takes_quantities_and_names_the_wrong_one(client, batch, officer):
    from egov.traceability.models import Batch
    from egov.traceability.tests.factories import approved_product

    bags = approved_product(batch.product.producer, officer, gtin="")
    client.force_login(batch.product.producer.account)
    url = reverse("traceability:transform")
    form = {
        "inputs.0.batch": batch.pk,
        "inputs.0.quantity": "130",
        "inputs.0.uom": "KGM",
        "product": bags.pk,
        "lot": "T1",
        "quantity": "200",
        "uom": "H87",
    }

    refused = client.post(url, form)

    assert refused.status_code == 400
    assert 'id="id_inputs.0.quantity_error"' in refused.content.decode()
    assert "Lô L2026-01 chỉ còn 120,5 kg." in refused.content.decode()
    assert not Batch.objects.filter(lot="T1").exists()
    response = client.post(url, {**form, "inputs.0.quantity": "100500", "inputs.0.uom": "GRM"})
    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.used_quantity == Decimal("100.500")
    assert "100,5 kg" not in client.get(_link(batch), HTTP_USER_AGENT=PHONE).content.decode()
    page = client.get(f"/01/{bags.code}/10/T1", HTTP_USER_AGENT=PHONE).content.decode()
    assert "100.500 g" in page
    assert "200 cái" in page


def test_the_officer_recalls_a_product_and_every_scan_page_warns(client, batch, officer):
    from egov.traceability.tests.factories import batch as new_batch

    other = new_batch(batch.product, "L2026-02")
    client.force_login(officer)
    url = reverse("traceability:product-action", args=[batch.product.pk, "recall"])
    page = client.get(reverse("traceability:officer-producer", args=[batch.product.producer_id]))
    assert f'data-product-recall="{batch.product.pk}"' in page.content.decode()

    response = client.post(url, {"reason": "Dư lượng thuốc BVTV", "lots": ""})

    assert response.status_code == 302
    for lot in (batch, other):
        assert 'data-recall="1"' in client.get(_link(lot), HTTP_USER_AGENT=PHONE).content.decode()
    assert client.post(url, {"reason": ""}).status_code == 302


def test_report_a_problem_reaches_the_producers_area_as_a_feedback_report(client, batch):
    import re
    from html import unescape

    from egov.feedback.models import Report

    page = client.get(_link(batch), HTTP_USER_AGENT=PHONE).content.decode()
    href = unescape(re.search(r'href="([^"]+)" data-report-problem', page).group(1))
    form = client.get(href)
    assert form.status_code == 200
    fields = dict(re.findall(r'type="hidden" name="(\w+)" value="([^"]*)"', form.content.decode()))

    sent = client.post(href, {**fields, "description": "Gạo có mọt."})

    assert sent.status_code == 302
    assert sent["Location"] == _link(batch)
    report = Report.objects.get()
    assert report.unit_id == batch.product.producer.unit_id
    assert batch.lot in report.title
    assert "Gạo có mọt." in report.description
