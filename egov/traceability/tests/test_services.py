import datetime
import io
from decimal import Decimal

import pytest
from django.utils import timezone

from egov.audit.models import AuditEvent
from egov.common.exceptions import PermissionDenied
from egov.common.tables import Sheet, xlsx_write
from egov.common.testing import files as samples
from egov.traceability import rules, services, services_events
from egov.traceability.exceptions import TraceError
from egov.traceability.models import Batch, Event, Product
from egov.traceability.selectors import chain_verify
from egov.traceability.tests import factories

pytestmark = pytest.mark.django_db


def test_a_producer_needs_approval_before_issuing_codes(world, officer):
    account = factories.business("0102222222", "htx2@example.vn")
    producer = services.producer_register(
        actor=account,
        name="HTX Rau an toàn",
        kind="cooperative",
        unit=world.commune_a,
        address="Xóm 2",
    )
    product = services.product_add(actor=account, name="Rau cải", category="food")
    assert product.platform_code.startswith("29")
    assert rules.gtin_valid(product.platform_code)

    with pytest.raises(TraceError) as refused:
        services_events.batch_create(
            actor=account, product=product, lot="A1", produced_on=timezone.localdate(), quantity=1
        )
    assert "product" in refused.value.fields

    services.producer_decide(actor=officer, producer=producer, approve=True)
    services.product_decide(actor=officer, product=product, approve=True)
    batch = services_events.batch_create(
        actor=account, product=product, lot="A1", produced_on=timezone.localdate(), quantity=1
    )
    assert batch.lot == "A1"


def test_an_officer_of_another_district_cannot_approve(world, other_district_officer):
    account = factories.business("0103333333", "htx3@example.vn")
    producer = services.producer_register(
        actor=account, name="HTX", kind="cooperative", unit=world.commune_a, address="x"
    )
    before = AuditEvent.objects.count()
    with pytest.raises(PermissionDenied):
        services.producer_decide(actor=other_district_officer, producer=producer, approve=True)
    producer.refresh_from_db()
    assert producer.status == "pending"
    assert AuditEvent.objects.count() == before


def test_a_wrong_gtin_check_digit_is_refused(producer):
    with pytest.raises(TraceError) as refused:
        services.product_add(
            actor=producer.account, name="Gạo", category="food", gtin="8935049500017"
        )
    assert list(refused.value.fields) == ["gtin"]
    assert not Product.objects.filter(gtin="8935049500017").exists()


def test_a_certificate_scan_goes_through_the_file_intake(producer):
    with pytest.raises(TraceError):
        services.certificate_add(
            actor=producer.account,
            kind="ocop",
            number="1",
            issuer="UBND TP",
            valid_from=datetime.date(2025, 1, 1),
            valid_until=datetime.date(2027, 12, 31),
        )
    certificate = services.certificate_add(
        actor=producer.account,
        kind="ocop",
        number="123/QĐ-UBND",
        issuer="UBND TP Hà Nội",
        stars=4,
        year=2025,
        valid_from=datetime.date(2025, 1, 1),
        valid_until=datetime.date(2027, 12, 31),
        scan=samples.pdf(),
    )
    assert certificate.scan.name.endswith(".pdf")
    from egov.common.files import FileRefused

    with pytest.raises(FileRefused):
        services.certificate_add(
            actor=producer.account,
            kind="vietgap",
            number="2",
            issuer="x",
            valid_from=datetime.date(2025, 1, 1),
            valid_until=datetime.date(2027, 1, 1),
            scan=b"MZ\x90\x00 not a pdf",
        )


def test_events_chain_and_tamper_is_detected(batch):
    account = batch.product.producer.account
    for step in ("commissioning", "packing", "shipping"):
        services_events.batch_event_record(actor=account, batch=batch, biz_step=step)
    assert chain_verify(batch).intact is True
    assert list(batch.events.values_list("sequence", flat=True)) == [1, 2, 3]

    Event.objects.filter(batch=batch, sequence=2).update(note="sửa lén")

    check = chain_verify(batch)
    assert (check.intact, check.broken_at) == (False, 2)


