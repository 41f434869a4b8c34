"""Journey of traceability: a cooperative registers on a phone-width page, the district
officer approves it and its OCOP 4-star product; it records a harvest batch and packs it, each
in one tap, and ships it to a shop (another business on the platform), which records receiving;
the label sheet prints; the consumer opens the Digital Link and sees the timeline with both
producers; the officer recalls the batch and the page warns at once; an EPCIS 2.0 document
captured through the API joins the same timeline; the consumer reports a problem and the
district officer finds it among the feedback reports; a changed event is detected. Everyone
goes through the pages, each person in their own English browser context."""

from __future__ import annotations

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from conftest import PASSWORD, make_officer
from egov.accounts.services import api_token_create
from egov.common.pdf import pdf_available
from egov.common.qr import qr_file
from egov.traceability.models import Batch, Event
from egov.traceability.services import facility_add
from egov.traceability.tests.factories import approved_producer, business

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TIMEOUT_MS = 60000  # the shared 2-core machine is slow under load
PHONE = {"width": 390, "height": 844}


def _context(browser, *, width=PHONE):
    context = browser.new_context(locale="en-US", viewport=width)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    return context, page


def log_in(page, base, login):
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("E-mail or phone number").fill(login)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def test_from_registration_to_the_consumer_timeline(browser, live_server, world):
    # the product category comes with a migration; an earlier browser test's flush (a live
    # server test empties the tables) may have taken it away
    from egov.feedback.choices import PRODUCT_CATEGORY
    from egov.feedback.models import Category

    Category.objects.get_or_create(
        code=PRODUCT_CATEGORY,
        defaults={"name": "Chất lượng, an toàn sản phẩm (truy xuất nguồn gốc)", "routing": "area"},
    )
    base = live_server.url
    coop = business("0101234999", "htx.dongdu@example.vn", name="HTX Đông Dư")
    officer = make_officer("nongnghiep@example.vn", world.district_a, "specialist", subtree=True)
    shop = approved_producer(world.commune_a, officer, tax_code="0108888888")
    shop.name = "Cửa hàng Nông sản sạch Phúc Xá"
    shop.save(update_fields=["name"])
    facility_add(actor=shop.account, name="Quầy Ngọc Hà", kind="shop")
    contexts = []

    # The cooperative registers on its phone.
    context, phone = _context(browser)
    contexts.append(context)
    log_in(phone, base, coop.email)
    phone.goto(f"{base}{reverse('traceability:producer-home')}")
    phone.get_by_label("Name").fill("HTX Nông nghiệp Đông Dư")
    phone.get_by_label("Kind").select_option("cooperative")
    picker = phone.get_by_role("combobox", name="Commune or ward", exact=True)
    picker.fill("Phúc Xá")
    picker.press("ArrowDown")
    picker.press("Enter")
    phone.get_by_label("Address").fill("Thôn Đông Dư")
    phone.get_by_role("button", name="Register").click()
    expect(phone.get_by_text("Waiting for approval")).to_be_visible()
    for name, kind in (("Ruộng Đông Dư", "farm"), ("Cửa hàng Phúc Xá", "shop")):
        phone.goto(f"{base}{reverse('traceability:facility-add')}")
        phone.get_by_label("Name").fill(name)
        phone.get_by_label("Facility kind").select_option(kind)
        phone.get_by_role("button", name="Save").click()
        expect(phone.get_by_text(name)).to_be_visible()
    phone.goto(f"{base}{reverse('traceability:product-add')}")
    phone.get_by_label("Name").fill("Gạo nếp cái hoa vàng")
    phone.get_by_label("GTIN").fill("8935049500019")  # wrong check digit
    phone.get_by_label("OCOP stars").select_option("4")
    phone.get_by_role("button", name="Save").click()
    expect(phone.get_by_text("correct check digit").first).to_be_visible()
    phone.get_by_label("GTIN").fill("8935049500018")
    phone.get_by_role("button", name="Save").click()
    expect(phone.get_by_text("8935049500018")).to_be_visible()

    # The district officer approves the cooperative and its product.
    context, desk = _context(browser, width={"width": 1280, "height": 900})
    contexts.append(context)
    log_in(desk, base, officer.email)
    desk.goto(f"{base}{reverse('traceability:oversight')}")
    desk.get_by_role("link", name="HTX Nông nghiệp Đông Dư").click()
    desk.get_by_role("button", name="Approve the producer").click()
    desk.get_by_role("button", name="Approve Gạo nếp cái hoa vàng").click()
    expect(desk.get_by_text("Saved.")).to_be_visible()

    # The cooperative records a harvest batch and its journey, one tap per event.
    phone.goto(f"{base}{reverse('traceability:batch-add')}")
    phone.locator("#id_product").select_option(label="Gạo nếp cái hoa vàng")
    phone.get_by_label("Lot number").fill("DD-2026-01")
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    phone.get_by_label("Production date").fill(yesterday.isoformat())
    phone.get_by_label("Quantity").fill("500")
    phone.get_by_role("button", name="Save").click()
    for step, place in (
        ("Harvest / production", "Ruộng Đông Dư"),
        ("Packing", "Ruộng Đông Dư"),
    ):
        phone.get_by_label("Place").select_option(label=place)
        phone.get_by_role("button", name=step, exact=True).click()
        expect(phone.get_by_text("Event recorded.")).to_be_visible()

    # It ships the batch to a shop, another business on the platform, by the shop's tax code;
    # the shop finds it among its incoming batches and records receiving at its counter.
    phone.get_by_label("Tax code of the receiving producer or shop").fill(shop.tax_code)
    phone.get_by_label("Shipped from").select_option(label="Ruộng Đông Dư")
    phone.get_by_role("button", name="Record the shipment").click()
    expect(phone.get_by_text("Shipment recorded.")).to_be_visible()
    context, counter = _context(browser)
    contexts.append(context)
    log_in(counter, base, shop.account.email)
    counter.goto(f"{base}{reverse('traceability:producer-home')}")
    incoming = counter.locator("[data-incoming='DD-2026-01']")
    expect(incoming).to_contain_text("HTX Nông nghiệp Đông Dư")
    incoming.get_by_label("Receiving place").select_option(label="Quầy Ngọc Hà")
    incoming.get_by_role("button", name="Receive DD-2026-01").click()
    expect(counter.get_by_text("Receiving recorded.")).to_be_visible()
    expect(counter.locator("[data-incoming='DD-2026-01']")).to_contain_text("Received")
    batch = Batch.objects.get(lot="DD-2026-01")
    assert list(batch.events.values_list("biz_step", flat=True)) == [
        "commissioning",
        "packing",
        "shipping",
        "receiving",
    ]
    labels = phone.request.get(f"{base}{reverse('traceability:batch-labels', args=[batch.pk])}")
    if pdf_available():
        assert labels.headers["content-type"] == "application/pdf"
        assert labels.body()[:5] == b"%PDF-"

    # The consumer opens the Digital Link of the QR, no login.
    link = phone.get_by_role("link", name="/01/").first.get_attribute("href")
    assert link.endswith("/01/08935049500018/10/DD-2026-01")
    qr = phone.request.get(f"{base}{reverse('traceability:batch-qr-svg', args=[batch.pk])}")
    assert qr.body() == qr_file(link, kind="svg", scale=6)  # the QR carries it
    path = link.split("/01/", 1)[1]
    context, consumer = _context(browser)
    contexts.append(context)
    consumer.goto(f"{base}/01/{path}")
    expect(consumer.get_by_role("heading", name="Gạo nếp cái hoa vàng")).to_be_visible()
    expect(consumer.get_by_text("Receiving")).to_be_visible()
    expect(consumer.get_by_text("Shipped to Cửa hàng Nông sản sạch Phúc Xá")).to_be_visible()
    expect(consumer.get_by_text("Quầy Ngọc Hà (Cửa hàng Nông sản sạch Phúc Xá)")).to_be_visible()
    expect(consumer.locator("[data-chain=intact]")).to_be_visible()

    # The officer recalls the batch from the producer's page (a product recall naming the lot):
    # the scan page warns at once.
    desk.goto(f"{base}{reverse('traceability:officer-producer', args=[batch.product.producer_id])}")
    desk.get_by_text("Recall the product").click()
    recall = desk.locator(f"form[data-product-recall='{batch.product_id}']")
    recall.get_by_label("Reason for the recall").fill("Dư lượng thuốc bảo vệ thực vật")
    recall.get_by_label("Lot numbers").fill("DD-2026-01")
    recall.get_by_role("button", name="Recall Gạo nếp cái hoa vàng").click()
    expect(desk.get_by_text("1 lot recalled.")).to_be_visible()
    consumer.reload()
    expect(consumer.get_by_text("Recalled: do not use this batch.")).to_be_visible()

    # The cooperative's own system captures an EPCIS 2.0 document: it joins the timeline.
    token = api_token_create(actor=coop, user=coop, name="erp", apps=["traceability"]).secret
    moment = timezone.now() - datetime.timedelta(minutes=1)
    document = {
        "@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],
        "type": "EPCISDocument",
        "schemaVersion": "2.0",
        "creationDate": moment.isoformat(),
        "epcisBody": {
            "eventList": [
                {
                    "type": "ObjectEvent",
                    "action": "OBSERVE",
                    "bizStep": "retail_selling",
                    "eventTime": moment.isoformat(),
                    "eventTimeZoneOffset": "+07:00",
                    "epcList": [link],
                }
            ]
        },
    }
    answer = phone.request.post(
        f"{base}/api/v1/traceability/epcis/capture",
        data=json.dumps(document),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/ld+json"},
    )
    assert answer.status == 202, answer.text()
    job = phone.request.get(
        f"{base}{answer.headers['location']}", headers={"Authorization": f"Bearer {token}"}
    )
    assert job.json()["success"] is True, job.text()
    consumer.reload()
    expect(consumer.get_by_text("Retail selling")).to_be_visible()

    # The consumer reports a problem from the scan page, without logging in: it reaches the
    # district officer as a feedback report on the product.
    consumer.get_by_role("link", name="Report a problem with this product").click()
    consumer.get_by_label("What is wrong with the product?").fill("Gạo có mọt và mùi lạ.")
    consumer.get_by_role("button", name="Send the report").click()
    expect(consumer.get_by_text("was sent to")).to_be_visible()
    expect(consumer.get_by_role("heading", name="Gạo nếp cái hoa vàng")).to_be_visible()
    desk.goto(f"{base}{reverse('feedback_officer:inbox')}")
    expect(desk.get_by_text("Gạo nếp cái hoa vàng · DD-2026-01")).to_be_visible()

    # Someone edits an event in the database: the page says the chain is broken.
    Event.objects.filter(batch=batch, sequence=2).update(note="sửa lén")
    consumer.reload()
    expect(consumer.locator("[data-chain=broken]")).to_be_visible()
    for context in contexts:
        context.close()
