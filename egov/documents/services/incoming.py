"""Incoming documents: arrival and registration, the clerk's check, and returning a document
to its sender (Decree 30/2020/NĐ-CP arts. 20–22, spec §2.7).

The arrival number (số đến) comes from the unit's locked ``incoming`` register for the year of
arrival (Vietnam time), one series for paper and electronic documents. A document registered
by a clerk has been checked; one that arrives through the platform or edXML (``actor=None``)
waits at the clerk's check, who registers it (QCVN 102 status 03) or returns it (02). The
handling slip and the handling itself are in :mod:`egov.documents.services.assigning`.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.accounts.models import User
from egov.common.validation import day_problem, days_order_problem, require_text
from egov.documents import rules, signals
from egov.documents.choices import (
    AuditAction,
    Channel,
    Direction,
    DocumentStatus,
    NumberSeries,
    RecipientStatus,
    Secrecy,
    Urgency,
)
from egov.documents.exceptions import DocumentError, PermissionDenied
from egov.documents.models import Document, DocumentRecipient, DocumentType
from egov.documents.selectors.permissions import REGISTRARS, RETURNERS
from egov.documents.services import common, handling
from egov.documents.services.files import FileIn, file_summary, files_check, files_store
from egov.documents.services.numbering import VN_TZ, register_lock
from egov.documents.services.readers import readers_add
from egov.orgs.choices import Role
from egov.orgs.models import Membership, OrgUnit
from egov.workflow.services import process_cancel, step_forward


def status_changed(document: Document, status: str, note: str = "") -> None:
    signals.incoming_status_changed.send(
        sender=Document, document=document, status=status, note=note
    )


def _split(number_notation: str) -> tuple[int | None, str]:
    number, _slash, notation = number_notation.partition("/")
    if not (number.isdigit() and 0 < len(number) <= 9 and int(number) > 0):
        return None, notation
    return int(number), notation


def _check(
    unit: OrgUnit,
    number_notation: str,
    subject: str,
    sender_name: str,
    urgency: str,
    secrecy: str,
    channel: str,
    issued_on: datetime.date,
    due_on: datetime.date | None,
) -> None:
    problems = {}
    if not number_notation:
        problems["number_notation"] = _("Give the document's number and notation.")
    if not subject:
        problems["subject"] = _("Give the summary (trích yếu) of the document.")
    if not sender_name:
        problems["sender_name"] = _("Give the sending agency.")
    if urgency not in Urgency.values:
        problems["urgency"] = _("Unknown urgency.")
    if secrecy not in Secrecy.values:
        problems["secrecy"] = _("Unknown secrecy.")
    if channel not in Channel.values:
        problems["channel"] = _("Unknown channel.")
    if issued_on > timezone.now().astimezone(VN_TZ).date():
        problems["issued_on"] = _("The date of issue cannot be in the future.")
    elif problem := day_problem(issued_on):
        problems["issued_on"] = problem
    if problem := day_problem(due_on) or days_order_problem(
        issued_on, due_on, message=_("The reply deadline cannot come before the date of issue.")
    ):
        problems["due_on"] = problem
    if not unit.is_active:
        problems["unit"] = _("%(unit)s no longer exists.") % {"unit": unit.name}
    if problems:
        raise DocumentError(" ".join(problems.values()), code="invalid_incoming", fields=problems)


def incoming_register(
    *,
    actor: User | None,
    unit: OrgUnit,
    doc_type: DocumentType,
    number_notation: str,
    issued_on: datetime.date,
    subject: str,
    sender_name: str,
    sender_agency_code: str = "",
    sender_unit: OrgUnit | None = None,
    urgency: str = Urgency.NORMAL,
    secrecy: str = Secrecy.NONE,
    due_on: datetime.date | None = None,
    channel: str = Channel.PAPER,
    exchange_document_id: str = "",
    source: Document | None = None,
    signer_name: str = "",
    signer_position: str = "",
    body: str = "",
    files: Sequence[FileIn] = (),
    readers: Sequence[User] = (),
    idempotency_key: str = "",
    address_mismatch: Mapping[str, str] | None = None,
) -> Document:
    """Register an incoming document of ``unit`` with the next arrival number and start its
    handling. A clerk (``actor``) has checked it: it goes to the head of the unit for the
    handling slip. The system (``actor=None``: platform or edXML delivery) leaves it at the
    clerk's check. Idempotent on (unit, ``exchange_document_id``): a document delivered twice
    is registered once and the first registration is returned; so does a clerk's form
    submitted twice (``idempotency_key``).

    A secret document is seen by the people named in ``readers`` (and the registering clerk);
    one delivered by the system is named to the unit's clerks. ``address_mismatch`` keeps what
    an electronic sender wrote when its recipient code and name designate different units
    (code, name, named_unit), for the clerk's check."""
    if actor is not None and not common.acts_for(actor, unit, REGISTRARS):
        raise PermissionDenied(
            _("Only the clerk of %(unit)s can register its incoming documents.")
            % {"unit": unit.name}
        )
    number_notation, subject = number_notation.strip(), subject.strip()
    sender_name = sender_name.strip()
    _check(
        unit, number_notation, subject, sender_name, urgency, secrecy, channel, issued_on, due_on
    )
    files_check(files)
    now = timezone.now()
    with transaction.atomic():
        register = register_lock(
            unit=unit, series=NumberSeries.INCOMING, year=rules.register_year(now, VN_TZ)[1]
        )
        first = common.created_before(actor, idempotency_key)
        if exchange_document_id and first is None:
            first = (
                Document.objects.incoming()
                .filter(unit=unit, exchange_document_id=exchange_document_id)
                .first()
            )
        if first is not None:
            return first
        register.last_number += 1
        register.save(update_fields=["last_number"])
        number, notation = _split(number_notation)
        document = Document(
            direction=Direction.INCOMING,
            status=DocumentStatus.REGISTERED,
            doc_type=doc_type,
            unit=unit,
            number=number,
            notation=notation,
            number_notation=number_notation[:45],
            year=register.year,
            issued_on=issued_on,
            subject=subject[:500],
            body=body,
            sender_name=sender_name[:200],
            sender_agency_code=sender_agency_code[:35],
            sender_unit=sender_unit,
            arrival_number=register.last_number,
            arrived_at=now,
            channel=channel,
            exchange_document_id=exchange_document_id[:100],
            address_mismatch=dict(address_mismatch or {}),
            source=source,
            signer_name=signer_name[:50],
            signer_position=signer_position[:100],
            urgency=urgency,
            secrecy=secrecy,
            due_on=due_on,
            created_by=actor,
            idempotency_key=idempotency_key[:64] if actor is not None else "",
        )
        for name, value in common.search_fields(document).items():
            setattr(document, name, value)
        document.save()
        _after_save(actor, document, files, readers, now)
    return document


