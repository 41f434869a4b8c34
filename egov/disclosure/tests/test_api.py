"""The disclosure read API (/api/v1/disclosure/): anonymous, as the public pages: published
items searched without accents (none before its display, ended ones marked), consultations
with their sections and questions (open=true: those taking comments), the synthesis once
issued; bad input is a 422 in the API's error shape, an unknown object a 404."""

from __future__ import annotations

import datetime

from django.test import Client

from egov.disclosure import services
from egov.disclosure.tests.conftest import at
from egov.disclosure.tests.test_services import open_consultation, publish

D = datetime.date
API = "/api/v1/disclosure"


def test_items_are_listed_searched_and_read_without_login(clock, world, people):
    shown = publish(people.commune_officer, world.commune_a)
    future = publish(
        people.commune_officer,
        world.commune_a,
        title="Dự toán tương lai",
        display_from=D(2026, 3, 10),
    )
    client = Client()

    found = client.get(f"{API}/items", {"q": "du toan ngan sach"}).json()
    one = client.get(f"{API}/items/{shown.pk}").json()
    not_yet = client.get(f"{API}/items/{future.pk}")
    clock.set(at(2026, 5, 4))
    ended = client.get(f"{API}/items/{shown.pk}").json()

    assert [i["id"] for i in found["items"]] == [shown.pk] and found["count"] == 1
    assert one["duty_code"] == "budget-estimate" and one["ended"] is False
    assert one["files"][0]["url"].startswith(f"/disclosure/items/{shown.pk}/files/")
    assert ended["ended"] is True
    assert not_yet.status_code == 404
    assert client.get(f"{API}/items", {"duty": "no-such-duty"}).json()["items"] == []


def test_consultations_with_questions_and_the_open_filter(clock, world, people, draft, dept_head):
    consultation = open_consultation(
        world, people, draft, questions="Đồng ý không? | Có | Không\nÝ kiến khác?"
    )
    services.comment_send(actor=people.citizen, consultation=consultation, body="Đồng ý.")
    client = Client()

    taking = client.get(f"{API}/consultations", {"open": "true"}).json()
    detail = client.get(f"{API}/consultations/{consultation.pk}").json()
    clock.set(at(2026, 3, 16, 16))
    closed = services.consultation_close(
        actor=people.consulting_officer, consultation=consultation, synthesis="Tổng hợp."
    )
    drafted = client.get(f"{API}/consultations/{consultation.pk}").json()
    services.synthesis_issue(actor=dept_head, consultation=closed)
    clock.set(at(2026, 3, 17))
    issued = client.get(f"{API}/consultations/{consultation.pk}").json()
    still_open = client.get(f"{API}/consultations", {"open": "true"}).json()

    assert [c["id"] for c in taking["items"]] == [consultation.pk]
    assert detail["is_open"] is True and detail["comment_count"] == 1
    assert [q["options"] for q in detail["questions"]] == [["Có", "Không"], []]
    assert [s["heading"] for s in detail["sections"]] == ["Phần I. Mục tiêu", "Phần II. Nhiệm vụ"]
    assert drafted["synthesis"] is None  # a drafted synthesis is not public
    assert issued["synthesis"]["number_notation"] == "01/BC-STTTT"
    assert (
        issued["synthesis"]["pdf_url"] == f"/disclosure/consultations/{consultation.pk}/synthesis/"
    )
    assert still_open["items"] == []


def test_bad_input_is_a_422_and_an_unknown_consultation_a_404(clock, world, people):
    client = Client()

    bad_page = client.get(f"{API}/items", {"page": "0"})
    bad_flag = client.get(f"{API}/consultations", {"open": "perhaps"})

    assert bad_page.status_code == 422 and bad_page.json()["code"]
    assert bad_flag.status_code == 422
    assert client.get(f"{API}/consultations/999999").status_code == 404


def test_the_openapi_schema_documents_the_disclosure_operations_as_anonymous():
    from config.api import api

    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    paths = {p: m for p, m in schema["paths"].items() if p.startswith("/api/v1/disclosure/")}

    assert set(paths) == {
        "/api/v1/disclosure/items",
        "/api/v1/disclosure/items/{item_id}",
        "/api/v1/disclosure/consultations",
        "/api/v1/disclosure/consultations/{consultation_id}",
    }
    for methods in paths.values():
        operation = methods["get"]
        assert "security" not in operation
        assert "422" in operation["responses"] or 422 in operation["responses"]
    detail = paths["/api/v1/disclosure/consultations/{consultation_id}"]["get"]
    assert 404 in detail["responses"] or "404" in detail["responses"]
    out = schema["components"]["schemas"]["ConsultationOut"]["properties"]
    assert {"questions", "sections", "synthesis", "is_open"} <= set(out)
