"""The public lists answer in a fixed number of queries whatever the number of rows."""

from __future__ import annotations

from django.db import connection
from django.urls import reverse
from django.utils import timezone

from egov.feedback.tests.matrix import question_for, report_for


def _fill(world, count: int) -> None:
    for index in range(count):
        question_for(
            world.commune_a,
            status="published",
            answer="Trả lời",
            public_title=f"Câu hỏi {index}",
            public_body="Nội dung",
            published_at=timezone.now(),
            search_text="cau hoi noi dung tra loi",
        )
        report_for(world.commune_a, status="closed", answer="Đã xử lý", answered_at=timezone.now())


def test_public_lists_pin_their_queries(client, world, django_assert_num_queries):
    _fill(world, 3)
    with django_assert_num_queries(QUERIES["answers"]) as few:
        client.get(reverse("feedback:answer-list"), {"q": "cau hoi"})
    with django_assert_num_queries(QUERIES["reports"]):
        client.get(reverse("feedback:report-list"))
    _fill(world, 12)

    with django_assert_num_queries(len(few.captured_queries)):
        client.get(reverse("feedback:answer-list"), {"q": "cau hoi"})
    with django_assert_num_queries(QUERIES["reports"]):
        client.get(reverse("feedback:report-list"))


# answers: the page, and on PostgreSQL the search's sample of the newest rows before it (the
# words are common here, so no look-up of ids); reports: page, map pins, filter options. The
# pages are not counted (CappedPaginator reads one row more).
QUERIES = {"answers": 1 + (connection.vendor == "postgresql"), "reports": 4}
