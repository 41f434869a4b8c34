"""The apology for a dossier that will be late (Decree 61/2018 art. 19; TT 01/2018 form 04):
at least one working day before the appointment, only once, with a new date the applicant is
told; and the lists of dossiers that need one or are late without one."""

from __future__ import annotations

import pytest
from django.core import mail

from egov.audit.models import AuditEvent
from egov.common.exceptions import PermissionDenied
from egov.onestop.models import DossierNotice
from egov.onestop.selectors.dossiers_officer import (
    dossier_list_late_without_apology,
    dossier_list_needing_apology,
)
from egov.onestop.services.processing import dossier_forward
from egov.onestop.services.processing_apology import ApologyRefused, dossier_apologize
from egov.onestop.tests.factories_desk import (
    agency_codes,
    district_procedure,
    internal_procedure,
    received,
)
from egov.workflow.exceptions import DueResetRefused
from egov.workflow.models import ProcessInstance
from egov.workflow.tests import factories as workflow_factories
from egov.workflow.tests.factories import at

clock = workflow_factories.clock  # the settable clock fixture (Vietnam time)

REASON = "Cần xác minh thêm với UBND phường nơi cư trú."


@pytest.fixture
def dossier(world, clock, front_desk_officer):
    """Received Wed 22/01/2025 10:00, due Wed 05/02/2025 10:00, at the division's step."""
    agency_codes(world)
    procedure = district_procedure()
    internal_procedure(world, procedure)
    clock.set(at(2025, 1, 22, 10))
    dossier = received(world, front_desk_officer, procedure)
    clock.set(at(2025, 1, 22, 11))
    return dossier_forward(actor=front_desk_officer, dossier=dossier, expected_version=2)


def test_apology_in_time_sets_the_new_appointment_and_tells_the_applicant(
    clock, dossier, specialist, django_capture_on_commit_callbacks
):
    clock.set(at(2025, 2, 3, 9))

    with django_capture_on_commit_callbacks(execute=True):
        dossier = dossier_apologize(
            actor=specialist,
            dossier=dossier,
            expected_version=3,
            new_due_at=at(2025, 2, 7, 16),
            reason=REASON,
        )

    instance = ProcessInstance.objects.get(pk=dossier.process_id)
    assert (dossier.due_at, dossier.status, dossier.version) == (
        at(2025, 2, 7, 16),
        "processing",
        4,
    )
    assert (instance.due_at, instance.legal_due_at, instance.due_reset_count) == (
        at(2025, 2, 7, 16),
        at(2025, 2, 5, 10),
        1,
    )
    assert list(dossier.notices.filter(kind="apology").values_list("reason", "new_due_at")) == [
        (REASON, at(2025, 2, 7, 16))
    ]
    assert [m.to for m in mail.outbox] == [["an.nguyen@example.vn"]]
    assert REASON in mail.outbox[0].body and "16:00 07/02/2025" in mail.outbox[0].body
    assert (
        AuditEvent.objects.for_object(dossier).filter(action="onestop.dossier_apologized").count()
        == 1
    )


def test_apology_less_than_a_working_day_before_is_refused(clock, dossier, specialist):
    clock.set(at(2025, 2, 4, 11))  # 7 working hours before 05/02 10:00

    with pytest.raises(ApologyRefused):
        dossier_apologize(
            actor=specialist,
            dossier=dossier,
            expected_version=3,
            new_due_at=at(2025, 2, 7, 16),
            reason=REASON,
        )

    dossier.refresh_from_db()
    instance = ProcessInstance.objects.get(pk=dossier.process_id)
    assert (dossier.due_at, dossier.version, instance.due_reset_count) == (at(2025, 2, 5, 10), 3, 0)
    assert DossierNotice.objects.filter(kind="apology").count() == 0
    assert mail.outbox == []


def test_second_apology_is_refused(clock, dossier, specialist):
    clock.set(at(2025, 2, 3, 9))
    dossier = dossier_apologize(
        actor=specialist,
        dossier=dossier,
        expected_version=3,
        new_due_at=at(2025, 2, 7, 16),
        reason=REASON,
    )

    with pytest.raises(DueResetRefused):
        dossier_apologize(
            actor=specialist,
            dossier=dossier,
            expected_version=4,
            new_due_at=at(2025, 2, 10, 16),
            reason="Lần nữa.",
        )

    assert DossierNotice.objects.filter(kind="apology").count() == 1
    assert ProcessInstance.objects.get(pk=dossier.process_id).due_at == at(2025, 2, 7, 16)


def test_only_who_handles_the_step_or_heads_the_unit_apologises(
    clock, dossier, front_desk_officer, other_district_officer, unit_head
):
    clock.set(at(2025, 2, 3, 9))
    for outsider in (front_desk_officer, other_district_officer):
        with pytest.raises(PermissionDenied):
            dossier_apologize(
                actor=outsider,
                dossier=dossier,
                expected_version=3,
                new_due_at=at(2025, 2, 7, 16),
                reason=REASON,
            )
    assert DossierNotice.objects.filter(kind="apology").count() == 0

    dossier = dossier_apologize(
        actor=unit_head,
        dossier=dossier,
        expected_version=3,
        new_due_at=at(2025, 2, 7, 16),
        reason=REASON,
    )
    assert dossier.due_at == at(2025, 2, 7, 16)


def test_lists_of_dossiers_needing_an_apology_and_late_without_one(
    world, clock, dossier, front_desk_officer, unit_head, specialist
):
    clock.set(at(2025, 2, 3, 9))
    assert list(dossier_list_needing_apology(unit_head, now=at(2025, 2, 3, 9))) == []
    assert list(dossier_list_needing_apology(unit_head, now=at(2025, 2, 4, 11))) == [dossier]
    assert list(dossier_list_late_without_apology(unit_head, now=at(2025, 2, 5, 11))) == [dossier]
    assert list(dossier_list_late_without_apology(front_desk_officer, now=at(2025, 2, 5, 11))) == [
        dossier
    ]

    dossier_apologize(
        actor=specialist,
        dossier=dossier,
        expected_version=3,
        new_due_at=at(2025, 2, 7, 16),
        reason=REASON,
    )

    assert list(dossier_list_needing_apology(unit_head, now=at(2025, 2, 6, 16))) == []
    assert list(dossier_list_late_without_apology(unit_head, now=at(2025, 2, 10, 9))) == []
