"""Number registers: a locked counter row per unit, series and year (never ``max()+1``).

Numbers run per calendar year from 1 (Decree 30/2020/NĐ-CP art. 15; spec §2.2): the first
number of a year creates that year's row. The row is created with ``ON CONFLICT DO NOTHING``
(SQLite: ``INSERT OR IGNORE``) and then locked, so two clerks issuing at the same second get
consecutive numbers and no number is skipped or given twice; the unique constraint on
``Document`` (unit, series, year, number) backs it up.
"""

from __future__ import annotations

import zoneinfo

from django.db import transaction

from egov.documents import rules
from egov.documents.models import NumberRegister
from egov.orgs.models import OrgUnit

VN_TZ = zoneinfo.ZoneInfo(rules.VN_TZ_NAME)


def register_lock(*, unit: OrgUnit, series: str, year: int) -> NumberRegister:
    """The register row of ``unit``/``series``/``year``, created at 0 if new, locked until the
    end of the caller's transaction."""
    NumberRegister.objects.bulk_create(
        [NumberRegister(unit=unit, series=series, year=year, last_number=0)],
        ignore_conflicts=True,
    )
    return NumberRegister.objects.select_for_update().get(unit=unit, series=series, year=year)


def register_next_number(*, unit: OrgUnit, series: str, year: int) -> int:
    """Take the next number of the register (inside the caller's transaction: if it rolls back,
    the number is given back, so none is ever skipped)."""
    with transaction.atomic():
        register = register_lock(unit=unit, series=series, year=year)
        register.last_number += 1
        register.save(update_fields=["last_number"])
    return register.last_number


def register_take_number(*, unit: OrgUnit, series: str, year: int, number: int) -> None:
    """Record a number given on paper: the counter moves up to it when it is ahead, so the
    next electronic number follows it."""
    with transaction.atomic():
        register = register_lock(unit=unit, series=series, year=year)
        if number > register.last_number:
            register.last_number = number
            register.save(update_fields=["last_number"])