def _unit_clerks(unit: OrgUnit) -> list[User]:
    return [
        m.user
        for m in Membership.objects.current()
        .filter(unit=unit, role=Role.CLERK)
        .select_related("user")
    ]


def _after_save(
    actor: User | None,
    document: Document,
    files: Sequence[FileIn],
    readers: Sequence[User],
    now: datetime.datetime,
) -> None:
    stored = files_store(document=document, files=files, actor=actor)
    named = []
    if document.is_secret:
        named = readers_add(
            document=document,
            actor=actor,
            users=readers if actor is not None else _unit_clerks(document.unit),
        )
    if document.source_id is not None:
        DocumentRecipient.objects.filter(document_id=document.source_id, unit=document.unit).update(
            received=document
        )
    instance = handling.handling_start(actor=actor, document=document, received_at=now)
    if actor is not None:
        instance = step_forward(
            actor=actor,
            instance=instance,
            expected_version=instance.version,
            note=_("Registered by the clerk."),
        )
    document.process = instance
    document.save(update_fields=["process"])
    common.record(
        actor,
        AuditAction.INCOMING_REGISTERED,
        document,
        {
            "status": DocumentStatus.REGISTERED,
            "arrival_number": document.arrival_number,
            "year": document.year,
            "number_notation": document.number_notation,
            "sender": document.sender_name,
            "channel": document.channel,
            "exchange_document_id": document.exchange_document_id,
            "files": file_summary(stored),
            "readers": named,
        },
    )
    status_changed(
        document, RecipientStatus.REGISTERED if actor is not None else RecipientStatus.ARRIVED
    )


def incoming_accept(*, actor: User, document: Document, expected_version: int | None) -> Document:
    """The clerk has checked a document that arrived electronically and registers it: it goes
    to the head of the unit for the handling slip (QCVN 102 status 03)."""
    with transaction.atomic():
        document = common.document_lock(document.pk)
        common.document_check(document, expected_version, "accept")
        instance = handling.handling_instance(document)
        step = handling.require_step(instance, handling.STEP_REGISTER)
        if not handling.may_act_on(actor, step):
            raise PermissionDenied(
                _("Only the clerk of %(unit)s can register this document.")
                % {"unit": document.unit.name}
            )
        step_forward(
            actor=actor,
            instance=instance,
            expected_version=instance.version,
            note=_("Registered by the clerk."),
        )
        common.document_update(
            actor=actor,
            document=document,
            action=AuditAction.INCOMING_ACCEPTED,
            changes={"arrival_number": document.arrival_number},
        )
        status_changed(document, RecipientStatus.REGISTERED)
    return document


def incoming_return(
    *, actor: User, document: Document, expected_version: int | None, reason: str
) -> Document:
    """Return a document to its sender before it is assigned (wrong recipient, invalid or
    unreadable: Decree 30/2020 art. 21), with the reason (QCVN 102 status 02). Its handling
    stops; the arrival number stays in the register with the note."""
    reason = require_text(reason)
    with transaction.atomic():
        document = common.document_lock(document.pk)
        common.document_check(document, expected_version, "return")
        if not common.acts_for(actor, document.unit, RETURNERS):
            raise PermissionDenied(
                _("Only the clerk or the head of %(unit)s can return this document.")
                % {"unit": document.unit.name}
            )
        instance = handling.handling_instance(document)
        if instance.is_active:
            process_cancel(
                actor=None, instance=instance, expected_version=instance.version, reason=reason
            )
        common.document_update(
            actor=actor,
            document=document,
            transition="return",
            action=AuditAction.INCOMING_RETURNED,
            changes={"reason": reason},
        )
        status_changed(document, RecipientStatus.REJECTED, reason)
    return document
