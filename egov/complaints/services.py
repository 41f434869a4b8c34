"""Writes of citizen reception and petition handling. One service is one transaction with its
audit entry; notices and decisions are drafted in the documents registry; citizens hear of
their petition through the notification centre after commit."""

from __future__ import annotations

import copy
import datetime
import secrets
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.accounts.choices import AccountKind, NotificationChannel
from egov.accounts.models import User
from egov.accounts.services_notify import notification_send
from egov.audit.services import event_record
from egov.audit.versioned import row_lock, version_check, versioned_update
from egov.common.exceptions import PermissionDenied
from egov.common.validation import day_problem, require_text
from egov.complaints import rules
from egov.complaints.choices import (
    Channel,
    ComplaintsAuditAction,
    IneligibleReason,
    Outcome,
    PetitionKind,
    PetitionStatus,
    ReceptionForm,
    Verdict,
    VisitOutcome,
)
from egov.complaints.exceptions import ComplaintsError
from egov.complaints.models import NumberCounter, Petition, ReceptionDay, Step, Visit
from egov.complaints.selectors import (
    HANDLERS,
    RECEIVERS,
    is_team_member,
    limits_of,
    may_see_identity,
    petition_find_duplicate,
    rule_set_in_force,
)
from egov.complaints.services_rollup import (
    petition_classified_add,
    petition_received_add,
    petition_settled_add,
    visit_recorded_add,
)
from egov.documents.models import Document, DocumentType
from egov.documents.selectors import document_get_for_user
from egov.documents.services import document_draft_create
from egov.orgs.access import can_act_for_unit
from egov.orgs.levels import ADMINISTRATIVE_KINDS
from egov.orgs.models import OrgUnit, Role
from egov.workdays.rules import VN_TZ
from egov.workdays.selectors import work_calendar_get

A = ComplaintsAuditAction
NOTICE_TYPE, DECISION_TYPE, TRANSFER_TYPE = "thong-bao", "quyet-dinh", "phieu-chuyen"


def _invalid(field: str, message: str) -> ComplaintsError:
    return ComplaintsError(message, code="invalid", fields={field: message})


def _require(actor: Any, unit: OrgUnit, roles: Sequence[str], message: str) -> None:
    if not can_act_for_unit(actor, unit, roles=roles):
        raise PermissionDenied(message)


def _local_day(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment, VN_TZ).date()


def _next_number(unit: OrgUnit, book: str, year: int) -> str:
    """The next number of the unit's book for the year, from a locked counter row."""
    counter, _created = NumberCounter.objects.get_or_create(unit=unit, book=book, year=year)
    counter = NumberCounter.objects.select_for_update().get(pk=counter.pk)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{counter.last}/{year}"


def _lock(petition: Petition, expected_version: int | None) -> Petition:
    locked = row_lock(Petition.objects.select_related("unit", "rule_set"), petition.pk)
    version_check(locked, expected_version, item=locked.number)
    return locked


def reception_day_publish(
    *,
    actor: Any,
    unit: OrgUnit,
    day: datetime.date,
    starts_at: datetime.time,
    ends_at: datetime.time,
    leader_name: str,
    leader_position: str,
    place: str,
    form: str = ReceptionForm.IN_PERSON,
) -> ReceptionDay:
    """Publish a reception day with the leader who receives (Law on Citizen Reception 2013
    art 18: the head receives citizens at least one day a month)."""
    _require(actor, unit, RECEIVERS, _("You cannot publish reception days for this unit."))
    problem = day_problem(day)
    if problem:
        raise _invalid("day", problem)
    if ends_at <= starts_at:
        raise _invalid("ends_at", _("The reception must end after it starts."))
    if form not in ReceptionForm.values:
        raise _invalid("form", _("Choose how citizens are received."))
    with transaction.atomic():
        reception = ReceptionDay.objects.create(
            unit=unit,
            day=day,
            starts_at=starts_at,
            ends_at=ends_at,
            leader_name=require_text(leader_name, "leader_name"),
            leader_position=require_text(leader_position, "leader_position"),
            place=require_text(place, "place"),
            form=form,
            published_by=actor,
        )
        event_record(
            actor=actor,
            action=A.RECEPTION_DAY_PUBLISHED,
            obj=reception,
            changes={"day": day.isoformat(), "unit": unit.pk},
        )
    return reception


