"""The workspace home counts the officer's work (waiting, nearly due, overdue, to sign, reports
to send), each figure a link to the list that shows the same items."""

from __future__ import annotations

import pytest
from django.urls import reverse

from egov.documents.tests import conftest as documents_fixtures
from egov.documents.tests.factories import approved
from egov.portal.selectors import workspace_counts
from egov.workflow.tests import factories as workflow_factories
from egov.workflow.tests.factories import at, started

clock = workflow_factories.clock  # the settable clock fixture (Vietnam time)
docs_world = documents_fixtures.docs_world


def _by_key(counts):
    return {item.key: (item.count, item.url) for item in counts}


def test_the_desk_sees_its_waiting_and_overdue_items(world, clock, citizen, front_desk_officer):
    started(world, citizen, received_at=at(2025, 1, 22, 10))
    clock.set(at(2025, 1, 23, 16))  # the 0.5-day receiving step was due at 15:00 the day after

    counts = _by_key(workspace_counts(front_desk_officer))

    assert counts["waiting"] == (
        1,
        "/workflow/inbox/".replace("/workflow/inbox/", reverse("workflow:inbox")),
    )
    assert counts["overdue"] == (1, reverse("workflow:inbox") + "?overdue=on")
    assert counts["nearly_due"] == (0, reverse("workflow:inbox") + "?nearly_due=on")
    assert "to_sign" not in counts


def test_a_head_sees_the_drafts_waiting_for_their_signature(
    docs_world,
    specialist,
    division_head,
    unit_head,
    client,
):
    approved(specialist, division_head, docs_world.division_a)
    client.force_login(unit_head)

    response = client.get(reverse("portal:workspace"))

    counts = _by_key(response.context["counts"])
    assert counts["to_sign"] == (1, reverse("documents:outgoing-list") + "?status=approved")
    assert counts["to_report"] == (
        0,
        reverse("directives:task-list") + "?role=lead&state=not_reported",
    )
    html = response.content.decode()
    assert 'id="count-to_sign"' in html
    assert f'href="{reverse("documents:outgoing-list")}?status=approved"' in html


@pytest.mark.parametrize("param", ["overdue", "nearly_due"])
def test_the_inbox_filters_the_counted_items(
    world, clock, citizen, front_desk_officer, client, param
):
    started(world, citizen, received_at=at(2025, 1, 22, 10))
    clock.set(at(2025, 1, 23, 16) if param == "overdue" else at(2025, 1, 22, 11))
    client.force_login(front_desk_officer)

    listed = client.get(reverse("workflow:inbox"), {param: "on"})

    assert len(listed.context["rows"]) == 1


def test_the_menu_reaches_every_module_an_officer_works_in(world, specialist, client):
    """No module is a dead end reachable only by typing its address."""
    client.force_login(specialist)

    html = client.get(reverse("portal:workspace")).content.decode()

    for name in (
        "workflow:inbox",
        "onestop:officer-dossier-list",
        "documents:outgoing-list",
        "directives:task-list",
        "reporting:inbox",
        "meetings:meeting-list",
        "feedback_officer:inbox",
        "complaints:petition-list",
        "disclosure_officer:duty-board",
        "surveys:survey-list",
        "exchange:message-list",
    ):
        assert f'href="{reverse(name)}"' in html, name
