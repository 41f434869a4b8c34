"""Press release pages: the office drafts from the week's directives, edits, publishes; the
portal shows published releases to everyone and never a draft."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from egov.directives.models import PressRelease
from egov.directives.press.rules import Period
from egov.directives.press.services import press_release_create
from egov.directives.tests.conftest import at
from egov.directives.tests.factories import DirectiveFactory, TaskFactory

D = datetime.date
EN = {"Accept-Language": "en"}


@pytest.fixture
def directives(world, clock):
    clock.set(at(2026, 11, 22))
    plan = DirectiveFactory(
        unit=world.city,
        number=301,
        number_notation="301/KH-UBND",
        issued_on=D(2026, 11, 17),
        subject="Kế hoạch chuyển đổi số năm 2027",
    )
    TaskFactory(
        document=plan,
        lead_unit=world.dept,
        deadline_on=D(2027, 3, 31),
        content="Xây dựng kho dữ liệu dùng chung",
    )
    other = DirectiveFactory(
        unit=world.city,
        number=302,
        number_notation="302/KH-UBND",
        issued_on=D(2026, 11, 19),
        subject="Kế hoạch phòng chống rét",
    )
    return plan, other


def test_office_drafts_edits_and_publishes(client, office, directives):
    plan, other = directives
    client.force_login(office)

    page = client.get(reverse("directives:press-create"), headers=EN)
    created = client.post(
        reverse("directives:press-create"),
        {
            "unit": plan.unit_id,
            "period_start": "2026-11-16",
            "period_end": "2026-11-20",
            "documents": [plan.pk],
        },
    )
    release = PressRelease.objects.get()
    edit = reverse("directives:press-edit", args=[release.pk])
    saved = client.post(
        edit,
        {
            "version": 1,
            "title": release.title,
            "issued_on": "2026-11-23",
            "recipients_text": "- Lưu: VT.",
            "headline_0": "Chuyển đổi số năm 2027",
            "paragraph_0": "Ngày 17/11/2026, ...",
            "assignments_0": "Sở TTTT: kho dữ liệu\n",
        },
    )
    stale = client.post(
        edit, {"version": 1, "title": "X", "issued_on": "2026-11-23", "headline_0": "Y"}, headers=EN
    )
    published = client.post(reverse("directives:press-publish", args=[release.pk]), {"version": 2})
    release.refresh_from_db()

    assert page.status_code == 200
    assert page.context["form"]["period_start"].value() == D(2026, 11, 16)
    assert [d.pk for d in page.context["candidates"]] == [plan.pk, other.pk]
    assert created.status_code == 302
    assert saved.status_code == 302
    assert stale.status_code == 400
    assert "Someone else has just changed this" in stale.content.decode()
    assert published.status_code == 302
    # Dated the day it is numbered (the registry's rule), not the day typed in the draft.
    assert (release.status, release.number_notation, release.issued_on) == (
        "published",
        "1/TCBC-UBND",
        D(2026, 11, 22),
    )
    assert release.items == [
        {
            "headline": "Chuyển đổi số năm 2027",
            "paragraph": "Ngày 17/11/2026, ...",
            "assignments": ["Sở TTTT: kho dữ liệu"],
            "document_id": plan.pk,
        }
    ]


def test_a_refused_draft_answers_with_the_reason(client, office, directives, world):
    client.force_login(office)

    response = client.post(
        reverse("directives:press-create"),
        {"unit": world.city.pk, "period_start": "2026-10-05", "period_end": "2026-10-09"},
        headers=EN,
    )

    assert response.status_code == 400
    assert "No directive of this unit was issued in the period." in response.content.decode()
    assert PressRelease.objects.count() == 0


def test_the_portal_shows_published_releases_only(client, office, directives):
    plan, other = directives
    draft = press_release_create(actor=office, unit=plan.unit, document_ids=[plan.pk])
    PressRelease.objects.filter(pk=draft.pk).update(
        status="published", number_notation="7/TCBC-UBND"
    )
    hidden = press_release_create(
        actor=office,
        unit=plan.unit,
        document_ids=[other.pk],
        period=Period(D(2026, 11, 19), D(2026, 11, 19)),
    )

    listing = client.get(reverse("press:release-list"))
    detail = client.get(reverse("press:release-detail", args=[draft.pk]))
    pdf = client.get(reverse("press:release-file", args=[draft.pk, "pdf"]))
    docx = client.get(reverse("press:release-file", args=[draft.pk, "docx"]))
    not_yet = client.get(reverse("press:release-detail", args=[hidden.pk]))

    assert [r.pk for r in listing.context["page"]] == [draft.pk]
    assert "Số: 7/TCBC-UBND" in detail.content.decode()
    assert pdf["Content-Type"] == "application/pdf"
    assert docx["Content-Disposition"] == (
        'attachment; filename="thong-cao-bao-chi-7-TCBC-UBND-20261122.docx"'
    )
    assert not_yet.status_code == 404


def test_other_officers_cannot_reach_the_office_pages(client, specialist, office, directives):
    plan, _other = directives
    release = press_release_create(actor=office, unit=plan.unit)
    client.force_login(specialist)

    assert client.get(reverse("directives:press-list")).status_code == 403
    assert client.get(reverse("directives:press-detail", args=[release.pk])).status_code == 404
    assert (
        client.post(
            reverse("directives:press-publish", args=[release.pk]), {"version": 1}
        ).status_code
        == 404
    )
    release.refresh_from_db()
    assert release.status == "draft"