def _visit_check(values: dict[str, Any]) -> None:
    require_text(values["visitor_name"], "visitor_name")
    require_text(values["content"], "content")
    if values["outcome"] not in VisitOutcome.values:
        raise _invalid("outcome", _("Choose the outcome of the visit."))
    if values["outcome"] == VisitOutcome.REFUSED and not values["outcome_note"].strip():
        raise _invalid("outcome_note", _("Give the reason for refusing."))
    if values["outcome"] == VisitOutcome.GUIDED and not values["outcome_note"].strip():
        raise _invalid("outcome_note", _("Say where the citizen was guided."))
    crowd, representatives = values["crowd_size"], values["representatives"].strip()
    if crowd < 1:
        raise _invalid("crowd_size", _("At least one person visits."))
    if crowd >= 5 and not representatives:
        # Law on Citizen Reception 2013 art 30: 5 people or more name representatives.
        raise _invalid("representatives", _("A group of five or more names its representatives."))


def visit_record(
    *,
    actor: Any,
    unit: OrgUnit,
    received_at: datetime.datetime,
    visitor_name: str,
    content: str,
    outcome: str,
    visitor_id_number: str = "",
    visitor_address: str = "",
    visitor_phone: str = "",
    crowd_size: int = 1,
    representatives: str = "",
    documents_handed: str = "",
    outcome_note: str = "",
    form: str = ReceptionForm.IN_PERSON,
    reception_day: ReceptionDay | None = None,
    subject: str = "",
    contested_on: datetime.date | None = None,
) -> Visit:
    """Record a visit in the reception book (Law 42/2013 art 26); received as a petition, the
    petition is registered in the same transaction."""
    _require(actor, unit, RECEIVERS, _("You cannot receive citizens for this unit."))
    values = {
        "visitor_name": visitor_name,
        "content": content,
        "outcome": outcome,
        "outcome_note": outcome_note,
        "crowd_size": crowd_size,
        "representatives": representatives,
    }
    _visit_check(values)
    if received_at > timezone.now():
        raise _invalid("received_at", _("A visit cannot be recorded in the future."))
    with transaction.atomic():
        visit = Visit.objects.create(
            unit=unit,
            number=_next_number(unit, "visit", _local_day(received_at).year),
            received_at=received_at,
            form=form,
            reception_day=reception_day,
            visitor_name=visitor_name.strip(),
            visitor_id_number=visitor_id_number.strip(),
            visitor_address=visitor_address.strip(),
            visitor_phone=visitor_phone.strip(),
            crowd_size=crowd_size,
            representatives=representatives.strip(),
            content=content.strip(),
            documents_handed=documents_handed.strip(),
            officer=actor,
            outcome=outcome,
            outcome_note=outcome_note.strip(),
        )
        event_record(
            actor=actor,
            action=A.VISIT_RECORDED,
            obj=visit,
            changes={"number": visit.number, "outcome": outcome, "crowd": crowd_size},
        )
        visit_recorded_add(visit)
        if outcome == VisitOutcome.PETITION:
            petition_register(
                actor=actor,
                unit=unit,
                channel=Channel.VISIT,
                received_at=received_at,
                petitioner_name=visitor_name,
                petitioner_id_number=visitor_id_number,
                petitioner_address=visitor_address,
                subject=subject or content[:300],
                content=content,
                contested_on=contested_on,
                visit=visit,
            )
    return visit


def _citizen_with_id(id_number: str) -> User | None:
    """The citizen's account of a personal identity number (verified at registration), so the
    person follows on the portal a petition handed in at the desk or by post."""
    id_number = id_number.strip()
    if not id_number:
        return None
    return User.objects.filter(citizen_id=id_number, kind=AccountKind.CITIZEN).first()


