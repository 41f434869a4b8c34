"""Who may act on a step (ADR 0005) is decided once, in ``rules.may_act``: the engine's check,
the inbox's ``Q`` filter and the pages of the apps above must give the same answer on every
case of (step role, assignee, roles the actor holds)."""

from __future__ import annotations

import datetime
import itertools

import pytest

from conftest import make_officer
from egov.documents.selectors.permissions import may_act_on_step as document_page_may_act
from egov.onestop.selectors.dossier_detail import may_act_on_step as dossier_page_may_act
from egov.orgs.models import Membership
from egov.orgs.services import membership_grant
from egov.workflow.models import StepInstance
from egov.workflow.rules import STEP_ROLES
from egov.workflow.selectors import _acting_filter
from egov.workflow.services._base import may_act
from egov.workflow.tests.factories import at, started

# The roles the actor holds in the district over the step's division (or elsewhere only).
# With how many of the 15 (step role x assignee: none, the actor, someone else) cases they may
# act: their own role unassigned or assigned to them (2); as a head, every case of the roles
# ranked below, whoever holds them (3 each), plus their own role's 2.
HELD = {
    (): 0,
    ("specialist",): 2,
    ("clerk",): 2,
    ("division_head",): 3 * 3 + 2,
    ("unit_head",): 4 * 3 + 2,
    ("specialist", "division_head"): 3 * 3 + 2,
    ("elsewhere:unit_head",): 0,
}


@pytest.mark.parametrize("held", list(HELD), ids=lambda h: "+".join(h) or "none")
def test_the_rule_the_inbox_filter_and_the_pages_agree(world, citizen, held):
    instance = started(world, citizen, received_at=at(2025, 1, 22, 10))
    actor = make_officer("actor@example.vn", world.commune_b, "clerk")
    Membership.objects.filter(user=actor).delete()  # a person with no role yet
    for role in held:
        unit = world.district_b if role.startswith("elsewhere:") else world.district_a
        membership_grant(
            actor=None,
            user=actor,
            unit=unit,
            role=role.removeprefix("elsewhere:"),
            includes_subtree=True,
            started_on=datetime.date(2020, 1, 1),
        )
    other = make_officer("other.specialist@example.vn", world.division_a, "specialist")
    step = StepInstance.objects.get(pk=instance.current_step_id)
    answers = []
    for step_role, assignee in itertools.product(STEP_ROLES, (None, actor, other)):
        StepInstance.objects.filter(pk=step.pk).update(
            unit=world.division_a, role=step_role, assignee=assignee
        )
        step.refresh_from_db()
        expected = may_act(actor, step)
        answers.append(expected)
        in_inbox = StepInstance.objects.filter(_acting_filter(actor), pk=step.pk).exists()
        case = (step_role, assignee and assignee.email)
        assert in_inbox == expected, case
        assert dossier_page_may_act(actor, step) == expected, case
        assert document_page_may_act(actor, step) == expected, case
    assert (len(answers), sum(answers)) == (15, HELD[held])
