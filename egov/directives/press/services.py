"""Every write of the press releases: draft from a period's directives, edit, number, publish,
and draft the cover letter it is sent with. Each is one transaction with its audit entry; the
office of the People's Committee (clerks, specialists and heads acting for it) is the only
author.

A release is numbered in its unit's register of the document registry (Decree 30/2020/NĐ-CP
art. 15: one series of numbers per organisation and calendar year for its administrative
documents) and dated the day it is numbered, Vietnam time; its notation is TCBC-UBND."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.audit.services import event_record
from egov.audit.versioned import row_lock, version_check
from egov.common.exceptions import DomainError, PermissionDenied
from egov.common.text import fold
from egov.directives.choices import AuditAction, ReleaseStatus, TaskUnitRole
from egov.directives.importing import Collective
from egov.directives.models import Directive, PressRelease, Task
from egov.directives.press.rules import (
    DEFAULT_RECIPIENTS,
    RELEASE_TRANSITIONS,
    Assignment,
    DirectiveFacts,
    Period,
    collective_phrase,
    committee_name,
    issuer_abbreviation,
    name_words,
    number_notation,
    past_working_week,
    release_item,
    release_title,
    target_text,
)
from egov.directives.press.selectors import PRESS_ROLES, press_candidates
from egov.directives.services.imports import directory_for
from egov.documents.choices import NumberSeries
from egov.documents.models import Document
from egov.documents.rules import register_year
from egov.documents.services.numbering import VN_TZ, register_lock, register_next_number
from egov.orgs.access import can_act_for_unit
from egov.orgs.levels import ADMINISTRATIVE_KINDS
from egov.orgs.models import OrgUnit
from egov.workdays.selectors import work_calendar_get

MAX_PERIOD_DAYS = 92


@dataclass(frozen=True)
class ReleaseItem:
    """One directive's part of a release, as edited."""

    headline: str
    paragraph: str
    assignments: tuple[str, ...] = ()
    document_id: int | None = None


def press_default_period(today: datetime.date | None = None) -> Period:
    """The past working week on the working-day calendar."""
    return past_working_week(work_calendar_get(), today or timezone.localdate())


def require_office(actor: Any, unit: OrgUnit) -> None:
    if unit.kind not in ADMINISTRATIVE_KINDS or not can_act_for_unit(
        actor, unit, roles=PRESS_ROLES
    ):
        raise PermissionDenied(_("Only the office of this People's Committee can do this."))


def _invalid(field: str, message: str) -> DomainError:
    return DomainError(message, code="invalid", fields={field: message})


def _lock_register(unit: OrgUnit) -> None:
    """Lock the unit's register of the year: it serialises drafting for the unit."""
    register_lock(unit=unit, series=NumberSeries.GENERAL, year=timezone.localdate().year)


def _cooperating(task: Task) -> tuple[str, ...]:
    return tuple(row.unit.name for row in task.units.all() if row.role == TaskUnitRole.COOPERATE)


def _same_assignment(task: Task) -> tuple[object, ...]:
    """Tasks with this key are one assignment given to several units."""
    return (
        task.group_id,
        task.collective,
        " ".join(task.content.split()),
        " ".join(task.expected_result.split()),
        _cooperating(task),
        task.recurrence,
        task.original_deadline_on,
    )


class _Collectives:
    """Whether a set of lead units is every unit of a kind under a directive's authority
    (tasks entered one by one for each district), with the phrase that names them."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.directory: Any = None

    def phrase(self, tasks: Sequence[Task]) -> str:
        if tasks[0].collective:
            return tasks[0].collective
        if len(tasks) < 2:
            return ""
        self.directory = self.directory or directory_for(self.document)
        leads = {task.lead_unit_id for task in tasks}
        names = [fold(task.lead_unit.name) for task in tasks]
        for code in ("departments", "districts", "communes", "divisions"):
            words = name_words(code, names)
            if set(self.directory.expand(Collective(code, words))) == leads:
                return collective_phrase(code, words)
        return ""


def _assignments(document: Document, tasks: Sequence[Task]) -> list[Assignment]:
    """One line per assignment: the tasks of one collective assignment (one per unit, for
    tracking) are written once, under the collective's name."""
    same: dict[tuple[object, ...], list[Task]] = {}
    for task in tasks:
        same.setdefault(_same_assignment(task), []).append(task)
    collectives = _Collectives(document)
    lines = []
    for group in same.values():
        first = group[0]
        phrase = collectives.phrase(group)
        deadlines = {task.deadline_on for task in group}
        deadline = first.deadline_on if len(deadlines) == 1 else first.original_deadline_on
        targets = target_text(first.expected_result)
        leads = [(phrase, deadline)]
        if not phrase:
            leads = [(task.lead_unit.name, task.deadline_on) for task in group]
        lines += [
            Assignment(lead, _cooperating(first), first.content, on, targets) for lead, on in leads
        ]
    return lines


