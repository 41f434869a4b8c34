"""A real race: two threads, two connections, the same expected version."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from egov.audit.models import AuditEvent
from egov.common.exceptions import ConcurrentChange
from egov.workflow.models import StepInstance
from egov.workflow.services import step_forward, step_send_back
from egov.workflow.tests.factories import at, started

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks need PostgreSQL; SQLite serialises through IMMEDIATE transactions",
)


@pytest.mark.django_db(transaction=True)
def test_two_threads_one_wins(world, citizen, front_desk_officer, specialist, division_head):
    instance = started(world, citizen, received_at=at(2025, 1, 22, 10))
    instance = step_forward(actor=front_desk_officer, instance=instance, expected_version=1)
    barrier, results = threading.Barrier(2), []

    def act(action) -> None:
        barrier.wait()
        try:
            action()
            results.append("ok")
        except ConcurrentChange:
            results.append("concurrent")
        finally:
            connection.close()

    threads = [
        threading.Thread(
            target=act,
            args=(lambda: step_forward(actor=specialist, instance=instance, expected_version=2),),
        ),
        threading.Thread(
            target=act,
            args=(
                lambda: step_send_back(
                    actor=division_head, instance=instance, expected_version=2, reason="Thiếu"
                ),
            ),
        ),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(results) == ["concurrent", "ok"]
    assert StepInstance.objects.filter(instance=instance).count() == 3
    assert AuditEvent.objects.filter(action__startswith="workflow.step_").count() == 2
