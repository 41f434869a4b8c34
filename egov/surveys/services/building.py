"""Starting a survey (from the SIPAS template or empty) and changing its settings and the
weights of its factors."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from egov.audit.services import event_record
from egov.orgs.models import OrgUnit
from egov.surveys.choices import SurveyAuditAction
from egov.surveys.exceptions import SurveyRefused
from egov.surveys.models import Question, Section, Survey
from egov.surveys.services.common import require_draft, require_unit
from egov.surveys.sipas import SIPAS_TEMPLATE


def _next_family() -> int:
    return (Survey.objects.aggregate(top=Max("family"))["top"] or 0) + 1


def _choices(items: Sequence[Mapping[str, str]]) -> list[dict[str, str]]:
    return [{"value": i["value"], "vi": i["vi"], "en": i.get("en", "")} for i in items]


def _build(survey: Survey, template: Mapping[str, Any]) -> None:
    for s_order, section_data in enumerate(template["sections"], start=1):
        section = Section.objects.create(
            survey=survey,
            order=s_order,
            code=section_data["code"],
            title_vi=section_data["vi"],
            title_en=section_data.get("en", ""),
        )
        for q_order, q in enumerate(section_data["questions"], start=1):
            Question.objects.create(
                section=section,
                order=q_order,
                code=q["code"],
                kind=q["kind"],
                text_vi=q["vi"],
                text_en=q.get("en", ""),
                is_required=q.get("required", False),
                is_scored=q.get("scored", False),
                options=_choices(q.get("options", [])),
                rows=[
                    {"code": r["code"], "vi": r["vi"], "en": r.get("en", "")}
                    for r in q.get("rows", [])
                ],
                min_value=q.get("min"),
                max_value=q.get("max"),
                show_if=q.get("show_if", {}),
            )


def survey_create_from_template(*, actor: Any, unit: OrgUnit) -> Survey:
    """A draft survey of ``unit`` copied from the SIPAS template (five factors)."""
    require_unit(actor, unit)
    with transaction.atomic():
        survey = Survey.objects.create(
            unit=unit,
            family=_next_family(),
            title_vi=SIPAS_TEMPLATE["title_vi"],
            title_en=SIPAS_TEMPLATE["title_en"],
            intro_vi=SIPAS_TEMPLATE["intro_vi"],
            intro_en=SIPAS_TEMPLATE["intro_en"],
        )
        _build(survey, SIPAS_TEMPLATE)
        event_record(
            actor=actor,
            action=SurveyAuditAction.SURVEY_CREATED,
            obj=survey,
            changes={"template": "sipas", "unit": unit.pk},
        )
    return survey


def survey_create_blank(*, actor: Any, unit: OrgUnit, title_vi: str, title_en: str = "") -> Survey:
    """An empty draft survey of ``unit`` with one section."""
    require_unit(actor, unit)
    with transaction.atomic():
        survey = Survey.objects.create(
            unit=unit, family=_next_family(), title_vi=title_vi.strip(), title_en=title_en.strip()
        )
        Section.objects.create(survey=survey, order=1, code="main", title_vi=title_vi.strip())
        event_record(
            actor=actor,
            action=SurveyAuditAction.SURVEY_CREATED,
            obj=survey,
            changes={"template": "", "unit": unit.pk},
        )
    return survey


SETTINGS_ALWAYS = ("is_for_invitations", "sample_every", "monthly_quota", "invitation_days")
SETTINGS_DRAFT = (
    "title_vi",
    "title_en",
    "intro_vi",
    "intro_en",
    "satisfied_from",
    "respondent_threshold",
    "min_answers",
)


def survey_update(*, actor: Any, survey: Survey, **fields: Any) -> Survey:
    """Change a survey's settings: the sampling at any time; texts and scoring in a draft."""
    require_unit(actor, survey.unit)
    unknown = set(fields) - set(SETTINGS_ALWAYS) - set(SETTINGS_DRAFT)
    if unknown:
        raise SurveyRefused(_("These settings cannot be changed."))
    if set(fields) & set(SETTINGS_DRAFT):
        changed = {k for k in fields if k in SETTINGS_DRAFT and getattr(survey, k) != fields[k]}
        if changed:
            require_draft(survey)
    if fields.get("sample_every") is not None and fields["sample_every"] < 1:
        raise SurveyRefused(
            _("Invite at least every dossier (1) or fewer."),
            fields={"sample_every": _("At least 1.")},
        )
    with transaction.atomic():
        before = {k: getattr(survey, k) for k in fields}
        for key, value in fields.items():
            setattr(survey, key, value)
        survey.save(update_fields=list(fields))
        diff = {k: [str(before[k]), str(v)] for k, v in fields.items() if before[k] != v}
        if diff:
            event_record(
                actor=actor, action=SurveyAuditAction.SURVEY_CHANGED, obj=survey, changes=diff
            )
    return survey
