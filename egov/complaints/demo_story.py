"""The people, the unit and the replayed moments of the complaints demo (``demo.py``): each
step happens at a past weekday moment through the services, never after the real now."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from unittest import mock

from django.utils import timezone

from egov.accounts.models import User
from egov.complaints import services
from egov.complaints.choices import Channel
from egov.complaints.models import Petition
from egov.complaints.selectors import HANDLERS
from egov.orgs.access import can_act_for_unit
from egov.orgs.models import OrgUnit
from egov.workdays.rules import VN_TZ

RECEIVER = "vanthu.badinh@hanoi.demo"
SPECIALIST = "chuyenvien.qldt.badinh@hanoi.demo"
CHAIRMAN = "chutich.badinh@hanoi.demo"
CITIZEN = "an.nguyen@hanoi.demo"
CITY_RECEIVER = "chanhvanphong@hanoi.demo"  # head of the city office, reach over the city
DAY = datetime.timedelta(days=1)


@contextmanager
def _at(moment: datetime.datetime) -> Iterator[None]:
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def _weekday(day: datetime.date) -> datetime.date:
    while day.weekday() >= 5:
        day -= DAY
    return day


def _moment(today: datetime.date, days_ago: int, hour: int = 9) -> datetime.datetime:
    """A moment of the story on a weekday, never after the real now (the demo may be loaded
    early in the morning)."""
    moment = datetime.datetime.combine(
        _weekday(today - days_ago * DAY), datetime.time(hour), tzinfo=VN_TZ
    )
    return min(moment, _LATEST[0]) if _LATEST else moment


_LATEST: list[datetime.datetime] = []


class _Story:
    """The people and the unit, and small helpers that replay a petition's life."""

    def __init__(self, unit: OrgUnit, today: datetime.date) -> None:
        self.unit, self.today = unit, today
        self.receiver = User.objects.get(email=RECEIVER)
        self.chairman = User.objects.get(email=CHAIRMAN)
        specialist = User.objects.filter(email=SPECIALIST).first()
        self.handler = (
            specialist
            if specialist and can_act_for_unit(specialist, unit, roles=HANDLERS)
            else self.chairman
        )

    def register(self, days_ago: int, **values: Any) -> Petition:
        received = _moment(self.today, days_ago)
        values.setdefault("channel", Channel.POST)
        with _at(received):
            return services.petition_register(
                actor=self.receiver, unit=self.unit, received_at=received, **values
            )

    def classify(self, petition: Petition, days_ago: int, **values: Any) -> Petition:
        with _at(_moment(self.today, days_ago, 10)):
            return services.petition_classify(actor=self.handler, petition=petition, **values)

    def step(self, petition: Petition, days_ago: int, step: str, note: str) -> Petition:
        moment = _moment(self.today, days_ago, 14)
        with _at(moment):
            return services.petition_step_record(
                actor=self.handler,
                petition=petition,
                step=step,
                on=timezone.localtime(moment, VN_TZ).date(),
                note=note,
            )

    def settle(self, petition: Petition, days_ago: int, verdict: str, summary: str) -> Petition:
        moment = _moment(self.today, days_ago, 15)
        with _at(moment):
            return services.petition_settle(
                actor=self.handler,
                petition=petition,
                decided_on=timezone.localtime(moment, VN_TZ).date(),
                verdict=verdict,
                summary=summary,
            )