def petition_register(
    *,
    actor: Any,
    unit: OrgUnit,
    channel: str,
    received_at: datetime.datetime,
    subject: str,
    content: str,
    petitioner_name: str = "",
    petitioner_id_number: str = "",
    petitioner_address: str = "",
    is_anonymous: bool = False,
    contested_on: datetime.date | None = None,
    visit: Visit | None = None,
    incoming_document: Document | None = None,
    citizen: Any = None,
    first_instance: Petition | None = None,
) -> Petition:
    """Register a petition with the next number of the unit's book; the same person's same
    content is linked to the first one (duplicate). The registering officer is its first
    named handler. A second complaint names its ``first_instance`` case (checked by
    :func:`egov.complaints.services_appeal.petition_appeal_register`)."""
    if citizen is None:
        _require(actor, unit, RECEIVERS, _("You cannot register petitions for this unit."))
    if channel not in Channel.values:
        raise _invalid("channel", _("Choose how the petition arrived."))
    require_text(subject, "subject")
    require_text(content, "content")
    if not is_anonymous and not petitioner_name.strip():
        raise _invalid("petitioner_name", _("Give the petitioner's name, or mark it anonymous."))
    if channel == Channel.TRANSFER and incoming_document is None:
        raise _invalid("incoming_document", _("A transferred petition comes with its document."))
    if incoming_document is not None:
        incoming_document = document_get_for_user(actor, incoming_document.pk)
        if incoming_document.direction != "incoming":
            raise _invalid("incoming_document", _("Choose an incoming document."))
    received_on = _local_day(received_at)
    if received_at > timezone.now():
        raise _invalid("received_at", _("A petition cannot be received in the future."))
    if contested_on is not None:
        problem = day_problem(contested_on, latest=received_on)
        if problem:
            raise _invalid("contested_on", problem)
    if citizen is None and not is_anonymous:
        citizen = _citizen_with_id(petitioner_id_number)
    key = rules.match_key(
        name="" if is_anonymous else petitioner_name,
        id_number=petitioner_id_number,
        content=content,
    )
    rule_set = rule_set_in_force(received_on)
    # Until it is classified, the petition is held to a complaint's acceptance limit (the
    # classification sets the limit of its kind, or none for a request).
    acceptance_due_on = rules.acceptance_due(
        work_calendar_get(),
        limits_of(rule_set),
        kind=PetitionKind.COMPLAINT,
        received_on=received_on,
    )
    with transaction.atomic():
        duplicate = petition_find_duplicate(unit_id=unit.pk, match_key=key)
        petition = Petition.objects.create(
            unit=unit,
            number=_next_number(unit, "petition", received_on.year),
            channel=channel,
            received_at=received_at,
            visit=visit,
            incoming_document=incoming_document,
            citizen=citizen,
            petitioner_name="" if is_anonymous else petitioner_name.strip(),
            petitioner_id_number="" if is_anonymous else petitioner_id_number.strip(),
            petitioner_address="" if is_anonymous else petitioner_address.strip(),
            is_anonymous=is_anonymous,
            subject=subject.strip()[:300],
            content=content.strip(),
            contested_on=contested_on,
            match_key=key,
            duplicate_of=duplicate,
            rule_set=rule_set,
            instance=2 if first_instance is not None else 1,
            first_instance=first_instance,
            acceptance_due_on=acceptance_due_on,
            tracking_code=secrets.token_hex(4).upper(),
            created_by=actor,
        )
        if can_act_for_unit(actor, unit):
            petition.handlers.add(actor)
        petition_received_add(petition)
        event_record(
            actor=actor,
            action=A.PETITION_REGISTERED,
            obj=petition,
            changes={
                "number": petition.number,
                "channel": channel,
                "duplicate_of": duplicate.pk if duplicate else None,
                "first_instance": first_instance.pk if first_instance else None,
            },
        )
    return petition


