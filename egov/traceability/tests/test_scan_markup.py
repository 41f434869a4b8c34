"""The public scan page written the cheap way (issue 21) shows exactly what the page showed
before: the timeline loop it replaced is kept, as it was, in ``oracle/`` and rendered inside
the project's own ``scan.html`` and shell, from the rows as the old view read them, for the
same request, beside the page the view answers now. Compared on batches that
show every element: a recall, an expired certificate, a product's OCOP certificate and
another product's (not shown), violations, OCOP stars, an image, a description, a place with
its map link, another producer's shop, a shipment, inspection results, quantities and the
inputs of processing (with and without their quantities), a broken chain, no events; names
to escape; in Vietnamese and in English; for an anonymous visitor, a citizen and an
officer. Only the CSRF tokens differ (masked anew each time)."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.template import Engine, RequestContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode

from egov.common.testing import files as samples
from egov.common.testing.oracle import oracle_engine
from egov.traceability import services, services_events, services_shipping
from egov.traceability.models import Batch, Certificate, Event, Violation
from egov.traceability.selectors import chain_verify
from egov.traceability.tests import factories

pytestmark = pytest.mark.django_db
PHONE = "Mozilla/5.0 (Linux; Android 14; SM-A556E) AppleWebKit/537.36 Chrome/131.0 Mobile"
CSRF = re.compile(r'(name="csrfmiddlewaretoken" value="|"X-CSRFToken": ")[^"]*"')


def _oracle_engine() -> Engine:
    return oracle_engine(Path(__file__).parent / "oracle")


def _old_context(request, batch: Batch) -> dict[str, object]:
    """The context the old view gave ``scan.html``: model rows as its selectors read them."""
    batch = Batch.objects.select_related("product__producer").get(pk=batch.pk)
    product, producer = batch.product, batch.product.producer
    today = timezone.localdate()
    certificates = [
        (c, c.is_valid_on(today))
        for c in Certificate.objects.filter(producer=producer).order_by("kind", "-valid_until")
        if c.product_id is None or c.product_id == product.pk
    ]
    events = list(
        batch.events.select_related("facility__producer", "destination").order_by("sequence")
    )
    page = SimpleNamespace(
        batch=batch,
        product=product,
        producer=producer,
        certificates=certificates,
        events=events,
        violations=list(Violation.objects.filter(producer=producer).order_by("-found_on")[:10]),
        chain=chain_verify(batch, events),
        expired=any(not valid for _c, valid in certificates),
    )
    query = urlencode(
        {
            "area_id": producer.unit_id,
            "subject": f"{product.name} · {batch.lot}",
            "address": producer.address,
            "link": request.path,
        }
    )
    return {"page": page, "report_link": f"{reverse('feedback:report-scan')}?{query}"}


def _link(batch: Batch) -> str:
    return reverse(
        "traceability:digital-link", kwargs={"gtin": batch.product.code, "lot": batch.lot}
    )


@pytest.fixture
def batches(world, officer, producer):
    """Batches showing every element of the page, by name."""
    account = producer.account
    farm = services.facility_add(
        actor=account,
        name='Vùng trồng "Đông" <A>',
        kind="farm",
        latitude=Decimal("21.028511"),
        longitude=Decimal("105.804817"),
    )
    rice = services.product_add(
        actor=account,
        name='Gạo <nếp> & "cái" hoa vàng',
        category="food",
        gtin=factories.GTIN,
        ocop_stars=4,
        description="Hạt tròn, <thơm> & dẻo",
        image=samples.png(),
    )
    services.product_decide(actor=officer, product=rice, approve=True)
    bags = factories.approved_product(producer, officer, gtin="")
    today = timezone.localdate()
    certificate = {"issuer": "Chi cục Trồng trọt & BVTV", "valid_from": datetime.date(2024, 1, 1)}
    services.certificate_add(
        actor=account, kind="vietgap", number="VG-1", valid_until=today, **certificate
    )
    services.certificate_add(
        actor=account,
        kind="organic",
        number="HC<2>",
        valid_until=today - datetime.timedelta(days=1),
        **certificate,
    )
    for product, number in ((rice, "OCOP-1"), (bags, "OCOP-2")):
        services.certificate_add(
            actor=account,
            kind="ocop",
            number=number,
            product=product,
            stars=4,
            year=2025,
            valid_until=today + datetime.timedelta(days=400),
            **certificate,
        )
    for day, penalty in ((3, "Phạt 5.000.000 đồng"), (9, "")):
        services.violation_record(
            actor=officer,
            producer=producer,
            found_on=datetime.date(2026, 1, day),
            description=f"Vi phạm <{day}> & nhãn",
            penalty=penalty,
        )

    journey = factories.batch(rice, "L<1>&2")
    steps = [("commissioning", farm, "Thu hoạch <sớm> & \"khô\" 'ráo'"), ("packing", None, "")]
    for step, facility, note in steps:
        services_events.batch_event_record(
            actor=account, batch=journey, biz_step=step, facility=facility, note=note
        )
    for result in ("passed", "failed"):
        services_events.batch_event_record(
            actor=officer,
            batch=journey,
            biz_step="inspecting",
            result=result,
            inspection_body="Chi cục QLCL <Nông sản> & Thủy sản",
        )
    shop = factories.approved_producer(
        world.commune_a, officer, tax_code="0102222222", name="Cửa hàng & <B>", kind="enterprise"
    )
    shop_account = shop.account
    counter = services.facility_add(actor=shop_account, name="Quầy <1>", kind="shop")
    services_shipping.batch_ship(
        actor=account, batch=journey, destination_tax_code="0102222222", facility=farm
    )
    services_shipping.batch_receive(actor=shop_account, batch=journey, facility=counter)

    recalled = factories.batch(rice, "L2026-09")
    services_events.batch_event_record(actor=account, batch=recalled, biz_step="commissioning")
    services.batch_recall(actor=officer, batch=recalled, reason="Nhiễm <khuẩn> & mốc")

    stock = factories.batch(rice, "L2026-10")
    processed = services_events.batch_transform(
        actor=account,
        inputs=[
            services_events.InputUse(journey, Decimal("20.5"), "KGM"),
            services_events.InputUse(stock, Decimal("1500"), "GRM"),
        ],
        product=bags,
        lot="T1",
        quantity="1200",
        uom="H87",
    )
    legacy = services_events.batch_transform(
        actor=account, inputs=[stock], product=bags, lot="T2", quantity="3.25", uom="TNE"
    )
    # inputs as an EPCIS capture without quantities stored them: the links alone; changing a
    # stored event breaks the chain from it
    Event.objects.filter(batch=legacy).update(input_quantities=[])
    empty = factories.batch(bags, "E-0")
    return {
        "journey": journey,
        "recalled": recalled,
        "stock": stock,
        "processed": processed,
        "legacy": legacy,
        "empty": empty,
    }


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("name", ["journey", "recalled", "stock", "processed", "legacy", "empty"])
def test_the_page_shows_what_the_old_templates_showed(client, batches, name, language):
    batch = batches[name]

    response = client.get(_link(batch), HTTP_USER_AGENT=PHONE, HTTP_ACCEPT_LANGUAGE=language)

    assert response.status_code == 200
    request = response.wsgi_request
    with translation.override(language):
        template = _oracle_engine().get_template("traceability/scan.html")
        expected = template.render(RequestContext(request, _old_context(request, batch)))
    page = response.content.decode()
    assert CSRF.sub(r"\1", page) == CSRF.sub(r"\1", expected)


@pytest.mark.parametrize("visitor", ["citizen", "officer"])
def test_the_shell_of_a_logged_in_visitor_is_what_it_was(client, batches, request, visitor):
    """The shell's menu of a citizen (their dossiers, notifications, log out) and of an
    officer (the workspace) as the old ``base.html`` wrote it."""
    client.force_login(request.getfixturevalue(visitor))
    batch = batches["journey"]

    response = client.get(_link(batch), HTTP_USER_AGENT=PHONE)

    served = response.wsgi_request
    template = _oracle_engine().get_template("traceability/scan.html")
    expected = template.render(RequestContext(served, _old_context(served, batch)))
    page = response.content.decode()
    assert 'class="notifications-link"' in page
    assert CSRF.sub(r"\1", page) == CSRF.sub(r"\1", expected)


def test_the_batches_show_every_element(client, batches):
    """The oracle's batches do show what they are meant to (the comparison is not vacuous)."""
    pages = {
        name: client.get(_link(batch), HTTP_USER_AGENT=PHONE).content.decode()
        for name, batch in batches.items()
    }
    journey = pages["journey"]
    assert 'data-recall="1"' in pages["recalled"] and 'data-recall="1"' not in journey
    assert "Nhiễm &lt;khuẩn&gt; &amp; mốc" in pages["recalled"]
    assert journey.count('<span class="badge badge-off">') == 2  # expired organic, failed
    assert "OCOP-1" in journey and "OCOP-2" not in journey
    assert "OCOP ★★★★" in journey and "<img src=" in journey
    assert '(<a href="https://www.openstreetmap.org/?mlat=' in journey
    assert re.search(r"mlat=\d+\.\d+&amp;mlon=\d+\.\d+#map=15/\d+\.\d+/\d+\.\d+", journey)
    assert "Thu hoạch &lt;sớm&gt; &amp; &quot;khô&quot; &#x27;ráo&#x27;" in journey
    assert "Chuyển đến Cửa hàng &amp; &lt;B&gt;" in journey
    assert "Quầy &lt;1&gt; (Cửa hàng &amp; &lt;B&gt;)" in journey
    assert "Vi phạm &lt;3&gt; &amp; nhãn (Phạt 5.000.000 đồng)" in journey
    assert pages["processed"].count("data-input-quantity") == 2
    assert "1.200 cái" in pages["processed"]
    assert "data-input-quantity" not in pages["legacy"]
    assert 'data-chain="broken"' in pages["legacy"]
    assert 'data-chain="intact"' in journey
    assert "Chưa có sự kiện nào." in pages["empty"]
