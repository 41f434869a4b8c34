"""The applicant's notification centre: what the desk's actions sent, each linking to the
dossier; only one's own; a failing SMS provider recorded as a failed message, never a 500."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from conftest import make_officer
from egov.accounts.models import Notification
from egov.accounts.services_notify import notification_deliver
from egov.onestop.services.desk import dossier_receive
from egov.onestop.tests.factories_desk import (
    agency_codes,
    district_procedure,
    internal_procedure,
    online_submitted,
)
from egov.workflow.tests import factories as workflow_factories
from egov.workflow.tests.factories import at

clock = workflow_factories.clock


class FailingSms:
    """An SMS provider that is down."""

    def send(self, phone: str, text: str) -> None:
        raise ConnectionError("provider unreachable")


FAILING_SMS = f"{__name__}.FailingSms"


def _unread_badge(html: str) -> str | None:
    found = re.search(r'class="badge">(\d+)<span class="visually-hidden">', html)
    return found.group(1) if found else None


@pytest.fixture
def received_online(world, clock, front_desk_officer, citizen, django_capture_on_commit_callbacks):
    """An online dossier of the citizen received by the desk, its messages delivered."""
    agency_codes(world)
    procedure = district_procedure()
    internal_procedure(world, procedure)
    clock.set(at(2025, 1, 22, 9))
    dossier = online_submitted(
        procedure, citizen, competent_unit=world.district_a, at=at(2025, 1, 21, 20)
    )
    with django_capture_on_commit_callbacks(execute=True):
        return dossier_receive(actor=front_desk_officer, dossier=dossier, expected_version=1)


def test_the_citizen_sees_the_mail_sent_when_the_desk_received_the_dossier(
    client, citizen, received_online
):
    dossier = received_online
    email = Notification.objects.get(recipient=citizen, channel="email")
    assert (email.address, email.state, email.read_at) == ("an.nguyen@example.vn", "sent", None)
    assert email.sent_at is not None
    assert email.link == reverse("onestop:my-dossier-detail", args=[dossier.pk])
    assert (email.content_type.model, email.object_id) == ("dossier", str(dossier.pk))
    assert [m.subject for m in mail.outbox] == [email.subject]
    assert dossier.code in email.subject
    client.force_login(citizen)

    centre = client.get(reverse("accounts:notifications")).content.decode()
    header_before = client.get(reverse("portal:home")).content.decode()
    opened = client.get(reverse("accounts:notification-detail", args=[email.pk]))
    header_after = client.get(reverse("portal:home")).content.decode()

    unread = Notification.objects.filter(recipient=citizen, read_at__isnull=True).count()
    assert email.subject in centre and "Chưa đọc" in centre
    assert opened.status_code == 200
    assert email.link in opened.content.decode()
    assert dossier.code in opened.content.decode()
    email.refresh_from_db()
    assert email.read_at is not None
    # the header counts what is still unread: the SMS sent with the e-mail
    assert unread == 1
    assert _unread_badge(header_before) == "2"
    assert _unread_badge(header_after) == "1"


def test_another_persons_notification_is_a_404(client, world, citizen, received_online):
    email = Notification.objects.get(recipient=citizen, channel="email")
    other = make_officer("khac@example.vn", world.desk_a, "clerk")
    client.force_login(other)

    answer = client.get(reverse("accounts:notification-detail", args=[email.pk]))
    centre = client.get(reverse("accounts:notifications")).content.decode()

    assert answer.status_code == 404
    assert email.subject not in centre
    email.refresh_from_db()
    assert email.read_at is None


@override_settings(EGOV_SMS_BACKEND=FAILING_SMS)
def test_a_failed_sms_is_recorded_as_failed_and_the_desk_answers(
    client, world, clock, front_desk_officer, citizen, django_capture_on_commit_callbacks
):
    agency_codes(world)
    procedure = district_procedure()
    internal_procedure(world, procedure)
    clock.set(at(2025, 1, 22, 9))
    dossier = online_submitted(
        procedure, citizen, competent_unit=world.district_a, at=at(2025, 1, 21, 20)
    )
    dossier.applicant_phone = "0912345678"
    dossier.save(update_fields=["applicant_phone"])

    with django_capture_on_commit_callbacks(execute=True):
        dossier_receive(actor=front_desk_officer, dossier=dossier, expected_version=1)

    sms = Notification.objects.get(recipient=citizen, channel="sms")
    assert (sms.state, sms.sent_at) == ("failed", None)
    assert "ConnectionError: provider unreachable" in sms.error
    assert Notification.objects.get(recipient=citizen, channel="email").state == "sent"
    # delivering again sends nothing twice and keeps the outcome
    assert notification_deliver(notification_id=sms.pk) == "failed"
    assert len(mail.outbox) == 1
    client.force_login(citizen)
    centre = client.get(reverse("accounts:notifications")).content.decode()
    assert "Không gửi được" in centre
