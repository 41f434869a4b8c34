"""The template pieces a domain page includes: the clock and the steps table."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import translation

from egov.workflow.selectors import clock_state, instance_history
from egov.workflow.services import step_forward
from egov.workflow.templatetags.workflow_tags import due_moment, working_time
from egov.workflow.tests.factories import at, started


def test_due_moment_and_working_time_formats():
    with translation.override("en"):
        assert due_moment(at(2025, 2, 5, 15)) == "15:00, 05/02/2025"
        assert working_time(datetime.timedelta(hours=11, minutes=30)) == (
            "1 working day 3 hours 30 minutes"
        )
        assert working_time(-datetime.timedelta(hours=2)) == "2 hours"


def test_clock_and_history_render(world, clock, citizen, front_desk_officer):
    instance = started(world, citizen, received_at=at(2025, 1, 22, 10))
    clock.set(at(2025, 1, 23, 9))
    instance = step_forward(actor=front_desk_officer, instance=instance, expected_version=1)

    with translation.override("en"):
        html = render_to_string(
            "workflow/components/_clock.html", {"clock": clock_state(instance, at(2025, 2, 6, 9))}
        )
        table = render_to_string(
            "workflow/components/_history.html", {"steps": instance_history(instance)}
        )

    assert "15:00, 05/02/2025" in html
    assert "Overdue" in html and "late by 3 hours" in html
    assert "Late</span>" in table and "0.875 of 0.5 working days" in table
    assert Decimal("0.875") == instance_history(instance)[0].used_days