def _facts(documents: Sequence[Document]) -> list[DirectiveFacts]:
    tasks = (
        Task.objects.filter(document__in=documents, parent__isnull=True)
        .select_related("lead_unit")
        .prefetch_related("units__unit")
        .order_by("document_id", "order", "pk")
    )
    by_document: dict[int, list[Task]] = {}
    for task in tasks:
        by_document.setdefault(task.document_id, []).append(task)
    headlines = dict(
        Directive.objects.filter(document__in=documents).values_list("document_id", "headline")
    )
    return [
        DirectiveFacts(
            document.pk,
            document.doc_type.name,
            document.number_notation,
            document.issued_on,
            document.subject,
            _assignments(document, by_document.get(document.pk, [])),
            headlines.get(document.pk, "").strip(),
        )
        for document in documents
    ]


def _chosen(unit: OrgUnit, period: Period, document_ids: Sequence[int] | None) -> list[Document]:
    candidates = list(press_candidates(unit=unit, period_start=period.start, period_end=period.end))
    if not candidates:
        raise _invalid("documents", _("No directive of this unit was issued in the period."))
    if document_ids is None:
        return candidates
    wanted = set(document_ids)
    if not wanted:
        raise _invalid("documents", _("Tick at least one directive of the period."))
    if not wanted <= {document.pk for document in candidates}:
        raise _invalid("documents", _("Choose directives of this unit issued in the period."))
    return [document for document in candidates if document.pk in wanted]


def _check_period(period: Period) -> None:
    if period.start > period.end:
        raise _invalid("period_end", _("The start of the period comes after its end."))
    if (period.end - period.start).days >= MAX_PERIOD_DAYS:
        message = _("Choose a period of %(days)s days at most.") % {"days": MAX_PERIOD_DAYS}
        raise _invalid("period_end", message)


def press_release_create(
    *,
    actor: Any,
    unit: OrgUnit,
    period: Period | None = None,
    document_ids: Sequence[int] | None = None,
) -> PressRelease:
    """Draft the press release of ``unit`` on its directives of ``period`` (default: the past
    working week), all of them or those chosen, with a headline, paragraph and numbered
    assignments drafted from each. A draft already open for the same period is returned
    instead of a second one (double submission)."""
    require_office(actor, unit)
    period = period or press_default_period()
    _check_period(period)
    today = timezone.localdate()
    with transaction.atomic():
        _lock_register(unit)
        existing = PressRelease.objects.filter(
            unit=unit, period_start=period.start, period_end=period.end, status=ReleaseStatus.DRAFT
        ).first()
        if existing is not None:
            return existing
        documents = _chosen(unit, period, document_ids)
        committee = committee_name(name=unit.name, kind=unit.kind)
        release = PressRelease.objects.create(
            unit=unit,
            issued_on=today,
            period_start=period.start,
            period_end=period.end,
            title=release_title(period, committee),
            items=[release_item(facts, committee) for facts in _facts(documents)],
            recipients_text=DEFAULT_RECIPIENTS,
            created_by=actor,
        )
        release.documents.set(documents)
        event_record(
            actor=actor,
            action=AuditAction.PRESS_RELEASE_CREATED,
            obj=release,
            changes={"period": [period.start, period.end], "documents": [d.pk for d in documents]},
        )
    return release


def _locked_draft(
    release: PressRelease, expected_version: int | None, transition: str = "edit"
) -> PressRelease:
    """The release row locked, unchanged since the caller looked, and still a draft."""
    locked = row_lock(PressRelease.objects.all(), release.pk)
    version_check(
        locked,
        expected_version,
        message=_("Someone else has just changed this. Reload the page to see what changed."),
    )
    RELEASE_TRANSITIONS.check(transition, locked.status)
    return locked


