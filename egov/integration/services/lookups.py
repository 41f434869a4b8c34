"""Look-ups in the national population database and the national business registry.

Personal data is read only for a declared purpose (Decree 13/2023/NĐ-CP on personal data
protection), each read is in the request log with the asker, unit, purpose and dossier, and in
the audit trail as a read of personal data. The national API shapes are the published field
names as far as known (vn-egov-spec §1.7 ``ThongTinNguoiNop``; next-modules g.2/g.3); the
population database's API through NDOP is itself unconfirmed, hence the adapter's single
mapping function per system.
"""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.db import transaction
from django.utils.translation import gettext as _

from egov.accounts.choices import AccountKind
from egov.accounts.models import User
from egov.audit.services import event_record
from egov.common.exceptions import PermissionDenied
from egov.integration.choices import ConnectorCode, IntegrationAuditAction, Purpose
from egov.integration.exceptions import ConnectorUnavailable, IntegrationError
from egov.integration.models import ConnectorCall
from egov.integration.rules import citizen_id_valid, identifier_masked, tax_code_valid
from egov.integration.services.client import CallContext, Reply, connector_call, purpose_check
from egov.orgs.access import reach_of, require_officer
from egov.orgs.models import OrgUnit


@dataclass(frozen=True)
class CitizenRecord:
    """A citizen's data as the population database gives it (the fields a form fills)."""

    citizen_id: str
    full_name: str
    birth_date: datetime.date | None
    sex: str
    permanent_address: str
    place_of_origin: str
    call_id: int | None = None  # the request log's row of the look-up that gave it


@dataclass(frozen=True)
class BusinessRecord:
    """An enterprise as the national business registry gives it (the fields a form fills)."""

    tax_code: str
    name: str
    address: str
    legal_representative: str
    status: str
    call_id: int | None = None  # the request log's row of the look-up that gave it


def _unit_check(actor: Any, unit: OrgUnit | None) -> int | None:
    """The unit the look-up is made for must be one the officer acts for."""
    require_officer(actor)
    if unit is None:
        return None
    if not reach_of(actor).covers(unit):
        raise IntegrationError(_("Choose one of your units."), fields={"unit": _("Not yours.")})
    return unit.pk


def _self_context(
    actor: Any, subject: str, issue: str, unit: OrgUnit | None, *, is_personal_data: bool
) -> CallContext:
    """The call context of an applicant's look-up of their own record to fill their own form
    (purpose: fill an application form; the applicant is the data owner). ``unit``, when the
    dossier already names its competent unit, counts the fill for that unit's figure."""
    return CallContext(
        actor=actor,
        unit_id=unit.pk if unit is not None else None,
        purpose=Purpose.FORM_FILL,
        issue=issue,
        subject=subject,
        is_personal_data=is_personal_data,
        is_autofill=True,
        owner_id=actor.pk,
    )


def _field(data: dict, name: str) -> str:
    value = data.get(name)
    if not isinstance(value, str):
        raise ConnectorUnavailable(
            _("The national system answered without the field %(field)s.") % {"field": name}
        )
    return value


def _citizen_from(data: dict) -> CitizenRecord:
    birth = data.get("ngaySinh") or ""
    try:
        birth_date = datetime.date.fromisoformat(birth) if birth else None
    except (TypeError, ValueError) as exc:
        raise ConnectorUnavailable(_("The national system answered a wrong date.")) from exc
    return CitizenRecord(
        citizen_id=_field(data, "soDinhDanh"),
        full_name=_field(data, "hoVaTen"),
        birth_date=birth_date,
        sex=_field(data, "gioiTinh"),
        permanent_address=_field(data, "noiThuongTru"),
        place_of_origin=_field(data, "queQuan"),
    )


def _owner_of(citizen_id: str) -> int | None:
    """The account of the person with ``citizen_id``, if they have one (the data owner)."""
    return User.objects.filter(citizen_id=citizen_id).values_list("pk", flat=True).first()


