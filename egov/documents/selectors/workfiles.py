"""Who sees and works on file lists and work files, and what their pages show.

A unit's file lists and work files are seen by the members of the unit (and of the division
keeping a file), with the reach of their roles. In a file, a secret document the officer may
not read shows only that it exists (its place, no number, summary or link).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from egov.accounts.models import User
from egov.audit.selectors import history_for_object
from egov.documents import rules_workfiles as rules
from egov.documents.choices import WorkFileStatus
from egov.documents.models import Document, FileList, FileListEntry, WorkFile, WorkFileItem
from egov.documents.selectors.access import document_scope
from egov.documents.selectors.permissions import acts_for
from egov.orgs.access import reach_of, scope_to_units
from egov.orgs.choices import Role
from egov.orgs.models import Membership, OrgUnit

LIST_CLERKS = (Role.CLERK,)
LIST_APPROVERS = (Role.UNIT_HEAD,)
WORKERS = (Role.SPECIALIST, Role.DIVISION_HEAD, Role.UNIT_HEAD, Role.CLERK)
HANDOVER = (Role.DIVISION_HEAD, Role.UNIT_HEAD)


def may_work_on(user: User, work_file: WorkFile) -> bool:
    """The person responsible, or an officer of the division keeping the file."""
    return user.pk == work_file.responsible_id or acts_for(user, work_file.handling_unit, WORKERS)


def may_hand_over(user: User, work_file: WorkFile) -> bool:
    return acts_for(user, work_file.handling_unit, HANDOVER)


def file_list_scope(user: User) -> QuerySet[FileList]:
    """Lists of units within reach, and lists naming a division within reach as the keeper of
    one of their files (its officers open those files from the list)."""
    reach = reach_of(user)
    if reach.is_empty:
        return FileList.objects.none()
    keeps = Exists(
        FileListEntry.objects.filter(file_list=OuterRef("pk")).filter(reach.q("handling_unit"))
    )
    return FileList.objects.select_related("unit").filter(reach.q("unit") | Q(keeps))


def file_list_get_for_user(user: User, pk: int) -> FileList:
    found = file_list_scope(user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def work_file_scope(user: User, qs: QuerySet[WorkFile] | None = None) -> QuerySet[WorkFile]:
    """Files of units within the user's reach (the list's unit or the keeping division)."""
    qs = WorkFile.objects.all() if qs is None else qs
    reach = reach_of(user)
    if reach.is_empty:
        return qs.none()
    return qs.filter(reach.q("unit") | reach.q("handling_unit"))


@dataclass(frozen=True)
class DueRow:
    """A closed file due for the agency archive, and the last day to hand it over."""

    work_file: WorkFile
    due_on: datetime.date
    late: bool


def due_for_archive(user: User, today: datetime.date, limit: int = 100) -> list[DueRow]:
    """Closed files within reach whose handover is due within the notice period, or late,
    the earliest first."""
    files = (
        work_file_scope(user)
        .filter(status=WorkFileStatus.CLOSED, closed_on__lte=rules.archive_notice_cutoff(today))
        .select_related("handling_unit")
        .order_by("closed_on", "code")[:limit]
    )
    rows = []
    for work_file in files:
        due_on = rules.handover_due(work_file.closed_on)
        rows.append(DueRow(work_file, due_on, due_on < today))
    return rows


def work_file_get_for_user(user: User, pk: int) -> WorkFile:
    found = (
        work_file_scope(user)
        .select_related("unit", "handling_unit", "responsible", "entry", "handover_record")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404
    return found


def open_files_for(user: User, document: Document) -> QuerySet[WorkFile]:
    """Open files ``user`` may file ``document`` into: those they work on."""
    reach = reach_of(user, roles=WORKERS)
    query = Q(responsible=user)
    if not reach.is_empty:
        query |= reach.q("handling_unit")
    return WorkFile.objects.filter(query, status=WorkFileStatus.OPEN).order_by("-opened_on", "code")


@dataclass
class FiledRow:
    """A filed document as the file's page shows it: ``document`` is None when the officer
    may not read it (a secret document: only its place and filing date are shown)."""

    order: int
    item: WorkFileItem
    document: Document | None


@dataclass
class WorkFilePage:
    work_file: WorkFile
    rows: list[FiledRow]
    workers: list[Any]
    history: list[Any] = field(default_factory=list)
    hidden: int = 0


def filed_rows(user: User | None, work_file: WorkFile) -> list[FiledRow]:
    """The file's documents in chronological order (issue or arrival day, then filing);
    ``user`` None: every document readable (the export, the handover record)."""
    items = list(
        WorkFileItem.objects.filter(work_file=work_file).select_related(
            "document", "document__doc_type", "filed_by"
        )
    )
    ids = [i.document_id for i in items]
    readable = set(
        ids
        if user is None
        else document_scope(user).filter(pk__in=ids).values_list("pk", flat=True)
    )

    def when(item: WorkFileItem) -> tuple[Any, ...]:
        d = item.document
        day = d.issued_on or (d.arrived_at.date() if d.arrived_at else d.created_at.date())
        return (day, item.filed_at, item.pk)

    items.sort(key=when)
    return [
        FiledRow(i + 1, item, item.document if item.document_id in readable else None)
        for i, item in enumerate(items)
    ]


def work_file_page(user: User, pk: int) -> WorkFilePage:
    work_file = work_file_get_for_user(user, pk)
    rows = filed_rows(user, work_file)
    history = history_for_object(work_file)
    workers: dict[int, Any] = {}
    for event in history:
        actor = getattr(event, "actor", None)
        if actor is not None:
            workers.setdefault(actor.pk, actor)
    for row in rows:
        if row.item.filed_by is not None:
            workers.setdefault(row.item.filed_by.pk, row.item.filed_by)
    return WorkFilePage(
        work_file=work_file,
        rows=rows,
        workers=list(workers.values()),
        history=history,
        hidden=sum(1 for r in rows if r.document is None),
    )


def entries_of(file_list: FileList) -> list[FileListEntry]:
    return list(
        FileListEntry.objects.filter(file_list=file_list)
        .select_related("handling_unit", "responsible", "work_file")
        .order_by("heading", "notation")
    )


def list_units_for(user: User) -> QuerySet[OrgUnit]:
    """Agencies whose file list ``user`` may draft (as their clerk)."""
    from egov.orgs.levels import NON_ISSUING_KINDS

    units = scope_to_units(OrgUnit.objects.active(), user, unit_field="self", roles=LIST_CLERKS)
    return units.exclude(kind__in=NON_ISSUING_KINDS).order_by("path")


def entry_units(file_list: FileList) -> QuerySet[OrgUnit]:
    """Divisions that may keep a file of the list: the list's unit and the units below it."""
    return OrgUnit.objects.active().subtree_of(file_list.unit).order_by("path")


