"""Online dossiers from the applicant's side: save a draft, submit it, withdraw it.

Decree 61/2018/NĐ-CP art. 16 (online channel) and Circular 01/2018/TT-VPCP art. 19: an online
dossier gets its code when it is submitted and is then checked by the one-stop desk of the
receiving unit before it enters processing. Decree 118/2025/NĐ-CP keeps three org references
apart: here the applicant picks the competent unit of the procedure's level, and the dossier
goes to that unit's one-stop desk (or, for a unit without a desk of its own, to the desk of the
nearest unit above it).
"""

from __future__ import annotations

import datetime
import hashlib
import re
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.accounts.choices import AccountKind
from egov.accounts.models import User
from egov.audit.services import event_record
from egov.common.exceptions import DomainError, PermissionDenied
from egov.integration.services import lookup_unit_attribute
from egov.onestop.choices import (
    ApplicantKind,
    AuditAction,
    Channel,
    DossierStatus,
    OnlineLevel,
    SubmitMode,
)
from egov.onestop.models import Dossier, DossierFile, Procedure, RequiredDocument
from egov.onestop.rules import DOSSIER_TRANSITIONS, application_schema
from egov.onestop.selectors.online_offer import (
    is_offered_online,
    online_route,
    published_definition_codes,
)
from egov.onestop.selectors.rules import ruleset_in_force
from egov.onestop.services.dossier_code import dossier_code_next
from egov.onestop.services.dossier_officer import search_text
from egov.onestop.services.dossier_state import dossier_lock, dossier_transition
from egov.onestop.services.form_data import form_data_clean
from egov.onestop.services.notify import dossier_notify
from egov.onestop.services.prefill import Prefill, prefilled_record
from egov.orgs.choices import UnitKind
from egov.orgs.levels import level_of
from egov.orgs.models import OrgUnit

IDEMPOTENCY_KEY_RE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


class InvalidApplication(DomainError):
    """The application form or the dossier is not complete or not valid."""

    code = "invalid_application"
    status = 422


class IdempotencyKeyReused(DomainError):
    """The key of a submission was used already for another request (another draft, another
    unit) while it is remembered: nothing is submitted, the caller is told which."""

    code = "idempotency_key_reused"
    status = 409


class AssuranceTooLow(DomainError):
    """A fully online procedure needs a stronger login than the applicant's (a level-2
    national identity)."""

    code = "assurance_level_too_low"
    status = 403


def assurance_required(procedure: Procedure) -> int:
    """The level of assurance submitting ``procedure`` online needs: a fully online
    (end-to-end) procedure needs ``EGOV_FULL_ONLINE_ASSURANCE_LEVEL`` (a level-2 national
    identity: Decree 69/2024 art. on level-2 accounts in TTHC; Decree 42/2022 on full online
    services), any other none."""
    if procedure.online_level == OnlineLevel.FULL:
        return settings.EGOV_FULL_ONLINE_ASSURANCE_LEVEL
    return 0


def assurance_check(procedure: Procedure, level: int) -> None:
    if level < assurance_required(procedure):
        raise AssuranceTooLow(
            _(
                "This service is fully online: log in with a level-2 national identity "
                "(VNeID) to submit it."
            )
        )


class ProcedureNotOnline(DomainError):
    code = "procedure_not_online"
    status = 422


def applicant_require(actor: Any, dossier: Dossier) -> None:
    """Only the applicant acts on their own dossier from the portal."""
    if actor is None or not actor.is_authenticated or dossier.applicant_id != actor.pk:
        raise PermissionDenied(_("Only the applicant may do this."))


def _public_account_require(actor: Any) -> None:
    if actor is None or not actor.is_authenticated or not actor.is_public:
        raise PermissionDenied(_("Only citizens and businesses file dossiers online."))


def _procedure_check_online(procedure: Procedure) -> None:
    """The version must be published, in force today and offered online (Decree 42/2022)."""
    today = timezone.localdate()
    if not procedure.is_active or not procedure.is_in_force_on(today):
        raise ProcedureNotOnline(_("This version of the procedure is not in force today."))
    if not is_offered_online(procedure, published_definition_codes(today), today):
        raise ProcedureNotOnline(_("This procedure cannot be submitted online."))


def _form_clean(
    procedure: Procedure, form_data: Mapping[str, Any], *, organisation: bool
) -> dict[str, Any]:
    schema = application_schema(procedure.form_fields, organisation=organisation)
    result = form_data_clean(schema, form_data)
    if result.errors:
        raise InvalidApplication(
            _("Correct the application form: some fields are missing or not valid."),
            fields=result.errors,
        )
    return result.cleaned


