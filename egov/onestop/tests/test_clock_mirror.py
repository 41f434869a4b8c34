"""The dossier's copy of the workflow clock (ADR 0009): after every kind of change to its
instance — start, forward, hand-over, pause, resume with a restart, the one due reset, finish —
the dossier's ``due_at``, ``calendar_version``, ``finished_at`` and ``timeliness`` equal the
instance's. Only onestop's own services change a dossier's instance (no job, no admin), so these
are all the paths."""

from __future__ import annotations

from egov.onestop.models import Dossier
from egov.onestop.services.processing import (
    dossier_forward,
    dossier_handover,
    dossier_request_supplement,
    dossier_supplement_received,
)
from egov.onestop.services.processing_apology import dossier_apologize
from egov.onestop.services.processing_result import dossier_refuse
from egov.onestop.tests.factories_desk import (
    agency_codes,
    dept_specialist,
    district_procedure,
    internal_procedure,
    received,
)
from egov.workflow.models import ProcessInstance
from egov.workflow.tests import factories as workflow_factories
from egov.workflow.tests.factories import at

clock = workflow_factories.clock  # the settable clock fixture (Vietnam time)

MIRRORED = ("due_at", "calendar_version", "finished_at", "timeliness")


def _pair(dossier: Dossier) -> tuple[tuple, tuple]:
    stored = Dossier.objects.get(pk=dossier.pk)
    instance = ProcessInstance.objects.get(pk=stored.process_id)
    return (
        tuple(getattr(stored, name) for name in MIRRORED),
        tuple(getattr(instance, name) for name in MIRRORED),
    )


def test_the_dossier_follows_every_change_of_its_clock(
    world, clock, citizen, front_desk_officer, specialist
):
    agency_codes(world)
    procedure = district_procedure()
    internal_procedure(world, procedure)
    clock.set(at(2025, 1, 22, 10))
    dossier = received(world, front_desk_officer, procedure, applicant=citizen)
    mine, engine = _pair(dossier)
    assert mine == engine
    assert mine[0] == at(2025, 2, 5, 10)

    clock.set(at(2025, 1, 22, 11))
    dossier = dossier_forward(actor=front_desk_officer, dossier=dossier, expected_version=2)
    assert _pair(dossier)[0] == _pair(dossier)[1]

    clock.set(at(2025, 1, 23, 9))
    dossier = dossier_request_supplement(
        actor=specialist, dossier=dossier, expected_version=3, reason="Bổ sung giấy tờ."
    )
    assert _pair(dossier)[0] == _pair(dossier)[1]

    clock.set(at(2025, 1, 24, 10))
    dossier = dossier_supplement_received(actor=citizen, dossier=dossier, expected_version=4)
    mine, engine = _pair(dossier)
    assert mine == engine
    assert mine[0] == at(2025, 2, 7, 10)  # the limit counted again in full

    clock.set(at(2025, 2, 3, 9))
    dossier = dossier_apologize(
        actor=specialist,
        dossier=dossier,
        expected_version=5,
        new_due_at=at(2025, 2, 12, 16),
        reason="Cần xác minh thêm.",
    )
    mine, engine = _pair(dossier)
    assert mine == engine
    assert mine[0] == at(2025, 2, 12, 16)

    dossier = dossier_handover(
        actor=specialist,
        dossier=dossier,
        expected_version=6,
        to_unit=world.dept,
        reason="Xin ý kiến Sở.",
    )
    assert _pair(dossier)[0] == _pair(dossier)[1]

    clock.set(at(2025, 2, 4, 10))
    dossier = dossier_refuse(
        actor=dept_specialist(world), dossier=dossier, expected_version=7, reason="Không đủ ĐK."
    )
    mine, engine = _pair(dossier)
    assert mine == engine
    assert mine[2:] == (at(2025, 2, 4, 10), "early")
