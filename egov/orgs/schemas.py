from __future__ import annotations

import datetime

from ninja import Schema


class OrgUnitOut(Schema):
    id: int
    name: str
    kind: str
    short_name: str
    parent_id: int | None
    admin_code: str
    admin_code_scheme: str
    agency_code: str
    agency_code_status: str
    status: str
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    successor_id: int | None


class MembershipOut(Schema):
    unit_id: int
    unit_name: str
    role: str
    includes_subtree: bool
    position: str


class MeOut(Schema):
    id: int
    full_name: str
    kind: str
    roles: list[MembershipOut]