def test_event_rules(batch, world, officer, other_district_officer):
    account = batch.product.producer.account
    future = timezone.now() + datetime.timedelta(hours=1)
    with pytest.raises(TraceError) as refused:
        services_events.batch_event_record(
            actor=account, batch=batch, biz_step="packing", event_at=future
        )
    assert list(refused.value.fields) == ["event_at"]
    before = timezone.now() - datetime.timedelta(days=30)
    with pytest.raises(TraceError):
        services_events.batch_event_record(
            actor=account, batch=batch, biz_step="packing", event_at=before
        )
    other = factories.business("0104444444", "khac@example.vn")
    services.producer_register(
        actor=other, name="Khác", kind="household", unit=world.commune_a, address="x"
    )
    with pytest.raises(TraceError) as refused:
        services_events.batch_event_record(actor=other, batch=batch, biz_step="packing")
    assert list(refused.value.fields) == ["batch"]
    with pytest.raises(TraceError) as refused:
        services_events.batch_event_record(actor=account, batch=batch, biz_step="inspecting")
    assert list(refused.value.fields) == ["result"]
    inspection = services_events.batch_event_record(
        actor=officer,
        batch=batch,
        biz_step="inspecting",
        result="passed",
        inspection_body="Chi cục ATVSTP",
    )
    assert inspection.recorded_by == officer
    with pytest.raises(PermissionDenied):
        services_events.batch_event_record(
            actor=other_district_officer,
            batch=batch,
            biz_step="inspecting",
            result="passed",
            inspection_body="x",
        )
    assert batch.events.count() == 1


def test_transform_uses_inputs_up_once(batch, officer):
    producer = batch.product.producer
    packed = factories.approved_product(producer, officer, gtin="")
    output = services_events.batch_transform(
        actor=producer.account, inputs=[batch], product=packed, lot="P1", quantity=100
    )
    batch.refresh_from_db()
    assert batch.consumed_at is not None
    first = output.events.get()
    assert first.event_type == "TransformationEvent"
    assert first.inputs == ["https://id.gs1.org/01/08935049500018/10/L2026-01"]
    assert first.input_quantities == [
        {
            "epcClass": "https://id.gs1.org/01/08935049500018/10/L2026-01",
            "quantity": "120.500",
            "uom": "KGM",
        }
    ]
    with pytest.raises(TraceError) as refused:
        services_events.batch_transform(
            actor=producer.account, inputs=[batch], product=packed, lot="P2", quantity=1
        )
    assert list(refused.value.fields) == ["inputs.0.batch"]
    assert not Batch.objects.filter(lot="P2").exists()


def _workbook(rows):
    return xlsx_write([Sheet(title="Lô", rows=[["GTIN", "Lô", "Ngày", "SL", "ĐVT"], *rows])])


def test_xlsx_upload_is_all_or_nothing(product):
    account = product.producer.account
    good = _workbook(
        [[product.gtin, "X1", "01/03/2026", 10, "KGM"], [product.gtin, "X2", "02/03/2026", 5, ""]]
    )
    created = services_events.batches_import(actor=account, content=good)
    assert [b.lot for b in created] == ["X1", "X2"]
    bad = _workbook(
        [[product.gtin, "X3", "01/03/2026", 10, "KGM"], ["123", "X4", "01/03/2026", 1, ""]]
    )
    with pytest.raises(TraceError) as refused:
        services_events.batches_import(actor=account, content=bad)
    assert refused.value.fields["file"].startswith("Dòng 3")
    assert not Batch.objects.filter(lot="X3").exists()


def test_recall_is_audited_and_idempotent(batch, officer):
    services.batch_recall(actor=officer, batch=batch, reason="Dư lượng thuốc BVTV")
    services.batch_recall(actor=officer, batch=batch, reason="lần hai")
    batch.refresh_from_db()
    assert batch.recall_reason == "Dư lượng thuốc BVTV"
    assert AuditEvent.objects.filter(action="traceability.batch_recalled").count() == 1


def test_sheet_helper_is_bytes():
    assert isinstance(_workbook([]), bytes)
    assert io.BytesIO(_workbook([])).read(2) == b"PK"


def test_transform_with_quantities_takes_part_of_an_input(product, officer):
    # given a 1,000 kg lot of rice and a bagged-rice product
    producer = product.producer
    rice = services_events.batch_create(
        actor=producer.account,
        product=product,
        lot="R1000",
        produced_on=timezone.localdate(),
        quantity=1000,
    )
    bags = factories.approved_product(producer, officer, gtin="")
    use = services_events.InputUse

    # when 0.6 t goes into 1,200 bags of 500 g, then the 400 kg left into 800 more
    first = services_events.batch_transform(
        actor=producer.account,
        inputs=[use(batch=rice, quantity=Decimal("0.6"), uom="TNE")],
        product=bags,
        lot="B1",
        quantity=1200,
        uom="H87",
    )
    rice.refresh_from_db()
    assert (rice.used_quantity, rice.consumed_at) == (Decimal("600.000"), None)
    second = services_events.batch_transform(
        actor=producer.account, inputs=[rice], product=bags, lot="B2", quantity=800, uom="H87"
    )

    # then the lot is used up, each step is in both chains with its quantities
    rice.refresh_from_db()
    assert rice.used_quantity == Decimal("1000.000")
    assert rice.consumed_at is not None
    made = first.events.get()
    assert (made.quantity, made.uom) == (Decimal("1200.000"), "H87")
    assert made.input_quantities[0]["quantity"] == "0.600"
    assert made.input_quantities[0]["uom"] == "TNE"
    assert second.events.get().input_quantities[0]["quantity"] == "400.000"
    assert [(e.quantity, e.uom) for e in rice.events.order_by("sequence")] == [
        (Decimal("0.600"), "TNE"),
        (Decimal("400.000"), "KGM"),
    ]
    assert all(chain_verify(b).intact for b in (rice, first, second))