def petition_submit_online(
    *,
    actor: Any,
    unit: OrgUnit,
    subject: str,
    content: str,
    address: str = "",
    contested_on: datetime.date | None = None,
) -> Petition:
    """A logged-in citizen sends a petition on the portal (their account is the petitioner)."""
    if not getattr(actor, "is_authenticated", False) or not getattr(actor, "is_public", False):
        raise PermissionDenied(_("Only a citizen's account can send a petition."))
    if unit.status != "active" or unit.kind not in ADMINISTRATIVE_KINDS:
        raise _invalid("unit", _("Choose a People's Committee."))
    petition = petition_register(
        actor=actor,
        unit=unit,
        channel=Channel.PORTAL,
        received_at=timezone.now(),
        subject=subject,
        content=content,
        petitioner_name=actor.full_name,
        petitioner_id_number=actor.citizen_id or "",
        petitioner_address=address,
        contested_on=contested_on,
        citizen=actor,
    )
    _tell_citizen(
        petition,
        _("Petition %(number)s received") % {"number": petition.number},
        _("Your petition was registered as number %(number)s; tracking code %(code)s.")
        % {"number": petition.number, "code": petition.tracking_code},
    )
    return petition


def _tell_citizen(petition: Petition, subject: str, body: str) -> None:
    if petition.citizen_id is None:
        return
    citizen = petition.citizen
    channel = NotificationChannel.EMAIL if citizen.email else NotificationChannel.SMS
    notification_send(
        recipient=citizen,
        channel=channel,
        subject=subject,
        body=body,
        link=f"/complaints/my/{petition.pk}/",
        obj=petition,
    )


def _drafting_unit(actor: Any, petition: Petition) -> OrgUnit:
    _require(actor, petition.unit, HANDLERS, _("You cannot handle petitions of this unit."))
    return petition.unit


def _addressee(petition: Petition) -> str:
    """Who the notice is sent to; never the denouncer's name (Law on Denunciations art 8.3)."""
    if petition.is_denunciation or petition.is_anonymous:
        return _("The denouncer (identity kept confidential)")
    return petition.petitioner_name


def _notice_text(petition: Petition, outcome: str) -> tuple[str, str, str]:
    """The type, subject and body of the notice of an outcome (Decree 124/2020 forms 03/04;
    TT 05/2021 form 03 for a transfer)."""
    values = {
        "number": petition.number,
        "day": timezone.localtime(petition.received_at, VN_TZ).strftime("%d/%m/%Y"),
        "subject": petition.subject,
        "body": petition.competent_body,
        "note": petition.outcome_note,
    }
    if outcome == Outcome.ACCEPT:
        due = petition.settlement_due_on.strftime("%d/%m/%Y") if petition.settlement_due_on else ""
        body = _(
            "The petition number %(number)s received on %(day)s about: %(subject)s is accepted "
            "for settlement. It is to be settled by %(due)s."
        ) % {**values, "due": due}
        subject = (
            _("On accepting the denunciation %(number)s")
            if petition.is_denunciation
            else _("On accepting the complaint %(number)s")
        ) % values
        return NOTICE_TYPE, subject, body
    if outcome == Outcome.TRANSFER:
        body = (
            _(
                "The petition number %(number)s received on %(day)s about: %(subject)s is not "
                "within our competence and is transferred to %(body)s. %(note)s"
            )
            % values
        )
        return TRANSFER_TYPE, _("On transferring petition %(number)s") % values, body
    if outcome == Outcome.GUIDE:
        body = (
            _(
                "The petition number %(number)s received on %(day)s about: %(subject)s is not "
                "within our competence; please send it to %(body)s. %(note)s"
            )
            % values
        )
        return NOTICE_TYPE, _("Guidance on petition %(number)s") % values, body
    body = (
        _(
            "The petition number %(number)s received on %(day)s about: %(subject)s is not accepted "
            "and is kept on file. Reasons: %(note)s"
        )
        % values
    )
    return NOTICE_TYPE, _("On not accepting petition %(number)s") % values, body


def _draft(actor: Any, petition: Petition, type_code: str, subject: str, body: str) -> Document:
    return document_draft_create(
        actor=actor,
        drafting_unit=_drafting_unit(actor, petition),
        unit=petition.unit,
        doc_type=DocumentType.objects.get(code=type_code),
        subject=subject,
        body=body,
        recipients_text=_addressee(petition),
    )


