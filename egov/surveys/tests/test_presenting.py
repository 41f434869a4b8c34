"""The charts and the workbooks of the figures: the public page and the index page draw the
index per factor and the ratings per question from the same report as their tables, and the
public page's xlsx carries the published figures."""

from __future__ import annotations

import io

from django.urls import reverse
from openpyxl import load_workbook

from egov.surveys import services
from egov.surveys.tests.conftest import full_answers

LIKERT_QUESTIONS = 8  # the SIPAS template's Likert questions, plus its matrix "servant"


def _answered(survey, unit_head):
    for level in (5, 4, 2):
        services.response_submit(survey=survey, answers=full_answers(level))
    services.survey_results_publish(actor=unit_head, survey=survey)


def test_public_page_draws_the_factor_and_rating_charts(client, world, unit_head, survey):
    _answered(survey, unit_head)

    page = client.get(reverse("surveys:public-unit", args=[world.district_a.pk]))

    content = page.content.decode()
    assert page.status_code == 200
    # the overall index and five factors, each 2 of 3 satisfied: 66.67 / 100 and 66.7 % of 400 px
    assert content.count('class="bar-index"') == 6
    assert content.count('width="267" height="18" fill="#1f5fa8"') == 6
    # one bar per rated question, one segment per level given (levels 2, 4 and 5)
    assert content.count('class="bar-level-5"') == LIKERT_QUESTIONS + 1
    assert content.count('class="bar-level-1"') == 0
    # the matrix (3 rows x 3 answers = 9 ratings) is the longest bar: 3 of 9 per level = 133 px
    assert content.count('width="133" height="18" fill="#1e7b34"') == 1
    assert content.count('width="44" height="18" fill="#1e7b34"') == LIKERT_QUESTIONS
    assert f'aria-labelledby="factors-{survey.pk} factors-{survey.pk}-desc"' in content
    assert "Rất hài lòng" in content


def test_index_page_draws_the_same_charts(client, world, unit_head, survey):
    _answered(survey, unit_head)
    client.force_login(unit_head)

    page = client.get(reverse("surveys:survey-index", args=[survey.pk]))

    content = page.content.decode()
    assert content.count('class="bar-index"') == 6
    assert content.count('class="bar-level-4"') == LIKERT_QUESTIONS + 1


def test_no_answer_no_chart(client, world, unit_head, survey):
    services.survey_results_publish(actor=unit_head, survey=survey)

    page = client.get(reverse("surveys:public-unit", args=[world.district_a.pk]))

    assert page.status_code == 200
    assert "<svg" not in page.content.decode().split("<main", 1)[-1]


def test_public_xlsx_has_the_summary_and_one_sheet_per_survey(client, world, unit_head, survey):
    _answered(survey, unit_head)

    response = client.get(
        reverse("surveys:public-unit", args=[world.district_a.pk])
        + "?first=2000-01-01&last=2100-12-31&format=xlsx"
    )

    book = load_workbook(io.BytesIO(response.content))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert book.sheetnames[0] == "Tổng hợp"
    assert book.sheetnames[1] == f"1. {survey.title_vi}"[:31]
    summary = list(book["Tổng hợp"].iter_rows(values_only=True))
    assert summary[0][0] == world.district_a.name
    assert summary[4][:2] == ("Phiếu trả lời khảo sát", 3)
    rows = {row[0]: row for row in book.worksheets[1].iter_rows(values_only=True) if row}
    assert rows["Số phiếu trả lời"][1] == 3
    assert rows["Chỉ số hài lòng chung"][1] == 66.67
    assert rows["Tiếp cận dịch vụ"][1:3] == (66.7, 6)


def test_public_xlsx_of_a_unit_without_published_results_is_a_404(client, world, survey):
    response = client.get(
        reverse("surveys:public-unit", args=[world.district_a.pk]) + "?format=xlsx"
    )

    assert response.status_code == 404
