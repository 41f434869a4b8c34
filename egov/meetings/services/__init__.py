"""Every write of paperless meetings: one transaction, one audit entry with a declared
``MeetingAuditAction`` per change, the meeting's state through ``MEETING_TRANSITIONS``."""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Sequence
from typing import IO, Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.audit.services import event_record
from egov.audit.versioned import row_lock, version_check, versioned_update
from egov.common.exceptions import PermissionDenied
from egov.common.files import PDF, accepting, file_check
from egov.common.validation import require_text
from egov.directives.services.task_edit import TaskData, task_create
from egov.documents.choices import DocumentStatus
from egov.documents.models import Document, DocumentType
from egov.documents.selectors import document_get_for_user
from egov.documents.services import document_draft_create
from egov.meetings import rules
from egov.meetings.choices import (
    CheckInWay,
    Choice,
    MeetingAuditAction,
    MeetingKind,
    Response,
    VoteStatus,
)
from egov.meetings.exceptions import MeetingConflict, MeetingError
from egov.meetings.models import (
    AgendaItem,
    Ballot,
    Conclusion,
    ConnectedPoint,
    Invitee,
    Meeting,
    Opinion,
    Paper,
    Speaker,
    Turnout,
    Vote,
)
from egov.meetings.selectors import invitee_for, is_chair, may_manage, may_see, meeting_quorum
from egov.orgs.access import can_act_for_unit
from egov.orgs.models import Membership, OrgUnit, OutsideBody
from egov.workdays.rules import VN_TZ, working_days_count
from egov.workdays.selectors import work_calendar_get

A = MeetingAuditAction
INVITATION_TYPE, MINUTES_TYPE, NOTICE_TYPE = "giay-moi", "bien-ban", "thong-bao"


def _invalid(field: str, message: str) -> MeetingError:
    return MeetingError(message, fields={field: message})


def _require_manager(actor: Any, meeting: Meeting) -> None:
    if not may_manage(actor, meeting):
        raise PermissionDenied(_("Only the host unit can manage this meeting."))


def _lock(meeting: Meeting, expected_version: int | None = None) -> Meeting:
    locked = row_lock(Meeting.objects.select_related("host_unit"), meeting.pk)
    version_check(locked, expected_version, item=locked.title)
    return locked


def _local_day(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment, VN_TZ).date()


def working_days_before(meeting: Meeting, moment: datetime.datetime) -> int:
    """Working days strictly between the day of ``moment`` and the meeting's day."""
    first = _local_day(moment) + datetime.timedelta(days=1)
    last = _local_day(meeting.starts_at) - datetime.timedelta(days=1)
    if last < first:
        return 0
    return working_days_count(work_calendar_get(), first, last)


def _lead_check(meeting: Meeting, moment: datetime.datetime) -> str | None:
    message, refused = rules.lead_time_problem(
        working_days_before=working_days_before(meeting, moment),
        required=settings.EGOV_MEETING_LEAD_WORKDAYS,
        rule=settings.EGOV_MEETING_LEAD_RULE,
    )
    if refused:
        raise MeetingError(message, code="late")
    return message


def _validate(values: dict[str, Any]) -> None:
    if values["kind"] not in MeetingKind.values:
        raise _invalid("kind", _("Choose the kind of meeting."))
    require_text(values["title"], "title")
    if not values["place"].strip() and not values["online_url"].strip():
        raise _invalid("place", _("Give the place or the online room of the meeting."))
    if values["kind"] == MeetingKind.ONLINE_CONFERENCE and not values["online_url"].strip():
        raise _invalid("online_url", _("An online conference needs its online room."))
    if not 1 <= values["planned_minutes"] <= 24 * 60:
        raise _invalid("planned_minutes", _("Give a duration between 1 minute and a day."))
    if not 1 <= values.get("quorum_percent", 50) <= 100:
        raise _invalid("quorum_percent", _("Give a quorum between 1 and 100 %."))


def meeting_create(
    *,
    actor: Any,
    host_unit: OrgUnit,
    chair: Any,
    kind: str,
    title: str,
    starts_at: datetime.datetime,
    planned_minutes: int,
    place: str = "",
    online_url: str = "",
    quorum_percent: int | None = None,
    online: bool = False,
) -> Meeting:
    """Plan a meeting of ``host_unit``; by its office or heads. ``quorum_percent`` is the
    share of invitees present a vote needs (default: the setting). A meeting held online
    (``online``, or an online conference) without a room given gets a new room on the city's
    video conference system (``EGOV_MEETING_VIDEO_URL``)."""
    online_url = (online_url or "").strip()
    if (online or kind == MeetingKind.ONLINE_CONFERENCE) and not online_url:
        online_url = rules.video_room_url(
            settings.EGOV_MEETING_VIDEO_URL, f"egov-{secrets.token_hex(8)}"
        )
    if not can_act_for_unit(actor, host_unit):
        raise PermissionDenied(_("Only the host unit can manage this meeting."))
    values = {
        "kind": kind,
        "title": (title or "").strip(),
        "starts_at": starts_at,
        "planned_minutes": planned_minutes,
        "place": (place or "").strip(),
        "online_url": (online_url or "").strip(),
        "quorum_percent": quorum_percent or settings.EGOV_MEETING_QUORUM_PERCENT,
    }
    _validate(values)
    with transaction.atomic():
        meeting = Meeting.objects.create(
            host_unit=host_unit, chair=chair, created_by=actor, **values
        )
        event_record(
            actor=actor,
            action=A.MEETING_CREATED,
            obj=meeting,
            changes={**values, "starts_at": starts_at.isoformat(), "chair": chair.pk},
        )
    return meeting