def applicant_snapshot(actor: User) -> dict[str, Any]:
    """The applicant's details as they stand today (kept on the dossier: Mẫu 01 needs them
    even if the account changes later)."""
    is_business = actor.kind == AccountKind.BUSINESS
    return {
        "applicant_kind": ApplicantKind.ORGANISATION if is_business else ApplicantKind.PERSON,
        "applicant_name": actor.full_name,
        "applicant_id_number": (actor.tax_code if is_business else actor.citizen_id) or "",
        "applicant_phone": actor.phone or "",
        "applicant_email": actor.email or "",
    }


def dossier_draft_save(
    *,
    actor: User,
    procedure: Procedure,
    form_data: Mapping[str, Any],
    dossier: Dossier | None = None,
    prefill: Prefill | None = None,
) -> Dossier:
    """Create (``dossier=None``) or update the applicant's draft of an online dossier.

    The form is checked against the application form (the applicant's personal fields and the
    procedure's e-form: types, required fields, choices); errors name the fields. The
    applicant's name, ID number, phone and e-mail are copied from the account. ``prefill`` is
    what the national population database gave for the personal fields (kept server-side by
    the caller since the look-up): the values that still stand are recorded on the dossier
    (``Dossier.prefilled``) and their names in the audit entry."""
    _public_account_require(actor)
    if dossier is not None:
        applicant_require(actor, dossier)
        procedure = dossier.procedure
    _procedure_check_online(procedure)
    cleaned = _form_clean(procedure, form_data, organisation=actor.kind == AccountKind.BUSINESS)
    with transaction.atomic():
        if dossier is None:
            return _draft_create(actor, procedure, cleaned, prefill)
        return _draft_update(actor, dossier, cleaned, prefill)


def _drafts_cap_check(actor: User) -> None:
    """At most ``EGOV_DRAFTS_PER_ACCOUNT`` drafts per account at a time (counted under the
    account's row lock, so two tabs cannot both take the last place)."""
    User.objects.select_for_update().filter(pk=actor.pk).first()
    limit = settings.EGOV_DRAFTS_PER_ACCOUNT
    if Dossier.objects.filter(applicant=actor, status=DossierStatus.DRAFT).count() >= limit:
        raise InvalidApplication(
            _("You may keep at most %(count)s draft dossiers: submit or withdraw one first.")
            % {"count": limit},
            code="too_many_drafts",
        )


def _prefill_changes(record: Mapping[str, Any]) -> dict[str, Any]:
    """The audited trace of a prefill: the source and the field names, never the values."""
    if not record:
        return {}
    return {"prefilled_from": record["source"], "prefilled_fields": sorted(record["fields"])}


def _draft_create(
    actor: User, procedure: Procedure, cleaned: dict[str, Any], prefill: Prefill | None
) -> Dossier:
    _drafts_cap_check(actor)
    record = prefilled_record(cleaned, prefill=prefill, previous={})
    dossier = Dossier(
        procedure=procedure,
        channel=Channel.ONLINE,
        status=DossierStatus.DRAFT,
        applicant=actor,
        form_data=cleaned,
        prefilled=record,
        applicant_address=str(cleaned.get("applicant_address", ""))[:300],
        **applicant_snapshot(actor),
    )
    dossier.search_text = search_text(dossier)
    dossier.save()
    event_record(
        actor=actor,
        action=AuditAction.DOSSIER_DRAFT_CREATED,
        obj=dossier,
        changes={
            "procedure": procedure.code,
            "version": procedure.version,
            **_prefill_changes(record),
        },
    )
    return dossier


def _draft_update(
    actor: User, dossier: Dossier, cleaned: dict[str, Any], prefill: Prefill | None
) -> Dossier:
    from egov.onestop.services.signing import application_signature_clear

    locked = dossier_lock(dossier.pk)
    if locked.status != DossierStatus.DRAFT:
        raise InvalidApplication(_("Only a draft can be changed."), code="not_a_draft")
    changed = sorted(
        k for k in set(cleaned) | set(locked.form_data) if cleaned.get(k) != locked.form_data.get(k)
    )
    for name, value in applicant_snapshot(actor).items():
        setattr(locked, name, value)
    locked.form_data = cleaned
    locked.prefilled = prefilled_record(cleaned, prefill=prefill, previous=locked.prefilled)
    locked.applicant_address = str(cleaned.get("applicant_address", ""))[:300]
    locked.search_text = search_text(locked)
    # A signed application no longer says what the changed form says: the signature goes.
    removed = application_signature_clear(dossier=locked) if changed else {}
    locked.version += 1
    locked.save()
    # Field names only: the values are personal data and stay out of the audit trail.
    event_record(
        actor=actor,
        action=AuditAction.DOSSIER_DRAFT_SAVED,
        obj=locked,
        changes={
            "form_fields_changed": changed,
            **_prefill_changes(locked.prefilled),
            **removed,
        },
    )
    return locked