def _classification_check(
    petition: Petition,
    *,
    kind: str,
    outcome: str,
    reasons: list[str],
    is_competent: bool,
    note: str,
) -> list[str]:
    if kind not in PetitionKind.values:
        raise _invalid("kind", _("Choose the kind of petition."))
    if petition.instance == 2 and kind not in (PetitionKind.COMPLAINT, PetitionKind.MIXED):
        raise _invalid("kind", _("A second complaint is a complaint."))
    if outcome not in Outcome.values:
        raise _invalid("outcome", _("Choose the outcome."))
    if not rules.reasons_known(reasons):
        raise _invalid("reasons", _("Choose reasons from the list."))
    limits = limits_of(petition.rule_set)
    received_on = _local_day(petition.received_at)
    if kind == PetitionKind.COMPLAINT and rules.complaint_too_late(
        limits, contested_on=petition.contested_on, received_on=received_on
    ):
        reasons = sorted({*reasons, IneligibleReason.TIME_LIMIT})
        if outcome == Outcome.ACCEPT:
            message = _(
                "The complaint was lodged more than %(days)s days after the decision or act "
                "was known; it cannot be accepted."
            ) % {"days": limits.complaint_time_limit_days}
            raise _invalid("outcome", message)
    if petition.is_anonymous and IneligibleReason.ANONYMOUS not in reasons:
        reasons = sorted({*reasons, IneligibleReason.ANONYMOUS})
    problem = rules.outcome_problem(
        kind=kind,
        outcome=outcome,
        is_competent=is_competent,
        reasons=reasons,
        is_anonymous=petition.is_anonymous,
    )
    if problem:
        raise _invalid("outcome", problem)
    if outcome == Outcome.ACCEPT:
        _refuse_second_open(petition)
    if outcome == Outcome.KEEP and not note.strip() and not reasons:
        raise _invalid("outcome_note", _("Give the reason for keeping it on file."))
    return reasons


def _refuse_second_open(petition: Petition) -> None:
    """A second complaint on the same content while the first is being settled is refused
    (Law on Complaints art 11)."""
    earlier = (
        Petition.objects.filter(unit_id=petition.unit_id, match_key=petition.match_key)
        .exclude(pk=petition.pk)
        .filter(status__in=rules.OPEN_STEPS)
        .first()
    )
    if earlier is not None:
        message = _(
            "The same content from the same person is already being settled as petition "
            "%(number)s; wait for its decision."
        ) % {"number": earlier.number}
        raise _invalid("outcome", message)