def meeting_update(
    *, actor: Any, meeting: Meeting, expected_version: int | None, **values: Any
) -> Meeting:
    """Change the title, time, duration, place or room of a meeting not held yet."""
    _require_manager(actor, meeting)
    allowed = {"title", "starts_at", "planned_minutes", "place", "online_url", "quorum_percent"}
    if set(values) - allowed:
        raise TypeError(f"Not editable: {sorted(set(values) - allowed)}")
    with transaction.atomic():
        locked = _lock(meeting, expected_version)
        rules.MEETING_TRANSITIONS.check("edit", locked.status)
        merged = {
            "kind": locked.kind,
            "title": locked.title,
            "place": locked.place,
            "online_url": locked.online_url,
            "planned_minutes": locked.planned_minutes,
            **values,
        }
        _validate(merged)
        return versioned_update(actor=actor, row=locked, action=A.MEETING_CHANGED, fields=values)


def invitee_add(
    *,
    actor: Any,
    meeting: Meeting,
    person: Any = None,
    unit: OrgUnit | None = None,
    outside_body: OutsideBody | None = None,
) -> Invitee:
    """Invite a person, a unit (it names its representative) or an outside body; once."""
    _require_manager(actor, meeting)
    if sum(x is not None for x in (person, unit, outside_body)) != 1:
        raise _invalid("invitee", _("Choose one person, unit or outside body to invite."))
    with transaction.atomic():
        locked = _lock(meeting)
        rules.MEETING_TRANSITIONS.check("edit", locked.status)
        found = Invitee.objects.filter(
            meeting=locked, person=person, unit=unit, outside_body=outside_body
        ).first()
        if found is not None:
            return found
        invitee = Invitee.objects.create(
            meeting=locked, person=person, unit=unit, outside_body=outside_body
        )
        event_record(
            actor=actor,
            action=A.INVITEE_ADDED,
            obj=invitee,
            changes={
                "meeting": locked.pk,
                "person": getattr(person, "pk", None),
                "unit": getattr(unit, "pk", None),
                "outside_body": getattr(outside_body, "pk", None),
            },
        )
    return invitee


def item_add(
    *, actor: Any, meeting: Meeting, title: str, planned_minutes: int, presenter: str = ""
) -> AgendaItem:
    """Add an agenda item at the end; the agenda may not run longer than the meeting."""
    _require_manager(actor, meeting)
    title = (title or "").strip()
    require_text(title, "title")
    if planned_minutes < 1:
        raise _invalid("planned_minutes", _("Give the planned minutes of the item."))
    with transaction.atomic():
        locked = _lock(meeting)
        rules.MEETING_TRANSITIONS.check("edit", locked.status)
        minutes = list(locked.items.values_list("planned_minutes", flat=True))
        if not rules.agenda_fits(locked.planned_minutes, [*minutes, planned_minutes]):
            raise _invalid(
                "planned_minutes",
                _("The agenda would run longer than the meeting (%(minutes)s minutes).")
                % {"minutes": locked.planned_minutes},
            )
        order = (locked.items.aggregate(m=Max("order"))["m"] or 0) + 1
        item = AgendaItem.objects.create(
            meeting=locked,
            order=order,
            title=title,
            presenter=(presenter or "").strip(),
            planned_minutes=planned_minutes,
        )
        event_record(
            actor=actor,
            action=A.ITEM_ADDED,
            obj=item,
            changes={"meeting": locked.pk, "order": order, "title": title},
        )
    return item


PAPER_KINDS = accepting({PDF})


def _check_readers(meeting: Meeting, secret: bool, readers: Any) -> list[Any]:
    readers = list(readers or [])
    if not secret:
        return []
    if not readers:
        raise _invalid("readers", _("Name the readers of a secret paper."))
    outside = [user.full_name for user in readers if not may_see(user, meeting)]
    if outside:
        raise _invalid(
            "readers",
            _("Only people of the meeting can read its papers: %(names)s.")
            % {"names": ", ".join(outside)},
        )
    return readers


