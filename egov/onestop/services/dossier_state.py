"""The one way a dossier changes state: lock, check the expected state, write, audit.

Desk, processing and citizen services all call :func:`dossier_transition`, so every change of
status is audited with before/after values, concurrent actions are refused plainly, and the
notification that the applicant must get is enqueued after commit."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.audit.services import event_record
from egov.common.exceptions import ConcurrentChange, DomainError
from egov.onestop.models import Dossier


class WrongDossierState(DomainError):
    code = "wrong_dossier_state"
    status = 409


def dossier_lock(dossier_id: int) -> Dossier:
    """The dossier row, locked until the end of the transaction (SQLite: IMMEDIATE mode).

    Only the dossier's own row (``of=("self",)``): the joined procedure row must not be locked
    too, or every dossier of a procedure would wait for the others and deadlock with their
    foreign-key checks (found by the benchmark, bench/NOTES.md). ``no_key``: rows pointing at
    the dossier (forms, files) may still be inserted meanwhile."""
    return (
        Dossier.objects.select_for_update(of=("self",), no_key=True)
        .select_related("procedure")
        .get(pk=dossier_id)
    )


def dossier_transition(
    *,
    actor: Any,
    dossier: Dossier,
    allowed_from: Iterable[str],
    to_status: str,
    action: str,
    expected_version: int | None = None,
    fields: Mapping[str, Any] | None = None,
    changes: Mapping[str, Any] | None = None,
) -> Dossier:
    """Move ``dossier`` to ``to_status`` if it is in one of ``allowed_from``; set ``fields``.

    Must run inside the caller's transaction. ``expected_version`` (the version the actor's
    page showed) turns a lost race into :class:`ConcurrentChange` instead of a double action.
    """
    locked = dossier_lock(dossier.pk)
    if expected_version is not None and locked.version != expected_version:
        raise ConcurrentChange(
            _("Someone else has just acted on this dossier. Reload the page to see what changed.")
        )
    if locked.status not in set(allowed_from):
        raise WrongDossierState(
            _("This action is not possible while the dossier is “%(status)s”.")
            % {"status": locked.get_status_display()}
        )
    before = {"status": locked.status, **{k: getattr(locked, k) for k in (fields or {})}}
    for name, value in (fields or {}).items():
        setattr(locked, name, value)
    locked.status = to_status
    locked.version += 1
    locked.save(update_fields=["status", "version", *(fields or {})])
    after = {"status": to_status, **(fields or {})}
    diff = {k: [before[k], after[k]] for k in after if before.get(k) != after[k]}
    event_record(actor=actor, action=action, obj=locked, changes={**diff, **(changes or {})})
    figures_refresh_after_commit()
    return locked


def figures_refresh_after_commit() -> None:
    """Keep today's figures live: once the change commits, a job recomputes today's roll-up
    rows (idempotent, one indexed day of dossiers). Nothing coalesces these jobs, so a busy desk
    causes many small refreshes; `egov figures_refresh --from D --to D` recomputes past days
    (back-dated data, repairs) and belongs in the operator's cron.
    """
    from egov.onestop.tasks_figures import figures_refresh

    today = timezone.localdate().isoformat()
    transaction.on_commit(lambda: figures_refresh.enqueue(day_from=today, day_to=today))


def dossier_transition_atomic(**kwargs: Any) -> Dossier:
    """:func:`dossier_transition` in its own transaction."""
    with transaction.atomic():
        return dossier_transition(**kwargs)
