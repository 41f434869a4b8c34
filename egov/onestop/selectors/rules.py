"""Reads of the one-stop rule sets: which regime applies on a day."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from egov.onestop.exceptions import NoRuleSetInForce
from egov.onestop.models import RuleSet
from egov.onestop.rules import Period, timeline_problems


def ruleset_in_force(on: datetime.date) -> RuleSet:
    """The rule set in force on ``on``: Decree 61/2018 from 21 June 2018 to 30 June 2025,
    Decree 118/2025 from 1 July 2025 (shared/domain 1.1). A dossier stores the one in force
    when it was received. Raises :class:`NoRuleSetInForce` when none (or, by a data error,
    several) apply."""
    found = list(RuleSet.objects.in_force_on(on)[:2])
    if len(found) != 1:
        message = (
            _("No one-stop rule set is in force on %(day)s.")
            if not found
            else _("Several one-stop rule sets are in force on %(day)s.")
        )
        raise NoRuleSetInForce(message % {"day": on.isoformat()})
    return found[0]


def ruleset_timeline_problems() -> list[str]:
    """Gaps and overlaps of the rule sets from 21 June 2018 on (empty when sound)."""
    periods = [Period(r.code, r.effective_from, r.effective_to) for r in RuleSet.objects.all()]
    return timeline_problems(periods)


def ruleset_list() -> list[RuleSet]:
    return list(RuleSet.objects.order_by("effective_from"))