def paper_upload(
    *,
    actor: Any,
    item: AgendaItem,
    upload: bytes | IO[bytes],
    name: str,
    secret: bool = False,
    readers: Any = (),
) -> tuple[Paper, str | None]:
    """Add an uploaded paper (checked by the one file intake) to an agenda item; a secret one
    names its readers (people of the meeting). Returns the paper and the Decision 45 warning
    when it goes out later than the lead time."""
    meeting = item.meeting
    _require_manager(actor, meeting)
    readers = _check_readers(meeting, bool(secret), readers)
    checked = file_check(upload, accept=PAPER_KINDS)
    content = upload if isinstance(upload, bytes) else upload.read()
    base = (name or "").strip().rsplit("/", 1)[-1] or _("paper")
    with transaction.atomic():
        locked = _lock(meeting)
        rules.MEETING_TRANSITIONS.check("edit", locked.status)
        now = timezone.now()
        warning = _lead_check(locked, now)
        paper = Paper(
            item=item,
            name=base[:200],
            content_type=checked.content_type,
            size=checked.size,
            sha256=checked.sha256,
            added_by=actor,
            added_at=now,
            on_time=warning is None,
            secret=bool(secret),
        )
        stem = base.rsplit(".", 1)[0][:80] or "paper"
        paper.file.save(f"{stem}.{checked.extension}", ContentFile(content), save=False)
        paper.save()
        paper.readers.set(readers)
        event_record(
            actor=actor,
            action=A.PAPER_ADDED,
            obj=paper,
            changes={
                "item": item.pk,
                "name": paper.name,
                "size": paper.size,
                "late": bool(warning),
                "secret": bool(secret),
                "readers": sorted(user.pk for user in readers),
            },
        )
    return paper, warning


def paper_readers_set(*, actor: Any, paper: Paper, secret: bool, readers: Any) -> Paper:
    """Mark a paper secret with its named readers, or open it to the meeting again."""
    meeting = paper.item.meeting
    _require_manager(actor, meeting)
    readers = _check_readers(meeting, bool(secret), readers)
    with transaction.atomic():
        _lock(meeting)
        locked = row_lock(Paper.objects.all(), paper.pk)
        locked.secret = bool(secret)
        locked.save(update_fields=["secret"])
        locked.readers.set(readers)
        event_record(
            actor=actor,
            action=A.PAPER_READERS_SET,
            obj=locked,
            changes={"secret": bool(secret), "readers": sorted(user.pk for user in readers)},
        )
    return locked


def paper_attach_document(*, actor: Any, item: AgendaItem, document: Document) -> Paper:
    """Add a document of the registry the actor may read as a paper of an agenda item."""
    meeting = item.meeting
    _require_manager(actor, meeting)
    document = document_get_for_user(actor, document.pk)
    with transaction.atomic():
        locked = _lock(meeting)
        rules.MEETING_TRANSITIONS.check("edit", locked.status)
        now = timezone.now()
        warning = _lead_check(locked, now)
        paper = Paper.objects.create(
            item=item,
            document=document,
            name=document.subject[:200],
            added_by=actor,
            added_at=now,
            on_time=warning is None,
        )
        event_record(
            actor=actor,
            action=A.PAPER_ADDED,
            obj=paper,
            changes={"item": item.pk, "document": document.pk, "late": bool(warning)},
        )
    return paper


def paper_read_record(*, actor: Any, paper: Paper) -> None:
    """Who opened a paper and when (the host sees that papers reached people)."""
    event_record(actor=actor, action=A.PAPER_READ, obj=paper, changes={"item": paper.item_id})


def _meeting_text(meeting: Meeting) -> str:
    local = timezone.localtime(meeting.starts_at, VN_TZ)
    lines = [
        _("Time: %(time)s, %(day)s")
        % {
            "time": local.strftime("%H:%M"),
            "day": local.strftime("%d/%m/%Y"),
        }
    ]
    if meeting.place:
        lines.append(_("Place: %(place)s") % {"place": meeting.place})
    if meeting.online_url:
        lines.append(_("Online room: %(url)s") % {"url": meeting.online_url})
    lines.append(_("Chaired by: %(name)s") % {"name": meeting.chair.full_name})
    items = list(meeting.items.all())
    if items:
        lines.append(_("Agenda:"))
        lines.extend(f"{item.order}. {item.title}" for item in items)
    return "\n".join(lines)


def _invitee_names(meeting: Meeting) -> str:
    return "\n".join(
        f"- {invitee}"
        for invitee in meeting.invitees.select_related("person", "unit", "outside_body")
    )


def _draft(
    actor: Any, meeting: Meeting, drafting_unit: OrgUnit, type_code: str, subject: str, body: str
) -> Document:
    return document_draft_create(
        actor=actor,
        drafting_unit=drafting_unit,
        unit=meeting.host_unit,
        doc_type=DocumentType.objects.get(code=type_code),
        subject=subject,
        body=body,
        recipients_text=_invitee_names(meeting),
    )


