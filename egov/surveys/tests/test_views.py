"""Pages: the builder, answering by link (progress kept, errors 422, one answer per browser),
an invitation link used once, the index page and the public page; and the API."""

from __future__ import annotations

import pytest
from django.urls import reverse

from egov.audit.models import AuditEvent
from egov.surveys import services
from egov.surveys.models import Invitation, Response, Survey
from egov.surveys.tests.conftest import full_answers


def _form_data(answers):
    data = {}
    for code, value in answers.items():
        if isinstance(value, dict):
            data.update({f"q_{code}__{row}": str(level) for row, level in value.items()})
        else:
            data[f"q_{code}"] = str(value)
    return data


def test_officer_starts_from_the_template_and_publishes(client, world, unit_head):
    client.force_login(unit_head)
    page = client.post(
        reverse("surveys:survey-create"), {"unit": world.district_a.pk, "start": "sipas"}
    )
    survey = Survey.objects.get()
    added = client.post(
        reverse("surveys:survey-action", args=[survey.pk, "question-add"]),
        {
            "section": survey.sections.get(code="result").pk,
            "code": "kind",
            "kind": "single",
            "text_vi": "Hình thức nhận kết quả",
            "options_text": "desk|Tại quầy|At the desk\npost|Bưu điện|By post",
        },
    )
    bad = client.post(
        reverse("surveys:survey-action", args=[survey.pk, "question-add"]),
        {
            "section": survey.sections.first().pk,
            "code": "kind",
            "kind": "likert",
            "text_vi": "Trùng",
        },
    )
    published = client.post(reverse("surveys:survey-action", args=[survey.pk, "publish"]))
    poster = client.get(reverse("surveys:survey-poster", args=[survey.pk]))

    assert page.status_code == 302
    assert added.status_code == 302
    assert bad.status_code == 400
    assert "Một câu hỏi khác của phiếu này đã dùng mã này." in bad.content.decode()
    assert published.status_code == 302
    assert Survey.objects.get().status == "published"
    assert b"<svg" in poster.content


def test_other_district_officer_sees_no_survey(client, survey, other_district_officer):
    client.force_login(other_district_officer)

    assert client.get(reverse("surveys:survey-detail", args=[survey.pk])).status_code == 404
    assert (
        client.post(reverse("surveys:survey-action", args=[survey.pk, "close"])).status_code == 404
    )


def test_answering_by_the_public_link(client, survey):
    url = reverse("surveys:survey-answer", args=[survey.pk])
    saved = client.post(url, {**_form_data({"access_place": 5}), "save": "1"})
    resumed = client.get(url)
    invalid = client.post(url, _form_data(full_answers(trips=50)))
    done = client.post(url, _form_data(full_answers(4)))
    again = client.get(url)

    assert saved.status_code == 302
    assert (
        'value="5" required' in resumed.content.decode()
        or 'value="5" checked' in resumed.content.decode()
        or "checked" in resumed.content.decode()
    )
    assert invalid.status_code == 422
    assert "Hãy nhập một số từ 0 đến 20." in invalid.content.decode()
    assert done.status_code == 200
    assert again.status_code == 409
    assert Response.objects.count() == 1
    recorded = AuditEvent.objects.get(action="surveys.response_recorded")
    assert (recorded.actor_id, recorded.ip) == (None, None)


def test_a_draft_is_not_public_and_a_closed_survey_says_so(client, world, unit_head, survey):
    draft = services.survey_create_from_template(actor=unit_head, unit=world.district_a)
    services.survey_close(actor=unit_head, survey=survey)

    assert client.get(reverse("surveys:survey-answer", args=[draft.pk])).status_code == 404
    assert client.get(reverse("surveys:survey-answer", args=[survey.pk])).status_code == 409


def test_an_invitation_link_answers_once(client, world, unit_head, survey):
    services.survey_update(actor=unit_head, survey=survey, is_for_invitations=True)
    invitation = services.survey_invite_for_service(
        unit=world.desk_a,
        procedure_code="1.001234",
        channel="online",
        reference="HS-9",
        contact="0912345678",
    )
    url = reverse("surveys:invitation-answer", args=[services.invitation_token(invitation)])

    first = client.post(url, _form_data(full_answers(2)))
    reused = client.get(url)

    assert first.status_code == 200
    assert reused.status_code == 410
    assert "đã được dùng" in reused.content.decode()
    assert Invitation.objects.get().is_answered is True
    assert Response.objects.get().channel == "online"


def test_index_page_and_public_page(client, world, unit_head, survey):
    for level in (5, 4, 2):
        services.response_submit(survey=survey, answers=full_answers(level))
    client.force_login(unit_head)
    index = client.get(reverse("surveys:survey-index", args=[survey.pk]))
    xlsx = client.get(reverse("surveys:survey-index", args=[survey.pk]) + "?format=xlsx")
    client.logout()
    hidden = client.get(reverse("surveys:public-unit", args=[world.district_a.pk]))
    services.survey_results_publish(actor=unit_head, survey=survey)
    public = client.get(reverse("surveys:public-unit", args=[world.district_a.pk]))
    home = client.get(reverse("surveys:public-home"))

    assert index.status_code == 200
    assert "66,67 / 100" in index.content.decode()
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert hidden.status_code == 404
    assert public.status_code == 200
    assert "Quá ít phiếu: 3" in public.content.decode()
    assert world.district_a.name in home.content.decode()


def test_api_structure_answer_and_errors(client, world, unit_head, survey):
    structure = client.get(f"/api/v1/surveys/{survey.pk}")
    bad = client.post(
        f"/api/v1/surveys/{survey.pk}/responses",
        {"answers": full_answers(servant={"attitude": 9})},
        content_type="application/json",
    )
    good = client.post(
        f"/api/v1/surveys/{survey.pk}/responses",
        {"answers": full_answers(5), "channel": "direct"},
        content_type="application/json",
    )
    services.survey_results_publish(actor=unit_head, survey=survey)
    indices = client.get(f"/api/v1/surveys/units/{world.district_a.pk}/indices")

    assert structure.status_code == 200
    assert next(s["code"] for s in structure.json()["sections"]) == "access"
    assert bad.status_code == 422
    assert bad.json()["errors"] == [{"field": "servant", "message": "Hãy chấm từ 1 đến 5."}]
    assert good.status_code == 201
    assert good.json() == {"recorded": True, "overall_score": "100.00"}
    assert indices.json()[0]["responses"] == 1
    assert Response.objects.get().source == "kiosk"


def test_a_flood_from_one_address_is_refused(client, settings, survey):
    settings.EGOV_SURVEY_ANSWERS_PER_HOUR = 2
    codes = [
        client.post(
            f"/api/v1/surveys/{survey.pk}/responses",
            {"answers": full_answers(4)},
            content_type="application/json",
        ).status_code
        for _ in range(3)
    ]

    assert codes == [201, 201, 429]
    assert Response.objects.count() == 2


@pytest.mark.parametrize("route", ["surveys:survey-list", "surveys:survey-create"])
def test_officer_pages_need_a_login(client, route):
    assert client.get(reverse(route)).status_code == 302


def test_survey_list_query_count_is_pinned(client, world, unit_head, django_assert_max_num_queries):
    for _ in range(3):
        services.survey_create_from_template(actor=unit_head, unit=world.district_a)
    client.force_login(unit_head)

    with django_assert_max_num_queries(12):
        page = client.get(reverse("surveys:survey-list"))

    assert page.status_code == 200
