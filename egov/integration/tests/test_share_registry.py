"""The consumer registry of the data-sharing API (Decree 278/2025): the city office registers
consumer systems and issues their tokens; each read is checked against the registry and logged;
the data owner sees each read of their data."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import make_officer
from egov.accounts.choices import AuditAction as AccountAuditAction
from egov.accounts.models import ApiToken
from egov.accounts.services import api_token_create, public_account_register
from egov.audit.models import AuditEvent
from egov.common.exceptions import PermissionDenied
from egov.integration.choices import IntegrationAuditAction, ShareDataset, ShareOutcome
from egov.integration.exceptions import IntegrationError
from egov.integration.models import ShareConsumer, ShareRead, StatusPush
from egov.integration.services.consumers import (
    ConsumerData,
    may_manage_registry,
    share_consumer_register,
    share_consumer_revoke,
    share_consumer_token_issue,
    share_consumer_update,
)

pytestmark = pytest.mark.django_db

API = "/api/v1/integration/dossier-status"
CODE = "000.00.20.H26-250122-0001"


def _data(**kw):
    values = {
        "code": "VN/GOV/000.00.12.H26/QLDD",
        "name": "Hệ thống thông tin đất đai",
        "agency": "Văn phòng đăng ký đất đai",
        "purpose": "Kiểm tra tiến độ hồ sơ đất đai",
        "legal_basis": "Nghị định 278/2025/NĐ-CP",
        "datasets": [ShareDataset.DOSSIER_STATUS],
        "valid_from": timezone.localdate() - datetime.timedelta(days=1),
        "valid_until": timezone.localdate() + datetime.timedelta(days=30),
    }
    return ConsumerData(**{**values, **kw})


@pytest.fixture
def consumer(system_admin):
    return share_consumer_register(actor=system_admin, data=_data())


@pytest.fixture
def secret(consumer, system_admin):
    return share_consumer_token_issue(actor=system_admin, consumer=consumer).secret


@pytest.fixture
def status_of_citizen(citizen):
    return StatusPush.objects.create(
        dossier_code=CODE,
        national_status="4",
        changed_at=timezone.now(),
        idempotency_key="k1",
        state="delivered",
        owner=citizen,
    )


def _read(client, secret, **params):
    return client.get(API, {"code": CODE, **params}, HTTP_AUTHORIZATION=f"Bearer {secret}")


def test_a_registered_consumer_reads_a_status_and_its_owner_sees_the_read(
    client, secret, consumer, status_of_citizen, citizen
):
    response = _read(client, secret)

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["national_status"], body["status_label"], body["is_acknowledged"]) == (
        "4",
        "Đang xử lý",
        True,
    )
    read = ShareRead.objects.get()
    assert (read.consumer, read.owner, read.outcome, read.purpose, read.dataset) == (
        consumer,
        citizen,
        ShareOutcome.SERVED,
        "Kiểm tra tiến độ hồ sơ đất đai",  # the registered purpose: none was given
        ShareDataset.DOSSIER_STATUS,
    )
    assert AuditEvent.objects.filter(action=IntegrationAuditAction.SHARED_DATA_READ).exists()
    assert secret not in str(list(AuditEvent.objects.values_list("changes", flat=True)))

    client.force_login(citizen)
    home = client.get(reverse("portal:home")).content.decode()
    assert reverse("integration:my-data") in home  # in the citizen's account menu
    page = client.get(reverse("integration:my-data"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Hệ thống thông tin đất đai" in html
    assert "Văn phòng đăng ký đất đai" in html
    assert "Kiểm tra tiến độ hồ sơ đất đai" in html


def test_the_purpose_given_is_the_one_logged(client, secret, status_of_citizen):
    _read(client, secret, purpose="Đối chiếu hồ sơ thửa đất 12")

    assert ShareRead.objects.get().purpose == "Đối chiếu hồ sơ thửa đất 12"


def test_another_citizen_does_not_see_the_read(client, secret, status_of_citizen):
    _read(client, secret)
    other = public_account_register(
        full_name="Trần Thị Bình",
        password="x-Long-pass-1",
        phone="0987654321",
        citizen_id="001090000111",
    )
    client.force_login(other)

    html = client.get(reverse("integration:my-data")).content.decode()

    assert "Hệ thống thông tin đất đai" not in html


def test_an_account_not_in_the_registry_is_refused_and_the_try_logged(
    client, world, status_of_citizen
):
    officer = make_officer("hethong.khac@example.vn", world.district_a, "specialist")
    raw = api_token_create(
        actor=officer, user=officer, name="x", read_only=True, apps=["integration"]
    ).secret

    response = _read(client, raw)

    assert response.status_code == 403
    read = ShareRead.objects.get()
    assert (read.consumer, read.owner, read.outcome) == (None, None, ShareOutcome.REFUSED)


@pytest.mark.parametrize(
    "change",
    [
        {"revoked_at": timezone.now()},
        {"valid_until": datetime.date(2020, 1, 1), "valid_from": datetime.date(2019, 1, 1)},
        {"valid_from": datetime.date(2999, 1, 1), "valid_until": None},
        {"datasets": []},
    ],
    ids=["revoked", "expired", "not-yet", "data-set-not-allowed"],
)
def test_a_consumer_beyond_its_registration_is_refused(
    client, secret, consumer, status_of_citizen, change
):
    ShareConsumer.objects.filter(pk=consumer.pk).update(**change)

    response = _read(client, secret)

    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    read = ShareRead.objects.get()
    assert (read.consumer, read.owner, read.outcome) == (consumer, None, ShareOutcome.REFUSED)


def test_revoking_a_consumer_revokes_its_tokens_at_once(
    client, secret, consumer, status_of_citizen, system_admin
):
    other = share_consumer_token_issue(actor=system_admin, consumer=consumer).secret
    assert _read(client, secret).status_code == 200

    share_consumer_revoke(actor=system_admin, consumer=consumer, reason="Hết nhu cầu")
    first, second = _read(client, secret), _read(client, other)

    assert (first.status_code, first.json()["code"]) == (401, "token_revoked")
    assert (second.status_code, second.json()["code"]) == (401, "token_revoked")
    assert not ApiToken.objects.filter(user=consumer.account, revoked_at__isnull=True).exists()
    assert ApiToken.objects.filter(user=consumer.account).count() == 2
    consumer.account.refresh_from_db()
    assert not consumer.account.is_active
    assert ShareRead.objects.count() == 1  # only the read before the revocation
    assert AuditEvent.objects.filter(
        action=AccountAuditAction.ACCOUNT_DISABLED, object_id=str(consumer.account.pk)
    ).exists()


def test_a_token_for_another_part_of_the_api_is_refused(client, consumer, system_admin):
    raw = api_token_create(
        actor=system_admin, user=consumer.account, name="x", read_only=True, apps=["onestop"]
    ).secret

    assert _read(client, raw).status_code == 403


def test_an_unknown_dossier_is_a_404_and_a_missing_code_a_field_error(client, secret):
    assert _read(client, secret).status_code == 404
    assert ShareRead.objects.get().outcome == ShareOutcome.NOT_FOUND

    response = client.get(API, {"code": " "}, HTTP_AUTHORIZATION=f"Bearer {secret}")

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "code"


def test_the_city_office_manages_the_registry_others_do_not(
    world, system_admin, unit_head, specialist, citizen
):
    city_office_head = make_officer(
        "chanhvanphong@example.vn", world.city, "unit_head", subtree=True
    )

    assert may_manage_registry(system_admin)
    assert may_manage_registry(city_office_head)
    assert not may_manage_registry(unit_head)  # a district's head
    assert not may_manage_registry(specialist)
    assert not may_manage_registry(citizen)
    with pytest.raises(PermissionDenied):
        share_consumer_register(actor=unit_head, data=_data())


def test_bad_registrations_get_field_errors_and_a_code_is_registered_once(system_admin):
    with pytest.raises(IntegrationError) as bad:
        share_consumer_register(
            actor=system_admin,
            data=_data(
                code="not an identifier",
                purpose=" ",
                datasets=["everything"],
                valid_until=timezone.localdate() - datetime.timedelta(days=5),
            ),
        )
    assert set(bad.value.fields) == {"code", "purpose", "datasets", "valid_until"}

    share_consumer_register(actor=system_admin, data=_data())
    with pytest.raises(IntegrationError) as twice:
        share_consumer_register(actor=system_admin, data=_data())
    assert "code" in twice.value.fields
    assert ShareConsumer.objects.count() == 1


def test_changes_and_revocation_are_audited_once(system_admin, consumer):
    share_consumer_update(actor=system_admin, consumer=consumer, data=_data(purpose="Mục đích mới"))
    share_consumer_revoke(actor=system_admin, consumer=consumer, reason="Hết nhu cầu")
    share_consumer_revoke(actor=system_admin, consumer=consumer, reason="Lần hai")

    actions = list(
        AuditEvent.objects.filter(object_id=str(consumer.pk))
        .filter(action__startswith="integration.share_consumer")
        .values_list("action", flat=True)
    )
    assert sorted(actions) == sorted(
        [
            IntegrationAuditAction.SHARE_CONSUMER_REGISTERED,
            IntegrationAuditAction.SHARE_CONSUMER_CHANGED,
            IntegrationAuditAction.SHARE_CONSUMER_REVOKED,
        ]
    )
    consumer.refresh_from_db()
    assert (consumer.purpose, consumer.revoked_reason) == ("Mục đích mới", "Hết nhu cầu")
    with pytest.raises(IntegrationError):
        share_consumer_token_issue(actor=system_admin, consumer=consumer)


def test_the_registry_pages_register_a_consumer_and_show_its_token_once(
    client, system_admin, status_of_citizen
):
    client.force_login(system_admin)
    assert client.get(reverse("integration:consumer-list")).status_code == 200
    assert client.get(reverse("integration:consumer-create")).status_code == 200

    bad = client.post(reverse("integration:consumer-create"), {"code": "x"})
    assert bad.status_code == 200
    assert bad.context["form"].errors
    created = client.post(
        reverse("integration:consumer-create"),
        {
            "code": "VN/GOV/000.00.12.H26/YTE",
            "name": "Hệ thống bệnh viện",
            "agency": "Sở Y tế",
            "purpose": "Xác minh tiến độ hồ sơ",
            "legal_basis": "Nghị định 278/2025/NĐ-CP",
            "datasets": ["dossier_status"],
            "valid_from": timezone.localdate().isoformat(),
        },
    )
    consumer = ShareConsumer.objects.get()
    assert created.status_code == 302
    assert created.url == reverse("integration:consumer-detail", args=[consumer.pk])

    issued = client.post(reverse("integration:consumer-token", args=[consumer.pk]))
    raw = issued.context["secret"]
    assert raw in issued.content.decode()
    page = client.get(reverse("integration:consumer-detail", args=[consumer.pk]))
    assert raw not in page.content.decode()
    assert client.get(API, {"code": CODE}, HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200

    refused = client.post(reverse("integration:consumer-revoke", args=[consumer.pk]), {})
    assert refused.status_code == 400
    client.post(reverse("integration:consumer-revoke", args=[consumer.pk]), {"reason": "Thôi"})
    assert client.get(API, {"code": CODE}, HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401


def test_the_registry_pages_are_for_the_city_office(client, unit_head, citizen, consumer):
    for user in (unit_head, citizen):
        client.force_login(user)
        assert client.get(reverse("integration:consumer-list")).status_code == 403
        detail = reverse("integration:consumer-detail", args=[consumer.pk])
        assert client.get(detail).status_code == 403
    client.logout()
    assert client.get(reverse("integration:my-data")).status_code == 302
