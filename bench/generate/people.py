"""Officers and citizens of the benchmark, written in bulk (``accounts.User``, ``orgs.Membership``).

Every benchmark account has the same password (:data:`BENCH_PASSWORD`), hashed once with the
project's hasher: hashing a million passwords would take hours and proves nothing. Officers
are named ``<role>.<unit id>.<n>@bench.egov.vn``; the harness logs in as them.

Accounts made in bulk get no ``accounts.*`` audit entry (the service would write one each);
docs/benchmarks.md says so.
"""

from __future__ import annotations

import datetime
import random
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password

from bench.generate import names
from bench.generate.sink import Sink, table_spec
from egov.accounts.choices import AccountKind
from egov.accounts.models import User
from egov.orgs.choices import Role, UnitKind
from egov.orgs.models import Membership, OrgUnit
from egov.workdays.rules import VN_TZ

BENCH_PASSWORD = "Bench@2026-egov"  # noqa: S105 - published benchmark password, bench DB only
STARTED_ON = datetime.date(2015, 1, 1)
JOINED_AT = datetime.datetime(2015, 1, 1, 8, 0, tzinfo=VN_TZ)
USER_COLUMNS = (
    "id",
    "password",
    "is_superuser",
    "kind",
    "full_name",
    "email",
    "phone",
    "citizen_id",
    "tax_code",
    "is_staff",
    "is_active",
    "date_joined",
    "disabled_reason",
    "contact_verified_at",  # accounts made before confirmation existed count as confirmed
)
MEMBERSHIP_COLUMNS = (
    "id",
    "user_id",
    "unit_id",
    "role",
    "includes_subtree",
    "position",
    "started_on",
)
# (unit kind, role, how many, covers subtree, position): who works where.
STAFFING = (
    (UnitKind.COMMUNE, Role.SPECIALIST, 2, False, "Công chức"),
    (UnitKind.COMMUNE, Role.UNIT_HEAD, 1, True, "Chủ tịch UBND"),
    (UnitKind.COMMUNE, Role.CLERK, 1, False, "Văn thư"),
    (UnitKind.DISTRICT, Role.SPECIALIST, 8, False, "Chuyên viên"),
    (UnitKind.DISTRICT, Role.DIVISION_HEAD, 2, False, "Trưởng phòng"),
    (UnitKind.DISTRICT, Role.UNIT_HEAD, 1, True, "Chủ tịch UBND"),
    (UnitKind.DISTRICT, Role.CLERK, 2, False, "Văn thư"),
    (UnitKind.DIVISION, Role.SPECIALIST, 2, False, "Chuyên viên"),
    (UnitKind.DIVISION, Role.DIVISION_HEAD, 1, False, "Trưởng phòng"),
    (UnitKind.ONE_STOP_DESK, Role.FRONT_DESK_OFFICER, 4, False, "Cán bộ tiếp nhận"),
    (UnitKind.DEPARTMENT, Role.SPECIALIST, 6, False, "Chuyên viên"),
    (UnitKind.DEPARTMENT, Role.DIVISION_HEAD, 2, False, "Trưởng phòng"),
    (UnitKind.DEPARTMENT, Role.UNIT_HEAD, 1, True, "Giám đốc Sở"),
    (UnitKind.DEPARTMENT, Role.CLERK, 1, False, "Văn thư"),
    (UnitKind.PROVINCE, Role.UNIT_HEAD, 1, True, "Chánh Văn phòng UBND Thành phố"),
    (UnitKind.PROVINCE, Role.CLERK, 2, False, "Văn thư"),
    (UnitKind.PROVINCE, Role.SYSTEM_ADMIN, 1, True, "Quản trị hệ thống"),
)


@dataclass
class Staff:
    """Officer ids by (unit id, role), and their names (for audit entries)."""

    by_unit_role: dict[tuple[int, str], list[int]] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)

    def of(self, unit_id: int, role: str) -> list[int]:
        return self.by_unit_role.get((unit_id, role), [])


def officer_email(role: str, unit_id: int, n: int) -> str:
    return f"{role.replace('_', '-')}.{unit_id}.{n}@bench.egov.vn"


def officers_create(sink: Sink, rng: random.Random, password_hash: str) -> Staff:
    """The officers of every active unit (:data:`STAFFING`) and their roles."""
    staff = Staff()
    user_id, membership_id = sink.next_id(User), sink.next_id(Membership)
    users, memberships = [], []
    units = OrgUnit.objects.active().order_by("path").values_list("id", "kind")
    by_kind = defaultdict(list)
    for unit_id, kind in units:
        by_kind[kind].append(unit_id)
    for kind, role, count, subtree, position in STAFFING:
        for unit_id in by_kind.get(kind, []):
            for n in range(1, count + 1):
                name = names.person_name(rng)
                users.append(
                    (
                        user_id,
                        password_hash,
                        False,
                        AccountKind.OFFICER,
                        name,
                        officer_email(role, unit_id, n),
                        None,
                        None,
                        None,
                        role == Role.SYSTEM_ADMIN,
                        True,
                        JOINED_AT,
                        "",
                        JOINED_AT,
                    )
                )
                memberships.append(
                    (membership_id, user_id, unit_id, role, subtree, position, STARTED_ON)
                )
                staff.by_unit_role.setdefault((unit_id, role), []).append(user_id)
                staff.names[user_id] = name
                user_id, membership_id = user_id + 1, membership_id + 1
    sink.copy(table_spec(User, USER_COLUMNS), users)
    sink.copy(table_spec(Membership, MEMBERSHIP_COLUMNS), memberships)
    return staff


NAME_TABLE = 40_000


@dataclass(frozen=True)
class Citizens:
    """Public accounts: ids ``first``..``first + count - 1``. Names and ID numbers are derived
    from the index (names from a fixed table drawn once), so nothing per person is kept."""

    first: int
    count: int
    people: tuple[str, ...]
    businesses: tuple[str, ...]

    def person(self, index: int) -> tuple[int, str, str, str, bool]:
        """(user id, full name, citizen ID or tax code, phone, is business) of ``index``."""
        business = index % 12 == 0
        spread = (index * 2654435761) % NAME_TABLE
        name = self.businesses[spread % len(self.businesses)] if business else self.people[spread]
        number = f"01{index:08d}" if business else _citizen_id(index)
        return self.first + index, name, number, names.phone(index), business


def _citizen_id(index: int) -> str:
    """A unique 12-digit ID of Hà Nội (province code 001) for ``index``."""
    return f"001{index % 4}{(index // 4) % 100:02d}{index // 400:06d}"


def citizens_rows(citizens: Citizens, password_hash: str) -> Iterator[tuple]:
    for index in range(citizens.count):
        user_id, name, number, phone, business = citizens.person(index)
        email = f"cd{index}@bench.egov.vn" if index % 3 == 0 else None
        yield (
            user_id,
            password_hash,
            False,
            AccountKind.BUSINESS if business else AccountKind.CITIZEN,
            name,
            email,
            phone,
            None if business else number,
            number if business else None,
            False,
            True,
            JOINED_AT,
            "",
            JOINED_AT,
        )


def citizens_create(sink: Sink, rng: random.Random, count: int, password_hash: str) -> Citizens:
    citizens = Citizens(
        first=sink.next_id(User),
        count=count,
        people=tuple(names.person_name(rng) for _ in range(NAME_TABLE)),
        businesses=tuple(names.business_name(rng) for _ in range(2000)),
    )
    sink.copy(table_spec(User, USER_COLUMNS), citizens_rows(citizens, password_hash))
    return citizens


def bench_password_hash() -> str:
    return make_password(BENCH_PASSWORD)
