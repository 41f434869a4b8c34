"""How many SQL statements one desk receipt and one online submission take (issue 24: the
write path of a submission), pinned so the count cannot creep back.

Counted on the second dossier of the test, as on a desk that has been open for a while. The
jobs enqueued after commit are counted with the database task backend of production (one
INSERT each), not run. Inside the test's own transaction every ``atomic`` block of the services
is a savepoint, so the counts include SAVEPOINT/RELEASE statements that are BEGIN/COMMIT (not
counted) in production. The counts are the same on SQLite and PostgreSQL."""

from __future__ import annotations

from contextlib import suppress

import pytest
from django.db import transaction

from egov.audit.models import AuditEvent
from egov.audit.services import audit_seal_pending
from egov.onestop.services.desk import dossier_receive, dossier_register_at_desk
from egov.onestop.services.dossier_state import _FiguresRefresh, figures_refresh_after_commit
from egov.onestop.services.online import dossier_submit
from egov.onestop.tests.factories_desk import (
    agency_codes,
    district_procedure,
    internal_procedure,
    received,
)
from egov.onestop.tests.online_helpers import (
    KEY_2,
    agency_code_set,
    draft_for,
    online_procedure,
    submitted_for,
)
from egov.workflow.tests import factories as workflow_factories
from egov.workflow.tests.factories import at

clock = workflow_factories.clock  # the settable clock fixture (Vietnam time)
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# Issue 24 started from 52 (desk: register + receive) and 28 (online submission); 44 and 23
# before the audit entries were sealed after commit (ADR 0030).
DESK_RECEIPT_STATEMENTS = 31
ONLINE_SUBMISSION_STATEMENTS = 19
# The sealing run after the commit, in its own short transaction (ADR 0030): is anything
# pending, lock the head, read the pending entries, seal them (one UPDATE), move the head, and
# look again; with the transaction's SAVEPOINT/RELEASE here (BEGIN/COMMIT in production).
# The same for one entry or three.
SEALING_STATEMENTS = 8


@pytest.fixture
def tasks_in_database(settings):
    settings.TASKS = DB_TASKS


def test_desk_receipt_statements(
    world,
    clock,
    front_desk_officer,
    tasks_in_database,
    django_capture_on_commit_callbacks,
    django_assert_max_num_queries,
):
    clock.set(at(2025, 1, 22, 10))
    agency_codes(world)
    procedure = district_procedure()
    internal_procedure(world, procedure)
    with django_capture_on_commit_callbacks(execute=True):
        received(world, front_desk_officer, procedure, key="warm-up")
    documents = list(procedure.documents.filter(is_required=True).values_list("pk", flat=True))
    audit_seal_pending()  # the warm-up's entries, as its commit would have
    audit_before = AuditEvent.objects.count()

    with (
        django_assert_max_num_queries(DESK_RECEIPT_STATEMENTS),
        django_capture_on_commit_callbacks(execute=True) as callbacks,
    ):
        draft = dossier_register_at_desk(
            actor=front_desk_officer,
            desk_unit=world.desk_a,
            procedure=procedure,
            applicant_name="Trần Thị Bình",
            applicant_id_number="001090054321",
            checked_document_ids=documents,
            form_data={"deceased_name": "Trần Văn Cường"},
            idempotency_key="counted",
        )
        dossier = dossier_receive(
            actor=front_desk_officer, dossier=draft, expected_version=draft.version
        )

    assert (dossier.status, dossier.process.current_step.seq) == ("processing", 1)
    # Registered, processing started, received: three audit entries, as before the cut.
    assert AuditEvent.objects.count() - audit_before == 3
    # One figures refresh and one notification enqueued (the procedure has no national code).
    assert len(callbacks) == 2
    with django_assert_max_num_queries(SEALING_STATEMENTS):
        assert audit_seal_pending() >= 3


def test_online_submission_statements(
    citizen,
    world,
    tasks_in_database,
    django_capture_on_commit_callbacks,
    django_assert_max_num_queries,
):
    agency_code_set(world)
    procedure = online_procedure()
    with django_capture_on_commit_callbacks(execute=True):
        submitted_for(citizen, procedure, world.district_a)
    draft = draft_for(citizen, procedure)
    audit_seal_pending()  # the warm-up's entries, as its commit would have
    audit_before = AuditEvent.objects.count()

    with (
        django_assert_max_num_queries(ONLINE_SUBMISSION_STATEMENTS),
        django_capture_on_commit_callbacks(execute=True) as callbacks,
    ):
        dossier = dossier_submit(
            declared=True,
            actor=citizen,
            dossier=draft,
            idempotency_key=KEY_2,
            unit=world.district_a,
        )

    assert (dossier.status, dossier.receiving_unit) == ("submitted", world.desk_a)
    assert AuditEvent.objects.count() - audit_before == 1
    assert len(callbacks) == 2
    with django_assert_max_num_queries(SEALING_STATEMENTS):
        assert audit_seal_pending() >= 1


def test_one_figures_refresh_per_transaction(
    world, tasks_in_database, django_capture_on_commit_callbacks
):
    """Several dossier changes in one transaction enqueue one refresh of the day's figures; a
    mark made in a savepoint that was rolled back does not count."""
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        with suppress(RuntimeError), transaction.atomic():
            figures_refresh_after_commit()
            raise RuntimeError
        figures_refresh_after_commit()
        figures_refresh_after_commit()

    assert len(callbacks) == 1
    assert isinstance(callbacks[0], _FiguresRefresh)
