"""Where a dossier goes when the desk receives it: the competent authority and the internal
procedure (quy trình nội bộ) its processing runs on.

Decree 61/2018/NĐ-CP art. 19: the desk transfers a dossier to the competent authority of its
own administration. Decree 118/2025/NĐ-CP: any centre of the province accepts a dossier,
whatever the administrative boundary, and routes it to the competent authority
(``RuleSet.accepts_any_centre_in_province``).

The internal procedure of a dossier is the published ``ProcessDefinition`` in force whose code
is ``onestop:<procedure code>@<agency code of the competent unit>`` (a unit's own internal
procedure, approved by its decision) or, failing that, ``onestop:<procedure code>`` (shared by
every unit of the level; its steps without a unit run at the competent unit). A procedure with
neither runs on the default internal procedure of its level, as one-stop systems ship it:
``onestop:default:<level>:<time limit>``, processing by a specialist then approval by the head
of the competent unit, the time limit divided between them (``rules.default_process_allowances``).
The desk's receipt opens it and the desk's return of the result closes the dossier. It is made
and published the first time it is needed, by the system, with an audit entry.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from egov.common.exceptions import DomainError
from egov.onestop.models import Procedure, RuleSet
from egov.onestop.rules import RULES_START, default_process_allowances
from egov.onestop.selectors.online_offer import DEFINITION_PREFIX
from egov.orgs.choices import Role
from egov.orgs.levels import level_of
from egov.orgs.models import OrgUnit
from egov.workflow.models import ProcessDefinition
from egov.workflow.selectors import process_definition_current, process_definition_current_of
from egov.workflow.services import (
    StepSpec,
    process_definition_create,
    process_definition_publish,
)


class RoutingRefused(DomainError):
    """The dossier cannot go to that unit, or no internal procedure handles it there."""

    code = "dossier_routing_refused"
    status = 422


def definition_codes(procedure_code: str, unit: OrgUnit) -> list[str]:
    """The definition codes looked up for ``procedure_code`` at ``unit``, most specific first."""
    shared = f"{DEFINITION_PREFIX}{procedure_code}"
    return [f"{shared}@{unit.agency_code}", shared] if unit.agency_code else [shared]


def definitions_without_owner(raw_entries: list[Any]) -> tuple[list[Any], list[str]]:
    """Split import entries (``egov import_processes`` format) into those that can apply on the
    org tree loaded and those that cannot: a unit's own internal procedure
    (``onestop:<procedure>@<agency code>``) whose unit is not an existing unit (a district of
    the three-level structure on the current one, or a unit closed since). Returns the entries
    to import and one line per entry left out, saying why."""
    owners = {
        unit.agency_code: unit
        for unit in OrgUnit.objects.filter(
            agency_code__in={_owner_code(e) for e in raw_entries} - {""}
        ).order_by("valid_to")
    }
    active = set(
        OrgUnit.objects.active()
        .filter(agency_code__in=owners)
        .values_list("agency_code", flat=True)
    )
    kept, skipped = [], []
    for entry in raw_entries:
        code = _owner_code(entry)
        if not code or code in active:
            kept.append(entry)
            continue
        label = f"{entry.get('code')} v{entry.get('version')}"
        owner = owners.get(code)
        if owner is None:
            why = f"no unit of the org tree has the identifier code {code}"
        else:
            why = f"its unit {owner.name} ({code}) closed on {owner.valid_to}"
        skipped.append(f"Skipped {label}: {why}.")
    return kept, skipped


def _owner_code(entry: Any) -> str:
    """The agency code after ``@`` in the code of a onestop definition entry, else ""."""
    code = entry.get("code") if isinstance(entry, dict) else None
    if not isinstance(code, str) or not code.startswith(DEFINITION_PREFIX) or "@" not in code:
        return ""
    return code.rsplit("@", 1)[1]


def _province_path(unit: OrgUnit) -> str:
    """The path of the province the unit lies in (its top-level ancestor)."""
    parts = [p for p in unit.path.strip("/").split("/") if p]
    return f"/{parts[0]}/"


def competent_unit_check(
    *, unit: OrgUnit, procedure: Procedure, desk: OrgUnit, ruleset: RuleSet
) -> None:
    """Refuse a competent unit of another level than the procedure's, or outside what the
    desk may receive for: its own administration (Decree 61/2018) or, under Decree 118/2025,
    any unit of its province."""
    if not unit.is_active:
        raise RoutingRefused(_("The unit %(unit)s no longer exists.") % {"unit": unit.name})
    if level_of(unit) != procedure.level:
        message = _("%(unit)s is not a unit of the level of this procedure (%(level)s).") % {
            "unit": unit.name,
            "level": procedure.get_level_display(),
        }
        raise RoutingRefused(message, fields={"competent_unit": message})
    home = desk.parent
    if ruleset.accepts_any_centre_in_province:
        allowed = unit.path.startswith(_province_path(desk))
    else:
        allowed = home is not None and unit.path.startswith(home.path)
    if not allowed:
        message = _("This desk cannot receive dossiers for %(unit)s under %(rules)s.") % {
            "unit": unit.name,
            "rules": ruleset.code,
        }
        raise RoutingRefused(message, fields={"competent_unit": message})


def definition_for(*, procedure: Procedure, unit: OrgUnit, on: datetime.date) -> ProcessDefinition:
    """The internal procedure a dossier of ``procedure`` follows at ``unit`` on ``on``. Its
    allowances add up to the procedure's time limit in working days (when it is given in
    working days; a limit in plain days is converted by the internal procedure itself)."""
    definition = process_definition_current_of(
        definition_codes(procedure.code, unit), on=on
    ) or default_definition_for(procedure=procedure, on=on)
    if definition is None:
        raise RoutingRefused(
            _(
                "No internal procedure is published for %(procedure)s at %(unit)s; ask the "
                "system administrator to import one (code %(code)s)."
            )
            % {
                "procedure": procedure.code,
                "unit": unit.name,
                "code": definition_codes(procedure.code, unit)[-1],
            }
        )
    if procedure.working_days is not None and definition.total_days != procedure.working_days:
        raise RoutingRefused(
            _(
                "The internal procedure %(code)s takes %(total)s working days, not the "
                "procedure's time limit of %(limit)s."
            )
            % {
                "code": definition.code,
                "total": format(definition.total_days.normalize(), "f"),
                "limit": format(procedure.working_days.normalize(), "f"),
            }
        )
    return definition


def default_definition_code(level: str, total_days: Decimal) -> str:
    """``onestop:default:commune:3`` (the level and the time limit in working days)."""
    return f"{DEFINITION_PREFIX}default:{level}:{format(total_days.normalize(), 'f')}"


def default_definition_for(*, procedure: Procedure, on: datetime.date) -> ProcessDefinition | None:
    """The default internal procedure of the procedure's level for its time limit, made and
    published by the system the first time (``None`` when it cannot apply: the time limit is
    not in working days or too short to divide)."""
    if procedure.working_days is None:
        return None
    allowances = default_process_allowances(procedure.working_days)
    if allowances is None:
        return None
    code = default_definition_code(procedure.level, procedure.working_days)
    definition = process_definition_current(code, on=on)
    if definition is not None:
        return definition
    try:
        # A savepoint: two desks receiving at once both try to make it; the loser reads it.
        with transaction.atomic():
            return _default_definition_make(procedure, code, allowances)
    except IntegrityError:
        return process_definition_current(code, on=on)


def _default_definition_make(
    procedure: Procedure, code: str, allowances: tuple[Decimal, Decimal]
) -> ProcessDefinition:
    processing, approval = allowances
    # Stored names are data, written in the language of the administration.
    with translation.override(settings.LANGUAGE_CODE):
        name = _("Default internal procedure (%(level)s), %(days)s working days") % {
            "level": procedure.get_level_display().lower(),
            "days": format(procedure.working_days.normalize(), "f"),
        }
        steps = [
            StepSpec(
                1, "process", _("Appraise and process the dossier"), Role.SPECIALIST, processing
            ),
            StepSpec(2, "approve", _("Approve and sign the result"), Role.UNIT_HEAD, approval),
        ]
        source = _("Default of the one-stop system (no internal procedure was approved).")
    definition = process_definition_create(
        actor=None,
        code=code,
        name=name,
        version=1,
        effective_from=RULES_START,
        total_days=procedure.working_days,
        steps=steps,
        source=source,
    )
    return process_definition_publish(actor=None, definition=definition)
