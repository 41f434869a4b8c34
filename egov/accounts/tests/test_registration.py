"""Registration without account enumeration, limited per address, and the confirmation of the
e-mail address or phone number (issue 14 §1)."""

from __future__ import annotations

import re
from typing import ClassVar

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from egov.accounts.models import User
from egov.accounts.services import contact_verification_link, public_account_register
from egov.audit.models import AuditEvent

FAKE_SMS = "egov.accounts.tests.test_registration.SentTexts"
PASSWORD = "Hà-Nội-2026-an-toàn"


class SentTexts:
    """Collects texts instead of sending them (``EGOV_SMS_BACKEND``)."""

    sent: ClassVar[list[tuple[str, str]]] = []

    def send(self, phone: str, text: str) -> None:
        SentTexts.sent.append((phone, text))


def _form(**changes: str) -> dict[str, str]:
    data = {
        "kind": "citizen",
        "full_name": "Lê Văn Cường",
        "citizen_id": "001090000123",
        "phone": "",
        "email": "cuong.le@example.vn",
        "tax_code": "",
        "password": PASSWORD,
    }
    return {**data, **changes}


def _visible(response) -> str:
    """What the visitor sees, once redirects are followed (CSRF tokens differ per page)."""
    body = response.content.decode()
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body)
    return re.sub(r'"X-CSRFToken": "[^"]+"', "", body)


@pytest.fixture
def owner(db):
    return public_account_register(
        full_name="Nguyễn Thị Hoa",
        password=PASSWORD,
        email="hoa.nguyen@example.vn",
        phone="0912000111",
        citizen_id="001190000999",
    )


