"""Reads of the press releases: the office's own (scoped to the units it acts for), the
directives a release may cover, and the published releases everyone may read on the portal."""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from egov.directives.choices import ReleaseStatus
from egov.directives.models import PressRelease, Task
from egov.documents.choices import Direction, DocumentStatus
from egov.documents.models import Document
from egov.orgs.access import reach_of
from egov.orgs.choices import Role
from egov.orgs.levels import ADMINISTRATIVE_KINDS
from egov.orgs.models import OrgUnit

# The office of a People's Committee drafts and publishes its press releases.
PRESS_ROLES = (Role.CLERK, Role.SPECIALIST, Role.DIVISION_HEAD, Role.UNIT_HEAD)


def press_units_for(user: object) -> QuerySet[OrgUnit]:
    """The People's Committees (city, district, commune) whose press releases ``user`` may
    draft: those within their reach through an office role, highest first."""
    reach = reach_of(user, roles=PRESS_ROLES)
    if reach.is_empty:
        return OrgUnit.objects.none()
    return (
        OrgUnit.objects.active()
        .filter(reach.q("self"), kind__in=ADMINISTRATIVE_KINDS)
        .order_by("depth", "path")
    )


def press_release_list_for_user(user: object) -> QuerySet[PressRelease]:
    reach = reach_of(user, roles=PRESS_ROLES)
    if reach.is_empty:
        return PressRelease.objects.none()
    return PressRelease.objects.filter(reach.q("unit")).select_related("unit")


def press_release_get_for_user(user: object, pk: int) -> PressRelease:
    """A release of a unit the user acts for as its office; anything else is a 404."""
    release = (
        press_release_list_for_user(user)
        .select_related("unit__parent", "cover_letter")
        .prefetch_related("documents")
        .filter(pk=pk)
        .first()
    )
    if release is None:
        raise Http404
    return release


def press_candidates(
    *, unit: OrgUnit, period_start: datetime.date, period_end: datetime.date
) -> QuerySet[Document]:
    """The directives of ``unit`` issued in the period: outgoing documents of its register of
    a type that assigns tasks, or assigning at least one task, oldest first. The cover letters
    of press releases are not directives."""
    assigns = Exists(Task.objects.filter(document=OuterRef("pk")))
    cover = Exists(PressRelease.objects.filter(cover_letter=OuterRef("pk")))
    return (
        Document.objects.filter(
            unit=unit,
            direction=Direction.OUTGOING,
            status=DocumentStatus.ISSUED,
            issued_on__gte=period_start,
            issued_on__lte=period_end,
        )
        .filter(Q(doc_type__assigns_tasks=True) | assigns)
        .exclude(cover)
        .select_related("doc_type")
        .order_by("issued_on", "number", "pk")
    )


def press_release_published() -> QuerySet[PressRelease]:
    """The published releases, newest first: the portal's public list."""
    return (
        PressRelease.objects.filter(status=ReleaseStatus.PUBLISHED)
        .select_related("unit__parent")
        .order_by("-issued_on", "-pk")
    )


def press_release_published_get(pk: int) -> PressRelease:
    release = press_release_published().filter(pk=pk).first()
    if release is None:
        raise Http404
    return release
