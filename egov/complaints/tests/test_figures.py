"""The complaints figures against naive counts of the rows."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from egov.common.figures import figure_get
from egov.complaints import services
from egov.complaints.choices import Channel, Outcome, PetitionKind, Verdict, VisitOutcome
from egov.complaints.models import Petition, Visit
from egov.complaints.tests.conftest import at
from egov.workdays.rules import VN_TZ

D = datetime.date
pytestmark = pytest.mark.django_db
CODES = (
    "complaints.petitions_received",
    "complaints.cases_accepted",
    "complaints.cases_settled",
    "complaints.cases_settled_on_time",
    "complaints.receptions",
)


def _local(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment, VN_TZ).date()


def test_figures_equal_naive_counts(clock, people, world, django_assert_max_num_queries) -> None:
    units = (world.district_a, world.district_b)
    actors = {world.district_a: (people.receiver, people.handler)}
    other_receiver = people.outsider
    actors[world.district_b] = (other_receiver, other_receiver)
    for index, day in enumerate((1, 2, 3, 4)):
        for unit in units:
            receiver, handler = actors[unit]
            clock.set(at(2026, 12, day, 23 if index == 3 else 9))  # 23:00 local is still that day
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
                channel=Channel.POST,
                received_at=timezone.now(),
                subject="Khiếu nại",
                content=f"Nội dung {index} {unit.pk}",
                petitioner_name=f"Người {index}",
            )
            if index % 2:
                continue
            petition = services.petition_classify(
                actor=handler,
                petition=petition,
                kind=PetitionKind.COMPLAINT,
                is_competent=True,
                outcome=Outcome.ACCEPT,
            )
            services.petition_step_record(
                actor=handler, petition=petition, step="verify", on=_local(timezone.now()), note="x"
            )
            services.petition_settle(
                actor=handler,
                petition=Petition.objects.get(pk=petition.pk),
                decided_on=_local(timezone.now()),
                verdict=Verdict.RIGHT,
                summary="x",
            )
    Petition.objects.filter(unit=world.district_b, settled_on__isnull=False).update(
        settlement_due_on=D(2026, 11, 30)
    )  # late
    first, last = D(2026, 12, 2), D(2026, 12, 4)

    def naive(code: str, unit) -> int:
        rows = list(Petition.objects.filter(unit=unit))
        if code == "complaints.petitions_received":
            return sum(first <= _local(p.received_at) <= last for p in rows)
        if code == "complaints.cases_accepted":
            return sum(p.accepted_on is not None and first <= p.accepted_on <= last for p in rows)
        if code == "complaints.cases_settled":
            return sum(p.settled_on is not None and first <= p.settled_on <= last for p in rows)
        if code == "complaints.cases_settled_on_time":
            return sum(
                p.settled_on is not None
                and first <= p.settled_on <= last
                and p.settled_on <= p.settlement_due_on
                for p in rows
            )
        visits = Visit.objects.filter(unit=unit)
        return sum(first <= _local(v.received_at) <= last for v in visits)

    for code in CODES:
        figure = figure_get(code)
        with django_assert_max_num_queries(1):
            values = figure.read(first=first, last=last)
        for unit in units:
            assert values.get(unit.pk, 0) == naive(code, unit), (code, unit.name)
    assert (
        figure_get("complaints.cases_settled_on_time")
        .read(first=first, last=last)
        .get(world.district_b.pk, 0)
        == 0
    )
    assert figure_get("complaints.receptions").read(
        first=first, last=last, unit_ids=[world.district_a.pk]
    ) == {world.district_a.pk: 3}
