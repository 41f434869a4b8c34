"""The apology for a dossier that will be late: *Phiếu xin lỗi và hẹn lại ngày trả kết quả*
(Circular 01/2018/TT-VPCP form 04; Decree 61/2018/NĐ-CP art. 19): at least
``RuleSet.apology_min_days_before`` working days before the appointment, the appointment re-set
once (``RuleSet.due_reset_max``), the applicant told of the new date."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.common.exceptions import DomainError
from egov.common.validation import require_text
from egov.onestop.choices import AuditAction, NoticeKind
from egov.onestop.models import Dossier
from egov.onestop.services.dossier_officer import notice_issue
from egov.onestop.services.notify import dossier_notify
from egov.onestop.services.processing import act
from egov.workdays.rules import working_days_between
from egov.workdays.selectors import work_calendar_get
from egov.workflow.models import ProcessInstance
from egov.workflow.services import process_due_reset


class ApologyRefused(DomainError):
    code = "apology_refused"
    status = 409


def _check_apology(dossier: Dossier, old_due: datetime.datetime, resets: int) -> None:
    """At least ``apology_min_days_before`` working days before the appointment, and the
    appointment re-set at most ``due_reset_max`` times (once, Decree 61/2018 art. 19)."""
    ruleset = dossier.ruleset
    if resets >= ruleset.due_reset_max:
        raise ApologyRefused(
            _("The appointment has already been re-set once; it cannot be re-set again.")
        )
    left = working_days_between(work_calendar_get(), timezone.now(), old_due)
    if left < Decimal(ruleset.apology_min_days_before):
        raise ApologyRefused(
            _(
                "Too late: the apology must come at least %(days)s working days before the "
                "appointment."
            )
            % {"days": format(ruleset.apology_min_days_before.normalize(), "f")}
        )


def _due_reset(
    actor: Any, dossier: Dossier, new_due_at: datetime.datetime, reason: str
) -> Callable[[ProcessInstance], ProcessInstance]:
    """The engine's one re-set of the due moment, then the rule set's limits. The engine
    checks who may act first; a refusal after it rolls the whole action back."""

    def engine(instance: ProcessInstance) -> ProcessInstance:
        old_due, resets = instance.due_at, instance.due_reset_count
        instance = process_due_reset(
            actor=actor,
            instance=instance,
            expected_version=instance.version,
            new_due_at=new_due_at,
            reason=reason,
        )
        _check_apology(dossier, old_due, resets)
        return instance

    return engine


def dossier_apologize(
    *,
    actor: Any,
    dossier: Dossier,
    new_due_at: datetime.datetime,
    reason: str,
    expected_version: int | None = None,
) -> Dossier:
    """Form 04: apologise for a dossier that will be late, with the reason and a new
    appointment; the appointment is re-set once, in time (Decree 61/2018 art. 19)."""
    reason = require_text(reason)
    engine = _due_reset(actor, dossier, new_due_at, reason)
    with transaction.atomic():
        locked, instance = act(
            actor=actor,
            dossier=dossier,
            expected_version=expected_version,
            action=AuditAction.DOSSIER_APOLOGIZED,
            engine=engine,
            transition="apologize",
            changes={"reason": reason},
        )
        notice_issue(
            actor=actor,
            dossier=locked,
            kind=NoticeKind.APOLOGY,
            reason=reason,
            new_due_at=instance.due_at,
        )
        dossier_notify(dossier=locked, event="apology")
    return locked