def invitation_draft(
    *, actor: Any, meeting: Meeting, drafting_unit: OrgUnit, expected_version: int | None
) -> Document:
    """Draft the invitation (giấy mời) in the registry; the registry reviews, signs and
    numbers it in the official layout. Asking again returns the same draft."""
    _require_manager(actor, meeting)
    with transaction.atomic():
        locked = _lock(meeting, expected_version)
        if locked.invitation_id:
            return locked.invitation
        rules.MEETING_TRANSITIONS.check("draft_invitation", locked.status)
        document = _draft(
            actor,
            locked,
            drafting_unit,
            INVITATION_TYPE,
            _("Invitation to %(title)s") % {"title": locked.title},
            _meeting_text(locked),
        )
        versioned_update(
            actor=actor,
            row=locked,
            action=A.MEETING_INVITATION_DRAFTED,
            fields={"invitation_id": document.pk},
        )
    return document


def meeting_invite(
    *, actor: Any, meeting: Meeting, expected_version: int | None
) -> tuple[Meeting, str | None]:
    """Send the invitation once the registry issued it; checks the Decision 45 lead time
    (a warning, or a refusal under ``EGOV_MEETING_LEAD_RULE=refuse``)."""
    _require_manager(actor, meeting)
    with transaction.atomic():
        locked = _lock(meeting, expected_version)
        rules.MEETING_TRANSITIONS.check("invite", locked.status)
        if locked.invitation is None or locked.invitation.status != DocumentStatus.ISSUED:
            raise MeetingError(
                _("The invitation must be signed and issued before it is sent."),
                code="invitation_not_issued",
            )
        if not locked.invitees.exists():
            raise _invalid("invitee", _("Invite at least one person or unit."))
        now = timezone.now()
        warning = _lead_check(locked, now)
        versioned_update(
            actor=actor,
            row=locked,
            action=A.MEETING_INVITED,
            fields={
                "status": rules.MEETING_TRANSITIONS.target("invite", locked.status),
                "invited_at": now,
                "invited_late": warning is not None,
            },
        )
    return locked, warning


def invitee_answer(
    *,
    actor: Any,
    invitee: Invitee,
    response: str,
    reason: str = "",
    delegate: Any = None,
    expected_version: int | None = None,
) -> Invitee:
    """Confirm, decline with a reason, or delegate to someone of the invited unit (or of the
    invited person's unit)."""
    meeting = invitee.meeting
    if invitee_for(actor, meeting) != invitee:
        raise PermissionDenied(_("You are not invited to this meeting."))
    if response not in (Response.CONFIRMED, Response.DECLINED, Response.DELEGATED):
        raise _invalid("response", _("Choose an answer."))
    fields: dict[str, Any] = {"response": response, "reason": "", "delegate_id": None}
    if response == Response.DECLINED:
        fields["reason"] = require_text(reason, "reason")
    if response == Response.DELEGATED:
        if delegate is None:
            raise _invalid("delegate", _("Choose whom you delegate to."))
        unit = invitee.unit
        if unit is None and not any(can_act_for_unit(delegate, u) for u in _units_of(actor)):
            raise _invalid("delegate", _("You can delegate only to someone of your unit."))
        if unit is not None and not can_act_for_unit(delegate, unit):
            raise _invalid("delegate", _("You can delegate only to someone of the invited unit."))
        fields["delegate_id"] = delegate.pk
    with transaction.atomic():
        _lock(meeting)  # the meeting's state is read under its lock
        rules.MEETING_TRANSITIONS.check("answer", meeting.status)
        locked = row_lock(Invitee.objects.all(), invitee.pk)
        version_check(locked, expected_version, item=str(locked))
        return versioned_update(actor=actor, row=locked, action=A.INVITEE_ANSWERED, fields=fields)


def _units_of(user: Any) -> list[OrgUnit]:
    ids = Membership.objects.current().filter(user=user).values("unit_id")
    return list(OrgUnit.objects.filter(pk__in=ids))


def invitee_check_in(*, actor: Any, invitee: Invitee) -> Invitee:
    """Check in at the meeting: the invitee themself or the host's secretary. Twice is once."""
    meeting = invitee.meeting
    if invitee_for(actor, meeting) != invitee and not may_manage(actor, meeting):
        raise PermissionDenied(_("You are not invited to this meeting."))
    with transaction.atomic():
        locked_meeting = _lock(meeting)
        rules.MEETING_TRANSITIONS.check("check_in", locked_meeting.status)
        locked = row_lock(Invitee.objects.all(), invitee.pk)
        if locked.checked_in_at is not None:
            return locked
        mine = invitee_for(actor, meeting) == invitee
        return versioned_update(
            actor=actor,
            row=locked,
            action=A.INVITEE_CHECKED_IN,
            fields={
                "checked_in_at": timezone.now(),
                "checked_in_via": CheckInWay.SELF if mine else CheckInWay.SECRETARY,
                "checked_in_by_id": actor.pk,
            },
        )