def competent_unit_check(procedure: Procedure, unit: OrgUnit | None) -> OrgUnit:
    """The unit chosen must be an active unit of the procedure's level (commune, district or
    province; a department acts at province level)."""
    if unit is None:
        raise InvalidApplication(
            _("Choose the unit that will handle your dossier."),
            fields={"unit": _("Choose the unit that will handle your dossier.")},
        )
    if level_of(unit) != procedure.level or not unit.is_active:
        message = _("This unit does not handle procedures of this level.")
        raise InvalidApplication(message, fields={"unit": message})
    route = online_route(procedure, published_definition_codes())
    if not route.all_units and unit.agency_code not in route.agency_codes:
        message = _("This unit does not process this procedure online; choose another unit.")
        raise InvalidApplication(message, fields={"unit": message})
    return unit


def receiving_desk_for(unit: OrgUnit) -> OrgUnit:
    """The one-stop desk of ``unit`` (directly under it) or, when it has none, of the nearest
    unit above it: a commune without its own desk files through its district's desk (Decree
    61/2018 art. 19 transfers; Decree 118/2025: any centre of the province receives)."""
    desk = (
        OrgUnit.objects.active()
        .filter(kind=UnitKind.ONE_STOP_DESK, parent_id__in=unit.ancestor_ids())
        .order_by("-parent__depth", "path")
        .first()
    )
    if desk is None:
        message = _("No one-stop desk receives dossiers for this unit online.")
        raise InvalidApplication(message, code="no_desk", fields={"unit": message})
    return desk


def missing_documents(dossier: Dossier) -> list[RequiredDocument]:
    """Required documents of the dossier's procedure without an uploaded file.

    Papers that are only presented for checking, and papers needed "only when" a condition
    holds (the applicant knows whether it does), are not enforced."""
    uploaded = DossierFile.objects.filter(dossier=dossier, required_document__isnull=False)
    return list(
        RequiredDocument.objects.filter(
            procedure_id=dossier.procedure_id, is_required=True, condition=""
        )
        .exclude(submit_mode=SubmitMode.PRESENT)
        .exclude(pk__in=uploaded.values("required_document_id"))
        .order_by("order", "pk")
    )


def _submission_check(dossier: Dossier) -> None:
    _procedure_check_online(dossier.procedure)
    _form_clean(
        dossier.procedure,
        dossier.form_data,
        organisation=dossier.applicant_kind == ApplicantKind.ORGANISATION,
    )
    missing = missing_documents(dossier)
    if missing:
        raise InvalidApplication(
            _("Upload a file for each required document: %(names)s.")
            % {"names": "; ".join(d.name for d in missing)},
            code="documents_missing",
        )


def _key_check(idempotency_key: str) -> str:
    if not IDEMPOTENCY_KEY_RE.match(idempotency_key or ""):
        raise InvalidApplication(
            _("The form has expired. Reload the page and submit again."), code="bad_idempotency_key"
        )
    return idempotency_key


def submission_request_hash(dossier: Dossier, unit: OrgUnit | None) -> str:
    """The fingerprint of a submit request stored with its key: which draft, to which unit."""
    unit_id = unit.pk if unit is not None else dossier.competent_unit_id
    return hashlib.sha256(f"onestop.submit:{dossier.pk}:{unit_id or ''}".encode()).hexdigest()


def _key_reused(earlier: Dossier) -> IdempotencyKeyReused:
    message = _(
        "This submission form was already used for dossier %(code)s, so nothing was submitted "
        "now. Check the unit and press Submit again."
    ) % {"code": earlier.code or earlier.pk}
    return IdempotencyKeyReused(message)


def _key_holder(actor: User, key: str, dossier: Dossier, now: datetime.datetime) -> Dossier | None:
    """Another dossier of the applicant holding ``key`` and still remembering it. An expired
    key is released here (set to NULL) so it may serve again."""
    holders = Dossier.objects.filter(applicant=actor, idempotency_key=key).exclude(pk=dossier.pk)
    holders.filter(idempotency_expires_at__lte=now).update(idempotency_key=None)
    return holders.filter(idempotency_key=key).first()


