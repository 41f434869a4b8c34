"""URL arguments of the traceability routes for the permission matrix
(egov/portal/tests/test_permission_matrix.py): an approved producer of the scoped unit with an
approved product and a batch."""

from __future__ import annotations

import itertools
from collections.abc import Callable

from egov.jobs.models import Job
from egov.orgs.models import OrgUnit
from egov.traceability.choices import CAPTURE_JOB_KIND
from egov.traceability.models import Batch
from egov.traceability.tests import factories

_numbers = itertools.count(1)


def _batch(unit: OrgUnit) -> Batch:
    from egov.traceability.choices import ApprovalStatus
    from egov.traceability.models import Producer, Product

    n = next(_numbers)
    account = factories.business(f"0109{n:06d}", f"matrix{n}@example.vn")
    producer = Producer.objects.create(
        account=account,
        name="HTX",
        kind="cooperative",
        tax_code=account.tax_code,
        unit=unit,
        address="x",
        status=ApprovalStatus.APPROVED,
        registered_at="2026-01-01T00:00:00Z",
    )
    product = Product.objects.create(
        producer=producer,
        name="Gạo",
        category="food",
        platform_code=f"29{n:010d}0",
        status=ApprovalStatus.APPROVED,
        created_at="2026-01-01T00:00:00Z",
    )
    return Batch.objects.create(
        product=product,
        lot=f"M{n}",
        produced_on="2026-01-01",
        quantity=1,
        created_at="2026-01-01T00:00:00Z",
    )


def _capture_job(unit: OrgUnit) -> Job:
    """A capture job the producer of a batch in ``unit`` started."""
    account = _batch(unit).product.producer.account
    return Job.objects.create(kind=CAPTURE_JOB_KIND, title="EPCIS", started_by=account)


def _link(unit: OrgUnit) -> dict[str, object]:
    batch = _batch(unit)
    return {"gtin": batch.product.code, "lot": batch.lot}


TRACEABILITY_OBJECT_KWARGS: dict[str, Callable[[OrgUnit], dict[str, object]]] = {
    "traceability:digital-link": _link,
    "traceability:batch-detail": lambda unit: {"pk": _batch(unit).pk},
    "traceability:batch-qr-svg": lambda unit: {"pk": _batch(unit).pk},
    "traceability:batch-qr-png": lambda unit: {"pk": _batch(unit).pk},
    "traceability:batch-labels": lambda unit: {"pk": _batch(unit).pk},
    "traceability:batch-ship": lambda unit: {"pk": _batch(unit).pk},
    "traceability:batch-receive": lambda unit: {"pk": _batch(unit).pk},
    "traceability:officer-producer": lambda unit: {"pk": _batch(unit).product.producer_id},
    "traceability:officer-batch": lambda unit: {"pk": _batch(unit).pk},
    # an unknown action: a 404 for everyone; the actions are tested in test_views.py
    "traceability:producer-action": lambda unit: {
        "pk": _batch(unit).product.producer_id,
        "action": "approve",
    },
    "traceability:product-action": lambda unit: {
        "pk": _batch(unit).product_id,
        "action": "approve",
    },
    "traceability:batch-action": lambda unit: {"pk": _batch(unit).pk, "action": "inspect"},
    "api:epcis_capture_job": lambda unit: {"capture_id": _capture_job(unit).pk},
}