def opinion_give(*, actor: Any, item: AgendaItem, text: str) -> Opinion:
    """A written opinion of an invitee on an agenda item, before its deadline."""
    meeting = item.meeting
    if invitee_for(actor, meeting) is None:
        raise PermissionDenied(_("You are not invited to this meeting."))
    text = require_text(text, "text")
    if item.opinions_until and timezone.localdate() > item.opinions_until:
        raise _invalid("text", _("The time for opinions on this item has passed."))
    with transaction.atomic():
        opinion = Opinion.objects.create(
            item=item, author=actor, text=text, given_at=timezone.now()
        )
        event_record(actor=actor, action=A.OPINION_GIVEN, obj=opinion, changes={"item": item.pk})
    return opinion


def vote_open(*, actor: Any, item: AgendaItem, question: str, secret: bool = False) -> Vote:
    """The chair opens a named or secret vote on an agenda item, once the quorum (the
    meeting's share of invitees checked in) is reached. The same question on the same item
    while its vote is open is that vote (a double click or a retry opens one)."""
    meeting = item.meeting
    if not is_chair(actor, meeting):
        raise PermissionDenied(_("Only the chair can open or close a vote."))
    question = require_text(question, "question")
    with transaction.atomic():
        locked = _lock(meeting)
        rules.MEETING_TRANSITIONS.check("open_vote", locked.status)
        quorum = meeting_quorum(locked)
        if not quorum.reached:
            raise MeetingError(
                _(
                    "The quorum is not reached: %(present)s of %(invited)s invitees present, "
                    "%(needed)s needed."
                )
                % {"present": quorum.present, "invited": quorum.invited, "needed": quorum.needed},
                code="no_quorum",
            )
        same = Vote.objects.filter(item=item, question=question, status=VoteStatus.OPEN).first()
        if same is not None:
            return same  # a double click or a retry opens one vote
        rule = rules.majority_rule_for(locked.kind, settings.EGOV_MEETING_MAJORITY)
        vote = Vote.objects.create(
            item=item,
            question=question,
            secret=bool(secret),
            opened_at=timezone.now(),
            majority_base=rule.base,
            majority_share=rule.share,
        )
        event_record(
            actor=actor,
            action=A.VOTE_OPENED,
            obj=vote,
            changes={
                "item": item.pk,
                "question": question,
                "secret": bool(secret),
                "present": quorum.present,
                "invited": quorum.invited,
                "majority": f"{rule.base}:{rule.share}",
            },
        )
    return vote


COUNT_FIELDS = {
    Choice.FOR: "count_for",
    Choice.AGAINST: "count_against",
    Choice.ABSTAIN: "count_abstain",
}


def vote_cast(*, actor: Any, vote: Vote, choice: str) -> Turnout:
    """An attending invitee's vote; once per person. A named vote keeps the ballot (who chose
    what); a secret vote only adds the choice to the vote's count and records who voted."""
    meeting = vote.item.meeting
    invitee = invitee_for(actor, meeting)
    if invitee is None or invitee.response == Response.DECLINED:
        raise PermissionDenied(_("Only participants of the meeting can vote."))
    if choice not in Choice.values:
        raise _invalid("choice", _("Choose for, against or abstain."))
    try:
        with transaction.atomic():
            locked = row_lock(Vote.objects.all(), vote.pk)
            rules.VOTE_TRANSITIONS.check("cast", locked.status)
            turnout = record_choice(locked, actor, choice)
            event_record(actor=actor, action=A.VOTE_CAST, obj=turnout, changes={"vote": locked.pk})
    except IntegrityError:
        raise MeetingConflict(_("You have already voted."), code="voted") from None
    return turnout


def record_choice(locked: Vote, voter: Any, choice: str) -> Turnout:
    """Record who voted and, by ADR 0017, what: a named vote keeps the ballot, a secret one
    only adds to the vote's counter. Inside the caller's transaction, the vote row locked;
    a second vote of the same person is an ``IntegrityError`` (the turnout is unique)."""
    turnout = Turnout.objects.create(vote=locked, voter=voter)
    if locked.secret:
        field = COUNT_FIELDS[Choice(choice)]
        Vote.objects.filter(pk=locked.pk).update(**{field: F(field) + 1})
    else:
        Ballot.objects.create(vote=locked, voter=voter, choice=choice, cast_at=timezone.now())
    return turnout


def vote_close(*, actor: Any, vote: Vote) -> Vote:
    """The chair closes a vote; its count is sealed on the row (a secret vote's count is
    there already)."""
    if not is_chair(actor, vote.item.meeting):
        raise PermissionDenied(_("Only the chair can open or close a vote."))
    with transaction.atomic():
        locked = row_lock(Vote.objects.all(), vote.pk)
        return vote_seal(locked, actor=actor, action=A.VOTE_CLOSED)


