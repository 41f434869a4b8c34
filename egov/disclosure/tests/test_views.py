"""Pages of disclosure and consultation: public lists (search without accents, nothing before
its display, the archive marked), officer pages within reach, citizens' comments with the
rate limit, and refusals as 4xx."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse

from egov.disclosure import services
from egov.disclosure.models import Comment, Duty, Item
from egov.disclosure.tests.conftest import at, photo, xlsx_of
from egov.disclosure.tests.test_services import open_consultation, publish

D = datetime.date


def test_the_public_list_finds_an_item_without_accents_and_hides_future_ones(
    client, clock, world, people
):
    publish(people.commune_officer, world.commune_a)
    publish(
        people.commune_officer,
        world.commune_a,
        title="Dự toán tương lai",
        display_from=D(2026, 3, 10),
    )

    response = client.get(reverse("disclosure:item-list"), {"q": "du toan ngan sach"})

    assert response.status_code == 200
    assert [i.title for i in response.context["items"]] == ["Dự toán ngân sách phường năm 2026"]
    future = Item.objects.get(title="Dự toán tương lai")
    assert client.get(reverse("disclosure:item-detail", args=[future.pk])).status_code == 404


def test_an_ended_item_stays_in_the_archive_marked_ended(client, clock, world, people):
    item = publish(people.commune_officer, world.commune_a)
    clock.set(at(2026, 5, 4))

    page = client.get(reverse("disclosure:item-detail", args=[item.pk]), HTTP_ACCEPT_LANGUAGE="en")
    unit_page = client.get(reverse("disclosure:unit-page", args=[world.commune_a.pk]))

    assert "The display ended on 30/04/2026" in page.content.decode()
    assert [i.pk for i in unit_page.context["items"]] == [item.pk]


def test_the_items_file_is_downloadable_by_anyone(client, clock, world, people):
    item = publish(people.commune_officer, world.commune_a)
    stored = item.document.files.get()

    response = client.get(reverse("disclosure:item-file", args=[item.pk, stored.pk]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:2] == b"PK"


def test_an_officer_publishes_through_the_form_and_confirms_the_posting(
    client, clock, world, people
):
    client.force_login(people.commune_officer)
    data = {
        "unit": world.commune_a.pk,
        "duty": Duty.objects.get(code="budget-estimate").pk,
        "period_day": "2026-01-15",
        "title": "Dự toán ngân sách phường năm 2026",
        "places": ["unit_page", "notice_board"],
        "display_from": "2026-03-02",
        "display_until": "2026-04-30",
        "file": SimpleUploadedFile("du-toan.xlsx", xlsx_of([["Chi", 1]])),
    }
    response = client.post(reverse("disclosure_officer:item-create"), data)
    item = Item.objects.get()
    assert response.status_code == 302

    posted = client.post(
        reverse("disclosure_officer:posting-create", args=[item.pk]),
        {
            "place": "notice_board",
            "posted_on": "2026-03-02",
            "photo": SimpleUploadedFile("a.jpg", photo()),
        },
    )
    assert posted.status_code == 302
    assert item.postings.count() == 1
    page = client.get(reverse("disclosure:item-detail", args=[item.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert "Notice board at the unit&#x27;s office: 02/03/2026" in page.content.decode()


def test_a_short_display_through_the_form_is_a_400_naming_the_field(client, clock, world, people):
    client.force_login(people.commune_officer)
    data = {
        "unit": world.commune_a.pk,
        "duty": Duty.objects.get(code="budget-estimate").pk,
        "period_day": "2026-01-15",
        "title": "Dự toán",
        "places": ["unit_page"],
        "display_from": "2026-03-02",
        "display_until": "2026-03-05",
        "file": SimpleUploadedFile("du-toan.xlsx", xlsx_of([["Chi", 1]])),
    }
    response = client.post(reverse("disclosure_officer:item-create"), data)

    assert response.status_code == 400
    assert response.context["form"].errors.keys() == {"display_until"}
    assert Item.objects.count() == 0


def test_the_late_list_and_the_duty_board(client, clock, world, people):
    publish(people.commune_officer, world.commune_a)
    client.force_login(people.city_office_head)

    late = client.get(reverse("disclosure_officer:late-list"))
    board = client.get(reverse("disclosure_officer:duty-board"), {"unit": world.commune_b.pk})

    rows = late.context["page"].object_list
    assert {(r.unit.pk, r.duty.code) for r in rows} >= {
        (world.commune_a.pk, "budget-estimate"),
        (world.commune_b.pk, "budget-estimate"),
    }
    assert board.context["unit"] == world.commune_b
    # filtered to one duty and to the missing ones, with the count of what is shown
    missing = client.get(
        reverse("disclosure_officer:late-list"), {"duty": "budget-estimate", "status": "missing"}
    )
    shown = missing.context["page"].object_list
    assert shown and {(r.duty.code, r.status) for r in shown} == {("budget-estimate", "missing")}
    assert missing.context["missing_count"] == len(shown) and missing.context["late_count"] == 0
    assert 'id="late-summary"' in missing.content.decode()
    wrong = client.get(reverse("disclosure_officer:late-list"), {"status": "x", "page": "abc"})
    assert wrong.status_code == 200 and wrong.context["status"] == ""


def test_another_communes_officer_cannot_see_the_item_page(client, clock, world, people):
    item = publish(people.commune_officer, world.commune_a)
    client.force_login(people.other_commune_officer)

    assert client.get(reverse("disclosure_officer:item-detail", args=[item.pk])).status_code == 404


def test_a_citizen_comments_and_a_visitor_without_account_is_asked_for_a_contact(
    client, clock, world, people, draft
):
    consultation = open_consultation(world, people, draft)
    section = consultation.sections.first()
    url = reverse("disclosure:comment-create", args=[consultation.pk])

    asked = client.post(url, {"body": "x"})
    assert asked.status_code == 400
    assert set(asked.context["form"].errors) == {"author_name", "contact"}
    client.force_login(people.citizen)
    response = client.post(url, {"section": section.pk, "body": "Cần thêm chỉ tiêu."})

    assert response.status_code == 302
    assert Comment.objects.get().section == section


@override_settings(EGOV_DISCLOSURE_COMMENTS_PER_HOUR=2)
def test_a_flood_of_comments_is_refused_with_a_429(client, clock, world, people, draft):
    consultation = open_consultation(world, people, draft)
    url = reverse("disclosure:comment-create", args=[consultation.pk])
    client.force_login(people.citizen)

    codes = [client.post(url, {"body": f"Ý kiến {n}"}).status_code for n in range(3)]

    assert codes == [302, 302, 429]
    assert Comment.objects.count() == 2


def test_a_comment_after_the_close_is_a_400_with_the_reason(client, clock, world, people, draft):
    consultation = open_consultation(world, people, draft)
    clock.set(at(2026, 3, 17))
    client.force_login(people.citizen)

    response = client.post(
        reverse("disclosure:comment-create", args=[consultation.pk]), {"body": "Muộn"}
    )

    assert response.status_code == 400
    assert Comment.objects.count() == 0


def test_the_officer_hides_with_a_reason_and_the_public_sees_the_reason(
    client, clock, world, people, draft
):
    consultation = open_consultation(world, people, draft)
    comment = services.comment_send(
        actor=people.citizen, consultation=consultation, body="Quảng cáo bán nhà"
    )
    client.force_login(people.consulting_officer)

    empty = client.post(
        reverse("disclosure_officer:consultation-action", args=[consultation.pk, "hide"]), {}
    )
    done = client.post(
        reverse("disclosure_officer:consultation-action", args=[consultation.pk, "hide"]),
        {"hide-comment": comment.pk, "hide-reason": "spam", "hide-note": "Quảng cáo"},
    )
    public = (
        Client()
        .get(
            reverse("disclosure:consultation-detail", args=[consultation.pk]),
            HTTP_ACCEPT_LANGUAGE="en",
        )
        .content.decode()
    )

    assert (empty.status_code, done.status_code) == (400, 302)
    assert "Quảng cáo bán nhà" not in public
    assert "Hidden by the moderator: Advertising or repeated text" in public


@pytest.mark.parametrize("action", ["answer", "close", "adopt", "meeting", "hide"])
def test_an_officer_of_another_unit_cannot_act(client, clock, world, people, draft, action):
    consultation = open_consultation(world, people, draft)
    client.force_login(people.commune_officer)

    response = client.post(
        reverse("disclosure_officer:consultation-action", args=[consultation.pk, action]), {}
    )

    assert response.status_code == 404


def test_the_document_picker_searches_what_the_officer_may_see_and_never_secrets(
    client, clock, world, people, draft
):
    from egov.documents.models import Document

    secret = Document.objects.get(pk=draft.pk)
    secret.pk, secret.secrecy, secret.subject = None, "confidential", "Dự thảo kế hoạch mật"
    secret.save()
    url = reverse("disclosure_officer:consultation-create")
    client.force_login(people.consulting_officer)

    found = client.get(url, {"draft_id": "ke hoach chuyen doi"}, HTTP_HX_REQUEST="true")
    newest = client.get(url)
    client.force_login(people.other_commune_officer)
    elsewhere = client.get(reverse("disclosure_officer:item-create"), {"document_id": "ke hoach"})

    assert [d.pk for d in found.context["document_choices"]] == [draft.pk]
    assert 'id="document-choices"' in found.content.decode()
    assert secret.pk not in [d.pk for d in newest.context["document_choices"]]
    assert draft.pk in [d.pk for d in newest.context["document_choices"]]
    assert elsewhere.context["document_choices"] == []
