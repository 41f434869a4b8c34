"""Reads of the agency public pages (Decree 43/2011/NĐ-CP art. 10). The page gathers what each
module holds about a unit: the org tree (leaders, organisation chart), the catalog (its
procedures), directives (its press releases), feedback (its answered questions) and its own
profile and announcements; the portal is the one layer that may read them all."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404

from egov.directives.models import PressRelease
from egov.directives.press.selectors import press_release_published
from egov.feedback.models import Question
from egov.feedback.selectors import answer_search, report_answered_count
from egov.onestop.models import Procedure
from egov.onestop.selectors import procedure_list_for_unit
from egov.orgs.access import can_act_for_unit
from egov.orgs.choices import UnitStatus
from egov.orgs.models import Membership, OrgUnit
from egov.orgs.selectors import (
    orgunit_ancestors,
    orgunit_children_public,
    orgunit_get_public,
    orgunit_leaders,
)
from egov.portal.choices import PostKind
from egov.portal.models import UnitPost, UnitProfile

#: How many of each list the page shows; the rest is behind "all of them" links.
PAGE_ITEMS = 20


@dataclass(frozen=True)
class UnitPage:
    """Everything the public page of one unit shows."""

    unit: OrgUnit
    profile: UnitProfile | None
    parents: list[OrgUnit]
    children: list[OrgUnit]
    leaders: list[Membership]
    procedures: list[Procedure]
    press_releases: list[PressRelease]
    announcements: list[UnitPost]
    plans: list[UnitPost]
    answers: list[Question]
    answered_reports: int
    may_edit: bool


def unit_page_get(user: object, pk: int) -> UnitPage:
    """The public page of the active unit ``pk`` (404 for a closed or unknown one); its
    officers also get ``may_edit``."""
    unit = orgunit_get_public(pk)
    posts = list(UnitPost.objects.published().filter(unit=unit)[: PAGE_ITEMS * 2])
    return UnitPage(
        unit=unit,
        profile=UnitProfile.objects.filter(unit=unit).first(),
        parents=orgunit_ancestors(unit),
        children=orgunit_children_public(unit),
        leaders=orgunit_leaders(unit),
        procedures=procedure_list_for_unit(unit),
        press_releases=list(press_release_published().filter(unit=unit)[:PAGE_ITEMS]),
        announcements=[p for p in posts if p.kind == PostKind.ANNOUNCEMENT][:PAGE_ITEMS],
        plans=[p for p in posts if p.kind != PostKind.ANNOUNCEMENT][:PAGE_ITEMS],
        answers=list(answer_search(unit=unit)[:PAGE_ITEMS]),
        answered_reports=report_answered_count(unit),
        may_edit=unit_page_may_edit(user, unit),
    )


def unit_page_may_edit(user: object, unit: OrgUnit) -> bool:
    """The unit's own officers (and those over it) edit its page."""
    return bool(getattr(user, "is_authenticated", False)) and can_act_for_unit(user, unit)


def unit_post_get_public(unit_pk: int, pk: int) -> UnitPost:
    """A published announcement, plan or programme of an active unit, or 404."""
    post = (
        UnitPost.objects.published()
        .select_related("unit")
        .filter(pk=pk, unit_id=unit_pk, unit__status=UnitStatus.ACTIVE)
        .first()
    )
    if post is None:
        raise Http404
    return post


def unit_post_list_for_editor(user: object, unit: OrgUnit) -> list[UnitPost]:
    """Every post of ``unit``, drafts included, for its officers; 404 for anyone else."""
    if not unit_page_may_edit(user, unit):
        raise Http404
    return list(UnitPost.objects.filter(unit=unit).order_by("-created_at", "-pk")[:200])


def unit_post_get_for_editor(user: object, unit: OrgUnit, pk: int) -> UnitPost:
    """A post of ``unit`` (draft or published) for its officers; 404 for anyone else."""
    if not unit_page_may_edit(user, unit):
        raise Http404
    post = UnitPost.objects.filter(unit=unit, pk=pk).select_related("unit").first()
    if post is None:
        raise Http404
    return post
