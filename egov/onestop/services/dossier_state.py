"""The one way a dossier changes state: lock, check the expected version and state, write,
audit.

Desk, processing and citizen services all call :func:`dossier_transition` with the name of a
transition declared in :data:`egov.onestop.rules.DOSSIER_TRANSITIONS` (the table the officer's
page reads too), so every change of status is audited with before/after values, concurrent
actions are refused plainly, and the notification that the applicant must get is enqueued
after commit. Locking, the version check and the audited write are the shared ones of
:mod:`egov.audit.versioned`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from egov.audit.versioned import row_lock, version_check, versioned_update
from egov.onestop.choices import DossierStatus
from egov.onestop.exceptions import WrongDossierState
from egov.onestop.models import Dossier
from egov.onestop.rules import DOSSIER_TRANSITIONS

__all__ = [
    "WrongDossierState",
    "dossier_check",
    "dossier_lock",
    "dossier_transition",
    "figures_refresh_after_commit",
]

ACTED_FIRST = gettext_lazy(
    "Someone else has just acted on this dossier. Reload the page to see what changed."
)


def dossier_lock(dossier_id: int) -> Dossier:
    """The dossier row, locked until the end of the transaction (SQLite: IMMEDIATE mode).

    Only the dossier's own row (``of=("self",)``): the joined procedure row must not be locked
    too, or every dossier of a procedure would wait for the others and deadlock with their
    foreign-key checks (found by the benchmark, bench/NOTES.md). ``no_key``: rows pointing at
    the dossier (forms, files) may still be inserted meanwhile."""
    return row_lock(Dossier.objects.select_related("procedure"), dossier_id, no_key=True)


def dossier_check(dossier: Dossier, expected_version: int | None, transition: str) -> str:
    """The version the actor saw, then the state: :class:`ConcurrentChange` or
    :class:`WrongDossierState`. Returns the status the transition leads to. Services call it
    early, before they write any other row (the dossier is locked by the caller)."""
    version_check(dossier, expected_version, message=ACTED_FIRST)
    return DOSSIER_TRANSITIONS.target(transition, dossier.status)


def dossier_transition(
    *,
    actor: Any,
    dossier: Dossier,
    transition: str,
    action: str,
    expected_version: int | None = None,
    fields: Mapping[str, Any] | None = None,
    changes: Mapping[str, Any] | None = None,
    locked: bool = False,
) -> Dossier:
    """Apply ``transition`` (a name of ``DOSSIER_TRANSITIONS``) to ``dossier`` and set
    ``fields``; ``action`` names the audit entry.

    Must run inside the caller's transaction. ``expected_version`` (the version the actor's
    page showed) turns a lost race into :class:`ConcurrentChange` instead of a double action.
    ``locked``: the caller took ``dossier`` from :func:`dossier_lock` in this same transaction,
    so it is not read and locked a second time (one statement less per receipt and submission).
    """
    row = dossier if locked else dossier_lock(dossier.pk)
    to_status = dossier_check(row, expected_version, transition)
    row = versioned_update(
        actor=actor,
        row=row,
        action=action,
        fields={"status": to_status, **(fields or {})},
        changes=changes,
    )
    figures_refresh_after_commit()
    national_status_push_after_commit(actor, row)
    return row


def national_status_push_after_commit(actor: Any, dossier: Dossier) -> None:
    """Once the change commits, queue the new status for the national portal with its national
    code (``egov.integration``: queued, sent by a job, retried until acknowledged; a portal
    that is down never blocks the desk)."""
    from egov.integration.services import dossier_status_push_after_commit

    dossier_status_push_after_commit(actor=actor, **national_status_values(dossier))


def national_status_values(dossier: Dossier) -> dict[str, Any]:
    """What the national portal is told of ``dossier``'s current status (the arguments of
    ``integration.services.dossier_status_push``); the applicant's account is the data owner
    who sees each read of it through the data-sharing API."""
    return {
        "dossier_code": dossier.code,
        "national_status": DossierStatus(dossier.status).dvcqg_code,
        "procedure_code": dossier.procedure.code,
        "procedure_is_national": dossier.procedure.has_national_code,
        "unit_id": dossier.competent_unit_id,
        "owner_id": dossier.applicant_id,
    }


class _FiguresRefresh:
    """The after-commit enqueue of a day's figures refresh, recognisable among the
    transaction's pending callbacks."""

    def __init__(self, day: str) -> None:
        self.day = day

    def __call__(self) -> None:
        from egov.onestop.tasks_figures import figures_refresh

        figures_refresh.enqueue(day_from=self.day, day_to=self.day)


def figures_refresh_after_commit() -> None:
    """Keep today's figures live: once the change commits, a job recomputes today's roll-up
    rows (idempotent, one indexed day of dossiers). One mark per transaction: a transaction
    that changes several dossiers, or one dossier several times, enqueues one refresh of the
    day (the callbacks Django still holds for the transaction are looked at, so a callback
    dropped with a rolled-back savepoint is not counted). Nothing coalesces the jobs of
    different transactions, so a busy desk causes many small refreshes; `egov figures_refresh
    --from D --to D` recomputes past days (back-dated data, repairs) and belongs in the
    operator's cron.
    """
    today = timezone.localdate().isoformat()
    pending = transaction.get_connection().run_on_commit
    if any(isinstance(f, _FiguresRefresh) and f.day == today for _ids, f, _robust in pending):
        return
    transaction.on_commit(_FiguresRefresh(today))