def entry_people(file_list: FileList) -> QuerySet[User]:
    ids = (
        Membership.objects.current()
        .filter(unit__path__startswith=file_list.unit.path)
        .values("user_id")
    )
    return User.objects.filter(pk__in=ids, is_active=True).order_by("full_name")


def archive_search(
    user: User, *, q: str = "", year: int | None = None, unit: OrgUnit | None = None
) -> QuerySet[WorkFile]:
    """Files kept in the archive within the user's reach, searched by the File metadata (code,
    title, heading: accent-insensitive words), year and unit."""
    from egov.documents.rules import search_terms

    found = work_file_scope(user).filter(status=WorkFileStatus.ARCHIVED)
    for term in search_terms(q):
        found = found.filter(search_text__contains=term)
    if year:
        found = found.filter(year=year)
    if unit is not None:
        found = found.filter(unit__path__startswith=unit.path)
    return found.select_related("unit", "handling_unit").order_by("-archived_on", "code")


def file_list_units_for(user: User) -> QuerySet[OrgUnit]:
    """Units within ``user``'s reach, for the archive's unit filter."""
    return scope_to_units(OrgUnit.objects.active(), user, unit_field="self").order_by("path")


def work_file_panel(user: User, document: Document) -> Any:
    """The document page's "Work file" section: the file it is filed in, if the officer sees
    that file."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from egov.documents.panels import Panel, PanelRow

    item = WorkFileItem.objects.filter(document=document).select_related("work_file").first()
    if item is None or not work_file_scope(user).filter(pk=item.work_file_id).exists():
        return None
    work_file = item.work_file
    row = PanelRow(
        label=f"{work_file.code} — {work_file.title}",
        url=reverse("documents:work-file", args=[work_file.pk]),
        note=str(work_file.get_status_display()),
    )
    return Panel(title=_("Work file"), rows=(row,))


def disposal_actions(user: User, work_file: WorkFile) -> set[str]:
    """What the page offers on an archived file: the clerk or a head marks a permanent file
    or proposes one past its retention; the head of the unit records the council's decision."""
    from django.utils import timezone

    from egov.documents.rules_workfiles import DISPOSAL_TRANSITIONS, retention_ends

    if work_file.status != WorkFileStatus.ARCHIVED:
        return set()
    allowed = set()
    state = work_file.disposal
    if acts_for(user, work_file.unit, LIST_CLERKS + HANDOVER):
        if work_file.retention_years is None:
            if DISPOSAL_TRANSITIONS.can("mark_historical", state):
                allowed.add("mark_historical")
        else:
            ends = retention_ends(work_file.end_date, work_file.retention_years)
            if (
                DISPOSAL_TRANSITIONS.can("propose_destruction", state)
                and ends <= timezone.localdate()
            ):
                allowed.add("propose_destruction")
    if DISPOSAL_TRANSITIONS.can("destroy", state) and acts_for(
        user, work_file.unit, LIST_APPROVERS
    ):
        allowed.add("decide_destruction")
    return allowed
