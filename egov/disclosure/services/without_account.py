"""Commenting on a consulted draft without an account (Law on Grassroots Democracy 2022 art 26:
residents comment by the ways the consultation offers): the commenter gives a name and an
e-mail address or a phone number, a one-time code goes to it (``egov.accounts.services_codes``:
e-mail through Django's mail backend, SMS through ``egov.common.sms``), and the comment is held,
unseen and uncounted, until the code is typed back. Then it is published under the name given;
the contact is kept masked, for the moderators only."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.accounts.services_codes import (
    contact_masked,
    contact_parse,
    one_time_code_problem,
    one_time_code_send,
)
from egov.audit.services import event_record
from egov.audit.versioned import row_lock
from egov.common.exceptions import PermissionDenied
from egov.common.validation import require_text
from egov.disclosure.choices import CommentStatus, DisclosureAuditAction
from egov.disclosure.models import Comment, Consultation, Section
from egov.disclosure.services._common import invalid
from egov.disclosure.services.consultations import (
    Responses,
    _accepting_comments,
    _comment_create,
    _personal_data_refuse,
    _residence_check,
    audience_refusal,
)
from egov.orgs.models import OrgUnit

A = DisclosureAuditAction


def _purpose(comment: Comment) -> str:
    return f"disclosure.comment:{comment.pk}"


def comment_send_without_account(
    *,
    consultation: Consultation,
    author_name: str,
    contact: str,
    body: str,
    section: Section | None = None,
    responses: Responses | None = None,
    residence: OrgUnit | None = None,
) -> Comment:
    """Hold a comment of a person without an account and send the code to ``contact``; only
    where the audience is everyone or the residents (who name where they live)."""
    refusal = audience_refusal(consultation, None)
    if refusal:
        raise PermissionDenied(refusal)
    channel, address = contact_parse(contact)
    _residence_check(consultation, residence)
    name = require_text(author_name, "author_name")[:200]
    _personal_data_refuse("author_name", name)
    _accepting_comments(consultation)
    with transaction.atomic():
        comment = _comment_create(
            consultation,
            section,
            responses,
            body=body,
            author=None,
            author_name=name,
            contact=address,
            residence=residence,
            status=CommentStatus.PENDING,
            created_at=timezone.now(),
        )
        comment.code_digest = one_time_code_send(
            channel=channel,
            address=address,
            purpose=_purpose(comment),
            what=_("your comment on the draft «%(title)s»") % {"title": consultation.title[:80]},
            obj=comment,
        )
        comment.code_sent_at = timezone.now()
        comment.save(update_fields=["code_digest", "code_sent_at"])
        event_record(
            actor=None,
            action=A.COMMENT_SENT,
            obj=comment,
            changes={
                "consultation": consultation.pk,
                "section": comment.section_id,
                "without_account": channel,
            },
        )
    return comment


def comment_confirm(*, comment: Comment, code: str) -> Comment:
    """Publish a held comment when ``code`` is the one sent; a wrong try is counted (and kept
    even though the call is refused), past the limit the comment stays held for good."""
    with transaction.atomic():
        comment = row_lock(Comment.objects.select_related("consultation"), comment.pk)
        if comment.status != CommentStatus.PENDING:
            return comment  # already confirmed: typing the code twice publishes it once
        problem = one_time_code_problem(
            code=code,
            digest=comment.code_digest,
            purpose=_purpose(comment),
            sent_at=comment.code_sent_at,
            attempts=comment.code_attempts,
        )
        if problem:
            comment.code_attempts += 1
            comment.save(update_fields=["code_attempts"])
    if problem:
        raise invalid("code", problem, "code")
    _accepting_comments(comment.consultation)
    with transaction.atomic():
        comment = row_lock(Comment.objects.select_related("consultation"), comment.pk)
        if comment.status != CommentStatus.PENDING:
            return comment
        comment.status, comment.created_at = CommentStatus.PUBLISHED, timezone.now()
        comment.contact, comment.code_digest = contact_masked(comment.contact), ""
        comment.save(update_fields=["status", "created_at", "contact", "code_digest"])
        event_record(actor=None, action=A.COMMENT_CONFIRMED, obj=comment, changes={})
    return comment