def _clean_items(items: Sequence[ReleaseItem]) -> list[dict[str, Any]]:
    cleaned = []
    for index, item in enumerate(items):
        if not item.headline.strip():
            raise _invalid(f"headline_{index}", _("Each directive needs a headline."))
        cleaned.append(
            asdict(
                ReleaseItem(
                    headline=item.headline.strip(),
                    paragraph=item.paragraph.strip(),
                    assignments=tuple(line.strip() for line in item.assignments if line.strip()),
                    document_id=item.document_id,
                )
            )
        )
    if not cleaned:
        raise _invalid("items", _("Keep at least one directive in the press release."))
    for entry in cleaned:
        entry["assignments"] = list(entry["assignments"])
    return cleaned


def press_release_update(
    *,
    actor: Any,
    release: PressRelease,
    expected_version: int | None,
    title: str,
    issued_on: datetime.date,
    items: Sequence[ReleaseItem],
    recipients_text: str,
) -> PressRelease:
    """Edit a draft: title, date, each directive's text (items left out are dropped) and the
    recipients."""
    require_office(actor, release.unit)
    if not title.strip():
        raise _invalid("title", _("This field is required."))
    cleaned = _clean_items(items)
    with transaction.atomic():
        locked = _locked_draft(release, expected_version)
        if locked.number_notation and issued_on != locked.issued_on:
            message = _("A numbered press release keeps the date it was numbered on.")
            raise _invalid("issued_on", message)
        changes = {}
        new = {
            "title": title.strip(),
            "issued_on": issued_on,
            "items": cleaned,
            "recipients_text": recipients_text.strip(),
        }
        for name, value in new.items():
            if getattr(locked, name) != value:
                changes[name] = [getattr(locked, name), value]
                setattr(locked, name, value)
        if not changes:
            return locked
        kept = {item["document_id"] for item in cleaned if item["document_id"]}
        locked.documents.set([d for d in locked.documents.all() if d.pk in kept])
        locked.version += 1
        locked.save(update_fields=[*new, "version"])
        event_record(
            actor=actor, action=AuditAction.PRESS_RELEASE_UPDATED, obj=locked, changes=changes
        )
    return locked


def release_number_take(actor: Any, release: PressRelease) -> None:
    """The next number of the unit's register (the registry's locked counter) for the year of
    today in Vietnam time, which becomes the release's date."""
    issued_on, year = register_year(timezone.now(), VN_TZ)
    number = register_next_number(unit=release.unit, series=NumberSeries.GENERAL, year=year)
    abbreviation = issuer_abbreviation(kind=release.unit.kind, short_name=release.unit.short_name)
    changes = {"number_notation": number_notation(number, abbreviation)}
    if issued_on != release.issued_on:
        changes["issued_on"] = [release.issued_on, issued_on]
    release.number_notation = changes["number_notation"]
    release.issued_on = issued_on
    event_record(
        actor=actor, action=AuditAction.PRESS_RELEASE_NUMBERED, obj=release, changes=changes
    )


def press_release_number(
    *, actor: Any, release: PressRelease, expected_version: int | None = None
) -> PressRelease:
    """Give a draft the next number of its unit's press releases of the year (locked
    counter); a numbered release keeps its number."""
    require_office(actor, release.unit)
    with transaction.atomic():
        locked = _locked_draft(release, expected_version, "number")
        if locked.number_notation:
            return locked
        release_number_take(actor, locked)
        locked.version += 1
        locked.save(update_fields=["number_notation", "issued_on", "version"])
    return locked


def press_release_publish(
    *, actor: Any, release: PressRelease, expected_version: int | None
) -> PressRelease:
    """Number the release if needed and publish it on the portal. Publishing twice (a retry)
    changes nothing."""
    require_office(actor, release.unit)
    with transaction.atomic():
        current = row_lock(PressRelease.objects.all(), release.pk)
        if current.status == ReleaseStatus.PUBLISHED:
            return current
        locked = _locked_draft(current, expected_version, "publish")
        if not locked.number_notation:
            release_number_take(actor, locked)
        locked.status = RELEASE_TRANSITIONS.target("publish", locked.status)
        locked.published_at = timezone.now()
        locked.version += 1
        locked.save(
            update_fields=["number_notation", "issued_on", "status", "published_at", "version"]
        )
        event_record(
            actor=actor,
            action=AuditAction.PRESS_RELEASE_PUBLISHED,
            obj=locked,
            changes={"number_notation": locked.number_notation},
        )
    return locked
