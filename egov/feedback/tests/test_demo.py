"""The feedback demo: questions and reports in every state, replayed in the past, with an
intact audit chain."""

from __future__ import annotations

from conftest import make_officer
from egov.audit.selectors import audit_chain_verify
from egov.feedback.demo import feedback_demo_load
from egov.feedback.models import Escalation, Question, Report


def test_demo_has_every_state(world, citizen):
    local_head = make_officer("chutich.a@example.vn", world.commune_a, "unit_head", subtree=True)
    other_head = make_officer("chutich.b@example.vn", world.commune_b, "unit_head", subtree=True)

    made = feedback_demo_load(
        local=world.commune_a, other=world.commune_b, local_head=local_head, other_head=other_head
    )

    assert made == {"questions": 12, "reports": 15}
    assert set(Question.objects.values_list("status", flat=True)) == {
        "waiting",
        "answered",
        "published",
    }
    assert set(Report.objects.values_list("status", flat=True)) == {
        "received",
        "refused",
        "processing",
        "answered",
        "closed",
        "merged",
    }
    assert Report.objects.values("latitude", "longitude").distinct().count() >= 14
    assert Escalation.objects.filter(level=1).exists()
    assert Report.objects.filter(reopened_at__isnull=False).count() == 2
    assert Report.objects.filter(rating="like").count() == 2
    assert audit_chain_verify().is_intact
