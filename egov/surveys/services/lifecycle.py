"""Publishing (freezing), closing, new versions and the publication of results."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.audit.services import event_record
from egov.surveys.choices import SurveyAuditAction, SurveyStatus
from egov.surveys.exceptions import SurveyRefused
from egov.surveys.models import Question, Survey
from egov.surveys.services.common import require_unit


def _transition(actor: Any, survey: Survey, to: str, action: str, **extra: Any) -> Survey:
    with transaction.atomic():
        locked = Survey.objects.select_for_update().get(pk=survey.pk)
        before = locked.status
        locked.status = to
        for key, value in extra.items():
            setattr(locked, key, value)
        locked.save(update_fields=["status", *extra])
        event_record(actor=actor, action=action, obj=locked, changes={"status": [before, to]})
    return locked


def survey_publish(*, actor: Any, survey: Survey) -> Survey:
    """Publish a draft: it is frozen from now on and takes answers. An earlier published
    version of the same survey is closed."""
    require_unit(actor, survey.unit)
    if survey.status != SurveyStatus.DRAFT:
        raise SurveyRefused(_("Only a draft can be published."))
    if not Question.objects.filter(section__survey=survey).exists():
        raise SurveyRefused(_("A survey needs at least one question."))
    with transaction.atomic():
        for older in Survey.objects.filter(
            family=survey.family, status=SurveyStatus.PUBLISHED
        ).exclude(pk=survey.pk):
            _transition(actor, older, SurveyStatus.CLOSED, SurveyAuditAction.SURVEY_CLOSED)
        return _transition(
            actor,
            survey,
            SurveyStatus.PUBLISHED,
            SurveyAuditAction.SURVEY_PUBLISHED,
            published_at=timezone.now(),
        )


def survey_close(*, actor: Any, survey: Survey) -> Survey:
    """Close a published survey: it takes no more answers."""
    require_unit(actor, survey.unit)
    if survey.status != SurveyStatus.PUBLISHED:
        raise SurveyRefused(_("Only a published survey can be closed."))
    return _transition(actor, survey, SurveyStatus.CLOSED, SurveyAuditAction.SURVEY_CLOSED)


def survey_new_version(*, actor: Any, survey: Survey) -> Survey:
    """A draft copy of a frozen survey, the next version of the same family."""
    require_unit(actor, survey.unit)
    if not survey.is_frozen:
        raise SurveyRefused(_("This version is still a draft: change it directly."))
    if Survey.objects.filter(family=survey.family, status=SurveyStatus.DRAFT).exists():
        raise SurveyRefused(_("A draft of the next version exists already."))
    copied = [
        "unit",
        "family",
        "title_vi",
        "title_en",
        "intro_vi",
        "intro_en",
        "satisfied_from",
        "respondent_threshold",
        "min_answers",
        "is_for_invitations",
        "sample_every",
        "monthly_quota",
        "invitation_days",
    ]
    with transaction.atomic():
        top = Survey.objects.filter(family=survey.family).aggregate(v=Max("version"))["v"]
        draft = Survey.objects.create(
            version=top + 1, **{name: getattr(survey, name) for name in copied}
        )
        for section in survey.sections.prefetch_related("questions"):
            questions = list(section.questions.all())
            section.pk, section.survey, section.version = None, draft, 1
            section.save()
            for question in questions:
                question.pk, question.section, question.version = None, section, 1
                question.save()
        event_record(
            actor=actor,
            action=SurveyAuditAction.SURVEY_VERSIONED,
            obj=draft,
            changes={"from_version": survey.version, "version": draft.version},
        )
    return draft


def survey_results_publish(*, actor: Any, survey: Survey, published: bool = True) -> Survey:
    """Show (or withdraw) the survey's figures on the agency's public page."""
    require_unit(actor, survey.unit)
    if published and survey.status == SurveyStatus.DRAFT:
        raise SurveyRefused(_("A draft has no results to publish."))
    with transaction.atomic():
        survey.results_published = published
        survey.save(update_fields=["results_published"])
        event_record(
            actor=actor,
            action=SurveyAuditAction.RESULTS_PUBLISHED,
            obj=survey,
            changes={"results_published": published},
        )
    return survey
