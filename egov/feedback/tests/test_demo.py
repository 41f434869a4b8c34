"""The feedback demo: questions and reports in every state, replayed in the past, with an
intact audit chain."""

from __future__ import annotations

from django.conf import settings

from conftest import make_officer
from egov.audit.selectors import audit_chain_verify
from egov.feedback.demo import SPREAD_TEXTS, feedback_demo_load
from egov.feedback.models import Escalation, Question, Report


def test_demo_has_every_state(world, citizen):
    local_head = make_officer("chutich.a@example.vn", world.commune_a, "unit_head", subtree=True)
    other_head = make_officer("chutich.b@example.vn", world.commune_b, "unit_head", subtree=True)

    made = feedback_demo_load(
        local=world.commune_a, other=world.commune_b, local_head=local_head, other_head=other_head
    )

    assert made == {"questions": 12, "reports": 18}
    assert set(Question.objects.values_list("status", flat=True)) == {
        "waiting",
        "answered",
        "published",
    }
    assert set(Report.objects.values_list("status", flat=True)) == {
        "received",
        "refused",
        "processing",
        "supplement",
        "answered",
        "closed",
        "merged",
    }
    refused = Report.objects.filter(status="refused", refuse_due_at__isnull=False)
    assert [r.closed_at > r.refuse_due_at for r in refused.order_by("pk")] == [False, True]
    assert Report.objects.get(status="supplement").supplement_reason
    assert Report.objects.values("latitude", "longitude").distinct().count() >= 14
    on_regulations = Report.objects.filter(category__kind="regulation", unit=world.commune_a)
    assert set(on_regulations.values_list("status", flat=True)) == {
        "received",
        "processing",
        "answered",
    }
    assert all(report.regulation for report in on_regulations)
    # Late items are escalated; which level each reached depends on the hour the demo loads (an
    # item goes straight to the level its working days late call for), so any level counts.
    assert Escalation.objects.filter(level__gte=1).exists()
    assert Report.objects.filter(reopened_at__isnull=False).count() == 2
    assert Report.objects.filter(rating="like").count() == 2
    assert audit_chain_verify().is_intact


def test_demo_spreads_reports_in_every_state_with_pins(world, citizen):
    """The spread across wards (here the world's two communes, the Hà Nội wards being absent):
    every state, every category, pinned inside the province, handed over and late ones too."""
    local_head = make_officer("chutich.a@example.vn", world.commune_a, "unit_head", subtree=True)
    other_head = make_officer("chutich.b@example.vn", world.commune_b, "unit_head", subtree=True)
    city_head = make_officer("cvp@example.vn", world.city, "unit_head", subtree=True)

    made = feedback_demo_load(
        local=world.commune_a,
        other=world.commune_b,
        local_head=local_head,
        other_head=other_head,
        city_head=city_head,
        spread=40,
    )

    assert made["reports"] == 18 + 40
    spread = Report.objects.filter(title__in=[t for two in SPREAD_TEXTS.values() for t, _ in two])
    assert spread.count() == 40
    assert set(spread.values_list("status", flat=True)) == {
        "received",
        "refused",
        "processing",
        "answered",
        "closed",
    }
    assert set(spread.values_list("category__code", flat=True)) == set(SPREAD_TEXTS)
    assert set(spread.values_list("unit", flat=True)) == {world.commune_a.pk, world.commune_b.pk}
    assert spread.filter(rating="dislike").exists() and spread.filter(rating="like").exists()
    assert spread.filter(reopened_at__isnull=False).exists()
    south, west, north, east = settings.EGOV_FEEDBACK_BOUNDS
    for lat, lng in spread.values_list("latitude", "longitude"):
        assert south <= lat <= north and west <= lng <= east
    assert any(report.is_late for report in spread.filter(first_answered_at__isnull=False))
    assert audit_chain_verify().is_intact
