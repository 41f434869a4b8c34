"""Figures per unit and period: documents exchanged electronically; incoming documents handled
on time, late, or open past their deadline."""

from __future__ import annotations

import datetime
from decimal import Decimal

from egov.documents.choices import Channel
from egov.documents.selectors import document_figures
from egov.documents.selectors.figures import may_see_figures
from egov.documents.services import (
    RecipientIn,
    document_send,
    incoming_assign,
    incoming_complete,
    incoming_return,
)
from egov.documents.tests.factories import issued, registered
from egov.workflow.tests.factories import at

MARCH = (datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))


def _assigned(clerk, unit_head, unit, due, **kw):
    document = registered(clerk, unit, **kw)
    return incoming_assign(
        actor=unit_head,
        document=document,
        expected_version=document.version,
        lead_unit=unit,
        due_on=due,
    )


def test_figures_of_a_district_for_march(
    docs_world,
    specialist,
    division_head,
    unit_head,
    clerk,
    fake_signing,
    clock,
    other_district_officer,
):
    clock.set(at(2026, 3, 2, 9))
    electronic = issued(specialist, division_head, unit_head, docs_world.division_a)
    mixed = issued(specialist, division_head, unit_head, docs_world.division_a)
    issued(specialist, division_head, unit_head, docs_world.division_a)  # not sent
    document_send(actor=clerk, document=electronic, recipients=[docs_world.district_b])
    document_send(
        actor=clerk,
        document=mixed,
        recipients=[
            docs_world.district_b,
            RecipientIn(name="Báo Hà Nội Mới", channel=Channel.PAPER),
        ],
    )
    district = docs_world.district_a
    on_time = _assigned(clerk, unit_head, district, datetime.date(2026, 3, 4))
    late = _assigned(
        clerk, unit_head, district, datetime.date(2026, 3, 3), number_notation="2/UBND-VP"
    )
    _assigned(clerk, unit_head, district, datetime.date(2026, 3, 5), number_notation="3/UBND-VP")
    _assigned(
        clerk,
        unit_head,
        district,
        datetime.date(2026, 3, 20),
        number_notation="4/UBND-VP",
        channel=Channel.EDXML,
    )
    wrong = registered(None, district, number_notation="5/UBND-VP")
    incoming_return(actor=clerk, document=wrong, expected_version=wrong.version, reason="Sai")
    clock.set(at(2026, 3, 3, 10))
    incoming_complete(actor=unit_head, document=on_time, expected_version=on_time.version)
    clock.set(at(2026, 3, 4, 10))
    incoming_complete(actor=unit_head, document=late, expected_version=late.version)
    clock.set(at(2026, 3, 9, 9))

    rows, total = document_figures(
        user=unit_head, first=MARCH[0], last=MARCH[1], now=at(2026, 3, 9, 9)
    )

    assert [
        (
            r.unit,
            r.outgoing_issued,
            r.outgoing_sent,
            r.outgoing_electronic,
            r.incoming_received,
            r.incoming_electronic,
            r.handled_on_time,
            r.handled_late,
            r.open_on_time,
            r.open_overdue,
        )
        for r in rows
    ] == [(district, 3, 2, 1, 4, 1, 1, 1, 1, 1)]
    assert rows[0].electronic_share == Decimal("33.3")  # (1 + 1) / (2 + 4)
    assert (total.unit, total.incoming_received, total.electronic_share) == (
        None,
        4,
        Decimal("33.3"),
    )
    assert (
        document_figures(
            user=unit_head,
            first=datetime.date(2026, 4, 1),
            last=datetime.date(2026, 4, 30),
            now=at(2026, 3, 9, 9),
        )[0]
        == []
    )
    assert (
        document_figures(
            user=other_district_officer, first=MARCH[0], last=MARCH[1], now=at(2026, 3, 9, 9)
        )[0]
        == []
    )


def test_only_heads_see_figures(docs_world, unit_head, division_head, specialist, clerk, citizen):
    assert [may_see_figures(p) for p in (unit_head, division_head, specialist, clerk, citizen)] == [
        True,
        True,
        False,
        False,
        False,
    ]
