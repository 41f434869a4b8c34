"""The complaints figures, read from the roll-up, against naive counts of the raw rows; the
rows written event by event equal the rebuilt ones."""

from __future__ import annotations

import datetime

import pytest
from django.core.management.sql import emit_post_migrate_signal
from django.utils import timezone

from egov.common.figures import figure_get, figures_read
from egov.complaints import services
from egov.complaints.choices import Channel, Outcome, PetitionKind, Verdict, VisitOutcome
from egov.complaints.models import Petition, PetitionFigure, Visit
from egov.complaints.services_rollup import rollup_is_stale, rollup_rebuild
from egov.complaints.tests.conftest import at
from egov.workdays.rules import VN_TZ

D = datetime.date
pytestmark = pytest.mark.django_db
KINDS = (PetitionKind.COMPLAINT, PetitionKind.DENUNCIATION, PetitionKind.COMPLAINT)
VERDICTS = (Verdict.RIGHT, Verdict.WRONG, Verdict.PARTLY)
CHANNELS = (Channel.POST, Channel.VISIT, Channel.PORTAL)


def _local(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment, VN_TZ).date()


def _in(day: datetime.date | None, first: datetime.date, last: datetime.date) -> bool:
    return day is not None and first <= day <= last


def naive(code: str, unit, first: datetime.date, last: datetime.date) -> int:
    """The figure counted on the raw rows, one by one."""
    rows = list(Petition.objects.filter(unit=unit))
    received = [p for p in rows if _in(_local(p.received_at), first, last)]
    settled = [p for p in rows if _in(p.settled_on, first, last)]
    found = {
        "complaints.complaints_found_right": (PetitionKind.COMPLAINT, Verdict.RIGHT),
        "complaints.complaints_found_partly_right": (PetitionKind.COMPLAINT, Verdict.PARTLY),
        "complaints.complaints_found_wrong": (PetitionKind.COMPLAINT, Verdict.WRONG),
        "complaints.denunciations_found_true": (PetitionKind.DENUNCIATION, Verdict.RIGHT),
        "complaints.denunciations_found_partly_true": (PetitionKind.DENUNCIATION, Verdict.PARTLY),
        "complaints.denunciations_found_untrue": (PetitionKind.DENUNCIATION, Verdict.WRONG),
    }
    counts = {
        "complaints.petitions_received": len(received),
        "complaints.petitions_received_online": sum(p.channel == "portal" for p in received),
        "complaints.complaints_received": sum(p.kind == "complaint" for p in received),
        "complaints.denunciations_received": sum(p.kind == "denunciation" for p in received),
        "complaints.cases_accepted": sum(_in(p.accepted_on, first, last) for p in rows),
        "complaints.cases_settled": len(settled),
        "complaints.cases_settled_on_time": sum(
            p.settled_on <= p.settlement_due_on for p in settled
        ),
        "complaints.cases_settled_late": sum(p.settled_on > p.settlement_due_on for p in settled),
        "complaints.receptions": sum(
            _in(_local(v.received_at), first, last) for v in Visit.objects.filter(unit=unit)
        ),
    }
    for found_code, (kind, verdict) in found.items():
        counts[found_code] = sum(p.kind == kind and p.verdict == verdict for p in settled)
    return counts[code]


CODES = (
    "complaints.petitions_received",
    "complaints.petitions_received_online",
    "complaints.complaints_received",
    "complaints.denunciations_received",
    "complaints.cases_accepted",
    "complaints.cases_settled",
    "complaints.cases_settled_on_time",
    "complaints.cases_settled_late",
    "complaints.complaints_found_right",
    "complaints.complaints_found_partly_right",
    "complaints.complaints_found_wrong",
    "complaints.denunciations_found_true",
    "complaints.denunciations_found_partly_true",
    "complaints.denunciations_found_untrue",
    "complaints.receptions",
)
PERIODS = (
    (D(2026, 11, 29), D(2026, 12, 4)),  # days of two months
    (D(2026, 12, 1), D(2026, 12, 31)),  # a whole month
    (D(2026, 1, 1), D(2026, 12, 31)),  # a whole year
    (D(2026, 12, 3), D(2026, 12, 3)),  # one day
)


