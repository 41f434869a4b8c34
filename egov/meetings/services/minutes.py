"""The minutes (biên bản) and the conclusion notice (thông báo kết luận) drafted in the
registry from attendance, votes, notes and conclusions; closing the meeting."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.audit.versioned import versioned_update
from egov.documents.models import Document
from egov.meetings import rules
from egov.meetings.choices import VoteStatus
from egov.meetings.exceptions import MeetingError
from egov.meetings.models import Conclusion, Meeting, Vote
from egov.meetings.services._common import MINUTES_TYPE, NOTICE_TYPE, A, _lock, _require_manager
from egov.meetings.services.invitations import _draft, _meeting_text
from egov.orgs.models import OrgUnit
from egov.workdays.rules import VN_TZ


def _notes_text(meeting: Meeting) -> list[str]:
    """The course of the meeting from the secretary's notes, in the order written."""
    notes = list(meeting.notes.select_related("item"))
    if not notes:
        return []
    lines = [_("Course of the meeting (secretary's notes):")]
    for note in notes:
        time = timezone.localtime(note.written_at, VN_TZ).strftime("%H:%M")
        where = f" [{note.item}]" if note.item else ""
        lines.append(f"- {time}{where}: {note.text}")
    return lines


def _outcome_text(meeting: Meeting, *, notes: bool = False) -> str:
    lines = [_meeting_text(meeting)]
    attended = meeting.invitees.exclude(checked_in_at=None).select_related(
        "person", "unit", "outside_body"
    )
    lines.append(_("Present:"))
    lines.extend(f"- {invitee}" for invitee in attended)
    for vote in Vote.objects.filter(item__meeting=meeting).select_related("item"):
        if vote.status != VoteStatus.CLOSED:
            # counted at the close only (a secret vote's count is in its tally slots till then)
            lines.append(_("Vote on %(question)s: not closed yet.") % {"question": vote.question})
            continue
        lines.append(
            _("Vote on %(question)s: %(for)s for, %(against)s against, %(abstain)s abstain.")
            % {
                "question": vote.question,
                "for": vote.count_for,
                "against": vote.count_against,
                "abstain": vote.count_abstain,
            }
        )
        if vote.result_text:
            lines.append(vote.result_text)
    if notes:
        lines.extend(_notes_text(meeting))
    lines.append(_("Conclusions:"))
    conclusions = meeting.conclusions.select_related("lead_unit").prefetch_related(
        "cooperating_units"
    )
    lines.extend(_conclusion_line(c) for c in conclusions)
    return "\n".join(lines)


def _conclusion_line(conclusion: Conclusion) -> str:
    """A conclusion as the minutes and the notice state it, with who leads and cooperates."""
    line = f"{conclusion.order}. {conclusion.text}"
    if conclusion.lead_unit is None:
        return line
    values = {
        "lead": conclusion.lead_unit.name,
        "deadline": conclusion.deadline_on.strftime("%d/%m/%Y"),
    }
    cooperating = ", ".join(u.name for u in conclusion.cooperating_units.all())
    if cooperating:
        assigned = _("Lead: %(lead)s; cooperating: %(cooperating)s; deadline: %(deadline)s.") % {
            **values,
            "cooperating": cooperating,
        }
    else:
        assigned = _("Lead: %(lead)s; deadline: %(deadline)s.") % values
    return f"{line}\n   {assigned}"


def minutes_draft(
    *, actor: Any, meeting: Meeting, drafting_unit: OrgUnit, expected_version: int | None
) -> Document:
    """Draft the minutes (biên bản) from attendance, votes, the secretary's notes and the
    conclusions (Decision 45/2018/QĐ-TTg: the course of the meeting and its voting results)."""
    return _outcome_draft(actor, meeting, drafting_unit, expected_version, minutes=True)


def notice_draft(
    *, actor: Any, meeting: Meeting, drafting_unit: OrgUnit, expected_version: int | None
) -> Document:
    """Draft the conclusion notice (thông báo kết luận); once issued, its conclusions can
    become tasks."""
    return _outcome_draft(actor, meeting, drafting_unit, expected_version, minutes=False)


def _outcome_draft(
    actor: Any,
    meeting: Meeting,
    drafting_unit: OrgUnit,
    expected_version: int | None,
    *,
    minutes: bool,
) -> Document:
    _require_manager(actor, meeting)
    field = "minutes" if minutes else "notice"
    with transaction.atomic():
        locked = _lock(meeting, expected_version)
        existing = getattr(locked, field)
        if existing is not None:
            return existing
        rules.MEETING_TRANSITIONS.check(
            "draft_minutes" if minutes else "draft_notice", locked.status
        )
        if Vote.objects.filter(item__meeting=locked, status=VoteStatus.WRITTEN).exists():
            raise MeetingError(
                _("A vote awaits written ballots: close it before drafting."),
                code="votes_written",
            )
        if minutes:
            subject = _("Minutes of %(title)s") % {"title": locked.title}
        else:
            subject = _("Conclusions of %(title)s") % {"title": locked.title}
        document = _draft(
            actor,
            locked,
            drafting_unit,
            MINUTES_TYPE if minutes else NOTICE_TYPE,
            subject,
            _outcome_text(locked, notes=minutes),
        )
        versioned_update(
            actor=actor,
            row=locked,
            action=A.MEETING_MINUTES_DRAFTED if minutes else A.MEETING_NOTICE_DRAFTED,
            fields={f"{field}_id": document.pk},
        )
    return document


def meeting_close(*, actor: Any, meeting: Meeting, expected_version: int | None) -> Meeting:
    """Close a held meeting once its minutes exist."""
    _require_manager(actor, meeting)
    with transaction.atomic():
        locked = _lock(meeting, expected_version)
        target = rules.MEETING_TRANSITIONS.target("close", locked.status)
        if locked.minutes_id is None:
            raise MeetingError(_("Draft the minutes first."), code="no_minutes")
        return versioned_update(
            actor=actor,
            row=locked,
            action=A.MEETING_CLOSED,
            fields={"status": target, "closed_at": timezone.now()},
        )
