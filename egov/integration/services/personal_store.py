"""The citizen's personal data store on the national public-service portal (Kho quản lý dữ liệu
điện tử của tổ chức, cá nhân: Decree 45/2020/NĐ-CP art. 16; Decision 766/QĐ-TTg indicator 4.4,
``DuocLayTuKhoDMQG``): the papers a citizen keeps there, one paper's file to attach to an online
dossier, and an e-result pushed back into the store.

A citizen reads their own store only, after a national identity login (the ID number comes
from the identity provider, as for :func:`citizen_self_lookup`). Every call goes through the
one connector client (request log; the reads of personal data are in the audit trail). The
field names (SoDinhDanh, MaGiayTo, TenGiayTo, NoiDung base64) follow the portal's published
messages as far as known, a secondary source: verify them against its integration guide.
"""

from __future__ import annotations

import base64
import binascii
import datetime
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.db import transaction
from django.utils.translation import gettext as _

from egov.audit.services import event_record
from egov.integration.choices import ConnectorCode, IntegrationAuditAction, Purpose
from egov.integration.exceptions import ConnectorUnavailable, IntegrationError, NotFoundThere
from egov.integration.rules import citizen_id_valid, identifier_masked
from egov.integration.services.client import CallContext, connector_base_url, connector_call
from egov.integration.services.lookups import own_citizen_id

MAX_NAME = 200


@dataclass(frozen=True)
class StoredPaper:
    """One paper of a citizen's personal data store, as the portal lists it."""

    code: str
    name: str
    issued_by: str
    issued_on: datetime.date | None


@dataclass(frozen=True)
class StoredFile:
    """A paper's file fetched from the personal data store."""

    code: str
    name: str
    file_name: str
    content: bytes
    call_id: int | None = None


def personal_store_connected() -> bool:
    """Whether this platform reaches the national portal (its URL, or the simulator)."""
    return bool(connector_base_url(ConnectorCode.NATIONAL_PORTAL))


def _citizen_id_of(actor: Any, assurance_level: int) -> str:
    """The logged-in citizen's own ID number, after a national identity login only."""
    return own_citizen_id(
        actor,
        assurance_level,
        refused=_("Only citizens open their own personal data store."),
        login_needed=_(
            "Log in with your national identity (VNeID) to use papers from your personal "
            "data store on the national public-service portal."
        ),
    )


def _own_context(actor: Any, citizen_id: str, issue: str) -> CallContext:
    return CallContext(
        actor=actor,
        purpose=Purpose.FORM_FILL,
        issue=issue,
        subject=citizen_id,
        is_personal_data=True,
        owner_id=actor.pk,
    )


def _refused() -> ConnectorUnavailable:
    return ConnectorUnavailable(
        _("%(system)s answered something that cannot be used; try again later.")
        % {"system": ConnectorCode.NATIONAL_PORTAL.label}
    )


def _day(raw: Any) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(str(raw)) if raw else None
    except ValueError:
        return None


def personal_store_papers(
    *, actor: Any, assurance_level: int, issue: str = ""
) -> list[StoredPaper]:
    """The papers in the logged-in citizen's personal data store (names and issuers only)."""
    citizen_id = _citizen_id_of(actor, assurance_level)
    reply = connector_call(
        connector=ConnectorCode.NATIONAL_PORTAL,
        method="GET",
        service="personal-store/documents?" + urlencode({"soDinhDanh": citizen_id}),
        context=_own_context(actor, citizen_id, issue),
    )
    items = reply.data.get("GiayTo")
    if reply.status_code >= 400 or not isinstance(items, list):
        raise _refused()
    papers = []
    for item in items:
        if not isinstance(item, dict) or not str(item.get("MaGiayTo", "")).strip():
            continue
        papers.append(
            StoredPaper(
                code=str(item["MaGiayTo"]).strip()[:60],
                name=str(item.get("TenGiayTo", "")).strip()[:MAX_NAME],
                issued_by=str(item.get("CoQuanCap", "")).strip()[:MAX_NAME],
                issued_on=_day(item.get("NgayCap")),
            )
        )
    return papers


def personal_store_fetch(
    *, actor: Any, assurance_level: int, code: str, issue: str = ""
) -> StoredFile:
    """The file of paper ``code`` of the logged-in citizen's personal data store, its read
    recorded in the audit trail. :class:`IntegrationError` for a paper the store does not
    have; :class:`ConnectorUnavailable` when the portal cannot be used (upload the file)."""
    citizen_id = _citizen_id_of(actor, assurance_level)
    code = (code or "").strip()
    if not code or len(code) > 60:
        raise IntegrationError(_("Choose a paper of your store."), code="no_paper")
    try:
        reply = connector_call(
            connector=ConnectorCode.NATIONAL_PORTAL,
            method="GET",
            service="personal-store/document?"
            + urlencode({"soDinhDanh": citizen_id, "maGiayTo": code}),
            context=_own_context(actor, citizen_id, issue),
        )
    except NotFoundThere as exc:
        raise IntegrationError(
            _("Your personal data store has no such paper."), code="no_paper"
        ) from exc
    try:
        content = base64.b64decode(str(reply.data.get("NoiDung", "")), validate=True)
    except (binascii.Error, ValueError):
        content = b""
    if reply.status_code >= 400 or not content:
        raise _refused()
    paper = StoredFile(
        code=code,
        name=str(reply.data.get("TenGiayTo", "")).strip()[:MAX_NAME],
        file_name=str(reply.data.get("TenTep", "")).strip()[:MAX_NAME] or f"{code}.pdf",
        content=content,
        call_id=reply.call.pk if reply.call else None,
    )
    with transaction.atomic():
        event_record(
            actor=actor,
            action=IntegrationAuditAction.PERSONAL_STORE_PAPER_READ,
            obj=reply.call,
            changes={"subject": identifier_masked(citizen_id), "paper": code, "issue": issue},
        )
    return paper


@dataclass(frozen=True)
class ResultForStore:
    """An e-result to put into the applicant's personal data store."""

    citizen_id: str
    dossier_code: str
    name: str
    issued_by: str
    issued_on: datetime.date
    content: bytes
    idempotency_key: str  # the same for every try of one result: the portal keeps it once
    unit_id: int | None = None
    owner_id: int | None = None


def personal_store_result_push(*, result: ResultForStore) -> bool:
    """Send an e-result to the citizen's personal data store; True once the portal
    acknowledged it. :class:`ConnectorUnavailable` when it cannot be reached (try again
    later with the same key)."""
    if not citizen_id_valid(result.citizen_id):
        raise IntegrationError(_("The applicant has no 12-digit citizen ID."), code="no_citizen_id")
    reply = connector_call(
        connector=ConnectorCode.NATIONAL_PORTAL,
        method="POST",
        service="personal-store/results",
        context=CallContext(
            unit_id=result.unit_id,
            purpose=Purpose.DOSSIER_PROCESSING,
            issue=result.dossier_code,
            subject=result.citizen_id,
            is_personal_data=True,
            owner_id=result.owner_id,
        ),
        payload={
            "SoDinhDanh": result.citizen_id,
            "MaHoSo": result.dossier_code,
            "TenGiayTo": result.name[:MAX_NAME],
            "CoQuanCap": result.issued_by[:MAX_NAME],
            "NgayCap": result.issued_on.isoformat(),
            "NoiDung": base64.b64encode(result.content).decode("ascii"),
        },
        idempotency_key=result.idempotency_key,
    )
    return reply.status_code < 400 and str(reply.data.get("error_code")) == "0"