def _world(clock, people, world) -> tuple:
    units = (world.district_a, world.district_b)
    actors = {
        world.district_a: (people.receiver, people.handler),
        world.district_b: (people.outsider, people.outsider),
    }
    for index, (month, day) in enumerate(((11, 30), (12, 1), (12, 2), (12, 3), (12, 4))):
        for unit in units:
            receiver, handler = actors[unit]
            clock.set(at(2026, month, day, 23 if index == 3 else 9))  # 23:00 local: that day
            services.visit_record(
                actor=receiver,
                unit=unit,
                received_at=timezone.now(),
                visitor_name=f"Người {index}",
                content="Hỏi",
                outcome=VisitOutcome.GUIDED,
                outcome_note="Hướng dẫn",
            )
            petition = services.petition_register(
                actor=receiver,
                unit=unit,
                channel=CHANNELS[index % 3],
                received_at=timezone.now(),
                subject="Khiếu nại",
                content=f"Nội dung {index} {unit.pk}",
                petitioner_name=f"Người {index}",
            )
            if index == 4:
                continue  # stays registered, not classified
            petition = services.petition_classify(
                actor=handler,
                petition=petition,
                kind=KINDS[index % 3],
                is_competent=True,
                outcome=Outcome.ACCEPT,
            )
            if index == 1:
                continue  # accepted, not settled
            services.petition_step_record(
                actor=handler, petition=petition, step="verify", on=_local(timezone.now()), note="x"
            )
            services.petition_settle(
                actor=handler,
                petition=Petition.objects.get(pk=petition.pk),
                decided_on=_local(timezone.now()),
                verdict=VERDICTS[index % 3],
                summary="x",
            )
    return units


def _figure_rows() -> set[tuple]:
    names = ("unit_id", "grain", "start", "channel", "kind", "received", "accepted", "settled")
    rows = PetitionFigure.objects.values_list(
        *names, "settled_on_time", "found_right", "found_partly", "found_wrong", "receptions"
    )
    return {row for row in rows if any(row[5:])}


def test_figures_equal_naive_counts(clock, people, world, django_assert_max_num_queries) -> None:
    units = _world(clock, people, world)
    for first, last in PERIODS:
        for code in CODES:
            figure = figure_get(code)
            with django_assert_max_num_queries(1):
                values = figure.read(first=first, last=last)
            for unit in units:
                assert values.get(unit.pk, 0) == naive(code, unit, first, last), (code, first)
    assert figure_get("complaints.receptions").read(
        first=D(2026, 12, 1), last=D(2026, 12, 4), unit_ids=[world.district_a.pk]
    ) == {world.district_a.pk: 4}


def test_figures_read_together_equal_naive_counts_in_one_query(
    clock, people, world, django_assert_num_queries
) -> None:
    """The dashboards read the roll-up figures together: one query over the roll-up for all
    of them, each equal to its naive count, for all units or some."""
    units = _world(clock, people, world)
    for first, last in PERIODS:
        with django_assert_num_queries(1):
            values = figures_read(CODES, first=first, last=last)
        with django_assert_num_queries(1):
            only_b = figures_read(CODES, first=first, last=last, unit_ids=[world.district_b.pk])
        for code in CODES:
            for unit in units:
                assert values[code].get(unit.pk, 0) == naive(code, unit, first, last), (code, first)
            assert only_b[code] == {
                unit: n for unit, n in values[code].items() if unit == world.district_b.pk
            }


def test_rebuild_equals_rows_written_event_by_event(clock, people, world) -> None:
    _world(clock, people, world)
    written = _figure_rows()

    result = rollup_rebuild()

    assert _figure_rows() == written
    assert (result.petitions, result.visits) == (10, 10)


def test_rebuild_writes_the_rows_in_period_order(clock, people, world) -> None:
    """Rebuilt rows follow the (grain, start) index the figures read by, so the rows of a
    period sit together on disk."""
    _world(clock, people, world)

    rollup_rebuild()

    keys = list(
        PetitionFigure.objects.order_by("pk").values_list(
            "grain", "start", "unit_id", "channel", "kind"
        )
    )
    assert len(keys) > 3 and keys == sorted(keys)


def test_rebuild_after_a_raw_write_counts_it(clock, people, world) -> None:
    units = _world(clock, people, world)
    Petition.objects.filter(unit=world.district_b, settled_on__isnull=False).update(
        settlement_due_on=D(2026, 11, 1)
    )  # written around the services: late

    rollup_rebuild()

    first, last = D(2026, 11, 1), D(2026, 12, 31)
    late = figure_get("complaints.cases_settled_late").read(first=first, last=last)
    on_time = figure_get("complaints.cases_settled_on_time").read(first=first, last=last)
    assert late == {world.district_b.pk: 3}
    assert on_time == {world.district_a.pk: 3}
    for unit in units:
        assert late.get(unit.pk, 0) == naive("complaints.cases_settled_late", unit, first, last)


def test_migrate_rebuilds_a_roll_up_behind_the_petitions(clock, people, world) -> None:
    """A database whose petitions came before the roll-up (added empty by 0008) is put right
    by the next ``migrate`` (``common.rollups``), with no manual command."""
    _world(clock, people, world)
    written = _figure_rows()
    assert not rollup_is_stale()
    PetitionFigure.objects.all().delete()
    assert rollup_is_stale()

    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")

    assert _figure_rows() == written and not rollup_is_stale()
    PetitionFigure.objects.filter(receptions__gt=0).delete()  # visits not counted
    assert rollup_is_stale()


def test_empty_tables_are_not_stale(db) -> None:
    assert not rollup_is_stale()
