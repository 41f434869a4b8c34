"""The city office's record of the province's governance-index standings (PAPI, PCI, SIPAS,
PAR INDEX, DTI): each year's total or dimension score and rank with its source, the plan's
target, and the unit responsible for each dimension. Checked against the version the editor
saw (``audit.versioned``); one audit entry per change."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.audit.services import event_record
from egov.audit.versioned import row_lock, version_check, versioned_update
from egov.orgs.choices import UnitKind
from egov.orgs.models import OrgUnit
from egov.surveys.choices import SurveyAuditAction
from egov.surveys.exceptions import SurveyRefused
from egov.surveys.models import DimensionOwner, Standing
from egov.surveys.services.common import require_unit
from egov.surveys.standings import INDEXES, GovernanceIndex

FIRST_YEAR = 2005
PROVINCES_MAX = 63  # 63 provinces until 2025, 34 since: a rank is at most 63


def _index_and_dimension(index: str, dimension: str) -> tuple[GovernanceIndex, dict[str, str]]:
    problems: dict[str, str] = {}
    known = INDEXES.get(index)
    if known is None:
        raise SurveyRefused(_("There is no such index."), fields={"index": _("Pick an index.")})
    if dimension and known.dimension(dimension) is None:
        problems["dimension"] = _("This index has no such dimension.")
    return known, problems


def _score_problem(known: GovernanceIndex, dimension: str, value: Decimal | None) -> str | None:
    ceiling = known.dimension_max if dimension else known.total_max
    if value is None or ceiling is None or Decimal(0) <= value <= ceiling:
        return None
    return _("A score from 0 to %(max)s.") % {"max": ceiling}


def _standing_problems(
    known: GovernanceIndex, year: int, dimension: str, values: dict[str, Any]
) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not FIRST_YEAR <= year <= timezone.localdate().year + 10:
        problems["year"] = _("A year from 2005 to ten years from now.")
    for name in ("score", "target_score"):
        if problem := _score_problem(known, dimension, values[name]):
            problems[name] = problem
    for name in ("rank", "target_rank"):
        rank = values[name]
        if rank is not None and not 1 <= rank <= PROVINCES_MAX:
            problems[name] = _("A rank from 1 to 63.")
    if values["score"] is not None and not values["source"]:
        problems["source"] = _("Name the publication the score comes from.")
    if all(values[n] in (None, "") for n in ("score", "rank", "target_score", "target_rank")):
        problems["score"] = _("Enter a score, a rank or a target.")
    return problems


def _require_province(actor: Any, province: OrgUnit) -> None:
    if province.kind != UnitKind.PROVINCE:
        raise SurveyRefused(_("Index standings are kept for a province or city."))
    require_unit(actor, province)


def standing_record(
    *,
    actor: Any,
    province: OrgUnit,
    index: str,
    year: int,
    dimension: str = "",
    score: Decimal | None = None,
    rank: int | None = None,
    source: str = "",
    target_score: Decimal | None = None,
    target_rank: int | None = None,
    target_plan: str = "",
    expected_version: int | None = None,
) -> Standing:
    """Record (or correct) the province's standing in ``index`` for ``year``: the total
    (``dimension`` blank) or a dimension. On a standing recorded before, what is left blank
    stays as it was (a target added later keeps the score). A score needs its source. A
    correction is checked against the version the editor saw."""
    _require_province(actor, province)
    known, problems = _index_and_dimension(index, dimension)
    given = {
        "score": score,
        "rank": rank,
        "source": source.strip(),
        "target_score": target_score,
        "target_rank": target_rank,
        "target_plan": target_plan.strip(),
    }
    key = {"province": province, "index": index, "year": year, "dimension": dimension}
    with transaction.atomic():
        existing = Standing.objects.filter(**key).first()
        locked = row_lock(Standing.objects, existing.pk) if existing else None
        if locked is not None:
            version_check(locked, expected_version, item=str(locked))
        values = {
            name: getattr(locked, name) if locked is not None and value in (None, "") else value
            for name, value in given.items()
        }
        problems.update(_standing_problems(known, year, dimension, values))
        if problems:
            raise SurveyRefused(_("The standing was not recorded."), fields=problems)
        if locked is not None:
            return versioned_update(
                actor=actor, row=locked, action=SurveyAuditAction.STANDING_RECORDED, fields=values
            )
        standing = Standing.objects.create(**key, **values)
        event_record(
            actor=actor,
            action=SurveyAuditAction.STANDING_RECORDED,
            obj=standing,
            changes={k: str(v) for k, v in values.items() if v not in (None, "")},
        )
    return standing


def dimension_owner_set(
    *, actor: Any, province: OrgUnit, index: str, dimension: str, unit: OrgUnit
) -> DimensionOwner:
    """Name the unit of the province responsible for improving one dimension of an index."""
    _require_province(actor, province)
    _known, problems = _index_and_dimension(index, dimension)
    if not dimension:
        problems["dimension"] = _("Pick a dimension.")
    if not unit.path.startswith(province.path):
        problems["unit"] = _("Pick a unit of this province.")
    if problems:
        raise SurveyRefused(_("The responsible unit was not set."), fields=problems)
    with transaction.atomic():
        owner = (
            DimensionOwner.objects.select_for_update()
            .filter(province=province, index=index, dimension=dimension)
            .first()
        )
        before = owner.unit_id if owner else None
        if owner is None:
            owner = DimensionOwner.objects.create(
                province=province, index=index, dimension=dimension, unit=unit
            )
        else:
            owner.unit = unit
            owner.save(update_fields=["unit"])
        event_record(
            actor=actor,
            action=SurveyAuditAction.DIMENSION_OWNER_SET,
            obj=owner,
            changes={"unit": [before, unit.pk], "index": index, "dimension": dimension},
        )
    return owner
