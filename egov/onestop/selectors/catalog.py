"""Reads of the procedure catalog. The catalog is public: these need no actor."""

from __future__ import annotations

import datetime

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from egov.common.text import fold
from egov.onestop.models import Field, Procedure, ProcedureFee, RequiredDocument
from egov.onestop.selectors.online_offer import online_levels_offered
from egov.orgs.levels import ADMINISTRATIVE_KINDS, level_of
from egov.orgs.models import OrgUnit


def _today(on: datetime.date | None) -> datetime.date:
    return on or timezone.localdate()


def procedure_list_public(
    *,
    query: str = "",
    level: str = "",
    field_code: str = "",
    online_level: str = "",
    on: datetime.date | None = None,
) -> QuerySet[Procedure]:
    """The current version of each published procedure, searched accent-insensitively
    (every word of ``query`` in the code, name or field) and filtered; ``online_level`` is the
    level the portal really offers (``online_offer.online_level_offered``)."""
    day = _today(on)
    qs = Procedure.objects.current(day).search(query)
    if level:
        qs = qs.filter(level=level)
    if field_code:
        qs = qs.filter(field__code=field_code)
    if online_level:
        candidates = qs.only(
            "pk",
            "code",
            "level",
            "channels",
            "online_level",
            "working_days",
            "is_active",
            "effective_from",
            "effective_to",
        )
        levels = online_levels_offered(candidates, day)
        qs = qs.filter(pk__in=[pk for pk, offered in levels.items() if offered == online_level])
    return qs.select_related("field").order_by("field__name", "name", "code")


def procedure_list_for_unit(unit: OrgUnit, *, on: datetime.date | None = None) -> list[Procedure]:
    """The current procedures ``unit`` is competent for (its page, Decree 43/2011 art. 10): a
    People's Committee has those of its level for its kind of unit (or for no kind named); a
    department or division has those of its level for its kind whose competent authority names
    it (the catalog names the competent body in words, e.g. "Sở Tư pháp")."""
    level = level_of(unit)
    if level is None:
        return []
    qs = (
        Procedure.objects.current(_today(on))
        .filter(level=level)
        .select_related("field")
        .order_by("field__name", "name", "code")
    )
    if unit.kind in ADMINISTRATIVE_KINDS:
        return list(qs.filter(Q(competent_unit_kind=unit.kind) | Q(competent_unit_kind="")))
    return [p for p in qs.filter(competent_unit_kind=unit.kind) if _names(p, unit)]


def _names(procedure: Procedure, unit: OrgUnit) -> bool:
    """True if the procedure's competent authority names ``unit`` (accents and case aside)."""
    return fold(unit.name) in fold(procedure.competent_authority)


def competent_unit_for(procedure: Procedure) -> OrgUnit | None:
    """The one active unit competent for ``procedure``, read as :func:`procedure_list_for_unit`
    reads the other way: the department or division its competent authority names, or the
    People's Committee of its level when there is only one (the city). None when every
    commune's (or district's) committee handles it — the applicant's own is competent — or
    when no single unit is named (a division's name repeated in every commune)."""
    kind = procedure.competent_unit_kind
    if not kind:
        return None
    candidates = OrgUnit.objects.active().filter(kind=kind).order_by("path")
    if kind in ADMINISTRATIVE_KINDS:
        named = list(candidates[:2])
    else:
        named = [u for u in candidates if _names(procedure, u)]
    found = [u for u in named if level_of(u) == procedure.level]
    return found[0] if len(found) == 1 else None


def _with_children(qs: QuerySet[Procedure]) -> QuerySet[Procedure]:
    return qs.select_related("field").prefetch_related(
        Prefetch("fees", queryset=ProcedureFee.objects.order_by("order", "pk")),
        Prefetch("documents", queryset=RequiredDocument.objects.order_by("order", "pk")),
    )


def procedure_get_public(
    code: str, *, version: int | None = None, on: datetime.date | None = None
) -> Procedure:
    """A published version with its fees and documents: the current one, or ``version``.
    404 if there is none."""
    qs = _with_children(Procedure.objects.active().filter(code=code))
    if version is not None:
        return get_object_or_404(qs, version=version)
    procedure = qs.current(_today(on)).first()
    if procedure is None:
        raise Http404
    return procedure


def procedure_in_force(code: str, on: datetime.date) -> Procedure | None:
    """The version of ``code`` in force on ``on`` (the one a dossier received that day keeps),
    or ``None`` when the procedure did not apply that day."""
    return (
        Procedure.objects.in_force_on(on)
        .filter(code=code)
        .select_related("field")
        .order_by("-version")
        .first()
    )


def procedure_versions_public(code: str) -> list[Procedure]:
    """The published versions of a code, newest first (for the detail page)."""
    return list(
        Procedure.objects.active()
        .filter(code=code)
        .order_by("-version")
        .only("code", "version", "effective_from", "effective_to")
    )


def field_list_public() -> list[Field]:
    """Fields that have at least one published procedure, by name."""
    return list(Field.objects.filter(procedures__is_active=True).distinct().order_by("name"))


def document_template_get_public(code: str, document_id: int) -> RequiredDocument:
    """A template file of a published procedure's document, or 404."""
    document = get_object_or_404(
        RequiredDocument.objects.select_related("procedure"),
        pk=document_id,
        procedure__code=code,
        procedure__is_active=True,
    )
    if not document.template_file:
        raise Http404
    return document
