"""Who may comment, as the consultation's audience says: everyone; the residents of the unit's
area (who name a commune or ward within it); business accounts; agencies (officers, for one of
their units). Refusals are 403 with the reason on the page, or a message on the field."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from conftest import PASSWORD, make_officer
from egov.accounts.services import public_account_register
from egov.common.exceptions import PermissionDenied
from egov.disclosure import services
from egov.disclosure.exceptions import DisclosureError
from egov.disclosure.models import Comment
from egov.disclosure.tests.conftest import at
from egov.disclosure.tests.test_services import open_consultation


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def business(db):
    return public_account_register(
        full_name="Công ty TNHH Xây dựng An Bình",
        password=PASSWORD,
        email="anbinh@example.vn",
        tax_code="0101234567",
    )


def test_residents_name_where_they_live_within_the_area(clock, world, people, draft):
    district_officer = make_officer("quan@example.vn", world.district_a, "specialist")
    consultation = services.consultation_open(
        actor=district_officer,
        unit=world.district_a,
        draft=draft,
        title="Lấy ý kiến quy hoạch sử dụng đất",
        summary="Góp ý",
        opens_on=at(2026, 3, 2).date(),
        closes_on=at(2026, 3, 16).date(),
        audience="area",
        sections=[],
    )
    for residence in (None, world.commune_b):
        with pytest.raises(DisclosureError) as refused:
            services.comment_send(
                actor=people.citizen, consultation=consultation, body="Ý kiến", residence=residence
            )
        assert refused.value.code == "audience" and "residence" in refused.value.fields

    comment = services.comment_send(
        actor=people.citizen, consultation=consultation, body="Ý kiến", residence=world.commune_a
    )

    assert comment.residence == world.commune_a


def test_only_business_accounts_comment_when_businesses_are_asked(
    client, clock, world, people, draft, business
):
    consultation = open_consultation(world, people, draft, audience="businesses", sector="Xây dựng")
    url = reverse("disclosure:comment-create", args=[consultation.pk])

    with pytest.raises(PermissionDenied):
        services.comment_send(actor=people.citizen, consultation=consultation, body="Ý kiến")
    with pytest.raises(PermissionDenied):
        services.comment_send_without_account(
            consultation=consultation, author_name="Khách", contact="k@example.vn", body="Ý kiến"
        )
    page = client.get(reverse("disclosure:consultation-detail", args=[consultation.pk]))
    anonymous = client.post(url, {"author_name": "K", "contact": "k@example.vn", "body": "Ý"})
    client.force_login(people.citizen)
    as_citizen = client.post(url, {"body": "Ý kiến"})
    client.force_login(business)
    as_business = client.post(url, {"body": "Đề nghị rút ngắn thủ tục."})

    assert page.context["form"] is None
    assert "tài khoản doanh nghiệp" in page.content.decode()  # the reason, in Vietnamese
    assert (anonymous.status_code, as_citizen.status_code, as_business.status_code) == (
        400,
        403,
        302,
    )
    assert list(Comment.objects.values_list("author_name", flat=True)) == [business.full_name]


def test_officers_comment_for_their_unit_when_agencies_are_asked(clock, world, people, draft):
    consultation = open_consultation(world, people, draft, audience="agencies")
    url = reverse("disclosure:comment-create", args=[consultation.pk])
    officer = Client()
    officer.force_login(people.commune_officer)

    with pytest.raises(PermissionDenied):
        services.comment_send(actor=people.citizen, consultation=consultation, body="Ý kiến")
    page = officer.get(reverse("disclosure:consultation-detail", args=[consultation.pk]))
    wrong_unit = officer.post(url, {"body": "Ý kiến", "on_behalf_of": world.commune_b.pk})
    no_unit = officer.post(url, {"body": "Ý kiến"})
    done = officer.post(
        url, {"body": "Đề nghị bổ sung kinh phí.", "on_behalf_of": world.commune_a.pk}
    )

    assert list(page.context["form"].fields["on_behalf_of"].queryset) == [world.commune_a]
    assert (wrong_unit.status_code, no_unit.status_code, done.status_code) == (400, 400, 302)
    comment = Comment.objects.get()
    assert comment.on_behalf_of == world.commune_a
    assert comment.author_name.startswith(world.commune_a.name)


def test_everyone_may_comment_on_a_city_consultation_but_officers_only_from_meetings(
    client, clock, world, people, draft
):
    consultation = open_consultation(world, people, draft, audience="city")
    client.force_login(people.commune_officer)

    refused = client.post(
        reverse("disclosure:comment-create", args=[consultation.pk]), {"body": "Ý kiến"}
    )

    assert refused.status_code == 403
    assert Comment.objects.count() == 0
