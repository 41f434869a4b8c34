"""A dossier received at the desk (and so in processing) queues its national status (4)
after commit, and the national portal simulator receives it."""

from __future__ import annotations

import pytest

from egov.integration.choices import PushState
from egov.integration.models import StatusPush
from egov.integration.simulators.views import portal_received
from egov.onestop.tests.factories_desk import (
    agency_codes,
    district_procedure,
    internal_procedure,
    received,
)
from egov.workflow.tests import factories as workflow_factories

pytestmark = pytest.mark.django_db

clock = workflow_factories.clock


def test_a_received_dossier_reaches_the_national_portal_simulator(
    world, clock, front_desk_officer, simulators, django_capture_on_commit_callbacks
):
    clock.set(workflow_factories.at(2025, 1, 22, 10))
    agency_codes(world)
    procedure = district_procedure()
    internal_procedure(world, procedure)

    with django_capture_on_commit_callbacks(execute=True):
        dossier = received(world, front_desk_officer, procedure)

    push = StatusPush.objects.get(dossier_code=dossier.code)
    assert (push.national_status, push.procedure_code, push.state) == (
        "4",
        "1.001731",
        PushState.DELIVERED,
    )
    assert [r["TrangThai"] for r in portal_received(dossier.code)] == ["4"]
