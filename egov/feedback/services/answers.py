"""What every answer (to a question or a report) and every piece of feedback on a regulation
share, below the question and report services: the official answer as a document of the unit's
register, and the receiving
unit and time limits of feedback on a regulation (Decree 20/2008/NĐ-CP; the national portal's
PAKN limits), all in working days from ``egov.workdays``."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _

from egov.accounts.models import User
from egov.documents.models import Document, DocumentType
from egov.documents.selectors.permissions import may_edit_draft
from egov.documents.services import document_draft_create, document_draft_update
from egov.feedback.exceptions import FeedbackError
from egov.feedback.models import Question, RegulationReview, Report
from egov.orgs.models import OrgUnit
from egov.workdays.selectors import deadline_compute

# The official letter (công văn) that answers the person (Decree 20/2008 art. 19: "a letter to
# the sender"); the registry numbers it when the head signs it.
ANSWER_TYPE = "cong-van"


def answer_document_draft(*, actor: User, item: Report | Question, text: str) -> Document:
    """The answer to ``item`` (a report or a question) drafted in its unit's register, addressed
    to the person who sent it (the registry decides who may draft there: a clerk alone cannot).
    An answer corrected while its letter is still a draft its author (or the head) may edit
    changes that draft instead of leaving a second one."""
    earlier = item.answer_document
    if earlier is not None and may_edit_draft(actor, earlier):
        return document_draft_update(
            actor=actor, document=earlier, expected_version=None, body=text
        )
    if isinstance(item, Question):
        person = item.asker.full_name
        subject = _("Answer to the question %(code)s: %(title)s")
    else:
        person = item.contact_name or (item.reporter.full_name if item.reporter else "")
        subject = _("Answer to the feedback %(code)s: %(title)s")
    return document_draft_create(
        actor=actor,
        drafting_unit=item.unit,
        doc_type=DocumentType.objects.get(code=ANSWER_TYPE),
        subject=(subject % {"code": item.code, "title": item.title})[:500],
        body=text,
        recipients_text=person or _("The person who sent the feedback"),
    )


def regulation_receiver(issuer: OrgUnit) -> OrgUnit:
    """The unit that receives feedback on a regulation issued by ``issuer``: the unit whose
    abbreviation is ``EGOV_FEEDBACK_REGULATION_RECEIVER`` (Decree 20/2008 art. 8; which body it
    is, is unconfirmed: a setting), or the issuer itself when the setting is empty."""
    code = settings.EGOV_FEEDBACK_REGULATION_RECEIVER.strip()
    if not code:
        return issuer
    found = list(OrgUnit.objects.active().filter(short_name=code)[:2])
    if len(found) != 1:
        raise FeedbackError(
            _(
                "Feedback on regulations is not received at the moment: the receiving unit is "
                "not set up. Please try again later or call the hotline."
            ),
            code="no_receiver",
        )
    return found[0]


def _due(start: datetime.datetime, days: int) -> datetime.datetime:
    return deadline_compute(start, Decimal(days)).due_at


def national_limits(sent_at: datetime.datetime) -> dict[str, datetime.datetime]:
    """The national portal's limits of every report from its sending (Decision 766 / DVCQG
    PAKN rules): refuse it within ``EGOV_FEEDBACK_REFUSE_DAYS`` working days, request a first
    supplement within ``EGOV_FEEDBACK_SUPPLEMENT_DAYS``."""
    return {
        "refuse_due_at": _due(sent_at, settings.EGOV_FEEDBACK_REFUSE_DAYS),
        "supplement_due_at": _due(sent_at, settings.EGOV_FEEDBACK_SUPPLEMENT_DAYS),
    }


def regulation_review_start(report: Report, receiver: OrgUnit) -> RegulationReview:
    """The review row of feedback on a regulation, with its time limits from its sending."""
    return RegulationReview.objects.create(
        report=report,
        receiving_unit=receiver,
        forward_due_at=_due(report.submitted_at, settings.EGOV_FEEDBACK_FORWARD_DAYS),
    )


def publish_due(answered_at: datetime.datetime) -> datetime.datetime:
    """When the result must be published (national portal: within 2 working days)."""
    return _due(answered_at, settings.EGOV_FEEDBACK_PUBLISH_DAYS)
