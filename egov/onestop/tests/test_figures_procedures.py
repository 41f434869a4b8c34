"""The distinct-procedure figures (procedures served, fully online, used online, by businesses,
with the business registry, signed from a phone) read from the yearly and monthly
roll-up (``DossierProcedureFigure``) and the dossiers of the days at either end equal the distinct
(unit, procedure) pairs counted over the raw dossiers: for random periods (partial months
included) and units, after corrections refreshed day by day, and as the migration fills them."""

from __future__ import annotations

import datetime
import importlib
import random
from collections import Counter

import pytest
from django.db import connection

from egov.common.figures import figure_get, figures_read
from egov.onestop import figures as onestop_figures
from egov.onestop.choices import OnlineLevel
from egov.onestop.models import Dossier, DossierProcedureFigure
from egov.onestop.services.figures import (
    BUSINESS_REGISTRY_SOURCE,
    figures_refresh_day,
    figures_refresh_range,
    procedure_figures_write,
)
from egov.onestop.tests.factories import ProcedureFactory
from egov.onestop.tests.figures_factories import DossierFactory
from egov.workdays.rules import VN_TZ

FIRST_DAY, LAST_DAY = datetime.date(2025, 5, 20), datetime.date(2025, 9, 10)
CODES = {
    "onestop.procedures_served": lambda d: True,
    "onestop.procedures_full_online": lambda d: True,
    "onestop.procedures_online": lambda d: d.channel == "online",
    "onestop.procedures_online_business": lambda d: _business(d),
    "onestop.procedures_business_registry": lambda d: (
        _business(d) and d.prefilled.get("source") == BUSINESS_REGISTRY_SOURCE
    ),
    "onestop.procedures_signed_mobile": lambda d: (
        d.channel == "online" and d.application_signing_method == "remote"
    ),
}


def _business(dossier) -> bool:
    return dossier.channel == "online" and dossier.applicant_kind == "organisation"


@pytest.fixture
def procedures(db):
    return [
        ProcedureFactory(level=level, online_level=online)
        for level, online in (
            ("province", "full"),
            ("district", "partial"),
            ("commune", "full"),
            ("district", "full"),
            ("commune", "none"),
        )
    ]


@pytest.fixture
def full_online(monkeypatch, procedures):
    """Which procedures count as offered fully online: the catalogue's full ones but the
    last (the published definitions behind it are another test's concern)."""
    full = {p.pk for p in procedures if p.online_level == "full"}
    full.discard(max(full))

    def levels(candidates, on=None):
        return {p.pk: OnlineLevel.FULL if p.pk in full else OnlineLevel.PARTIAL for p in candidates}

    monkeypatch.setattr(onestop_figures, "online_levels_offered", levels)
    return full


def _units(world) -> list:
    return [world.district_a, world.commune_a, world.district_b, world.dept, world.city]


def _moment(rng: random.Random) -> datetime.datetime:
    day = FIRST_DAY + datetime.timedelta(days=rng.randint(0, (LAST_DAY - FIRST_DAY).days))
    # Early and late hours too: the local day differs from the UTC one.
    return datetime.datetime.combine(day, datetime.time(rng.choice([0, 6, 9, 16, 23])), VN_TZ)


def _random_world(rng: random.Random, world, procedures, count: int = 80) -> None:
    for _ in range(count):
        online = rng.random() < 0.6
        DossierFactory(
            procedure=rng.choice(procedures),
            channel="online" if online else rng.choice(["direct", "postal"]),
            applicant_kind=rng.choice(["person", "organisation"]),
            prefilled=rng.choice([{}, {"source": BUSINESS_REGISTRY_SOURCE}, {"source": "other"}]),
            application_signing_method=rng.choice(["", "remote", "unit_key"]),
            receiving_unit=world.desk_a,
            competent_unit=rng.choice([*_units(world), None]),
            received_at=None if rng.random() < 0.05 else _moment(rng),
        )


def _naive(first, last, unit_ids, full) -> dict[str, dict[int, int]]:
    pairs = {code: set() for code in CODES}
    for dossier in Dossier.objects.exclude(received_at=None):
        day = dossier.received_at.astimezone(VN_TZ).date()
        owner = dossier.competent_unit_id or dossier.receiving_unit_id
        if not first <= day <= last or (unit_ids is not None and owner not in unit_ids):
            continue
        for code, counts in CODES.items():
            if counts(dossier) and (
                code != "onestop.procedures_full_online" or dossier.procedure_id in full
            ):
                pairs[code].add((owner, dossier.procedure_id))
    return {code: dict(Counter(owner for owner, _ in found)) for code, found in pairs.items()}


