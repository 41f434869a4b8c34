import pytest

from conftest import make_officer
from egov.accounts.models import Notification
from egov.audit.models import AuditEvent
from egov.traceability.choices import TraceAuditAction
from egov.traceability.demo import PRODUCER_LOGIN, traceability_demo_load
from egov.traceability.models import Batch, Product, ScanCount, Violation
from egov.traceability.selectors import chain_verify

pytestmark = pytest.mark.django_db


def test_the_demo_is_alive(world):
    head_a = make_officer("ct.a@example.vn", world.commune_a, "unit_head", subtree=True)
    head_b = make_officer("ct.b@example.vn", world.commune_b, "unit_head", subtree=True)

    counts = traceability_demo_load(
        local=world.commune_a,
        other=world.commune_b,
        local_head=head_a,
        other_head=head_b,
        password="Demo@2026-x",
    )

    assert counts == {"producers": 2, "products": 3, "batches": 4}
    assert Product.objects.filter(status="approved").count() == 3
    recalled = Batch.objects.get(recalled_at__isnull=False)
    assert recalled.lot == "BD2026-02"
    assert AuditEvent.objects.filter(
        action=TraceAuditAction.PRODUCT_RECALLED, object_id=str(recalled.product_id)
    ).exists()
    assert Notification.objects.filter(recipient__email=PRODUCER_LOGIN).exists()
    assert Violation.objects.count() == 1
    assert sum(ScanCount.objects.values_list("count", flat=True)) == 37
    assert all(chain_verify(b).intact for b in Batch.objects.all())
    assert Batch.objects.get(lot="BD2026-01").events.count() == 6
    rice = Batch.objects.get(lot="GN2026-01")
    shipped, received = rice.events.order_by("sequence")[2:4]
    assert (shipped.biz_step, shipped.destination.tax_code) == ("shipping", "0108123456")
    assert (received.biz_step, received.facility.name) == (
        "receiving",
        "Cửa hàng nông sản an toàn",
    )