def vote_seal(
    locked: Vote, *, actor: Any, action: str, changes: dict[str, Any] | None = None
) -> Vote:
    """Close ``locked`` (its row locked by the caller) and seal its count on the row: a named
    vote's ballots counted, a secret vote's counters kept. The one close of a vote, by the
    chair or at the written ballots' deadline."""
    target = rules.VOTE_TRANSITIONS.target("close", locked.status)
    fields: dict[str, Any] = {"status": target, "closed_at": timezone.now()}
    if locked.secret:
        counted = {
            Choice.FOR: locked.count_for,
            Choice.AGAINST: locked.count_against,
            Choice.ABSTAIN: locked.count_abstain,
        }
    else:
        counted = rules.vote_count(locked.ballots.values_list("choice", flat=True))
    fields.update({COUNT_FIELDS[choice]: n for choice, n in counted.items()})
    fields.update(_outcome_fields(locked, counted[Choice.FOR]))
    return versioned_update(actor=actor, row=locked, action=action, fields=fields, changes=changes)


def _outcome_fields(locked: Vote, count_for: int) -> dict[str, Any]:
    """The vote's result under the rule it opened with: the meeting's invitees are its
    members; those present are the invitees checked in at the close and the absent members
    who answered a written ballot."""
    invitees = Invitee.objects.filter(meeting_id=locked.item.meeting_id).aggregate(
        members=Count("pk"), present=Count("pk", filter=Q(checked_in_at__isnull=False))
    )
    written = locked.written_ballots.filter(answered_at__isnull=False).count()
    outcome = rules.vote_outcome(
        rule=rules.MajorityRule(locked.majority_base, locked.majority_share),
        count_for=count_for,
        members=invitees["members"],
        present=invitees["present"] + written,
        voted=locked.turnout.count(),
    )
    return {"counted": outcome.counted, "needed": outcome.needed, "passed": outcome.passed}


def _require_chair_or_manager(actor: Any, meeting: Meeting) -> None:
    if not (may_manage(actor, meeting) or is_chair(actor, meeting)):
        raise PermissionDenied(_("Only the chair or the host unit can do this."))


def meeting_start(*, actor: Any, meeting: Meeting, expected_version: int | None) -> Meeting:
    """Record the actual start (by the chair or the host's secretary); once."""
    _require_chair_or_manager(actor, meeting)
    with transaction.atomic():
        locked = _lock(meeting, expected_version)
        rules.MEETING_TRANSITIONS.check("start", locked.status)
        if locked.started_at is not None:
            return locked
        return versioned_update(
            actor=actor, row=locked, action=A.MEETING_STARTED, fields={"started_at": timezone.now()}
        )


def meeting_end(*, actor: Any, meeting: Meeting, expected_version: int | None) -> Meeting:
    """Record the actual end of a started meeting; once. A speaker still speaking and an
    agenda item still running stop."""
    _require_chair_or_manager(actor, meeting)
    with transaction.atomic():
        locked = _lock(meeting, expected_version)
        rules.MEETING_TRANSITIONS.check("end", locked.status)
        if locked.ended_at is not None:
            return locked
        if locked.started_at is None:
            raise MeetingError(_("Record the start of the meeting first."), code="not_started")
        now = timezone.now()
        locked.speakers.filter(started_at__isnull=False, ended_at__isnull=True).update(ended_at=now)
        for item in locked.items.filter(started_at__isnull=False, ended_at__isnull=True):
            item.ended_at = now
            item.save(update_fields=["ended_at"])
            event_record(
                actor=actor, action=A.ITEM_ENDED, obj=item, changes={"ended_at": now.isoformat()}
            )
        return versioned_update(
            actor=actor, row=locked, action=A.MEETING_ENDED, fields={"ended_at": now}
        )


def speaker_request(*, actor: Any, meeting: Meeting, item: AgendaItem | None = None) -> Speaker:
    """An invitee asks to speak (from their phone); asking again while waiting is once."""
    if invitee_for(actor, meeting) is None:
        raise PermissionDenied(_("You are not invited to this meeting."))
    if item is not None and item.meeting_id != meeting.pk:
        raise _invalid("item", _("Choose an item of this meeting."))
    with transaction.atomic():
        locked = _lock(meeting)
        rules.MEETING_TRANSITIONS.check("speak", locked.status)
        found = locked.speakers.filter(person=actor, ended_at__isnull=True).first()
        if found is not None:
            return found
        position = (locked.speakers.aggregate(m=Max("position"))["m"] or 0) + 1
        speaker = Speaker.objects.create(
            meeting=locked,
            person=actor,
            item=item,
            position=position,
            requested_at=timezone.now(),
        )
        event_record(
            actor=actor,
            action=A.SPEAKER_REQUESTED,
            obj=speaker,
            changes={"meeting": locked.pk, "item": getattr(item, "pk", None)},
        )
    return speaker


def _waiting(meeting: Meeting) -> list[Speaker]:
    return list(meeting.speakers.filter(started_at__isnull=True, ended_at__isnull=True))