def dossier_submit(
    *,
    actor: User,
    dossier: Dossier,
    idempotency_key: str,
    unit: OrgUnit | None = None,
    declared: bool = False,
    assurance_level: int = 0,
) -> Dossier:
    """Submit a draft: status draft → submitted, with a dossier code of the receiving desk
    (Circular 01/2018/TT-VPCP art. 19), the rule set in force and the submission time; the
    applicant is told by e-mail and SMS after commit.

    ``unit`` is the competent unit the applicant chose; ``declared`` is the applicant's
    declaration that what they gave is true (the commitment every application form carries,
    e.g. Circular 01/2022/TT-BTP forms), recorded in the audit entry. The key is stored with the
    request's hash and an expiry (``EGOV_IDEMPOTENCY_KEY_HOURS``). A repeated submit (the same
    key for the same draft and unit, or a dossier submitted before, whatever has happened to it
    since) returns the dossier as it is and creates nothing. The same key for another draft or
    another unit, while remembered, is :class:`IdempotencyKeyReused` (409), also when two such
    submits race (the unique key of the applicant decides, and the loser is told, not a 500).
    ``assurance_level`` is the level of the applicant's login (:func:`assurance_check`: a fully
    online procedure needs a level-2 national identity)."""
    applicant_require(actor, dossier)
    key = _key_check(idempotency_key)
    with transaction.atomic():
        locked = dossier_lock(dossier.pk)
        request_hash = submission_request_hash(locked, unit)
        now = timezone.now()
        if locked.idempotency_key == key:
            stored = locked.idempotency_request_hash
            if stored and stored != request_hash:
                raise _key_reused(locked)
            return locked
        if locked.status != DossierStatus.DRAFT and locked.submitted_at is not None:
            return locked
        earlier = _key_holder(actor, key, locked, now)
        if earlier is not None:
            raise _key_reused(earlier)
        DOSSIER_TRANSITIONS.check("submit", locked.status)
        competent = competent_unit_check(locked.procedure, unit or locked.competent_unit)
        _submission_check(locked)
        assurance_check(locked.procedure, assurance_level)
        if not declared:
            message = _("Confirm the declaration to submit the dossier.")
            raise InvalidApplication(message, fields={"declaration": message})
        try:
            with transaction.atomic():
                return _submit(actor, locked, key, competent, request_hash)
        except IntegrityError:
            # Another draft took the key meanwhile (PostgreSQL waits for it, then refuses).
            earlier = _key_holder(actor, key, locked, now)
            if earlier is None:
                raise
            raise _key_reused(earlier) from None


def _submit(
    actor: User, dossier: Dossier, key: str, competent: OrgUnit, request_hash: str
) -> Dossier:
    now = timezone.now()
    expires_at = now + datetime.timedelta(hours=settings.EGOV_IDEMPOTENCY_KEY_HOURS)
    ruleset = ruleset_in_force(timezone.localdate(now))
    receiving = receiving_desk_for(competent)
    # A dossier the desk sent back to complete (Form 02) keeps its code when sent again.
    code = dossier.code or dossier_code_next(receiving_unit=receiving, ruleset=ruleset, at=now)
    submitted = dossier_transition(
        actor=actor,
        dossier=dossier,
        transition="submit",
        action=AuditAction.DOSSIER_SUBMITTED,
        changes={"declared": True},
        fields={
            "code": code,
            "ruleset_id": ruleset.pk,
            "competent_unit_id": competent.pk,
            "receiving_unit_id": receiving.pk,
            "submitted_at": now,
            "idempotency_key": key,
            "idempotency_request_hash": request_hash,
            "idempotency_expires_at": expires_at,
        },
        locked=True,  # by dossier_submit, in this transaction
    )
    # The applicant's details as they stand at submission (kept out of the audited diff).
    snapshot = applicant_snapshot(actor)
    for name, value in snapshot.items():
        setattr(submitted, name, value)
    submitted.search_text = search_text(submitted)
    submitted.save(update_fields=[*snapshot, "search_text"])
    call_id = (submitted.prefilled or {}).get("call")
    if isinstance(call_id, int):  # the fill now counts for the unit handling the dossier
        lookup_unit_attribute(actor=actor, call_id=call_id, unit=competent)
    dossier_notify(dossier=submitted, event="submitted")
    return submitted


def dossier_withdraw(*, actor: User, dossier: Dossier, reason: str = "") -> Dossier:
    """The applicant withdraws a draft, or a submitted dossier the desk has not received yet
    (status code 7 of the national portal)."""
    applicant_require(actor, dossier)
    reason = reason.strip()[:1000]
    with transaction.atomic():
        return dossier_transition(
            actor=actor,
            dossier=dossier,
            transition="withdraw",
            action=AuditAction.DOSSIER_WITHDRAWN,
            fields={"result_note": reason},
        )
