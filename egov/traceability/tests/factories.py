"""Builders of traceability test data through the services (the paths matter: approvals,
the hash chain)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from conftest import PASSWORD
from egov.accounts.models import User
from egov.accounts.services import api_token_create, public_account_register
from egov.orgs.models import OrgUnit
from egov.traceability import services, services_events
from egov.traceability.models import Batch, Producer, Product

GTIN = "8935049500018"  # a valid GTIN-13 (check digit 8)


def business(tax_code: str, email: str, name: str = "HTX Nông nghiệp Đông Dư") -> User:
    return public_account_register(
        full_name=name, password=PASSWORD, email=email, tax_code=tax_code
    )


def approved_producer(
    unit: OrgUnit,
    officer: User,
    *,
    tax_code: str = "0101111111",
    name: str = "HTX Nông nghiệp Đông Dư",
    kind: str = "cooperative",
) -> Producer:
    account = business(tax_code, f"htx{tax_code}@example.vn", name)
    producer = services.producer_register(
        actor=account,
        name=name,
        kind=kind,
        unit=unit,
        address="Thôn 1",
        gln="",
    )
    return services.producer_decide(actor=officer, producer=producer, approve=True)


def approved_product(producer: Producer, officer: User, *, gtin: str = GTIN) -> Product:
    product = services.product_add(
        actor=producer.account,
        name="Gạo nếp cái hoa vàng",
        category="food",
        gtin=gtin,
        ocop_stars=4,
    )
    return services.product_decide(actor=officer, product=product, approve=True)


def batch(product: Product, lot: str = "L2026-01", days_ago: int = 3) -> Batch:
    return services_events.batch_create(
        actor=product.producer.account,
        product=product,
        lot=lot,
        produced_on=timezone.localdate() - datetime.timedelta(days=days_ago),
        quantity="120.5",
    )


def bearer(user: User) -> dict[str, str]:
    """The header of an API token of ``user`` for traceability (a producer's own system)."""
    issued = api_token_create(actor=user, user=user, name="erp", apps=["traceability"])
    return {"HTTP_AUTHORIZATION": f"Bearer {issued.secret}"}


def epcis_document(*events: dict) -> dict:
    """An EPCIS 2.0 document of ``events``."""
    return {
        "@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],
        "type": "EPCISDocument",
        "schemaVersion": "2.0",
        "creationDate": "2026-03-01T08:00:00+07:00",
        "epcisBody": {"eventList": list(events)},
    }


def epcis_event(
    step: str,
    *,
    lot: str = "L2026-01",
    minutes_ago: int = 10,
    gtin: str = "08935049500018",
    **extra,
) -> dict:
    """An ObjectEvent of the lot ``lot`` of ``gtin`` (10 kg of it), ``minutes_ago`` ago."""
    moment = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    return {
        "type": "ObjectEvent",
        "action": "OBSERVE",
        "bizStep": step,
        "eventTime": moment.isoformat(),
        "eventTimeZoneOffset": "+07:00",
        "quantityList": [
            {"epcClass": f"https://id.gs1.org/01/{gtin}/10/{lot}", "quantity": 10, "uom": "KGM"}
        ],
        **extra,
    }