def _citizen_fetch(actor: Any, citizen_id: str, context: CallContext) -> CitizenRecord:
    reply = connector_call(
        connector=ConnectorCode.POPULATION,
        method="GET",
        service="citizens?" + urlencode({"soDinhDanh": citizen_id}),
        context=context,
    )
    record = _checked(reply, _citizen_from)
    if record.citizen_id != citizen_id:
        _call_mark_failed(reply, "another person")
        raise ConnectorUnavailable(_("The national system answered for another person."))
    _record_read(actor, reply, IntegrationAuditAction.PERSONAL_DATA_LOOKED_UP, citizen_id)
    return dataclasses.replace(record, call_id=reply.call.pk if reply.call else None)


def citizen_lookup(
    *,
    actor: Any,
    citizen_id: str,
    purpose: str,
    unit: OrgUnit | None = None,
    issue: str = "",
    autofill: bool = False,
) -> CitizenRecord:
    """The population database's record of ``citizen_id``, for ``purpose``.

    Raises :class:`IntegrationError` (bad ID, no purpose), :class:`NotFoundThere` (unknown ID)
    or :class:`ConnectorUnavailable` (fill the form by hand)."""
    unit_id = _unit_check(actor, unit)
    purpose_check(purpose)
    citizen_id = (citizen_id or "").strip()
    if not citizen_id_valid(citizen_id):
        raise IntegrationError(
            _("A citizen ID has 12 digits."), fields={"citizen_id": _("12 digits.")}
        )
    context = CallContext(
        actor=actor,
        unit_id=unit_id,
        purpose=purpose,
        issue=issue,
        subject=citizen_id,
        is_personal_data=True,
        is_autofill=autofill,
        owner_id=_owner_of(citizen_id),
    )
    return _citizen_fetch(actor, citizen_id, context)


def own_citizen_id(actor: Any, assurance_level: int, *, refused: str, login_needed: str) -> str:
    """The logged-in citizen's own ID number, for a read of their own national records: only
    a citizen (``refused`` otherwise), only after a national identity login (``assurance_level``
    ≥ 1, Decree 69/2024; ``login_needed`` otherwise), so the number comes from the identity
    provider and nobody reads another person's records by typing their number into a profile."""
    if not getattr(actor, "is_authenticated", False) or not getattr(actor, "is_public", False):
        raise PermissionDenied(refused)
    if assurance_level < 1:
        raise IntegrationError(login_needed, code="national_login_required")
    citizen_id = (getattr(actor, "citizen_id", "") or "").strip()
    if not citizen_id_valid(citizen_id):
        raise IntegrationError(
            _("Your account has no 12-digit citizen ID to look up."), code="no_citizen_id"
        )
    return citizen_id


def citizen_self_lookup(
    *, actor: Any, assurance_level: int, issue: str = "", unit: OrgUnit | None = None
) -> CitizenRecord:
    """The population database's record of the logged-in citizen themselves, to fill their
    own online application form (purpose: fill an application form).

    Only after a national identity login (``assurance_level`` ≥ 1, Decree 69/2024): the ID
    number then comes from the identity provider, so nobody reads another person's record by
    typing their number into a profile. ``unit``, when the dossier already names its competent
    unit, counts the fill for that unit's figure."""
    citizen_id = own_citizen_id(
        actor,
        assurance_level,
        refused=_("Only citizens fill their own details from the database."),
        login_needed=_(
            "Log in with your national identity (VNeID) to fill your details from the "
            "national population database."
        ),
    )
    context = _self_context(actor, citizen_id, issue, unit, is_personal_data=True)
    return _citizen_fetch(actor, citizen_id, context)


def lookup_unit_attribute(*, actor: Any, call_id: int, unit: OrgUnit) -> bool:
    """Count a citizen's own fill of an online form for the unit that handles the dossier,
    once the dossier names it (the figure ``integration.forms_autofilled`` counts by unit).
    Only the citizen's own look-up without a unit yet; returns whether it changed."""
    changed = (
        ConnectorCall.objects.filter(
            pk=call_id, actor_id=getattr(actor, "pk", None), owner_id=getattr(actor, "pk", None)
        )
        .filter(unit__isnull=True, is_autofill=True)
        .update(unit=unit)
    )
    return bool(changed)


