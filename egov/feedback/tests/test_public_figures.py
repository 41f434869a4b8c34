"""The "ask a question" link of a procedure page, and the public figures page of a unit (its
subtree summed from the figures registry, one row per unit below it)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from urllib.parse import quote

from django.urls import reverse

from egov.feedback.tests.matrix import question_for, report_for
from egov.onestop.tests.factories import ProcedureFactory
from egov.workdays.rules import VN_TZ

EN = {"accept-language": "en"}
MARCH = {"first": "2026-03-01", "last": "2026-03-31"}


def at(day: int, hour: int = 10) -> datetime.datetime:
    return datetime.datetime(2026, 3, day, hour, tzinfo=VN_TZ)


def test_procedure_page_links_to_the_question_form_with_the_procedure(client, citizen):
    procedure = ProcedureFactory(code="1.001234", name="Đăng ký khai sinh")

    page = client.get(reverse("onestop:procedure-detail", args=[procedure.code]), headers=EN)
    link = (
        f"{reverse('feedback:question-ask')}?procedure_code=1.001234"
        f"&amp;procedure_name={quote('Đăng ký khai sinh')}"
    )
    client.force_login(citizen)
    form = client.get(link.replace("&amp;", "&"), headers=EN).context["form"]

    assert link in page.content.decode()
    assert (form.initial["procedure_code"], form.initial["procedure_name"]) == (
        "1.001234",
        "Đăng ký khai sinh",
    )


def _items(world) -> None:
    """In March 2026: the ward answers one question on time (2 working days) and one late;
    the district answers a report on time; one report of the ward is left late."""
    question_for(world.commune_a, asked_at=at(2, 8), due_at=at(6, 17), answered_at=at(4, 8))
    question_for(world.commune_a, asked_at=at(2, 8), due_at=at(3, 17), answered_at=at(5, 8))
    report_for(
        world.district_a,
        submitted_at=at(9, 8),
        due_at=at(20, 17),
        first_due_at=at(20, 17),
        first_answered_at=at(10, 8),
    )
    report_for(world.commune_a, submitted_at=at(9, 8), due_at=at(11, 17), first_due_at=at(11, 17))
    question_for(world.commune_b, asked_at=at(2, 8), due_at=at(6, 17))


def test_figures_of_a_district_sum_its_subtree(client, world, django_assert_max_num_queries):
    _items(world)

    with django_assert_max_num_queries(16):
        response = client.get(
            reverse("feedback:figures"), {"unit": world.district_a.pk, **MARCH}, headers=EN
        )

    page = response.context["page"]
    questions, reports = page.total.questions, page.total.reports
    assert (questions.received, questions.answered, questions.answered_on_time) == (2, 2, 1)
    assert (questions.late, questions.share_on_time, questions.average_days) == (
        1,
        Decimal("50.0"),
        Decimal("2.5"),
    )
    assert (reports.received, reports.answered, reports.late) == (2, 1, 1)
    assert reports.average_days == Decimal("1.0")
    by_unit = {row.unit.name: (row.questions.received, row.reports.late) for row in page.children}
    assert by_unit == {
        "Phường Phúc Xá": (2, 1),
        "Phòng Văn hóa và Thông tin": (0, 0),
        "Bộ phận một cửa quận Ba Đình": (0, 0),
    }
    assert "50.0 %" in response.content.decode()


def test_city_figures_have_a_row_per_top_unit(client, world):
    _items(world)

    page = client.get(reverse("feedback:figures"), MARCH).context["page"]

    assert page.unit is None
    assert page.total.questions.received == 3
    assert [(row.unit, row.questions.late) for row in page.children] == [(world.city, 2)]


def test_a_bad_period_is_a_400(client, world):
    response = client.get(
        reverse("feedback:figures"), {"first": "2026-03-31", "last": "2026-03-01"}
    )

    assert response.status_code == 400
    assert "Chọn ngày kết thúc sau ngày bắt đầu" in response.content.decode()
