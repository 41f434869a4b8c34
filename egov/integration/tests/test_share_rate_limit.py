"""Rate limits of the data-sharing API per consumer system (django-ratelimit's counter, as
every limit of the project): a consumer's own quota from the registry, else the platform's
default; past it 429 with a message saying the quota, nothing read or logged; each consumer
counts on its own."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from egov.integration.choices import ShareDataset
from egov.integration.exceptions import IntegrationError
from egov.integration.models import ShareRead, StatusPush
from egov.integration.services.consumers import (
    ConsumerData,
    share_consumer_register,
    share_consumer_token_issue,
    share_consumer_update,
)

pytestmark = pytest.mark.django_db

API = "/api/v1/integration/dossier-status"
CODE = "000.00.20.H26-250122-0001"


def _data(code, **kw):
    return ConsumerData(
        **{
            "code": code,
            "name": "Hệ thống thông tin đất đai",
            "agency": "Văn phòng đăng ký đất đai",
            "purpose": "Kiểm tra tiến độ hồ sơ đất đai",
            "legal_basis": "Nghị định 278/2025/NĐ-CP",
            "datasets": [ShareDataset.DOSSIER_STATUS],
            "valid_from": timezone.localdate() - datetime.timedelta(days=1),
            **kw,
        }
    )


def _consumer(admin, code, **kw):
    consumer = share_consumer_register(actor=admin, data=_data(code, **kw))
    return consumer, share_consumer_token_issue(actor=admin, consumer=consumer).secret


@pytest.fixture(autouse=True)
def _status(citizen):
    StatusPush.objects.create(
        dossier_code=CODE,
        national_status="4",
        changed_at=timezone.now(),
        idempotency_key="k1",
        state="delivered",
        owner=citizen,
    )


def _read(client, secret):
    return client.get(API, {"code": CODE}, HTTP_AUTHORIZATION=f"Bearer {secret}")


def test_a_consumer_past_its_own_quota_is_refused_with_429(client, system_admin):
    _consumer_row, secret = _consumer(system_admin, "VN/GOV/000.00.12.H26/QLDD", reads_per_minute=2)

    answers = [_read(client, secret).status_code for _ in range(3)]
    refused = _read(client, secret)

    assert answers == [200, 200, 429]
    assert refused.status_code == 429
    assert refused.json()["code"] == "too_many_reads"
    assert "2" in refused.json()["detail"]
    assert ShareRead.objects.count() == 2  # the refused reads read nothing


def test_the_default_quota_applies_and_consumers_count_apart(client, settings, system_admin):
    settings.EGOV_SHARE_READS_PER_MINUTE = 1
    _first, one = _consumer(system_admin, "VN/GOV/000.00.12.H26/QLDD")
    _second, two = _consumer(system_admin, "VN/GOV/000.00.13.H26/YTE")

    assert [_read(client, one).status_code, _read(client, one).status_code] == [200, 429]
    assert _read(client, two).status_code == 200


def test_the_city_office_raises_a_quota_and_it_applies_at_once(client, settings, system_admin):
    settings.EGOV_SHARE_READS_PER_MINUTE = 1
    consumer, secret = _consumer(system_admin, "VN/GOV/000.00.12.H26/QLDD")
    assert [_read(client, secret).status_code, _read(client, secret).status_code] == [200, 429]

    share_consumer_update(
        actor=system_admin,
        consumer=consumer,
        data=_data(consumer.code, reads_per_minute=5),
    )

    assert _read(client, secret).status_code == 200


@pytest.mark.parametrize("quota", [0, -1, 100001])
def test_a_quota_out_of_range_is_refused(system_admin, quota):
    with pytest.raises(IntegrationError) as refused:
        share_consumer_register(
            actor=system_admin, data=_data("VN/GOV/000.00.12.H26/QLDD", reads_per_minute=quota)
        )

    assert set(refused.value.fields) == {"reads_per_minute"}