def petition_classify(
    *,
    actor: Any,
    petition: Petition,
    kind: str,
    is_competent: bool,
    outcome: str,
    reasons: Sequence[str] = (),
    outcome_note: str = "",
    competent_body: str = "",
    is_complex: bool = False,
    is_remote: bool = False,
    expected_version: int | None = None,
) -> Petition:
    """Classify a petition (TT 07/2014 art 6; TT 05/2021) and give it the outcome the law
    gives: accept (thụ lý) with its settlement clock, guide, transfer or keep on file; the
    outcome's official notice is drafted in the registry."""
    _drafting_unit(actor, petition)
    if outcome in (Outcome.GUIDE, Outcome.TRANSFER) and not competent_body.strip():
        raise _invalid("competent_body", _("Name the competent body."))
    with transaction.atomic():
        locked = _lock(petition, expected_version)
        rules.PETITION_TRANSITIONS.check(rules.OUTCOME_TRANSITION[outcome], locked.status)
        reasons = _classification_check(
            locked,
            kind=kind,
            outcome=outcome,
            reasons=list(reasons),
            is_competent=is_competent,
            note=outcome_note,
        )
        calendar = work_calendar_get()
        limits = limits_of(locked.rule_set)
        today = timezone.localdate()
        fields: dict[str, Any] = {
            "kind": kind,
            "is_competent": is_competent,
            "is_eligible": not reasons,
            "ineligible_reasons": reasons,
            "outcome": outcome,
            "outcome_note": outcome_note.strip(),
            "competent_body": competent_body.strip(),
            "is_complex": is_complex,
            "is_remote": is_remote,
            "classified_at": timezone.now(),
            "status": rules.PETITION_TRANSITIONS.target(
                rules.OUTCOME_TRANSITION[outcome], locked.status
            ),
            "acceptance_due_on": rules.acceptance_due(
                calendar, limits, kind=kind, received_on=_local_day(locked.received_at)
            ),
        }
        if outcome == Outcome.ACCEPT:
            fields["accepted_on"] = today
            fields["settlement_due_on"] = rules.settlement_due(
                calendar,
                limits,
                kind=kind,
                accepted_on=today,
                is_complex=is_complex,
                is_remote=is_remote,
                instance=locked.instance,
            )
        classified_at = fields.pop("classified_at")
        preview = copy.copy(locked)
        for name, value in fields.items():
            setattr(preview, name, value)
        notice = _draft(actor, preview, *_notice_text(preview, outcome))
        fields["notice_id"] = notice.pk
        locked = versioned_update(
            actor=actor,
            row=locked,
            action=A.PETITION_CLASSIFIED,
            fields=fields,
            unaudited={"classified_at": classified_at},
        )
        petition_classified_add(locked)
        _tell_citizen(
            locked,
            _("Petition %(number)s: %(outcome)s")
            % {"number": locked.number, "outcome": Outcome(outcome).label},
            _notice_text(locked, outcome)[2],
        )
    return locked


def petition_step_record(
    *,
    actor: Any,
    petition: Petition,
    step: str,
    on: datetime.date,
    note: str,
    expected_version: int | None = None,
) -> Petition:
    """Record a verification or a dialogue (Law on Complaints arts 29, 30; dialogue minutes,
    Decree 124/2020 form 14: who attended or was absent). A member of the case's verification
    team, from whatever unit, records its verification."""
    if not (step == "verify" and is_team_member(actor, petition)):
        _drafting_unit(actor, petition)
    if step not in ("verify", "dialogue"):
        raise _invalid("step", _("Choose verification or dialogue."))
    require_text(note, "note")
    with transaction.atomic():
        locked = _lock(petition, expected_version)
        target = rules.PETITION_TRANSITIONS.target(step, locked.status)
        problem = day_problem(on, latest=timezone.localdate())
        if problem:
            raise _invalid("on", problem)
        if locked.accepted_on and on < locked.accepted_on:
            raise _invalid("on", _("A step cannot come before the acceptance."))
        Step.objects.create(petition=locked, name=step, on=on, note=note.strip(), by=actor)
        return versioned_update(
            actor=actor,
            row=locked,
            action=A.PETITION_STEP,
            fields={"status": target},
            changes={"step": step, "on": on.isoformat()},
        )


def petition_extend(
    *, actor: Any, petition: Petition, reason: str, expected_version: int | None = None
) -> Petition:
    """Extend a denunciation's settlement by 30 days, once or twice (Law on Denunciations
    2018 art 30), decided in writing: the reason is recorded."""
    _drafting_unit(actor, petition)
    require_text(reason, "reason")
    with transaction.atomic():
        locked = _lock(petition, expected_version)
        rules.PETITION_TRANSITIONS.check("extend", locked.status)
        limits = limits_of(locked.rule_set)
        problem = rules.extension_problem(limits, kind=locked.kind, extensions=locked.extensions)
        if problem:
            raise _invalid("reason", problem)
        extensions = locked.extensions + 1
        due = rules.settlement_due(
            work_calendar_get(),
            limits,
            kind=locked.kind,
            accepted_on=locked.accepted_on,
            is_complex=locked.is_complex,
            is_remote=locked.is_remote,
            extensions=extensions,
        )
        Step.objects.create(
            petition=locked, name="extend", on=timezone.localdate(), note=reason.strip(), by=actor
        )
        return versioned_update(
            actor=actor,
            row=locked,
            action=A.PETITION_EXTENDED,
            fields={"extensions": extensions, "settlement_due_on": due},
        )