@pytest.mark.parametrize(
    "taken",
    [
        {"email": "hoa.nguyen@example.vn"},
        {"email": "", "phone": "+84 912 000 111"},
        {"citizen_id": "001190000999"},
    ],
    ids=["email", "phone", "citizen_id"],
)
def test_existing_and_new_details_get_the_same_answer(
    client, owner, taken, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        new = client.post(reverse("accounts:register"), _form(), follow=True)
    new_mail = list(mail.outbox)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        existing = client.post(
            reverse("accounts:register"),
            _form(**{"citizen_id": "001090000456", "email": "khac@example.vn", **taken}),
            follow=True,
        )

    assert (new.status_code, new.redirect_chain) == (existing.status_code, existing.redirect_chain)
    assert _visible(new) == _visible(existing)
    # The new account got its confirmation link; the existing one's owner got the warning.
    assert [m.to for m in new_mail] == [["cuong.le@example.vn"]]
    assert "/accounts/confirm/" in new_mail[0].body
    assert [m.to for m in mail.outbox] == [["hoa.nguyen@example.vn"]]
    assert "Không có tài khoản mới nào được tạo" in mail.outbox[0].body
    assert User.objects.filter(citizen_id="001090000456").count() == 0
    assert AuditEvent.objects.filter(
        action="account.registration_collided", object_id=str(owner.pk)
    ).exists()


@override_settings(EGOV_SMS_BACKEND=FAKE_SMS)
def test_a_phone_only_owner_is_told_by_sms(client, db, django_capture_on_commit_callbacks):
    SentTexts.sent.clear()
    public_account_register(
        full_name="Trần Văn Bình", password=PASSWORD, phone="0987000222", citizen_id="001090000777"
    )

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:register"), _form(citizen_id="001090000777"))

    assert [phone for phone, _text in SentTexts.sent] == ["0987000222"]
    assert "không có tài khoản nào được tạo" in SentTexts.sent[0][1]


@override_settings(EGOV_REGISTRATIONS_PER_WINDOW=3)
def test_registrations_past_the_limit_from_one_address_are_refused(client, db):
    for n in range(3):
        response = client.post(
            reverse("accounts:register"),
            _form(citizen_id=f"00109000010{n}", email=f"a{n}@example.vn"),
            REMOTE_ADDR="203.0.113.7",
        )
        assert response.status_code == 302

    refused = client.post(
        reverse("accounts:register"),
        _form(citizen_id="001090000109", email="a9@example.vn"),
        REMOTE_ADDR="203.0.113.7",
    )
    other_address = client.post(
        reverse("accounts:register"),
        _form(citizen_id="001090000110", email="b@example.vn"),
        REMOTE_ADDR="198.51.100.8",
    )

    assert refused.status_code == 429
    assert "Có quá nhiều tài khoản được đăng ký từ kết nối của bạn" in refused.content.decode()
    assert not User.objects.filter(citizen_id="001090000109").exists()
    assert other_address.status_code == 302


@override_settings(EGOV_REGISTRATIONS_PER_WINDOW=2, EGOV_TRUSTED_PROXY_COUNT=1)
def test_behind_a_proxy_the_forwarded_address_is_counted_not_the_clients_own_claim(client, db):
    def register(n: int, forwarded: str):
        return client.post(
            reverse("accounts:register"),
            _form(citizen_id=f"00109000020{n}", email=f"p{n}@example.vn"),
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=forwarded,
        )

    # The client writes a different address each time; the proxy appends the real one.
    statuses = [register(n, f"192.0.2.{n}, 203.0.113.9").status_code for n in range(3)]

    assert statuses == [302, 302, 429]


def test_the_link_confirms_the_contact_once(client, db):
    user = public_account_register(
        full_name="Lê Văn Cường",
        password=PASSWORD,
        email="cuong.le@example.vn",
        citizen_id="001090000123",
        contact_verified=False,
    )
    link = contact_verification_link(user)
    path = link[link.index("/accounts/") :]

    response = client.get(path)
    again = client.get(path)

    user.refresh_from_db()
    assert response.status_code == 200 and again.status_code == 200
    assert "địa chỉ thư điện tử hoặc số điện thoại đã được xác nhận" in response.content.decode()
    assert user.contact_verified
    events = AuditEvent.objects.filter(action="account.contact_verified", object_id=str(user.pk))
    assert events.count() == 1


def test_a_tampered_or_outdated_link_is_refused_in_vietnamese(client, db):
    user = public_account_register(
        full_name="Lê Văn Cường",
        password=PASSWORD,
        email="cuong.le@example.vn",
        citizen_id="001090000123",
        contact_verified=False,
    )
    link = contact_verification_link(user)
    User.objects.filter(pk=user.pk).update(email="moi@example.vn")  # the contact changed since

    outdated = client.get(link[link.index("/accounts/") :])
    tampered = client.get(reverse("accounts:verify", args=["abc:def"]))

    for response in (outdated, tampered):
        assert response.status_code == 400
        assert "Liên kết xác nhận này không đúng hoặc đã hết hạn" in response.content.decode()
    user.refresh_from_db()
    assert not user.contact_verified


def test_an_unconfirmed_account_asks_for_the_link_again(
    client, db, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    user = public_account_register(
        full_name="Lê Văn Cường",
        password=PASSWORD,
        email="cuong.le@example.vn",
        citizen_id="001090000123",
        contact_verified=False,
    )
    client.force_login(user)

    page = client.get(reverse("accounts:verify-status"))
    with django_capture_on_commit_callbacks(execute=True):
        responses = [client.post(reverse("accounts:verify-status"), follow=True) for _ in range(4)]

    assert "Gửi lại liên kết" in page.content.decode()
    assert len(mail.outbox) == 3  # three an hour
    assert "Bạn đã yêu cầu quá nhiều liên kết" in responses[-1].content.decode()


def test_registering_again_before_confirming_sends_a_fresh_link(
    client, db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:register"), _form())
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(reverse("accounts:register"), _form())

    assert again.status_code == 302
    assert [m.to for m in mail.outbox] == [["cuong.le@example.vn"]]
    link = re.search(r"http\S+/accounts/confirm/\S+/", mail.outbox[0].body).group(0)
    assert client.get(link[link.index("/accounts/") :]).status_code == 200
    assert User.objects.get(citizen_id="001090000123").contact_verified
