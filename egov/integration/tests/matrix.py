"""URL arguments of the consumer-registry routes for the permission matrix
(egov/portal/tests/test_permission_matrix.py): a registered consumer system. The registry is
city-wide, so the scoped unit plays no part in who may open it (the city office)."""

from __future__ import annotations

from collections.abc import Callable

from django.utils import timezone

from egov.accounts.services import officer_account_create
from egov.integration.choices import ShareDataset
from egov.integration.models import ShareConsumer
from egov.orgs.models import OrgUnit


def _consumer(unit: OrgUnit) -> dict[str, object]:
    account = officer_account_create(
        actor=None, full_name="Hệ thống", email=f"share.{unit.pk}@consumers.invalid", password=None
    )
    consumer = ShareConsumer.objects.create(
        code=f"VN/GOV/TEST/{unit.pk}",
        name="Hệ thống thông tin đất đai",
        agency="Văn phòng đăng ký đất đai",
        purpose="Kiểm tra tiến độ hồ sơ",
        legal_basis="Nghị định 278/2025/NĐ-CP",
        datasets=[ShareDataset.DOSSIER_STATUS],
        valid_from=timezone.localdate(),
        account=account,
    )
    return {"pk": consumer.pk}


INTEGRATION_OBJECT_KWARGS: dict[str, Callable[[OrgUnit], dict[str, object]]] = {
    "integration:consumer-detail": _consumer,
    "integration:consumer-token": _consumer,
    "integration:consumer-revoke": _consumer,
}
