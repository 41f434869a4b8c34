"""The public lists answer in a fixed number of queries whatever the number of rows."""

from __future__ import annotations

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


QUERIES = {"answers": 2, "reports": 5}  # reports: count, page, map pins, filter options
