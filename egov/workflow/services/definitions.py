"""Writing process definitions: drafts, publishing (with the checks), new versions."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.accounts.models import User
from egov.audit.services import event_record
from egov.common.exceptions import PermissionDenied
from egov.orgs.models import OrgUnit
from egov.workflow import rules
from egov.workflow.choices import AuditAction
from egov.workflow.exceptions import DefinitionPublished, InvalidDefinition
from egov.workflow.locks import definition_lock
from egov.workflow.models import ProcessDefinition, StepDefinition


@dataclass(frozen=True)
class StepSpec:
    """A step to create: ``unit=None`` means the instance's owner unit."""

    order: int
    code: str
    name: str
    role: str
    allowance_days: Decimal
    unit: OrgUnit | None = None


def days_text(days: Decimal) -> str:
    """``Decimal("5.500")`` as ``"5.5"`` for messages and audit entries."""
    return format(Decimal(days).normalize(), "f")


def problem_message(problem: rules.Problem) -> str:
    """The translated sentence for one :class:`rules.Problem`."""
    params = {k: days_text(v) if isinstance(v, Decimal) else v for k, v in problem.params.items()}
    messages = {
        "no_steps": _("A process needs at least one step."),
        "orders": _("Steps must be numbered 1, 2, 3… without gaps or repeats; found %(orders)s."),
        "allowance": _(
            "Step %(order)s: the time allowance %(days)s is not a positive multiple of 0.125 "
            "working day (one hour)."
        ),
        "role": _("Step %(order)s: %(role)s is not a role that handles steps."),
        "sum": _(
            "The step allowances add up to %(sum)s working days, not to the legal time limit "
            "of %(total)s working days."
        ),
        "unit_closed": _("Step %(order)s: the unit %(unit)s no longer exists."),
    }
    return messages[problem.code] % params


def _require_admin(actor: User | None) -> None:
    if actor is not None and not actor.is_staff:
        raise PermissionDenied(_("Only system administrators can change process definitions."))


def definition_problems(definition: ProcessDefinition) -> list[str]:
    """Translated reasons why ``definition`` cannot be published (empty when it can)."""
    steps = list(definition.steps.select_related("unit").order_by("order"))
    found = rules.definition_problems(
        definition.total_days, [(s.order, s.allowance_days, s.role) for s in steps]
    )
    found += [
        rules.Problem("unit_closed", {"order": s.order, "unit": s.unit.name})
        for s in steps
        if s.unit is not None and not s.unit.is_active
    ]
    return [problem_message(p) for p in found]


def process_definition_create(
    *,
    actor: User | None,
    code: str,
    name: str,
    version: int,
    effective_from: datetime.date,
    total_days: Decimal,
    steps: Sequence[StepSpec],
    effective_to: datetime.date | None = None,
    source: str = "",
) -> ProcessDefinition:
    """A draft version with its steps; publish it with :func:`process_definition_publish`."""
    _require_admin(actor)
    if ProcessDefinition.objects.filter(code=code, version=version).exists():
        raise InvalidDefinition(
            _("Version %(version)s of %(code)s already exists.")
            % {"version": version, "code": code}
        )
    with transaction.atomic():
        definition = ProcessDefinition.objects.create(
            code=code,
            name=name,
            version=version,
            effective_from=effective_from,
            effective_to=effective_to,
            total_days=total_days,
            source=source,
        )
        _steps_create(definition, steps)
        event_record(
            actor=actor,
            action=AuditAction.DEFINITION_CREATED,
            obj=definition,
            changes={
                "code": code,
                "version": version,
                "total_days": days_text(total_days),
                "steps": len(steps),
            },
        )
    return definition


def _steps_create(definition: ProcessDefinition, steps: Sequence[StepSpec]) -> None:
    StepDefinition.objects.bulk_create(
        StepDefinition(
            definition=definition,
            order=s.order,
            code=s.code,
            name=s.name,
            role=s.role,
            allowance_days=s.allowance_days,
            unit=s.unit,
        )
        for s in steps
    )


def process_definition_replace_draft(
    *,
    actor: User | None,
    definition: ProcessDefinition,
    name: str,
    effective_from: datetime.date,
    total_days: Decimal,
    steps: Sequence[StepSpec],
    effective_to: datetime.date | None = None,
    source: str = "",
) -> ProcessDefinition:
    """Replace the fields and steps of a draft (the import uses it). Published: refused."""
    _require_admin(actor)
    with transaction.atomic():
        definition = definition_lock(definition.pk)
        _refuse_published(definition)
        definition.name, definition.effective_from, definition.effective_to = (
            name,
            effective_from,
            effective_to,
        )
        definition.total_days, definition.source = total_days, source
        definition.save()
        definition.steps.all().delete()
        _steps_create(definition, steps)
        event_record(
            actor=actor,
            action=AuditAction.DEFINITION_REPLACED,
            obj=definition,
            changes={"total_days": days_text(total_days), "steps": len(steps)},
        )
    return definition


def _refuse_published(definition: ProcessDefinition) -> None:
    if definition.is_published:
        raise DefinitionPublished(
            _("Version %(version)s of %(code)s is published and cannot change; make a new version.")
            % {"version": definition.version, "code": definition.code}
        )


def process_definition_publish(
    *, actor: User | None, definition: ProcessDefinition
) -> ProcessDefinition:
    """Publish a draft after checking it: orders 1..n, allowances in whole hours adding up
    exactly to the legal time limit, fixed units still existing. From then on it is frozen."""
    _require_admin(actor)
    with transaction.atomic():
        definition = definition_lock(definition.pk)
        _refuse_published(definition)
        problems = definition_problems(definition)
        if problems:
            raise InvalidDefinition(" ".join(problems), fields={"steps": " ".join(problems)})
        definition.is_published, definition.published_at = True, timezone.now()
        definition.save(update_fields=["is_published", "published_at"])
        event_record(
            actor=actor,
            action=AuditAction.DEFINITION_PUBLISHED,
            obj=definition,
            changes={"is_published": [False, True]},
        )
    return definition


def process_definition_new_version(
    *,
    actor: User | None,
    definition: ProcessDefinition,
    effective_from: datetime.date | None = None,
) -> ProcessDefinition:
    """A draft copy of ``definition`` numbered after the highest version of its code.
    Instances already started keep the version they started with."""
    _require_admin(actor)
    with transaction.atomic():
        latest = ProcessDefinition.objects.filter(code=definition.code).aggregate(v=Max("version"))[
            "v"
        ]
        steps = [
            StepSpec(s.order, s.code, s.name, s.role, s.allowance_days, s.unit)
            for s in definition.steps.select_related("unit").order_by("order")
        ]
        return process_definition_create(
            actor=actor,
            code=definition.code,
            name=definition.name,
            version=latest + 1,
            effective_from=effective_from or definition.effective_from,
            total_days=definition.total_days,
            steps=steps,
            source=definition.source,
        )
