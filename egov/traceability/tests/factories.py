"""Builders of traceability test data through the services (the paths matter: approvals,
the hash chain)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from conftest import PASSWORD
from egov.accounts.models import User
from egov.accounts.services import public_account_register
from egov.orgs.models import OrgUnit
from egov.traceability import services, services_events
from egov.traceability.models import Batch, Producer, Product

GTIN = "8935049500018"  # a valid GTIN-13 (check digit 8)


def business(tax_code: str, email: str, name: str = "HTX Nông nghiệp Đông Dư") -> User:
    return public_account_register(
        full_name=name, password=PASSWORD, email=email, tax_code=tax_code
    )


def approved_producer(unit: OrgUnit, officer: User, *, tax_code: str = "0101111111") -> Producer:
    account = business(tax_code, f"htx{tax_code}@example.vn")
    producer = services.producer_register(
        actor=account,
        name="HTX Nông nghiệp Đông Dư",
        kind="cooperative",
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
