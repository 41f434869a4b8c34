"""Hà Nội demo data of traceability: OCOP producers in two local units with facilities,
certificates and approved products; batches with their events from harvest to the shop, a
processing step (paddy → packed rice), an inspection by the local officer, consumer scans, one
product recall (of one lot) and one published violation. Everything goes through the services,
so hash chains and audit trails are real. Never meant for production; loads in well under a
second."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone

from egov.accounts.models import User
from egov.accounts.services import public_account_register
from egov.orgs.models import OrgUnit
from egov.traceability import rules, services, services_events, services_shipping
from egov.traceability.models import Producer, Product

PRODUCER_LOGIN = "buoidien@hanoi.demo"


def _gtin(body: str) -> str:
    return body + str(rules.check_digit(body))


def _producer(
    *, email: str, tax_code: str, name: str, unit: OrgUnit, head: User, password: str
) -> tuple[User, Producer]:
    account = public_account_register(
        full_name=name, password=password, email=email, tax_code=tax_code
    )
    producer = services.producer_register(
        actor=account, name=name, kind="cooperative", unit=unit, address=f"{unit.name}, Hà Nội"
    )
    return account, services.producer_decide(actor=head, producer=producer, approve=True)


def _product(account: User, head: User, **values: Any) -> Product:
    product = services.product_add(actor=account, **values)
    return services.product_decide(actor=head, product=product, approve=True)


def _steps(account: User, batch: Any, start: datetime.datetime, steps: list[tuple]) -> None:
    for hours, step, facility, extra in steps:
        services_events.batch_event_record(
            actor=account,
            batch=batch,
            biz_step=step,
            event_at=start + datetime.timedelta(hours=hours),
            facility=facility,
            **extra,
        )


def traceability_demo_load(
    *, local: OrgUnit, other: OrgUnit, local_head: User, other_head: User, password: str
) -> dict[str, int]:
    """Load the demo; returns counts."""
    today = timezone.localdate()
    start = timezone.now().replace(minute=0, second=0, microsecond=0) - datetime.timedelta(days=6)
    account, producer = _producer(
        email=PRODUCER_LOGIN,
        tax_code="0108123456",
        name="Hợp tác xã Bưởi Diễn Phú Diễn",
        unit=local,
        head=local_head,
        password=password,
    )
    farm = services.facility_add(
        actor=account,
        name="Vườn bưởi Phú Diễn",
        kind="farm",
        code="VT-HN-0123",
        latitude="21.047",
        longitude="105.763",
    )
    packing = services.facility_add(
        actor=account, name="Cơ sở sơ chế Phú Diễn", kind="packing_house", code="CS-HN-045"
    )
    shop = services.facility_add(actor=account, name="Cửa hàng nông sản an toàn", kind="shop")
    pomelo = _product(
        account,
        local_head,
        name="Bưởi Diễn",
        category="food",
        gtin=_gtin("893604712001"),
        ocop_stars=4,
        description="Bưởi Diễn trồng theo VietGAP.",
    )
    services.certificate_add(
        actor=account,
        kind="ocop",
        number="1520/QĐ-UBND",
        issuer="UBND Thành phố Hà Nội",
        stars=4,
        year=2024,
        product=pomelo,
        valid_from=datetime.date(2024, 6, 1),
        valid_until=datetime.date(2027, 5, 31),
    )
    services.certificate_add(
        actor=account,
        kind="vietgap",
        number="VietGAP-TT-21-07-01-0012",
        issuer="Trung tâm Chứng nhận",
        valid_from=today - datetime.timedelta(days=700),
        valid_until=today + datetime.timedelta(days=30),
    )
    first = services_events.batch_create(
        actor=account, product=pomelo, lot="BD2026-01", produced_on=start.date(), quantity=500
    )
    _steps(
        account,
        first,
        start,
        [
            (1, "commissioning", farm, {}),
            (20, "packing", packing, {}),
            (26, "shipping", packing, {}),
            (30, "receiving", shop, {}),
            (60, "retail_selling", shop, {}),
        ],
    )
    services_events.batch_event_record(
        actor=local_head,
        batch=first,
        biz_step="inspecting",
        result="passed",
        inspection_body="Phòng Kinh tế",
        event_at=start + datetime.timedelta(hours=22),
    )
    second = services_events.batch_create(
        actor=account, product=pomelo, lot="BD2026-02", produced_on=start.date(), quantity=300
    )
    _steps(account, second, start, [(2, "commissioning", farm, {}), (24, "packing", packing, {})])
    # The officer recalls the product's lot from the producer's page (a product recall naming
    # one lot): the lot's scan page warns, the producer is told, both recalls are audited.
    services.product_recall(
        actor=local_head,
        product=pomelo,
        reason="Phát hiện dư lượng thuốc bảo vệ thực vật vượt mức.",
        lots=second.lot,
    )
    services.violation_record(
        actor=local_head,
        producer=producer,
        batch=second,
        found_on=today - datetime.timedelta(days=1),
        description="Dư lượng thuốc bảo vệ thực vật vượt giới hạn tối đa ở lô BD2026-02.",
        penalty="Thu hồi lô hàng, phạt cảnh cáo",
    )
    for _ in range(25):
        services.scan_count(product=pomelo, unit_id=local.pk)

    tea_account, _tea_producer = _producer(
        email="gaonep@hanoi.demo",
        tax_code="0108654321",
        name="Hợp tác xã Nông nghiệp Đông Anh",
        unit=other,
        head=other_head,
        password=password,
    )
    mill = services.facility_add(
        actor=tea_account, name="Xưởng xay xát Đông Anh", kind="processing_plant"
    )
    field = services.facility_add(
        actor=tea_account, name="Cánh đồng Đông Anh", kind="growing_area", code="VT-HN-0456"
    )
    paddy = _product(tea_account, other_head, name="Thóc nếp cái hoa vàng", category="food")
    rice = _product(
        tea_account,
        other_head,
        name="Gạo nếp cái hoa vàng Đông Anh",
        category="food",
        gtin=_gtin("893604712002"),
        ocop_stars=3,
    )
    services.certificate_add(
        actor=tea_account,
        kind="ocop",
        number="2301/QĐ-UBND",
        issuer="UBND Thành phố Hà Nội",
        stars=3,
        year=2023,
        product=rice,
        valid_from=datetime.date(2023, 9, 1),
        valid_until=datetime.date(2026, 8, 31),
    )
    harvest = services_events.batch_create(
        actor=tea_account, product=paddy, lot="TN2026-01", produced_on=start.date(), quantity=2000
    )
    _steps(tea_account, harvest, start, [(3, "commissioning", field, {})])
    packed = services_events.batch_transform(
        actor=tea_account,
        # 1,000 kg of the 2,000 kg harvest → 2,000 bags of 500 g (the rest waits for the mill)
        inputs=[services_events.InputUse(batch=harvest, quantity=Decimal(1000), uom="KGM")],
        product=rice,
        lot="GN2026-01",
        quantity=2000,
        uom="H87",
        event_at=start + datetime.timedelta(hours=48),
        facility=mill,
    )
    _steps(tea_account, packed, start, [(50, "packing", mill, {})])
    # The rice goes to the Phú Diễn cooperative's shop, another producer, which receives it.
    services_shipping.batch_ship(
        actor=tea_account,
        batch=packed,
        destination_tax_code=producer.tax_code,
        facility=mill,
        event_at=start + datetime.timedelta(hours=72),
    )
    services_shipping.batch_receive(
        actor=account, batch=packed, facility=shop, event_at=start + datetime.timedelta(hours=78)
    )
    for _ in range(12):
        services.scan_count(product=rice, unit_id=other.pk)
    return {"producers": 2, "products": 3, "batches": 4}
