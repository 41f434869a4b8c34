"""A quarter of one-stop work in two districts, the shipped indicator library, and the city's
head (the leader who sees every unit) — the scene of the dashboard tests."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest

from conftest import World, make_officer
from egov.accounts.models import User
from egov.dashboards.services import library_install
from egov.onestop.models import Dossier
from egov.onestop.services.figures import figures_refresh_range
from egov.onestop.tests.factories import ProcedureFactory
from egov.onestop.tests.figures_factories import DossierFactory
from egov.workdays.rules import VN_TZ

Q3 = {"kind": "quarter", "on": "2026-07-15"}


def at(month: int, day: int, hour: int = 9) -> datetime.datetime:
    return datetime.datetime(2026, month, day, hour, tzinfo=VN_TZ)


@dataclass
class Scene:
    world: World
    leader: User


def dossiers_make(world: World) -> None:
    """District A: 4 received (3 online), 4 settled, 3 on time. District B: 4 received (1
    online), 4 settled, 1 on time (late dossiers)."""
    procedure = ProcedureFactory(name="Đăng ký khai sinh", level="district")
    plan = [
        (world.district_a, ["online", "online", "online", "direct"], [True, True, True, False]),
        (world.district_b, ["online", "direct", "direct", "direct"], [True, False, False, False]),
    ]
    n = Dossier.objects.count()
    for unit, channels, on_time in plan:
        for channel, good in zip(channels, on_time, strict=True):
            n += 1
            due = at(7, 20, 16)
            DossierFactory(
                code=f"D-{n}",
                procedure=procedure,
                channel=channel,
                status="returned",
                receiving_unit=unit,
                competent_unit=unit,
                submitted_at=at(7, 6),
                received_at=at(7, 6),
                due_at=due,
                finished_at=at(7, 15) if good else at(7, 27),
                timeliness="on_time" if good else "late",
            )
    figures_refresh_range(day_from=datetime.date(2026, 7, 1), day_to=datetime.date(2026, 7, 31))


@pytest.fixture
def scene(world: World) -> Scene:
    library_install(actor=None)
    dossiers_make(world)
    leader = make_officer("chutich@example.vn", world.city, "unit_head", subtree=True)
    return Scene(world, leader)


@pytest.fixture
def no_feedback_source(monkeypatch):
    """As if the feedback app were not installed: its figures have no source (the dashboards
    must then say "no data source yet", never show zero)."""
    from egov.common import figures

    kept = {k: v for k, v in figures._registry.items() if not k.startswith("feedback.")}
    monkeypatch.setattr(figures, "_registry", kept)