def speaker_move(*, actor: Any, speaker: Speaker, up: bool) -> Speaker:
    """The chair moves a waiting speaker one place up or down the list."""
    meeting = speaker.meeting
    if not is_chair(actor, meeting):
        raise PermissionDenied(_("Only the chair orders the speakers."))
    with transaction.atomic():
        locked_meeting = _lock(meeting)
        rules.MEETING_TRANSITIONS.check("speak", locked_meeting.status)
        waiting = _waiting(locked_meeting)
        index = next((i for i, s in enumerate(waiting) if s.pk == speaker.pk), None)
        if index is None:
            raise MeetingError(_("This speaker is not waiting."), code="not_waiting")
        other = index - 1 if up else index + 1
        if not 0 <= other < len(waiting):
            return waiting[index]
        mine, theirs = waiting[index], waiting[other]
        mine.position, theirs.position = theirs.position, mine.position
        Speaker.objects.filter(pk=mine.pk).update(position=mine.position)
        Speaker.objects.filter(pk=theirs.pk).update(position=theirs.position)
        event_record(
            actor=actor,
            action=A.SPEAKER_MOVED,
            obj=mine,
            changes={"position": mine.position, "up": bool(up)},
        )
    return mine


def speaker_start(*, actor: Any, speaker: Speaker) -> Speaker:
    """The chair gives the floor to a waiting speaker; whoever spoke before stops."""
    meeting = speaker.meeting
    if not is_chair(actor, meeting):
        raise PermissionDenied(_("Only the chair orders the speakers."))
    with transaction.atomic():
        locked_meeting = _lock(meeting)
        rules.MEETING_TRANSITIONS.check("speak", locked_meeting.status)
        locked = row_lock(Speaker.objects.all(), speaker.pk)
        if locked.started_at is not None:
            return locked
        if locked.ended_at is not None:
            raise MeetingError(_("This speaker is not waiting."), code="not_waiting")
        now = timezone.now()
        locked_meeting.speakers.filter(started_at__isnull=False, ended_at__isnull=True).update(
            ended_at=now
        )
        locked.started_at = now
        locked.save(update_fields=["started_at"])
        event_record(actor=actor, action=A.SPEAKER_STARTED, obj=locked, changes={})
    return locked


def speaker_end(*, actor: Any, speaker: Speaker) -> Speaker:
    """The chair ends a turn (or takes a waiting request off the list); once."""
    meeting = speaker.meeting
    if not is_chair(actor, meeting):
        raise PermissionDenied(_("Only the chair orders the speakers."))
    with transaction.atomic():
        _lock(meeting)
        locked = row_lock(Speaker.objects.all(), speaker.pk)
        if locked.ended_at is not None:
            return locked
        locked.ended_at = timezone.now()
        locked.save(update_fields=["ended_at"])
        event_record(
            actor=actor,
            action=A.SPEAKER_ENDED,
            obj=locked,
            changes={"seconds": locked.seconds_spoken},
        )
    return locked


def point_add(
    *, actor: Any, meeting: Meeting, unit: OrgUnit, officer: Any, place: str = ""
) -> ConnectedPoint:
    """Add a connected point (điểm cầu) to an online meeting: a unit joining from its hall,
    with an officer of that unit responsible there. Once per unit."""
    _require_manager(actor, meeting)
    if not meeting.online_url:
        raise _invalid("unit", _("Only an online meeting has connected points."))
    if not can_act_for_unit(officer, unit):
        raise _invalid("officer", _("The responsible officer must be of the connected unit."))
    with transaction.atomic():
        locked = _lock(meeting)
        rules.MEETING_TRANSITIONS.check("add_point", locked.status)
        found = locked.points.filter(unit=unit).first()
        if found is not None:
            return found
        point = ConnectedPoint.objects.create(
            meeting=locked, unit=unit, officer=officer, place=(place or "").strip()[:300]
        )
        event_record(
            actor=actor,
            action=A.POINT_ADDED,
            obj=point,
            changes={"meeting": locked.pk, "unit": unit.pk, "officer": officer.pk},
        )
    return point


def point_check_in(*, actor: Any, point: ConnectedPoint, present: int) -> ConnectedPoint:
    """The point's officer (or the host) reports the point joined and how many people are
    present there; a later report replaces the count (never adds to it)."""
    meeting = point.meeting
    if actor.pk != point.officer_id and not may_manage(actor, meeting):
        raise PermissionDenied(_("Only the point's responsible officer can check it in."))
    if not 0 <= present <= 10000:
        raise _invalid("present", _("Give the number of people present at the point."))
    with transaction.atomic():
        _lock(meeting)
        rules.MEETING_TRANSITIONS.check("point_check_in", meeting.status)
        locked = row_lock(ConnectedPoint.objects.all(), point.pk)
        locked.present = present
        locked.joined_at = locked.joined_at or timezone.now()
        locked.save(update_fields=["present", "joined_at"])
        event_record(
            actor=actor, action=A.POINT_CHECKED_IN, obj=locked, changes={"present": present}
        )
    return locked


