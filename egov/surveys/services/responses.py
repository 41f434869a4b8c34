"""Recording one anonymous answer."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.audit.context import RequestOrigin, current_origin
from egov.audit.services import event_record
from egov.surveys.choices import AnswerSource, SurveyAuditAction, SurveyStatus
from egov.surveys.exceptions import (
    AnswerInvalid,
    InvitationUsed,
    SurveyNotOpen,
)
from egov.surveys.models import Invitation, Response, Survey
from egov.surveys.rules import answers_check, response_score
from egov.surveys.selectors import question_specs, section_weights
from egov.surveys.services.rollup import Tally, answer_values, rollup_add


def response_submit(
    *,
    survey: Survey,
    answers: Mapping[str, Any],
    source: str = AnswerSource.PUBLIC_LINK,
    invitation: Invitation | None = None,
    procedure_code: str = "",
    channel: str = "",
) -> Response:
    """Record one anonymous answer. Refused for a survey that is not published, for answers
    that break a question's rule (422, per question) and for a used invitation. With an
    invitation the unit, procedure and channel are the invitation's; nothing names a person."""
    if survey.status != SurveyStatus.PUBLISHED:
        raise SurveyNotOpen(_("This survey is not open for answers."))
    specs = question_specs(survey)
    clean, problems = answers_check(specs, answers)
    if problems:
        raise AnswerInvalid(_("Some answers need attention."), fields=problems)
    score = response_score(
        specs,
        clean,
        weights=section_weights(survey),
        satisfied_from=survey.satisfied_from,
        respondent_threshold=survey.respondent_threshold,
    )
    unit = survey.unit
    with transaction.atomic():
        # The family's rows of the roll-up are written one answer at a time.
        Survey.objects.select_for_update().filter(pk=survey.pk).first()
        if invitation is not None:
            if invitation.survey.family != survey.family:
                raise InvitationUsed(_("This survey link is not valid."))
            claimed = Invitation.objects.filter(pk=invitation.pk, is_answered=False).update(
                is_answered=True
            )
            if not claimed:
                raise InvitationUsed(
                    _("This survey link was used already: one answer per dossier."),
                    code="link_used",
                )
            unit, source = invitation.unit, AnswerSource.INVITATION
            procedure_code, channel = invitation.procedure_code, invitation.channel
        response = Response.objects.create(
            survey=survey,
            unit=unit,
            procedure_code=procedure_code[:60],
            channel=channel[:10],
            source=source,
            submitted_on=timezone.localdate(),
            answers=clean,
            overall_score=score.overall,
            is_satisfied=score.is_satisfied,
            is_dissatisfied=score.is_dissatisfied,
        )
        kinds = {spec.code: spec.kind for spec in specs}
        rollup_add(
            family=survey.family,
            unit=unit,
            channel=response.channel,
            procedure_code=response.procedure_code,
            day=response.submitted_on,
            tally=Tally(
                responses=1,
                satisfied=int(score.is_satisfied),
                dissatisfied=int(score.is_dissatisfied),
                score_sum=score.overall or 0,
                values=answer_values(kinds, clean),
            ),
        )
        if invitation is not None:
            rollup_add(
                family=survey.family,
                unit=invitation.unit,
                channel=invitation.channel,
                procedure_code=invitation.procedure_code,
                day=invitation.sent_on,
                tally=Tally(invitations_answered=1),
            )
        # Anonymous by construction: the entry keeps neither the address nor the browser.
        origin = current_origin.set(RequestOrigin(channel=current_origin.get().channel))
        try:
            event_record(
                actor=None,
                action=SurveyAuditAction.RESPONSE_RECORDED,
                obj=response,
                changes={"survey": survey.pk, "source": source},
            )
        finally:
            current_origin.reset(origin)
    return response
