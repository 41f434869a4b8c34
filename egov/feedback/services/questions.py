"""Questions on procedures (hỏi đáp): ask, send to another unit, answer, publish.

The competent unit answers within ``EGOV_FEEDBACK_QUESTION_DAYS`` working days (a setting: no
legal limit was found for questions); answers are published with the asker's identity hidden,
after the officer removed personal data from the question (a warning lists what still looks
like an ID number, a phone number or an e-mail address)."""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.accounts.models import User
from egov.audit.services import event_record
from egov.audit.versioned import row_lock
from egov.common.exceptions import PermissionDenied
from egov.common.personal_data import personal_data_warning
from egov.common.text import fold
from egov.feedback.choices import FeedbackAuditAction, QuestionStatus
from egov.feedback.exceptions import FeedbackError
from egov.feedback.models import Question
from egov.feedback.rules import QUESTION_TRANSITIONS
from egov.feedback.services._common import (
    TEXT_MAX,
    TITLE_MAX,
    clean_text,
    code_assign,
    person_tell,
)
from egov.feedback.services.answers import answer_document_draft
from egov.orgs.access import can_act_for_unit
from egov.orgs.choices import Role
from egov.orgs.models import OrgUnit
from egov.workdays.selectors import deadline_compute

SUPERVISORS = (Role.UNIT_HEAD, Role.DIVISION_HEAD)


def question_ask(
    *,
    actor: User,
    unit: OrgUnit,
    title: str,
    body: str,
    procedure_code: str = "",
    procedure_name: str = "",
    request_key: str = "",
) -> Question:
    """A logged-in citizen or business asks ``unit`` a question; the same ``request_key`` again
    (a double click) returns the first question."""
    if not actor.is_authenticated or not actor.is_public:
        raise PermissionDenied(_("Log in with a citizen or business account to ask a question."))
    if request_key:
        found = Question.objects.filter(asker=actor, request_key=request_key).first()
        if found is not None:
            return found
    title = clean_text(title, "title", max_length=TITLE_MAX)
    body = clean_text(body, "body", max_length=TEXT_MAX)
    if not unit.is_active:
        message = _("Choose an existing unit.")
        raise FeedbackError(message, fields={"unit": message})
    now = timezone.now()
    due = deadline_compute(now, Decimal(settings.EGOV_FEEDBACK_QUESTION_DAYS))
    try:
        with transaction.atomic():
            question = Question.objects.create(
                code=uuid.uuid4().hex[:20],
                asker=actor,
                unit=unit,
                procedure_code=procedure_code.strip()[:50],
                procedure_name=procedure_name.strip()[:300],
                title=title,
                body=body,
                asked_at=now,
                due_at=due.due_at,
                request_key=request_key[:64],
            )
            code_assign(question, "HD")
            event_record(
                actor=actor,
                action=FeedbackAuditAction.QUESTION_ASKED,
                obj=question,
                changes={"unit": unit.name, "procedure": procedure_code},
            )
    except IntegrityError:
        found = Question.objects.filter(asker=actor, request_key=request_key).first()
        if found is None:
            raise
        return found
    return question


def _require_unit(actor: User, question: Question, roles: tuple[str, ...] | None = None) -> None:
    if not can_act_for_unit(actor, question.unit, roles=roles):
        raise PermissionDenied(_("This question is not for your unit."))


def question_reassign(
    *, actor: User, question: Question, to_unit: OrgUnit, reason: str
) -> Question:
    """A head over the question's unit sends it to the competent unit; the clock keeps
    running (the asker waited already)."""
    reason = clean_text(reason, "reason", max_length=1000)
    with transaction.atomic():
        question = row_lock(Question.objects.all(), question.pk)
        _require_unit(actor, question, SUPERVISORS)
        QUESTION_TRANSITIONS.check("reassign", question.status)
        if not to_unit.is_active or to_unit.pk == question.unit_id:
            message = _("Choose another existing unit.")
            raise FeedbackError(message, fields={"to_unit": message})
        before = question.unit.name
        question.unit = to_unit
        question.version += 1
        question.save(update_fields=["unit", "version"])
        event_record(
            actor=actor,
            action=FeedbackAuditAction.QUESTION_REASSIGNED,
            obj=question,
            changes={"unit": [before, to_unit.name], "reason": reason},
        )
    return question


def question_answer(*, actor: User, question: Question, answer: str) -> Question:
    """An officer of the unit answers (or corrects the answer before it is published); the
    answer is drafted as a letter in the unit's register, like a report's (so only officers the
    registry lets draft may answer), and the asker is told."""
    answer = clean_text(answer, "answer", max_length=TEXT_MAX * 2)
    with transaction.atomic():
        question = row_lock(Question.objects.all(), question.pk)
        _require_unit(actor, question)
        QUESTION_TRANSITIONS.check("answer", question.status)
        first = question.answered_at is None
        document = answer_document_draft(actor=actor, item=question, text=answer)
        question.answer, question.answered_by = answer, actor
        question.answered_at = question.answered_at or timezone.now()
        question.status = QuestionStatus.ANSWERED
        question.answer_document = document
        question.version += 1
        question.save(
            update_fields=[
                *("answer", "answered_by", "answered_at", "status", "answer_document"),
                "version",
            ]
        )
        event_record(
            actor=actor,
            action=FeedbackAuditAction.QUESTION_ANSWERED,
            obj=question,
            changes={"answer": answer[:500], "document": document.pk},
        )
        if first:
            person_tell(
                question.asker,
                subject=_("Your question %(code)s was answered") % {"code": question.code},
                body=_("The answer to your question “%(title)s” is on your page.")
                % {"title": question.title},
                link=f"/feedback/questions/{question.pk}/",
                obj=question,
            )
    return question


def question_publish(
    *,
    actor: User,
    question: Question,
    public_title: str,
    public_body: str,
    confirmed: bool = False,
) -> Question:
    """Publish the answer with the question as the officer edited it (the asker is never shown).
    Text that still looks like personal data is refused unless the officer ``confirmed`` it."""
    public_title = clean_text(public_title, "public_title", max_length=TITLE_MAX)
    public_body = clean_text(public_body, "public_body", max_length=TEXT_MAX)
    warning = personal_data_warning(public_title, public_body, question.answer)
    if warning and not confirmed:
        raise FeedbackError(warning, code="personal_data", fields={"public_body": warning})
    with transaction.atomic():
        question = row_lock(Question.objects.all(), question.pk)
        _require_unit(actor, question)
        QUESTION_TRANSITIONS.check("publish", question.status)
        question.public_title, question.public_body = public_title, public_body
        question.status = QuestionStatus.PUBLISHED
        question.published_at = question.published_at or timezone.now()
        question.search_text = fold(f"{public_title} {public_body} {question.answer}")
        question.version += 1
        question.save(
            update_fields=[
                "public_title",
                "public_body",
                "status",
                "published_at",
                "search_text",
                "version",
            ]
        )
        event_record(
            actor=actor,
            action=FeedbackAuditAction.QUESTION_PUBLISHED,
            obj=question,
            changes={"public_title": public_title, "personal_data_confirmed": bool(warning)},
        )
    return question
