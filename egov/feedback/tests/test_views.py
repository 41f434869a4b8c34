"""Pages and API of feedback: the citizen asks and reports through the forms, the officer
acts through the page, the public pages show nothing personal, bad input is a 400/422."""

from __future__ import annotations

import io
import json

import pytest
from django.urls import reverse

from egov.feedback import services
from egov.feedback.models import Question, Report
from egov.feedback.tests.conftest import photo_bytes


@pytest.fixture
def published(world, citizen, ward):
    question = services.question_ask(
        actor=citizen,
        unit=world.commune_a,
        title="Đăng ký khai sinh",
        body="Nguyễn Văn An hỏi: đăng ký khai sinh cần gì?",
    )
    services.question_answer(actor=ward.specialist, question=question, answer="Cần tờ khai.")
    return services.question_publish(
        actor=ward.specialist,
        question=question,
        public_title="Đăng ký khai sinh",
        public_body="Đăng ký khai sinh cần gì?",
    )


def test_citizen_asks_through_the_form_once(client, world, citizen):
    client.force_login(citizen)
    data = {"unit": world.commune_a.pk, "title": "Hỏi", "body": "Nội dung", "request_key": "abc"}

    first = client.post(reverse("feedback:question-ask"), data)
    second = client.post(reverse("feedback:question-ask"), data)
    empty = client.post(reverse("feedback:question-ask"), {**data, "body": "", "request_key": "x"})

    assert first.status_code == second.status_code == 302
    assert empty.status_code == 400
    assert Question.objects.count() == 1


def test_public_search_is_accent_insensitive_and_hides_the_asker(client, published, citizen):
    found = client.get(reverse("feedback:answer-list"), {"q": "dang ky KHAI SINH"})
    page = client.get(reverse("feedback:answer-detail", args=[published.pk]))
    suggest = client.get(reverse("feedback:answer-suggest"), {"title": "khai sinh cho con"})

    assert "Đăng ký khai sinh" in found.content.decode()
    assert citizen.full_name not in page.content.decode()
    assert "Cần tờ khai." in page.content.decode()
    assert reverse("feedback:answer-detail", args=[published.pk]) in suggest.content.decode()


def test_citizen_reports_with_a_photo_and_officer_answers(client, world, citizen, ward, lighting):
    client.force_login(citizen)
    photo = io.BytesIO(photo_bytes())
    photo.name = "den.jpg"
    sent = client.post(
        reverse("feedback:report-create"),
        {
            "category": lighting.pk,
            "area": world.commune_a.pk,
            "title": "Đèn hỏng",
            "description": "Đèn không sáng",
            "address": "Ngõ 1",
            "photos": [photo],
            "request_key": "k",
        },
    )
    report = Report.objects.get()
    client.force_login(ward.clerk)
    received = client.post(reverse("feedback_officer:report-action", args=[report.pk, "receive"]))
    client.force_login(ward.specialist)
    answered = client.post(
        reverse("feedback_officer:report-action", args=[report.pk, "answer"]),
        {"answer": "Đã thay bóng đèn."},
    )
    public = client.get(reverse("feedback:report-detail", args=[report.pk]))

    assert (sent.status_code, received.status_code, answered.status_code) == (302, 302, 302)
    assert report.photos.count() == 1
    assert "Đã thay bóng đèn." in public.content.decode()
    assert citizen.full_name not in public.content.decode()


def test_a_pdf_as_photo_is_a_400_and_nothing_is_kept(client, world, citizen, lighting):
    client.force_login(citizen)
    fake = io.BytesIO(b"%PDF-1.4 not an image")
    fake.name = "anh.jpg"
    response = client.post(
        reverse("feedback:report-create"),
        {
            "category": lighting.pk,
            "area": world.commune_a.pk,
            "title": "Đèn hỏng",
            "description": "Đèn không sáng",
            "address": "Ngõ 1",
            "photos": [fake],
        },
    )

    assert response.status_code == 400
    assert Report.objects.count() == 0


def test_api_submit_mine_and_search(client, world, citizen, lighting, published):
    client.force_login(citizen)
    body = {
        "category": "lighting",
        "area_id": world.commune_a.pk,
        "title": "Đèn hỏng",
        "description": "Đèn không sáng",
        "address": "Ngõ 1",
        "latitude": "21.03",
        "longitude": "105.85",
        "request_key": "api-1",
    }
    url = "/api/v1/feedback/reports"
    created = client.post(url, json.dumps(body), content_type="application/json")
    again = client.post(url, json.dumps(body), content_type="application/json")
    outside = client.post(
        url,
        json.dumps({**body, "latitude": "10.8", "longitude": "106.6", "request_key": "x"}),
        content_type="application/json",
    )
    mine = client.get("/api/v1/feedback/reports/mine")
    client.logout()
    search = client.get("/api/v1/feedback/answers", {"q": "khai sinh"})

    assert (created.status_code, again.status_code, outside.status_code) == (201, 201, 422)
    assert created.json()["id"] == again.json()["id"]
    assert [r["code"] for r in mine.json()["items"]] == [created.json()["code"]]
    assert [a["title"] for a in search.json()["items"]] == ["Đăng ký khai sinh"]


def test_agency_page_shows_leaders_and_answers(client, world, ward, published):
    page = client.get(reverse("portal:unit-page", args=[world.commune_a.pk])).content.decode()

    assert ward.head.full_name in page
    assert "Đăng ký khai sinh" in page
