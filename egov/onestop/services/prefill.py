"""Filling the applicant's own fields of an online form from a national database: a citizen's
personal fields from the national population database (Decree 69/2024/NĐ-CP and the plans'
"information filled automatically into online forms"; Decree 13/2023/NĐ-CP: personal data read
for a declared purpose), a business's fields from the national business registry (the plans'
"online services use the national business registry").

The citizen asks for it on the form, after a national identity login (integration's
``citizen_self_lookup`` logs and audits the read); a business asks for its own enterprise
code's record (``business_self_lookup``). Only empty fields are filled: a value the
citizen typed is kept and the database's value is shown beside it, never overwritten
silently. What the database gave is remembered for the save (the view keeps it in the
session, server-side); the dossier records, in ``Dossier.prefilled``, which values still stand
as the database gave them.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from egov.accounts.choices import AccountKind
from egov.integration.choices import ConnectorCode
from egov.integration.services import (
    BusinessRecord,
    CitizenRecord,
    business_self_lookup,
    citizen_self_lookup,
)
from egov.onestop.rules import BUSINESS_FIELDS, PERSONAL_FIELDS
from egov.onestop.services.form_data import form_data_clean
from egov.orgs.models import OrgUnit


@dataclass(frozen=True)
class Prefill:
    """What a national database gave for the personal fields, as the form stores them."""

    source: str
    at: str
    call_id: int | None
    values: dict[str, Any]

    def as_dict(self) -> dict[str, Any]:
        return {"source": self.source, "at": self.at, "call": self.call_id, "values": self.values}

    @classmethod
    def from_dict(cls, data: Any) -> Prefill | None:
        """The prefill kept in the session, or None when there is none (or it is damaged)."""
        if not isinstance(data, Mapping) or not isinstance(data.get("values"), Mapping):
            return None
        return cls(
            source=str(data.get("source", "")),
            at=str(data.get("at", "")),
            call_id=data.get("call") if isinstance(data.get("call"), int) else None,
            values=dict(data["values"]),
        )


@dataclass(frozen=True)
class PrefillResult:
    prefill: Prefill
    values: dict[str, Any]  # the form's values, the empty personal fields filled
    filled: list[str] = field(default_factory=list)  # names filled (or already the same)
    kept: dict[str, Any] = field(default_factory=dict)  # name -> database value not used


def _record_values(
    record: CitizenRecord | BusinessRecord, specs: tuple[dict[str, Any], ...]
) -> dict[str, Any]:
    raw = {spec["name"]: getattr(record, spec["prefill"]) for spec in specs if spec.get("prefill")}
    raw = {
        name: value.isoformat() if isinstance(value, datetime.date) else value
        for name, value in raw.items()
        if value not in (None, "")
    }
    # stored as the form stores a typed value (dates as ISO, text trimmed)
    return form_data_clean(specs, raw).cleaned


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def application_prefill(
    *,
    actor: Any,
    procedure_code: str,
    current: Mapping[str, Any],
    assurance_level: int,
    unit: OrgUnit | None = None,
) -> PrefillResult:
    """Look the applicant up and fill the empty applicant fields of ``current`` (the form as
    posted): a citizen in the national population database, a business in the national
    business registry. A field the applicant filled differently keeps their value and the
    database's is returned in ``kept``. Raises the integration's errors (no national login,
    the database unreachable: the applicant fills the form by hand)."""
    record: CitizenRecord | BusinessRecord
    if getattr(actor, "kind", "") == AccountKind.BUSINESS:
        record = business_self_lookup(actor=actor, issue=procedure_code, unit=unit)
        specs, source = BUSINESS_FIELDS, ConnectorCode.BUSINESS_REGISTRY
    else:
        record = citizen_self_lookup(
            actor=actor, assurance_level=assurance_level, issue=procedure_code, unit=unit
        )
        specs, source = PERSONAL_FIELDS, ConnectorCode.POPULATION
    given = _record_values(record, specs)
    mine = form_data_clean(specs, current)
    values = dict(current)
    filled: list[str] = []
    kept: dict[str, Any] = {}
    for name, value in given.items():
        if _is_empty(current.get(name)):
            values[name] = value
            filled.append(name)
        elif mine.cleaned.get(name) == value:
            filled.append(name)
        else:
            kept[name] = value
    prefill = Prefill(
        source=source,
        at=timezone.now().isoformat(),
        call_id=record.call_id,
        values={name: given[name] for name in filled},
    )
    return PrefillResult(prefill=prefill, values=values, filled=filled, kept=kept)


def prefilled_record(
    cleaned: Mapping[str, Any], *, prefill: Prefill | None, previous: Mapping[str, Any]
) -> dict[str, Any]:
    """What ``Dossier.prefilled`` keeps for the form ``cleaned``: the database's values that
    still stand (a field the citizen changed afterwards is no longer marked), from the new
    ``prefill`` when there is one, else from the ``previous`` record."""
    if prefill is not None:
        source = {"source": prefill.source, "at": prefill.at, "call": prefill.call_id}
        given: Mapping[str, Any] = prefill.values
    elif previous.get("fields"):
        source = {k: previous.get(k) for k in ("source", "at", "call")}
        given = previous["fields"]
    else:
        return {}
    standing = {name: value for name, value in given.items() if cleaned.get(name) == value}
    return {**source, "fields": standing} if standing else {}
