"""Supporting a comment on a consulted draft (Law on Grassroots Democracy 2022 art 26; CONSUL's
"supports" as the anchor): once per person, by a citizen or business account at once, or
without an account with the code sent to an e-mail address or phone number, typed back. A person
is one account or one contact (the contact's keyed digest, ``contact_key``); an account's own
phone number or e-mail address counts as the same person."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils.translation import gettext as _

from egov.accounts.rules import normalize_email, normalize_phone
from egov.accounts.services_codes import contact_key, contact_parse, one_time_code_resend_wait
from egov.audit.services import event_record
from egov.audit.versioned import row_lock
from egov.common.exceptions import PermissionDenied
from egov.disclosure.choices import CommentStatus, DisclosureAuditAction, SupportStatus
from egov.disclosure.models import Comment, Support
from egov.disclosure.services._common import invalid
from egov.disclosure.services.codes import code_check, code_resend, code_send
from egov.disclosure.services.consultations import _accepting_comments, audience_refusal

A = DisclosureAuditAction


def _already() -> Exception:
    return invalid("comment", _("You already support this comment."), "already")


def _supportable(comment: Comment, actor: Any, keys: Sequence[str]) -> None:
    """A published comment of an open consultation, not the supporter's own (by account, or by
    the contact it was confirmed with: ``keys``)."""
    _accepting_comments(comment.consultation)
    own = (actor is not None and comment.author_id == actor.pk) or (
        bool(comment.contact_key) and comment.contact_key in keys
    )
    if comment.status != CommentStatus.PUBLISHED or own:
        raise invalid("comment", _("This comment cannot be supported."), "not_supportable")


def _keys_of(actor: Any) -> list[str]:
    """The contact keys of an account's own phone number and e-mail address."""
    addresses = [normalize_phone(actor.phone or ""), normalize_email(actor.email or "")]
    return [contact_key(a) for a in addresses if a]


def _what(comment: Comment) -> str:
    return _("your support of the comment of %(name)s on the draft «%(title)s»") % {
        "name": comment.author_name[:80],
        "title": comment.consultation.title[:80],
    }


def comment_support(*, actor: Any, comment: Comment) -> Comment:
    """``actor`` (a citizen or business account) supports a published comment of an open
    consultation, once (also when their phone or e-mail supported it without an account)."""
    if not getattr(actor, "is_public", False):
        raise PermissionDenied(_("Log in with a citizen or business account to support a comment."))
    keys = _keys_of(actor)
    _supportable(comment, actor, keys)
    counted = Support.objects.filter(comment=comment, status=SupportStatus.CONFIRMED)
    if counted.filter(contact_key__in=keys).exists():
        raise _already()
    try:
        with transaction.atomic():
            Support.objects.create(comment=comment, user=actor)
            Comment.objects.filter(pk=comment.pk).update(support_count=F("support_count") + 1)
            event_record(actor=actor, action=A.COMMENT_SUPPORTED, obj=comment, changes={})
    except IntegrityError as exc:
        raise _already() from exc
    comment.refresh_from_db(fields=["support_count"])
    return comment


def _held(comment: Comment, key: str) -> Support | None:
    return Support.objects.filter(comment=comment, contact_key=key).first()


def _account_supports(comment: Comment, address: str) -> bool:
    return Support.objects.filter(
        Q(user__phone=address) | Q(user__email=address), comment=comment
    ).exists()


def comment_support_without_account(*, comment: Comment, contact: str) -> Support:
    """Hold the support of a person without an account and send the code to ``contact``. The
    same contact again while the code is awaited gives the held support (a new code only once
    the wait is over: a double click sends one); once counted, it is refused."""
    if refusal := audience_refusal(comment.consultation, None):
        raise PermissionDenied(refusal)
    channel, address = contact_parse(contact)
    key = contact_key(address)
    _supportable(comment, None, [key])
    if _account_supports(comment, address):
        raise _already()
    held = _held(comment, key)
    if held is not None and held.status == SupportStatus.CONFIRMED:
        raise _already()
    if held is not None:
        if not one_time_code_resend_wait(held.code_sent_at):
            code_resend(Support.objects.all(), held.pk, what=_what(comment))
        return held
    try:
        with transaction.atomic():
            support = Support.objects.create(
                comment=comment, status=SupportStatus.PENDING, contact=address, contact_key=key
            )
            code_send(support, address=address, channel=channel, what=_what(comment))
            event_record(
                actor=None,
                action=A.SUPPORT_SENT,
                obj=support,
                changes={"comment": comment.pk, "without_account": channel},
            )
    except IntegrityError:
        if (found := _held(comment, key)) is not None:
            return found  # the other click committed first
        raise
    return support


def support_confirm(*, support: Support, code: str) -> Support:
    """Count a held support when ``code`` is the one sent (a wrong try is counted); the
    contact is forgotten, its key kept so that the person supports the comment once."""
    queryset = Support.objects.select_related("comment__consultation")
    support, problem = code_check(queryset, support.pk, code)
    if support.status == SupportStatus.EXPIRED:
        message = _("This support was never confirmed and has expired: support the comment again.")
        raise invalid("code", message, "expired")
    if support.status != SupportStatus.PENDING:
        return support
    if problem:
        raise invalid("code", problem, "code")
    _supportable(support.comment, None, [support.contact_key])
    with transaction.atomic():
        support = row_lock(queryset, support.pk)
        if support.status != SupportStatus.PENDING:
            return support
        support.status, support.contact, support.code_digest = SupportStatus.CONFIRMED, "", ""
        support.save(update_fields=["status", "contact", "code_digest"])
        Comment.objects.filter(pk=support.comment_id).update(support_count=F("support_count") + 1)
        event_record(
            actor=None,
            action=A.COMMENT_SUPPORTED,
            obj=support.comment,
            changes={"without_account": True, "support": support.pk},
        )
    return support


def support_code_resend(*, support: Support) -> Support:
    """Send a new code for a held support while the consultation takes comments."""
    _accepting_comments(support.comment.consultation)
    return code_resend(
        Support.objects.select_related("comment__consultation"),
        support.pk,
        what=_what(support.comment),
    )