def petition_settle(
    *,
    actor: Any,
    petition: Petition,
    decided_on: datetime.date,
    verdict: str,
    summary: str,
    expected_version: int | None = None,
) -> Petition:
    """Settle with the decision (a complaint's first-instance decision) or the conclusion (a
    denunciation, art 35.2: verdict true / partly / untrue), drafted in the registry."""
    _drafting_unit(actor, petition)
    if verdict not in Verdict.values:
        raise _invalid("verdict", _("Choose the finding."))
    require_text(summary, "summary")
    with transaction.atomic():
        locked = _lock(petition, expected_version)
        rules.PETITION_TRANSITIONS.check("settle", locked.status)
        problem = day_problem(decided_on, latest=timezone.localdate())
        if problem:
            raise _invalid("decided_on", problem)
        if decided_on < locked.accepted_on:
            raise _invalid("decided_on", _("The decision cannot be dated before the acceptance."))
        values = {"number": locked.number, "subject": locked.subject}
        if locked.is_denunciation:
            title = _("Conclusion on the denunciation %(number)s: %(subject)s") % values
            type_code = NOTICE_TYPE
        elif locked.instance == 2:
            title = _("Decision settling the second complaint %(number)s: %(subject)s") % values
            type_code = DECISION_TYPE
        else:
            title = _("Decision settling the complaint %(number)s: %(subject)s") % values
            type_code = DECISION_TYPE
        body = "\n".join(
            [summary.strip(), str(_("Finding: %(verdict)s") % {"verdict": Verdict(verdict).label})]
        )
        decision = _draft(actor, locked, type_code, title, body)
        locked = versioned_update(
            actor=actor,
            row=locked,
            action=A.PETITION_SETTLED,
            fields={
                "status": PetitionStatus.SETTLED,
                "decision_id": decision.pk,
                "settled_on": decided_on,
                "verdict": verdict,
            },
        )
        petition_settled_add(locked)
        _tell_citizen(
            locked,
            _("Petition %(number)s settled") % {"number": locked.number},
            _("Your petition %(number)s was settled on %(day)s.")
            % {"number": locked.number, "day": decided_on.strftime("%d/%m/%Y")},
        )
    return locked


def petition_handler_name(*, actor: Any, petition: Petition, handler: Any) -> Petition:
    """Name a handler, who then sees a denouncer's identity: the head of the unit assigns the
    case, or a named handler widens the circle (it stays known and audited); a member of the
    case's verification team may be named."""
    is_head = can_act_for_unit(actor, petition.unit, roles=[Role.UNIT_HEAD])
    named = may_see_identity(actor, petition) and can_act_for_unit(actor, petition.unit)
    if not (is_head or named):
        raise PermissionDenied(_("Only the head of the unit or a named handler names handlers."))
    handles = can_act_for_unit(handler, petition.unit, roles=HANDLERS)
    if not (handles or is_team_member(handler, petition)):
        raise _invalid(
            "handler",
            _("The handler must handle petitions of this unit or be on its verification team."),
        )
    with transaction.atomic():
        locked = _lock(petition, None)
        rules.PETITION_TRANSITIONS.check("name_handler", locked.status)
        locked.handlers.add(handler)
        event_record(
            actor=actor, action=A.HANDLER_NAMED, obj=locked, changes={"handler": handler.pk}
        )
    return locked


def petition_identity_read(*, actor: Any, petition: Petition) -> dict[str, str]:
    """The petitioner's identity; for a denunciation only to a named handler (a 404 to anyone
    else, no hint), and every read recorded in the audit trail."""
    if not may_see_identity(actor, petition):
        raise Http404
    if petition.is_denunciation:
        event_record(
            actor=actor,
            action=A.IDENTITY_READ,
            obj=petition,
            changes={"number": petition.number},
        )
    return {
        "name": petition.petitioner_name,
        "id_number": petition.petitioner_id_number,
        "address": petition.petitioner_address,
    }
