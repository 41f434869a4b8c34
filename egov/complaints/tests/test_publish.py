"""Publishing a settled decision: the petitioner's known identity removed by value, what still
looks personal (a phone number) refused until the officer confirms, nothing saved on a refusal;
the public list shows the published text only."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from egov.audit.models import AuditEvent
from egov.common.exceptions import DomainError
from egov.complaints import rules, services
from egov.complaints.choices import Channel, Outcome, PetitionKind, Verdict
from egov.complaints.services_publish import decision_public_draft, petition_decision_publish
from egov.complaints.tests.conftest import at
from egov.documents.models import Document

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def settled(clock, people, world):
    clock.set(at(2026, 12, 2))
    petition = services.petition_register(
        actor=people.receiver,
        unit=world.district_a,
        channel=Channel.POST,
        received_at=at(2026, 12, 1),
        subject="Khiếu nại của ông Trần Văn Bình về thu hồi đất",
        content="Khiếu nại quyết định thu hồi đất",
        petitioner_name="Trần Văn Bình",
        petitioner_id_number="001080001234",
        petitioner_address="Số 5 Phúc Xá",
    )
    petition = services.petition_classify(
        actor=people.handler,
        petition=petition,
        kind=PetitionKind.COMPLAINT,
        is_competent=True,
        outcome=Outcome.ACCEPT,
    )
    clock.set(at(2026, 12, 4, 16))
    petition = services.petition_step_record(
        actor=people.handler, petition=petition, step="verify", on=D(2026, 12, 3), note="Xác minh"
    )
    return services.petition_settle(
        actor=people.handler,
        petition=petition,
        decided_on=D(2026, 12, 4),
        verdict=Verdict.PARTLY,
        summary="Ông TRẦN VĂN BÌNH (CCCD 001080001234, ĐT 0912 345 678) khiếu nại đúng một phần.",
    )


def test_known_identity_values_are_removed_whatever_the_case() -> None:
    text = "Ông TRẦN VĂN BÌNH, số 5 phúc xá, khiếu nại"
    assert rules.identity_removed(text, ["Trần Văn Bình", "Số 5 Phúc Xá", ""]) == (
        "Ông (đã ẩn), (đã ẩn), khiếu nại"
    )


def test_a_phone_number_left_in_the_text_is_refused_until_confirmed(
    client, settled, people
) -> None:
    title, text = decision_public_draft(settled)
    assert "Trần Văn Bình" not in title
    assert "001080001234" not in text
    documents = Document.objects.count()

    with pytest.raises(DomainError) as refused:
        petition_decision_publish(
            actor=people.handler, petition=settled, public_title=title, public_text=text
        )

    assert refused.value.code == "personal_data"
    assert "0912 345 678" in refused.value.message
    assert Document.objects.count() == documents
    assert not AuditEvent.objects.filter(action="complaints.decision_published").exists()

    published = petition_decision_publish(
        actor=people.handler,
        petition=settled,
        public_title=title,
        public_text=text.replace("0912 345 678", "(đã ẩn)"),
    )
    assert published.published_decision.body.startswith("Ông (đã ẩn) (CCCD (đã ẩn), ĐT (đã ẩn))")
    event = AuditEvent.objects.get(action="complaints.decision_published")
    assert event.changes["personal_data_confirmed"] is False
    with pytest.raises(DomainError):
        petition_decision_publish(
            actor=people.handler, petition=published, public_title=title, public_text="x"
        )

    page = client.get(reverse("complaints:decision-list")).content.decode()
    assert published.published_decision.subject in page
    for secret in ("Trần Văn Bình", "TRẦN VĂN BÌNH", "001080001234", "Phúc Xá", "0912"):
        assert secret not in page


def test_an_unsettled_petition_is_not_published(clock, people, world) -> None:
    petition = services.petition_register(
        actor=people.receiver,
        unit=world.district_a,
        channel=Channel.POST,
        received_at=at(2026, 12, 1),
        subject="Khiếu nại",
        content="Khiếu nại",
        petitioner_name="Lê Văn C",
    )
    with pytest.raises(DomainError):
        petition_decision_publish(
            actor=people.handler,
            petition=petition,
            public_title="Quyết định",
            public_text="Nội dung",
        )
    assert not AuditEvent.objects.filter(action="complaints.decision_published").exists()
