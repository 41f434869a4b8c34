"""The procedure page names its competent unit: the department its competent authority names
(a link to the unit's public page, and the question goes to it), none when every commune's
committee handles it (the applicant's own is competent)."""

from __future__ import annotations

from django.urls import reverse

from egov.onestop.models import Procedure
from egov.onestop.selectors import competent_unit_for, procedure_list_for_unit
from egov.orgs.services import orgunit_create

VI = {"accept-language": "vi"}


def _department(world, name):
    return orgunit_create(actor=None, name=name, kind="department", parent=world.city)


def test_a_department_named_in_words_is_the_competent_unit(sample, world):
    justice = _department(world, "Sở Tư pháp")
    _department(world, "Sở Xây dựng")
    procedure = Procedure.objects.get(code="1.013835")  # "Sở Tư pháp", a city department

    assert competent_unit_for(procedure) == justice
    # the same rule as the unit's own page reads the other way
    assert procedure in procedure_list_for_unit(justice)


def test_the_page_links_the_unit_and_sends_the_question_to_it(client, sample, world):
    justice = _department(world, "Sở Tư pháp")

    html = client.get(
        reverse("onestop:procedure-detail", args=["1.013835"]), headers=VI
    ).content.decode()

    assert reverse("portal:unit-page", args=[justice.pk]) in html
    assert "Trang thông tin của Sở Tư pháp" in html
    assert f"&amp;unit={justice.pk}" in html


def test_a_commune_procedure_names_no_single_unit(client, sample, world):
    procedure = Procedure.objects.get(code="1.013225")  # UBND cấp xã: the applicant's commune

    assert competent_unit_for(procedure) is None
    html = client.get(reverse("onestop:procedure-detail", args=["1.013225"])).content.decode()
    assert "&amp;unit=" not in html


def test_no_unit_when_the_named_department_does_not_exist_or_is_not_named(sample, world):
    assert competent_unit_for(Procedure.objects.get(code="1.013835")) is None
    _department(world, "Sở Tư pháp")
    # "Công an cấp tỉnh (trước đây: Sở Tư pháp)": no kind of unit is given, nothing is guessed
    assert competent_unit_for(Procedure.objects.get(code="3.000333")) is None


def test_the_question_form_starts_with_the_unit_of_the_link(client, sample, world, citizen):
    justice = _department(world, "Sở Tư pháp")
    client.force_login(citizen)

    response = client.get(
        reverse("feedback:question-ask"), {"procedure_code": "1.013835", "unit": justice.pk}
    )

    assert response.status_code == 200
    assert response.context["form"].initial["unit"] == justice
