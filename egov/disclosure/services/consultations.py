"""Consultation on a draft (Law on Grassroots Democracy 10/2022/QH15 arts 25-26): a unit opens
a registry draft with its period, questions, audience and sections; citizens comment per
section and support others' comments; the unit hides a comment only with a reason (kept and
shown), answers comments one by one or in groups, and closes with the synthesis (báo cáo tổng
hợp, tiếp thu, giải trình) drafted in the registry, which the head then signs and issues in the
official layout; the adopted version links both."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.accounts.choices import AccountKind
from egov.audit.services import event_record
from egov.audit.versioned import row_lock
from egov.common.exceptions import PermissionDenied
from egov.common.personal_data import PERSONAL_DATA_LABELS, personal_data_found
from egov.common.text import fold
from egov.common.validation import require_text
from egov.disclosure.choices import (
    Audience,
    CommentChannel,
    CommentStatus,
    ConsultationStatus,
    DisclosureAuditAction,
    HideReason,
)
from egov.disclosure.models import Comment, Consultation, Question, Response, Section
from egov.disclosure.rules import CONSULTATION_TRANSITIONS
from egov.disclosure.services._common import invalid, require_publisher
from egov.documents.choices import DocumentStatus, LinkKind
from egov.documents.models import Document, DocumentType
from egov.documents.services import (
    document_draft_create,
    document_link_add,
    document_sign_and_issue,
    document_to_signature,
)
from egov.orgs.models import Membership, OrgUnit

A = DisclosureAuditAction
REPORT_TYPE = "bao-cao"
COMMENT_MAX = 5000
QUESTIONS_MAX = 20
OPTIONS_MAX = 10
# What a comment answers: question id → (option chosen or "", free text or "").
Responses = Mapping[int, tuple[str, str]]


def questions_parse(text: str) -> list[tuple[str, list[str]]]:
    """The questions of a consultation, one a line: the question, then its options after
    vertical bars ("Do you agree? | Agree | Disagree"); a line without options is answered
    freely."""
    questions = []
    for line in text.splitlines():
        parts = [part.strip() for part in line.split("|")]
        if not parts[0]:
            continue
        if len(parts[0]) > 500:
            raise invalid("questions", _("A question holds at most 500 characters."))
        options = list(dict.fromkeys(p[:200] for p in parts[1:] if p))
        if len(options) == 1:
            raise invalid(
                "questions",
                _("Give a question's options after vertical bars, at least two of them."),
            )
        if len(options) > OPTIONS_MAX:
            message = _("A question offers at most %(count)s options.") % {"count": OPTIONS_MAX}
            raise invalid("questions", message)
        questions.append((parts[0], options))
    if len(questions) > QUESTIONS_MAX:
        message = _("A consultation asks at most %(count)s questions.") % {"count": QUESTIONS_MAX}
        raise invalid("questions", message)
    return questions


def _open_check(
    draft: Document | None, audience: str, sector: str, days: tuple[datetime.date, datetime.date]
) -> None:
    if draft is None:
        raise invalid(
            "draft", _("A consultation needs the draft: pick its document in the registry.")
        )
    if draft.is_secret:
        raise invalid("draft", _("A secret document is never published."), "secret")
    if audience not in Audience.values:
        raise invalid("audience", _("Choose whom the consultation asks."))
    if audience == Audience.BUSINESSES and not sector.strip():
        raise invalid("sector", _("Name the sector of the businesses asked."))
    if days[1] < days[0]:
        raise invalid("closes_on", _("The consultation must close on or after the day it opens."))


def consultation_open(
    *,
    actor: Any,
    unit: OrgUnit,
    draft: Document | None,
    title: str,
    summary: str,
    opens_on: datetime.date,
    closes_on: datetime.date,
    audience: str,
    sections: Sequence[str],
    questions: str = "",
    sector: str = "",
) -> Consultation:
    """Open a consultation of ``unit`` on ``draft`` (a registry document the actor may see),
    with one section per heading in ``sections`` (the draft as a whole when none)."""
    require_publisher(actor, unit)
    _open_check(draft, audience, sector, (opens_on, closes_on))
    title, summary = require_text(title, "title"), require_text(summary, "summary")
    headings = [h.strip() for h in sections if h.strip()] or [_("The draft as a whole")]
    asked = questions_parse(questions)
    with transaction.atomic():
        consultation = Consultation.objects.create(
            unit=unit,
            draft=draft,
            title=title,
            summary=summary,
            questions=questions.strip(),
            audience=audience,
            sector=sector.strip(),
            opens_on=opens_on,
            closes_on=closes_on,
            created_by=actor,
            created_at=timezone.now(),
            search_text=fold(f"{title} {summary} {unit.name}"),
        )
        Section.objects.bulk_create(
            Section(consultation=consultation, number=n, heading=h[:300])
            for n, h in enumerate(headings, start=1)
        )
        Question.objects.bulk_create(
            Question(consultation=consultation, number=n, text=text, options=options)
            for n, (text, options) in enumerate(asked, start=1)
        )
        event_record(
            actor=actor,
            action=A.CONSULTATION_OPENED,
            obj=consultation,
            changes={
                "draft": draft.pk,
                "opens_on": opens_on.isoformat(),
                "closes_on": closes_on.isoformat(),
            },
        )
    return consultation


def _accepting_comments(consultation: Consultation) -> None:
    CONSULTATION_TRANSITIONS.check("comment", consultation.status)
    today = timezone.localdate()
    if today < consultation.opens_on:
        raise invalid(
            "body",
            _("The consultation opens on %(day)s.") % {"day": f"{consultation.opens_on:%d/%m/%Y}"},
            "not_open",
        )
    if today > consultation.closes_on:
        message = _("The consultation closed on %(day)s; comments are no longer received.") % {
            "day": f"{consultation.closes_on:%d/%m/%Y}"
        }
        raise invalid("body", message, "closed")


def agency_units(actor: Any) -> Any:
    """The active units ``actor`` holds a current role in: those an officer may comment for."""
    held = Membership.objects.current().filter(user=actor).values("unit_id")
    return OrgUnit.objects.active().filter(pk__in=held)


def _residence_check(consultation: Consultation, residence: OrgUnit | None) -> None:
    """A residents' consultation hears the residents of the unit's area: the commenter names
    the commune or ward they live in, within it (declared, as at a residents' meeting)."""
    if consultation.audience != Audience.AREA:
        return
    if residence is None or not residence.is_within(consultation.unit):
        message = _(
            "This consultation asks the residents of %(unit)s: choose the commune or ward you "
            "live in, within it."
        ) % {"unit": consultation.unit.name}
        raise invalid("residence", message, "audience")


def audience_refusal(consultation: Consultation, actor: Any) -> str:
    """Why ``actor`` (an account, or None without one) may not comment online on
    ``consultation`` given its audience; '' when they may (a residence still to be named)."""
    audience, public = consultation.audience, getattr(actor, "is_public", False)
    if audience == Audience.AGENCIES:
        if actor is None or public or not agency_units(actor).exists():
            return _("This consultation asks agencies and organisations: their officers comment.")
        return ""
    if actor is not None and not public:
        return _("Log in with a citizen or business account to comment.")
    if audience == Audience.BUSINESSES and getattr(actor, "kind", "") != AccountKind.BUSINESS:
        sector = f" ({consultation.sector})" if consultation.sector else ""
        return _("This consultation asks businesses%(sector)s: log in with a business account.") % {
            "sector": sector
        }
    return ""


def _section_of(consultation: Consultation, section: Section | None) -> Section | None:
    if section is not None and section.consultation_id != consultation.pk:
        raise invalid("section", _("Choose a section of this draft."))
    return section


def _responses_clean(consultation: Consultation, responses: Responses) -> list[Response]:
    """Unsaved answers to the consultation's questions; an unknown question or option, or an
    answer too long, is refused on the question's field (``question_<id>``)."""
    asked = {q.pk: q for q in consultation.asked.all()}
    cleaned = []
    for pk, (option, text) in responses.items():
        question, field = asked.get(pk), f"question_{pk}"
        if question is None:
            raise invalid("body", _("Answer the questions of this consultation."))
        option, text = (option or "").strip(), (text or "").strip()
        if option and option not in question.options:
            raise invalid(field, _("Choose one of the options offered."))
        if len(text) > COMMENT_MAX:
            message = _("An answer holds at most %(count)s characters.") % {"count": COMMENT_MAX}
            raise invalid(field, message)
        if option or text:
            cleaned.append(Response(question=question, option=option, text=text))
    return cleaned


def _personal_data_refuse(field: str, *texts: str) -> None:
    """Comments are published as sent: an ID number, phone number or e-mail address in one is
    refused (the commenter's own contact is asked for in its own field, never shown)."""
    found = personal_data_found(*texts)
    if found:
        items = ", ".join(f"{PERSONAL_DATA_LABELS[kind]} ({value})" for kind, value in found)
        message = _(
            "Comments are published: remove %(items)s from the text. Your contact is not "
            "needed in the comment."
        ) % {"items": items}
        raise invalid(field, message, "personal_data")


def _comment_create(
    consultation: Consultation,
    section: Section | None,
    responses: Responses | None = None,
    **values: Any,
) -> Comment:
    """A comment with its answers to the questions: a text, answers, or both (never neither)."""
    answers = _responses_clean(consultation, responses or {})
    body = (values.pop("body") or "").strip()
    if not answers:
        body = require_text(body, "body")
    if len(body) > COMMENT_MAX:
        message = _("A comment holds at most %(count)s characters.") % {"count": COMMENT_MAX}
        raise invalid("body", message)
    _personal_data_refuse("body", body, *(a.text for a in answers))
    comment = Comment.objects.create(
        consultation=consultation,
        section=_section_of(consultation, section),
        body=body,
        **values,
    )
    for answer in answers:
        answer.comment = comment
    Response.objects.bulk_create(answers)
    return comment


def _sent_by(actor: Any, consultation: Consultation, request_key: str) -> Comment | None:
    """The comment ``actor`` already sent with this form's key (a double click, a retry)."""
    if not request_key:
        return None
    return Comment.objects.filter(
        consultation=consultation, author=actor, request_key=request_key
    ).first()


def comment_send(
    *,
    actor: Any,
    consultation: Consultation,
    body: str,
    section: Section | None = None,
    responses: Responses | None = None,
    residence: OrgUnit | None = None,
    on_behalf_of: OrgUnit | None = None,
    request_key: str = "",
) -> Comment:
    """A logged-in account's comment on ``section`` (or the whole draft), published at once,
    as the consultation's audience allows (:func:`audience_refusal`): a citizen or business
    under the account's name (its contact confirmed; a resident naming where they live), or,
    for agencies, an officer in the name of ``on_behalf_of``, one of their units. The same
    ``request_key`` again (a double click, a retry) gives the first comment."""
    refusal = audience_refusal(consultation, actor)
    if refusal:
        raise PermissionDenied(refusal)
    if found := _sent_by(actor, consultation, request_key):
        return found
    name = actor.full_name or _("A citizen")
    if consultation.audience == Audience.AGENCIES:
        if on_behalf_of is None or not agency_units(actor).filter(pk=on_behalf_of.pk).exists():
            raise invalid("on_behalf_of", _("Choose the unit you comment for."))
        name = f"{on_behalf_of.name} ({actor.full_name})"
    elif not actor.contact_verified:
        raise PermissionDenied(
            _("Confirm your phone number or e-mail address before commenting on drafts.")
        )
    _residence_check(consultation, residence)
    _accepting_comments(consultation)
    try:
        with transaction.atomic():
            comment = _comment_create(
                consultation,
                section,
                responses,
                body=body,
                author=actor,
                author_name=name[:200],
                residence=residence if consultation.audience == Audience.AREA else None,
                on_behalf_of=on_behalf_of if consultation.audience == Audience.AGENCIES else None,
                created_at=timezone.now(),
                request_key=request_key[:64],
            )
            event_record(
                actor=actor,
                action=A.COMMENT_SENT,
                obj=comment,
                changes={"consultation": consultation.pk, "section": comment.section_id},
            )
    except IntegrityError:
        if found := _sent_by(actor, consultation, request_key):
            return found  # the other click committed first
        raise invalid("body", _("The form has expired. Reload the page and send again.")) from None
    return comment


def comment_record_meeting(
    *,
    actor: Any,
    consultation: Consultation,
    author_name: str,
    body: str,
    section: Section | None = None,
    responses: Responses | None = None,
) -> Comment:
    """A comment made at a consultation meeting, entered by an officer of the unit from the
    meeting's record."""
    require_publisher(actor, consultation.unit)
    _accepting_comments(consultation)
    with transaction.atomic():
        comment = _comment_create(
            consultation,
            section,
            responses,
            body=body,
            author=None,
            author_name=require_text(author_name, "author_name")[:200],
            channel=CommentChannel.MEETING,
            created_at=timezone.now(),
        )
        event_record(
            actor=actor,
            action=A.COMMENT_SENT,
            obj=comment,
            changes={"consultation": consultation.pk, "channel": CommentChannel.MEETING},
        )
    return comment


def comment_hide(*, actor: Any, comment: Comment, reason: str, note: str) -> Comment:
    """Hide a comment with a reason and a note, both kept and the reason shown in its place."""
    require_publisher(actor, comment.consultation.unit)
    CONSULTATION_TRANSITIONS.check("hide", comment.consultation.status)
    if reason not in HideReason.values:
        raise invalid("reason", _("Choose why the comment is hidden."))
    note = require_text(note, "note")
    with transaction.atomic():
        comment = row_lock(Comment.objects.all(), comment.pk)
        if comment.status == CommentStatus.HIDDEN:
            raise invalid("reason", _("This comment is already hidden."), "already")
        comment.status, comment.hidden_reason = CommentStatus.HIDDEN, reason
        comment.hidden_note, comment.hidden_by = note, actor
        comment.save(update_fields=["status", "hidden_reason", "hidden_note", "hidden_by"])
        event_record(
            actor=actor,
            action=A.COMMENT_HIDDEN,
            obj=comment,
            changes={"reason": reason, "note": note},
        )
    return comment


def comments_answer(*, actor: Any, comments: Sequence[Comment], answer: str) -> list[Comment]:
    """Answer one comment, or a group of comments of one consultation with the same answer."""
    if not comments:
        raise invalid("comments", _("Choose the comments to answer."))
    consultation = comments[0].consultation
    if any(c.consultation_id != consultation.pk for c in comments):
        raise invalid("comments", _("Answer comments of one consultation at a time."))
    require_publisher(actor, consultation.unit)
    CONSULTATION_TRANSITIONS.check("answer", consultation.status)
    answer = require_text(answer, "answer")
    now = timezone.now()
    with transaction.atomic():
        answered = []
        for comment in comments:
            comment = row_lock(Comment.objects.all(), comment.pk)
            comment.answer, comment.answered_at, comment.answered_by = answer, now, actor
            comment.save(update_fields=["answer", "answered_at", "answered_by"])
            event_record(
                actor=actor,
                action=A.COMMENT_ANSWERED,
                obj=comment,
                changes={"group": len(comments)},
            )
            answered.append(comment)
    return answered


def _question_lines(consultation: Consultation, shown: list[Comment]) -> list[str]:
    """Per question: how many published comments answered it, each option's count, and the
    free answers."""
    lines = []
    answers = Response.objects.filter(comment__in=shown).select_related("question")
    by_question: dict[int, list[Response]] = {}
    for answer in answers:
        by_question.setdefault(answer.question_id, []).append(answer)
    for question in consultation.asked.all():
        given = by_question.get(question.pk, [])
        lines.append("")
        lines.append(
            _("Question %(number)s: %(text)s — %(count)s answers.")
            % {"number": question.number, "text": question.text, "count": len(given)}
        )
        for option in question.options:
            count = sum(1 for a in given if a.option == option)
            lines.append(f"  {option}: {count}")
        lines.extend(f"  - {a.text}" for a in given if a.text)
    return lines


def _synthesis_body(consultation: Consultation, text: str) -> str:
    comments = list(consultation.comments.received().select_related("section"))
    shown = [c for c in comments if c.status == CommentStatus.PUBLISHED]
    lines = [text.strip(), ""]
    lines.append(
        _("Comments received: %(received)s; published: %(shown)s; answered: %(answered)s.")
        % {
            "received": len(comments),
            "shown": len(shown),
            "answered": sum(1 for c in comments if c.answered_at),
        }
    )
    lines.extend(_question_lines(consultation, shown))
    lines.append("")
    for comment in shown:
        if not comment.body:
            continue
        where = comment.section.heading if comment.section else _("The draft as a whole")
        lines.append(f"- {where} — {comment.author_name}: {comment.body}")
        if comment.answer:
            lines.append(f"  → {comment.answer}")
    return "\n".join(lines)


def consultation_close(*, actor: Any, consultation: Consultation, synthesis: str) -> Consultation:
    """Close the consultation on or after its last day, drafting the synthesis in the registry
    (a report of the unit) from ``synthesis`` and the comments with their answers."""
    require_publisher(actor, consultation.unit)
    text = require_text(synthesis, "synthesis")
    if timezone.localdate() < consultation.closes_on:
        message = _("The consultation runs until %(day)s; close it on that day or later.") % {
            "day": f"{consultation.closes_on:%d/%m/%Y}"
        }
        raise invalid("synthesis", message, "too_early")
    with transaction.atomic():
        consultation = row_lock(Consultation.objects.select_related("unit"), consultation.pk)
        CONSULTATION_TRANSITIONS.check("close", consultation.status)
        document = document_draft_create(
            actor=actor,
            drafting_unit=consultation.unit,
            unit=consultation.unit,
            doc_type=DocumentType.objects.get(code=REPORT_TYPE),
            subject=_("Synthesis of comments on: %(title)s") % {"title": consultation.title},
            body=_synthesis_body(consultation, text),
        )
        consultation.synthesis, consultation.closed_at = document, timezone.now()
        consultation.status = ConsultationStatus.CLOSED
        consultation.version += 1
        consultation.save(update_fields=["synthesis", "closed_at", "status", "version"])
        event_record(
            actor=actor,
            action=A.CONSULTATION_CLOSED,
            obj=consultation,
            changes={"synthesis": document.pk},
        )
    return consultation


def synthesis_issue(*, actor: Any, consultation: Consultation) -> Consultation:
    """The head of the unit signs and issues the synthesis drafted at the close, through the
    registry's own flow (reviewed, approved, numbered in the unit's register, the official
    layout rendered and signed with the unit's key); from then on the public reads it. No key
    or no abbreviation: the registry's message, nothing written."""
    require_publisher(actor, consultation.unit)
    with transaction.atomic():
        consultation = row_lock(Consultation.objects.select_related("unit"), consultation.pk)
        CONSULTATION_TRANSITIONS.check("issue_synthesis", consultation.status)
        document = Document.objects.get(pk=consultation.synthesis_id)
        if document.status == DocumentStatus.ISSUED:
            raise invalid("synthesis", _("The synthesis is already issued."), "already")
        document = document_sign_and_issue(
            actor=actor,
            document=document_to_signature(actor=actor, document=document),
            expected_version=None,
        )
        consultation.version += 1
        consultation.save(update_fields=["version"])
        event_record(
            actor=actor,
            action=A.SYNTHESIS_ISSUED,
            obj=consultation,
            changes={"synthesis": document.pk, "number_notation": document.number_notation},
        )
    return consultation


def consultation_adopt(
    *, actor: Any, consultation: Consultation, adopted: Document | None
) -> Consultation:
    """Record the adopted version (a registry document the actor may see): it replaces the
    draft and implements the synthesis, as links in the registry."""
    require_publisher(actor, consultation.unit)
    if adopted is None:
        raise invalid("adopted", _("Pick the adopted document in the registry."))
    if adopted.pk == consultation.draft_id:
        raise invalid("adopted", _("The adopted version is another document than the draft."))
    with transaction.atomic():
        consultation = row_lock(
            Consultation.objects.select_related("draft", "synthesis"), consultation.pk
        )
        CONSULTATION_TRANSITIONS.check("adopt", consultation.status)
        if consultation.synthesis.status != DocumentStatus.ISSUED:
            message = _(
                "Sign and issue the synthesis first: the adopted version answers a published "
                "synthesis."
            )
            raise invalid("adopted", message, "synthesis_not_issued")
        document_link_add(
            actor=actor, source=adopted, target=consultation.draft, kind=LinkKind.REPLACES
        )
        document_link_add(
            actor=actor, source=adopted, target=consultation.synthesis, kind=LinkKind.IMPLEMENTS
        )
        consultation.adopted, consultation.status = adopted, ConsultationStatus.ADOPTED
        consultation.version += 1
        consultation.save(update_fields=["adopted", "status", "version"])
        event_record(
            actor=actor,
            action=A.CONSULTATION_ADOPTED,
            obj=consultation,
            changes={"adopted": adopted.pk},
        )
    return consultation