def _periods(rng: random.Random) -> list[tuple[datetime.date, datetime.date]]:
    periods = [
        (datetime.date(2025, 6, 1), datetime.date(2025, 8, 31)),  # whole months
        (datetime.date(2025, 6, 3), datetime.date(2025, 8, 28)),  # a partial month each end
        (datetime.date(2025, 7, 1), datetime.date(2025, 7, 25)),  # the month minus some days
        (datetime.date(2025, 7, 9), datetime.date(2025, 7, 9)),  # one day
        (datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)),  # the year
        (datetime.date(2024, 6, 1), datetime.date(2026, 3, 31)),  # months, a year, months
        (datetime.date(2024, 12, 30), datetime.date(2026, 1, 2)),  # days, a year, days
    ]
    for _ in range(8):
        first = FIRST_DAY + datetime.timedelta(days=rng.randint(-15, 110))
        periods.append((first, first + datetime.timedelta(days=rng.randint(0, 100))))
    return periods


def _assert_exact(rng, world, full) -> None:
    ids = [unit.pk for unit in _units(world)] + [world.desk_a.pk]
    for first, last in _periods(rng):
        for unit_ids in (None, rng.sample(ids, 3)):
            expected = _naive(first, last, unit_ids, full)
            read = figures_read(CODES, first=first, last=last, unit_ids=unit_ids)
            assert read == expected, (first, last, unit_ids)
            code = rng.choice(list(CODES))  # each figure alone gives the same
            alone = figure_get(code).read(first=first, last=last, unit_ids=unit_ids)
            assert alone == expected[code], (code, first, last, unit_ids)


def _rows() -> list[tuple]:
    return sorted(
        DossierProcedureFigure.objects.values_list(
            "grain",
            "day",
            "unit",
            "procedure",
            "received",
            "online",
            "online_business",
            "business_registry",
            "signed_remote",
        )
    )


def test_procedure_figures_equal_distinct_pairs_after_corrections(world, procedures, full_online):
    rng = random.Random(23)
    _random_world(rng, world, procedures)
    figures_refresh_range(day_from=FIRST_DAY, day_to=LAST_DAY)
    assert DossierProcedureFigure.objects.filter(
        grain="year", day=datetime.date(2025, 1, 1)
    ).exists()
    _assert_exact(rng, world, full_online)

    # Corrections: another channel, applicant or unit, a later receipt, a deletion; then the
    # days they touched are refreshed one by one, in any order.
    dossiers = list(Dossier.objects.exclude(received_at=None).order_by("pk")[:12])
    touched = {d.received_at.astimezone(VN_TZ).date() for d in dossiers}
    for dossier in dossiers[:3]:
        Dossier.objects.filter(pk=dossier.pk).update(
            channel="direct" if dossier.channel == "online" else "online"
        )
    for dossier in dossiers[3:6]:
        Dossier.objects.filter(pk=dossier.pk).update(
            competent_unit=world.commune_b, applicant_kind="organisation"
        )
    for dossier in dossiers[6:8]:
        moved = dossier.received_at + datetime.timedelta(days=33)
        Dossier.objects.filter(pk=dossier.pk).update(received_at=moved)
        touched.add(moved.astimezone(VN_TZ).date())
    Dossier.objects.filter(pk=dossiers[8].pk).update(
        competent_unit=None, prefilled={"source": BUSINESS_REGISTRY_SOURCE}
    )
    dossiers[9].delete()
    for day in sorted(touched, reverse=True):
        figures_refresh_day(day=day)

    _assert_exact(rng, world, full_online)
    kept = _rows()
    procedure_figures_write(connection)
    assert _rows() == kept


def test_refresh_of_a_day_follows_a_change_of_unit(world, procedures, full_online):
    day = datetime.date(2025, 7, 15)
    moment = datetime.datetime.combine(day, datetime.time(23, 30), VN_TZ)
    dossier = DossierFactory(
        procedure=procedures[0],
        channel="online",
        receiving_unit=world.desk_a,
        competent_unit=world.commune_a,
        received_at=moment,
    )
    figures_refresh_day(day=day)
    read = figures_read(CODES, first=datetime.date(2025, 7, 1), last=datetime.date(2025, 7, 31))
    assert read["onestop.procedures_online"] == {world.commune_a.pk: 1}

    Dossier.objects.filter(pk=dossier.pk).update(competent_unit=world.district_a)
    figures_refresh_day(day=day)

    read = figures_read(CODES, first=datetime.date(2025, 7, 1), last=datetime.date(2025, 7, 31))
    assert read["onestop.procedures_online"] == {world.district_a.pk: 1}
    assert read["onestop.procedures_served"] == {world.district_a.pk: 1}


def test_procedure_months_filled_by_the_migration(world, procedures):
    from django.apps import apps

    migration = importlib.import_module("egov.onestop.migrations.0016_procedure_figure")
    _random_world(random.Random(5), world, procedures, count=40)
    figures_refresh_range(day_from=FIRST_DAY, day_to=LAST_DAY)
    expected = _rows()
    assert expected
    DossierProcedureFigure.objects.all().delete()

    migration.fill(apps, connection.schema_editor())

    assert _rows() == expected
