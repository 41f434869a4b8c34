"""Traceability at issue 21's scale: 100,000 producers, 2 M batches, 20 M events (× ``--scale``,
or ``--producers`` given): each producer a business account with three facilities (farm,
packing house, shop), three approved products (GTIN-13 with its check digit, a fifth of them
OCOP-rated with their certificate) and twenty batches of ten events each (harvest, inspection,
packing, shipping, receiving, selling...), plus a month of scan counts for a tenth of the
products and one recalled batch in a thousand.

Events are sealed exactly as ``services_events._append`` seals them: the content is the
model's own ``Event.content()`` of an unsaved row, the hash ``rules.event_hash`` over the
previous event's, the event ID ``rules.event_id``; so ``selectors.chain_verify`` finds every
generated chain intact and the scan page shows it as recorded through the services.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from bench.generate import names
from bench.generate.people import JOINED_AT, USER_COLUMNS
from bench.generate.sink import Sink, table_spec
from bench.generate.world import World
from egov.accounts.choices import AccountKind
from egov.accounts.models import User
from egov.traceability import rules
from egov.traceability.models import (
    Batch,
    Certificate,
    Event,
    Facility,
    Producer,
    Product,
    ScanCount,
)
from egov.workdays.rules import VN_TZ

MODELS = (Producer, Facility, Product, Certificate, Batch, Event, ScanCount)
RECALL_REASON = "Phát hiện dư lượng thuốc bảo vệ thực vật vượt mức."
PRODUCTS_EACH, BATCHES_EACH, EVENTS_EACH = 3, 20, 10
GTIN_PREFIX = "893"  # GS1 Vietnam
FACILITIES = (("farm", "Vùng trồng"), ("packing_house", "Cơ sở sơ chế"), ("shop", "Cửa hàng"))
PRODUCT_NAMES = (
    "Bưởi Diễn",
    "Gạo nếp cái hoa vàng",
    "Chè Shan tuyết",
    "Mật ong hoa nhãn",
    "Cam Canh",
    "Miến dong",
    "Rau an toàn",
    "Trứng gà sạch",
    "Giò chả",
    "Nhãn lồng",
    "Ổi Đông Dư",
    "Tương Cự Đà",
)
# (biz step, facility index or None, hours after the harvest): ten events per batch.
JOURNEY = (
    ("commissioning", 0, 0),
    ("inspecting", 0, 6),
    ("packing", 1, 20),
    ("inspecting", 1, 22),
    ("shipping", 1, 26),
    ("receiving", 2, 32),
    ("shipping", 2, 50),
    ("receiving", 2, 56),
    ("retail_selling", 2, 80),
    ("retail_selling", 2, 120),
)
PRODUCER_COLUMNS = (
    "id",
    "account_id",
    "name",
    "kind",
    "tax_code",
    "unit_id",
    "address",
    "status",
    "decided_at",
    "registered_at",
)
FACILITY_COLUMNS = ("id", "producer_id", "name", "kind", "code", "address", "latitude", "longitude")
PRODUCT_COLUMNS = (
    "id",
    "producer_id",
    "name",
    "category",
    "gtin",
    "ocop_stars",
    "description",
    "status",
    "decided_at",
    "created_at",
)
CERTIFICATE_COLUMNS = (
    "id",
    "producer_id",
    "product_id",
    "kind",
    "number",
    "issuer",
    "stars",
    "year",
    "valid_from",
    "valid_until",
)
BATCH_COLUMNS = (
    "id",
    "product_id",
    "lot",
    "produced_on",
    "quantity",
    "uom",
    "used_quantity",
    "created_at",
    "recalled_at",
    "recall_reason",
)
EVENT_COLUMNS = (
    "id",
    "batch_id",
    "sequence",
    "event_type",
    "action",
    "biz_step",
    "event_at",
    "recorded_at",
    "facility_id",
    "recorded_by_id",
    "result",
    "inspection_body",
    "note",
    "inputs",
    "input_quantities",
    "event_id",
    "previous_hash",
    "hash",
)
SCAN_COLUMNS = ("id", "product_id", "unit_id", "day", "count")


@dataclass
class TracePlan:
    """How many producers, batches and events were written."""

    producers: int = 0
    batches: int = 0
    events: int = 0


def gtin_of(product_id: int) -> str:
    """A unique GTIN-13 per product: the GS1 Vietnam prefix, nine digits of the id, the check
    digit."""
    body = f"{GTIN_PREFIX}{product_id % 10**9:09d}"
    return body + str(rules.check_digit(body))


def lot_of(n: int, produced_on: datetime.date) -> str:
    return f"L{produced_on:%y%m%d}-{n:03d}"


def traceability_create(
    sink: Sink,
    world: World,
    rng: random.Random,
    producers: int,
    until: datetime.date,
    password_hash: str,
) -> TracePlan:
    """Write ``producers`` producers with their accounts, facilities, products, certificates,
    batches, events and scan counts."""
    plan = TracePlan(producers=producers)
    if producers <= 0:
        return plan
    first = {m: sink.next_id(m) for m in (User, *MODELS)}
    communes = world.communes
    unit_of = [rng.choice(communes) for _ in range(producers)]
    sink.copy(table_spec(User, USER_COLUMNS), _accounts(first[User], producers, password_hash))
    sink.copy(
        table_spec(Producer, PRODUCER_COLUMNS), _producers(first, world, unit_of, producers, rng)
    )
    sink.copy(table_spec(Facility, FACILITY_COLUMNS), _facilities(first, world, unit_of, rng))
    sink.copy(table_spec(Product, PRODUCT_COLUMNS), _products(first, producers, rng))
    sink.copy(table_spec(Certificate, CERTIFICATE_COLUMNS), _certificates(first, producers, until))
    base = rng.getrandbits(32)
    sink.copy(table_spec(Batch, BATCH_COLUMNS), _batches(first, base, producers, until))
    sink.copy(table_spec(Event, EVENT_COLUMNS), _events(first, base, producers, until))
    sink.copy(table_spec(ScanCount, SCAN_COLUMNS), _scans(first, unit_of, producers, until))
    plan.batches = producers * BATCHES_EACH
    plan.events = plan.batches * EVENTS_EACH
    return plan


def _accounts(first: int, count: int, password_hash: str) -> Iterator[tuple]:
    for i in range(count):
        yield (
            first + i,
            password_hash,
            False,
            AccountKind.BUSINESS,
            f"Hợp tác xã nông nghiệp số {i + 1}",
            f"producer.{i}@bench.egov.vn",
            None,
            None,
            f"03{i:08d}",
            False,
            True,
            JOINED_AT,
            "",
            JOINED_AT,
        )


def _producers(first, world: World, unit_of, count: int, rng) -> Iterator[tuple]:
    kinds = ("cooperative", "cooperative", "household", "enterprise")
    for i in range(count):
        unit = world.units[unit_of[i]]
        kind = kinds[i % len(kinds)]
        name = f"{'Hợp tác xã' if kind == 'cooperative' else 'Cơ sở'} {names.business_name(rng)}"
        yield (
            first[Producer] + i,
            first[User] + i,
            name[:200],
            kind,
            f"03{i:08d}",
            unit.id,
            f"{unit.name}, {unit.district_name or 'Hà Nội'}",
            "approved",
            JOINED_AT,
            JOINED_AT,
        )


def _facilities(first, world: World, unit_of, rng) -> Iterator[tuple]:
    for i, unit_id in enumerate(unit_of):
        for n, (kind, label) in enumerate(FACILITIES):
            lat = Decimal(f"{20.6 + rng.random() * 0.7:.6f}")
            lng = Decimal(f"{105.3 + rng.random() * 0.7:.6f}")
            code = f"VT-HN-{i:06d}" if kind == "farm" else ""
            yield (
                first[Facility] + i * len(FACILITIES) + n,
                first[Producer] + i,
                f"{label} {i + 1}",
                kind,
                code,
                world.units[unit_id].name,
                lat,
                lng,
            )


def _products(first, producers: int, rng) -> Iterator[tuple]:
    for i in range(producers):
        for n in range(PRODUCTS_EACH):
            pid = first[Product] + i * PRODUCTS_EACH + n
            stars = rng.choice((3, 3, 4, 4, 5)) if pid % 5 == 0 else None
            yield (
                pid,
                first[Producer] + i,
                PRODUCT_NAMES[(i + n) % len(PRODUCT_NAMES)],
                "food",
                gtin_of(pid),
                stars,
                "",
                "approved",
                JOINED_AT,
                JOINED_AT,
            )


def _certificates(first, producers: int, until: datetime.date) -> Iterator[tuple]:
    cid = first[Certificate]
    for i in range(producers):
        producer_id = first[Producer] + i
        yield (
            cid,
            producer_id,
            None,
            "vietgap",
            f"VietGAP-{i:06d}",
            "Trung tâm Chứng nhận",
            None,
            None,
            until - datetime.timedelta(days=400 + i % 300),
            until + datetime.timedelta(days=i % 700 - 100),  # some expired, most valid
        )
        cid += 1
        for n in range(PRODUCTS_EACH):
            pid = first[Product] + i * PRODUCTS_EACH + n
            if pid % 5:
                continue
            yield (
                cid,
                producer_id,
                pid,
                "ocop",
                f"{pid}/QĐ-UBND",
                "UBND Thành phố Hà Nội",
                3 + pid % 3,
                until.year - 1,
                until - datetime.timedelta(days=365),
                until + datetime.timedelta(days=730),
            )
            cid += 1


def _batch_rows(first, base: int, i: int, until: datetime.date) -> list[tuple]:
    """(id, product id, lot, production day) of producer ``i``'s batches, from a stream of its
    own: the batches and their events are written by two COPYs and must draw the same."""
    own = random.Random(f"{base}:{i}")
    rows = []
    for n in range(BATCHES_EACH):
        bid = first[Batch] + i * BATCHES_EACH + n
        pid = first[Product] + i * PRODUCTS_EACH + n % PRODUCTS_EACH
        produced = until - datetime.timedelta(days=own.randint(6, 730))
        rows.append((bid, pid, lot_of(n, produced), produced))
    return rows


def _batches(first, base: int, producers: int, until: datetime.date) -> Iterator[tuple]:
    for i in range(producers):
        for bid, pid, lot, produced in _batch_rows(first, base, i, until):
            created = datetime.datetime.combine(produced, datetime.time(7, 0), tzinfo=VN_TZ)
            recalled = bid % 1000 == 7
            yield (
                bid,
                pid,
                lot,
                produced,
                Decimal(100 + bid % 900),
                "KGM",
                Decimal(0),
                created,
                created + datetime.timedelta(days=3) if recalled else None,
                RECALL_REASON if recalled else "",
            )


def _events(first, base: int, producers: int, until: datetime.date) -> Iterator[tuple]:
    """Ten events per batch, sealed as ``services_events._append`` seals them."""
    eid = first[Event]
    for i in range(producers):
        account = first[User] + i
        facilities = [first[Facility] + i * len(FACILITIES) + n for n in range(len(FACILITIES))]
        for bid, _pid, _lot, produced in _batch_rows(first, base, i, until):
            harvest = datetime.datetime.combine(produced, datetime.time(6, 0), tzinfo=VN_TZ)
            previous = rules.GENESIS
            for sequence, (step, place, hours) in enumerate(JOURNEY, 1):
                at = harvest + datetime.timedelta(hours=hours + bid % 5)
                inspecting = step == "inspecting"
                event = Event(
                    batch_id=bid,
                    sequence=sequence,
                    event_type="ObjectEvent",
                    action="ADD" if step == "commissioning" else "OBSERVE",
                    biz_step=step,
                    event_at=at,
                    facility_id=facilities[place],
                    recorded_by_id=account,
                    result="passed" if inspecting else "",
                    inspection_body="Chi cục Quản lý chất lượng" if inspecting else "",
                    note="",
                    inputs=[],
                    input_quantities=[],
                )
                content = event.content()
                digest = rules.event_hash(previous, content)
                yield (
                    eid,
                    bid,
                    sequence,
                    "ObjectEvent",
                    event.action,
                    step,
                    at,
                    at + datetime.timedelta(minutes=5),
                    facilities[place],
                    account,
                    event.result,
                    event.inspection_body,
                    "",
                    [],
                    [],
                    rules.event_id({**content, "hash": digest}),
                    previous,
                    digest,
                )
                previous = digest
                eid += 1


def _scans(first, unit_of, producers: int, until: datetime.date) -> Iterator[tuple]:
    """A month of daily scan counts for every tenth product."""
    sid = first[ScanCount]
    for i in range(producers):
        for n in range(PRODUCTS_EACH):
            pid = first[Product] + i * PRODUCTS_EACH + n
            if pid % 10:
                continue
            for back in range(30):
                yield (sid, pid, unit_of[i], until - datetime.timedelta(days=back), 1 + pid % 40)
                sid += 1