def meeting_hold(*, actor: Any, meeting: Meeting, expected_version: int | None) -> Meeting:
    """Mark the meeting as held (by the host or the chair); open votes are closed first."""
    if not (may_manage(actor, meeting) or is_chair(actor, meeting)):
        raise PermissionDenied(_("Only the host unit can manage this meeting."))
    with transaction.atomic():
        locked = _lock(meeting, expected_version)
        if Vote.objects.filter(item__meeting=locked, status="open").exists():
            raise MeetingError(_("Close the open votes first."), code="votes_open")
        return versioned_update(
            actor=actor,
            row=locked,
            action=A.MEETING_HELD,
            fields={
                "status": rules.MEETING_TRANSITIONS.target("hold", locked.status),
                "held_at": timezone.now(),
            },
        )


def conclusion_add(
    *,
    actor: Any,
    meeting: Meeting,
    text: str,
    lead_unit: OrgUnit | None = None,
    deadline_on: datetime.date | None = None,
    cooperating: Sequence[OrgUnit] = (),
) -> Conclusion:
    """Record a conclusion (by the chair or the host); one that assigns work names its lead
    unit and deadline together, and the units cooperating with the lead (each once, never
    the lead itself: one lead unit per task, the Government's working regulation)."""
    if not (may_manage(actor, meeting) or is_chair(actor, meeting)):
        raise PermissionDenied(_("Only the host unit can manage this meeting."))
    text = require_text(text, "text")
    if (lead_unit is None) != (deadline_on is None):
        raise _invalid(
            "deadline_on", _("A conclusion that assigns work needs a unit and a deadline.")
        )
    if cooperating and lead_unit is None:
        raise _invalid("cooperating", _("Cooperating units work with a lead unit: name it."))
    if lead_unit is not None and any(unit.pk == lead_unit.pk for unit in cooperating):
        raise _invalid("cooperating", _("The lead unit is not also a cooperating unit."))
    cooperating = list({unit.pk: unit for unit in cooperating}.values())
    with transaction.atomic():
        locked = _lock(meeting)
        rules.MEETING_TRANSITIONS.check("conclude", locked.status)
        if deadline_on is not None and deadline_on < _local_day(locked.starts_at):
            raise _invalid("deadline_on", _("The deadline comes before the meeting."))
        order = (locked.conclusions.aggregate(m=Max("order"))["m"] or 0) + 1
        conclusion = Conclusion.objects.create(
            meeting=locked, order=order, text=text, lead_unit=lead_unit, deadline_on=deadline_on
        )
        conclusion.cooperating_units.set(cooperating)
        event_record(
            actor=actor,
            action=A.CONCLUSION_ADDED,
            obj=conclusion,
            changes={
                "meeting": locked.pk,
                "text": text,
                "lead_unit": getattr(lead_unit, "pk", None),
                "cooperating": sorted(unit.pk for unit in cooperating),
                "deadline_on": deadline_on.isoformat() if deadline_on else "",
            },
        )
    return conclusion


def _notes_text(meeting: Meeting) -> list[str]:
    """The course of the meeting from the secretary's notes, in the order written."""
    notes = list(meeting.notes.select_related("item"))
    if not notes:
        return []
    lines = [_("Course of the meeting (secretary's notes):")]
    for note in notes:
        time = timezone.localtime(note.written_at, VN_TZ).strftime("%H:%M")
        where = f" [{note.item.order}. {note.item.title}]" if note.item else ""
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


def conclusion_to_task(*, actor: Any, conclusion: Conclusion) -> Conclusion:
    """Turn a conclusion that assigns work into a task of ``directives`` on the issued
    conclusion notice (so it is tracked and on the scoreboard like any task). Once."""
    meeting = conclusion.meeting
    if not may_see(actor, meeting):
        raise PermissionDenied(_("Only the host unit can manage this meeting."))
    with transaction.atomic():
        locked_meeting = _lock(meeting)
        rules.MEETING_TRANSITIONS.check("task", locked_meeting.status)
        locked = row_lock(Conclusion.objects.select_related("lead_unit"), conclusion.pk)
        if locked.task_id is not None:
            return locked
        if locked.lead_unit is None:
            raise MeetingError(
                _("This conclusion assigns no work: it has no lead unit."), code="no_work"
            )
        notice = locked_meeting.notice
        if notice is None or notice.status != DocumentStatus.ISSUED:
            raise MeetingError(
                _("Issue the conclusion notice first; tasks hang on it."), code="no_notice"
            )
        task = task_create(
            actor=actor,
            document=notice,
            data=TaskData(
                content=locked.text,
                lead_unit=locked.lead_unit,
                cooperating=list(locked.cooperating_units.order_by("pk")),
                deadline_on=locked.deadline_on,
            ),
        )
        return versioned_update(
            actor=actor, row=locked, action=A.CONCLUSION_TASKED, fields={"task_id": task.pk}
        )


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