@pytest.mark.parametrize(
    ("quantity", "uom", "field", "message"),
    [
        (Decimal(0), "KGM", "inputs.0.quantity", "Số lượng phải lớn hơn không."),
        (Decimal(-5), "KGM", "inputs.0.quantity", "Số lượng phải lớn hơn không."),
        (Decimal(10), "BAG", "inputs.0.uom", None),
        (Decimal(10), "H87", "inputs.0.uom", None),
        (Decimal(121), "KGM", "inputs.0.quantity", None),
    ],
)
def test_transform_refuses_bad_input_quantities(batch, officer, quantity, uom, field, message):
    producer = batch.product.producer
    bags = factories.approved_product(producer, officer, gtin="")
    with pytest.raises(TraceError) as refused:
        services_events.batch_transform(
            actor=producer.account,
            inputs=[services_events.InputUse(batch=batch, quantity=quantity, uom=uom)],
            product=bags,
            lot="B1",
            quantity=10,
            uom="H87",
        )
    assert list(refused.value.fields) == [field]
    if message:
        assert refused.value.fields[field] == message
    assert not Batch.objects.filter(lot="B1").exists()
    assert not batch.events.exists()


def test_transform_refuses_a_bad_output_unit(batch, officer):
    producer = batch.product.producer
    bags = factories.approved_product(producer, officer, gtin="")
    with pytest.raises(TraceError) as refused:
        services_events.batch_transform(
            actor=producer.account, inputs=[batch], product=bags, lot="B1", quantity=5, uom="bao"
        )
    assert list(refused.value.fields) == ["uom"]
    batch.refresh_from_db()
    assert batch.used_quantity == 0


def test_a_whole_product_recall_reaches_every_lot_tells_the_producer_and_is_audited(
    product, officer, django_capture_on_commit_callbacks
):
    from egov.accounts.models import Notification

    first, second = factories.batch(product, "L1"), factories.batch(product, "L2")
    services.batch_recall(actor=officer, batch=first, reason="trước")

    with django_capture_on_commit_callbacks(execute=True):
        recalled = services.product_recall(actor=officer, product=product, reason="Nhiễm chì")

    assert [b.lot for b in recalled] == ["L2"]
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.recall_reason, second.recall_reason) == ("trước", "Nhiễm chì")
    entry = AuditEvent.objects.get(action="traceability.product_recalled")
    assert entry.changes["lots"] == ["L2"]
    notices = Notification.objects.filter(subject="Thu hồi Gạo nếp cái hoa vàng")
    notice = notices.get()
    assert notice.recipient == product.producer.account
    assert "L2" in notice.body
    assert services.product_recall(actor=officer, product=product, reason="lần hai") == []
    assert notices.count() == 1


def test_a_recall_of_listed_lots_names_an_unknown_lot_and_recalls_nothing(product, officer):
    factories.batch(product, "L1")
    factories.batch(product, "L2")
    with pytest.raises(TraceError) as refused:
        services.product_recall(actor=officer, product=product, reason="x", lots="L1, KHONG")
    assert refused.value.fields == {"lots": "Sản phẩm này không có lô KHONG."}
    assert not Batch.objects.filter(recalled_at__isnull=False).exists()
    recalled = services.product_recall(actor=officer, product=product, reason="x", lots="L2")
    assert [b.lot for b in recalled] == ["L2"]


def test_only_an_officer_of_the_area_recalls_a_product(product, other_district_officer):
    factories.batch(product, "L1")
    with pytest.raises(PermissionDenied):
        services.product_recall(actor=other_district_officer, product=product, reason="x")
    assert not Batch.objects.filter(recalled_at__isnull=False).exists()
    assert not AuditEvent.objects.filter(action="traceability.product_recalled").exists()