def _business_from(data: dict) -> BusinessRecord:
    return BusinessRecord(
        tax_code=_field(data, "maSoDoanhNghiep"),
        name=_field(data, "tenDoanhNghiep"),
        address=_field(data, "diaChiTruSo"),
        legal_representative=_field(data, "nguoiDaiDienPhapLuat"),
        status=_field(data, "tinhTrang"),
    )


def _business_fetch(actor: Any, tax_code: str, context: CallContext) -> BusinessRecord:
    reply = connector_call(
        connector=ConnectorCode.BUSINESS_REGISTRY,
        method="GET",
        service="enterprises?" + urlencode({"maSoThue": tax_code}),
        context=context,
    )
    record = _checked(reply, _business_from)
    # a branch (10 + 3 digits) is answered under its own code; the head office under its 10
    if record.tax_code != tax_code:
        _call_mark_failed(reply, "another enterprise")
        raise ConnectorUnavailable(_("The national system answered for another enterprise."))
    _record_read(actor, reply, IntegrationAuditAction.BUSINESS_DATA_LOOKED_UP, tax_code)
    return dataclasses.replace(record, call_id=reply.call.pk if reply.call else None)


def business_lookup(
    *,
    actor: Any,
    tax_code: str,
    purpose: str,
    unit: OrgUnit | None = None,
    issue: str = "",
    autofill: bool = False,
) -> BusinessRecord:
    """The national business registry's record of ``tax_code`` (the enterprise code,
    Decree 01/2021/NĐ-CP art. 8): name, head-office address, legal representative."""
    unit_id = _unit_check(actor, unit)
    purpose_check(purpose)
    tax_code = (tax_code or "").strip()
    if not tax_code_valid(tax_code):
        raise IntegrationError(
            _("A tax code has 10 digits, or 10 + 3 for a branch."),
            fields={"tax_code": _("10 or 13 digits.")},
        )
    context = CallContext(
        actor=actor,
        unit_id=unit_id,
        purpose=purpose,
        issue=issue,
        subject=tax_code,
        is_personal_data=False,
        is_autofill=autofill,
    )
    return _business_fetch(actor, tax_code, context)


def business_self_lookup(
    *, actor: Any, issue: str = "", unit: OrgUnit | None = None
) -> BusinessRecord:
    """The national business registry's record of the logged-in business itself, to fill its
    own online application form (purpose: fill an application form).

    Only a business account, and only its own enterprise code (the one it registered with):
    nobody fills a form with another enterprise's record. These fields are public (the
    national business registration portal publishes them), so no national login is asked.
    ``unit``, when the dossier already names its competent unit, counts the fill for that
    unit's figure; the business account is the data owner on "who read my data"."""
    if (
        not getattr(actor, "is_authenticated", False)
        or getattr(actor, "kind", "") != AccountKind.BUSINESS
    ):
        raise PermissionDenied(_("Only businesses fill their own details from the registry."))
    tax_code = (getattr(actor, "tax_code", "") or "").strip()
    if not tax_code_valid(tax_code):
        raise IntegrationError(
            _("Your account has no valid enterprise code to look up."), code="no_tax_code"
        )
    context = _self_context(actor, tax_code, issue, unit, is_personal_data=False)
    return _business_fetch(actor, tax_code, context)


def _checked(reply: Reply, build: Any) -> Any:
    """The record, or the call marked failed when the answer is refused or unusable."""
    if reply.status_code >= 400:
        _call_mark_failed(reply, f"HTTP {reply.status_code}")
        raise ConnectorUnavailable(_("The national system refused the look-up."))
    try:
        return build(dict(reply.data))
    except ConnectorUnavailable as exc:
        _call_mark_failed(reply, exc.message)
        raise


def _call_mark_failed(reply: Reply, error: str) -> None:
    if reply.call is not None:
        reply.call.outcome = "failed"
        reply.call.error = error[:300]
        reply.call.save(update_fields=["outcome", "error"])


def _record_read(actor: Any, reply: Reply, action: str, identifier: str) -> None:
    call = reply.call
    with transaction.atomic():
        event_record(
            actor=actor,
            action=action,
            obj=call,
            changes={
                "connector": call.connector if call else "",
                "subject": identifier_masked(identifier),
                "purpose": call.purpose if call else "",
                "issue": call.issue if call else "",
            },
        )
