"""Commenting on a consulted draft without an account (Law on Grassroots Democracy 2022 art 26:
residents comment by the ways the consultation offers): the commenter gives a name and an
e-mail address or a phone number, a one-time code goes to it (``egov.accounts.services_codes``:
e-mail through Django's mail backend, SMS through ``egov.common.sms``), and the comment is held,
unseen and uncounted, until the code is typed back. Then it is published under the name given;
the contact is kept masked, for the moderators only."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.accounts.services_codes import contact_key, contact_masked, contact_parse
from egov.audit.services import event_record
from egov.audit.versioned import row_lock
from egov.common.exceptions import PermissionDenied
from egov.common.validation import require_text
from egov.disclosure.choices import CommentStatus, DisclosureAuditAction
from egov.disclosure.models import Comment, Consultation, Section
from egov.disclosure.services._common import invalid
from egov.disclosure.services.codes import code_check, code_resend, code_send
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


def _what(consultation: Consultation) -> str:
    return _("your comment on the draft «%(title)s»") % {"title": consultation.title[:80]}


def _sent_with(consultation: Consultation, request_key: str) -> Comment | None:
    """The comment already held with this form's key (a double click, a retry)."""
    if not request_key:
        return None
    return Comment.objects.filter(
        consultation=consultation, author=None, request_key=request_key
    ).first()


def comment_send_without_account(
    *,
    consultation: Consultation,
    author_name: str,
    contact: str,
    body: str,
    section: Section | None = None,
    responses: Responses | None = None,
    residence: OrgUnit | None = None,
    request_key: str = "",
) -> Comment:
    """Hold a comment of a person without an account and send the code to ``contact``; only
    where the audience is everyone or the residents (who name where they live). The same
    ``request_key`` again (a double click, a retry) gives the first comment, no second code."""
    refusal = audience_refusal(consultation, None)
    if refusal:
        raise PermissionDenied(refusal)
    if found := _sent_with(consultation, request_key):
        return found
    channel, address = contact_parse(contact)
    _residence_check(consultation, residence)
    name = require_text(author_name, "author_name")[:200]
    _personal_data_refuse("author_name", name)
    _accepting_comments(consultation)
    try:
        with transaction.atomic():
            comment = _comment_create(
                consultation,
                section,
                responses,
                body=body,
                author=None,
                author_name=name,
                contact=address,
                contact_key=contact_key(address),
                residence=residence,
                status=CommentStatus.PENDING,
                created_at=timezone.now(),
                request_key=request_key[:64],
            )
            code_send(comment, address=address, channel=channel, what=_what(consultation))
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
    except IntegrityError:
        if found := _sent_with(consultation, request_key):
            return found  # the other click committed first
        raise
    return comment


def comment_confirm(*, comment: Comment, code: str) -> Comment:
    """Publish a held comment when ``code`` is the one sent; a wrong try is counted (and kept
    even though the call is refused), past the limit the comment stays held until a new code
    is asked for."""
    queryset = Comment.objects.select_related("consultation")
    comment, problem = code_check(queryset, comment.pk, code)
    if comment.status == CommentStatus.EXPIRED:
        message = _("This comment was never confirmed and has expired: send it again.")
        raise invalid("code", message, "expired")
    if comment.status != CommentStatus.PENDING:
        return comment  # already confirmed: typing the code twice publishes it once
    if problem:
        raise invalid("code", problem, "code")
    _accepting_comments(comment.consultation)
    with transaction.atomic():
        comment = row_lock(queryset, comment.pk)
        if comment.status != CommentStatus.PENDING:
            return comment
        comment.status, comment.created_at = CommentStatus.PUBLISHED, timezone.now()
        comment.contact, comment.code_digest = contact_masked(comment.contact), ""
        comment.save(update_fields=["status", "created_at", "contact", "code_digest"])
        event_record(actor=None, action=A.COMMENT_CONFIRMED, obj=comment, changes={})
    return comment


def comment_code_resend(*, comment: Comment) -> Comment:
    """Send a new code for a held comment (the first expired, or never came), while the
    consultation takes comments; see :func:`~egov.disclosure.services.codes.code_resend`."""
    _accepting_comments(comment.consultation)
    return code_resend(
        Comment.objects.select_related("consultation"),
        comment.pk,
        what=_what(comment.consultation),
    )
