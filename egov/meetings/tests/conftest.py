"""Fixtures of the meeting tests: the city's office drafter, its chairman, a department head
invited, a clock, and issuing without rendering (the registry's own tests cover the PDF)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone

from conftest import World, make_officer
from egov.accounts.models import User
from egov.common.testing import files as samples
from egov.documents.services import (
    document_approve,
    document_sign_and_issue,
    document_submit_for_review,
)
from egov.orgs.services import orgunit_update
from egov.workdays.rules import VN_TZ


def at(year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=VN_TZ)


class Clock:
    def __init__(self) -> None:
        self.moment: datetime.datetime | None = None

    def set(self, moment: datetime.datetime) -> None:
        self.moment = moment


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    real_now = timezone.now
    frozen = Clock()
    frozen.set(at(2026, 3, 2))  # a Monday
    monkeypatch.setattr(timezone, "now", lambda: frozen.moment or real_now())
    return frozen


@dataclass
class People:
    office: User  # specialist of the city office (drafts, manages meetings)
    chairman: User  # head of the city: chairs, reviews and signs
    dept_head: User  # head of the department invited
    dept_staff: User  # a specialist of the department (a delegate)
    outsider: User  # an officer of another district, not invited


@pytest.fixture
def people(world: World, monkeypatch: pytest.MonkeyPatch) -> People:
    signed = samples.pdf()
    monkeypatch.setattr("egov.documents.services.issuing._signed_pdf", lambda document: signed)
    orgunit_update(actor=None, unit=world.city, short_name="UBND")
    return People(
        office=make_officer("chuyenvien.vp@example.vn", world.city, "specialist", subtree=True),
        chairman=make_officer("chutich@example.vn", world.city, "unit_head", subtree=True),
        dept_head=make_officer("giamdoc.stttt@example.vn", world.dept, "unit_head"),
        dept_staff=make_officer("chuyenvien.stttt@example.vn", world.dept, "specialist"),
        outsider=make_officer("chuyenvien.hk@example.vn", world.district_b, "specialist"),
    )


def issue(document, drafter: User, head: User):
    """Walk a draft through the registry: review, approval, signing and issue."""
    document = document_submit_for_review(actor=drafter, document=document, expected_version=None)
    document = document_approve(actor=head, document=document, expected_version=None)
    return document_sign_and_issue(actor=head, document=document, expected_version=None)
