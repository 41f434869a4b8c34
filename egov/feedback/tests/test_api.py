"""The feedback API beyond Open311: feedback on regulations sent as JSON (field errors as a
422 naming the field, a retry makes one item), and the reports each caller may read in full
(an officer's units within reach, a citizen's own), with how a regulation was handled."""

from __future__ import annotations

import json

import pytest

from conftest import make_officer
from egov.accounts.services import public_account_register
from egov.feedback import services
from egov.feedback.choices import RegulationCriterion
from egov.feedback.models import Category, Report

URL = "/api/v1/feedback/regulation-feedback"


@pytest.fixture
def other_citizen(db: None):
    return public_account_register(
        full_name="Trần Thị Bình", password=None, phone="0987654321", citizen_id="001185012345"
    )


@pytest.fixture
def regulations(db: None) -> Category:
    return Category.objects.create(code="regulation", name="Quy định hành chính", kind="regulation")


def _body(world, **changes):
    return {
        "category": "regulation",
        "issuer_id": world.dept.pk,
        "regulation": "Quyết định 12/2026/QĐ-UBND về phí trông giữ xe",
        "regulation_content": "unsuited",
        "title": "Mức phí không phù hợp",
        "description": "Phí trông giữ xe đạp cao hơn xe máy.",
        "request_key": "api-r1",
        **changes,
    }


def _post(client, body):
    return client.post(URL, json.dumps(body), content_type="application/json")


def test_a_citizen_sends_feedback_on_a_regulation_once(client, world, citizen, regulations):
    client.force_login(citizen)
    created = _post(client, _body(world))
    again = _post(client, _body(world))

    report = Report.objects.get()
    assert (created.status_code, again.status_code) == (201, 201)
    assert created.json()["id"] == again.json()["id"] == report.pk
    assert created.json()["review"]["receiving_unit_name"] == world.dept.name
    assert created.json()["review"]["classification"] == ""
    assert (report.unit, report.regulation_content) == (world.dept, "unsuited")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"category": "lighting"}, "category"),
        ({"issuer_id": 999999}, "issuer_id"),
        ({"regulation": " "}, "regulation"),
        ({"regulation_content": "wrong"}, "regulation_content"),
        ({"title": ""}, "title"),
    ],
)
def test_bad_feedback_is_a_422_naming_the_field(
    client, world, citizen, regulations, lighting, changes, field
):
    client.force_login(citizen)
    response = _post(client, _body(world, **changes))

    assert response.status_code == 422
    assert field in {error["field"] for error in response.json()["errors"]}
    assert not Report.objects.exists()


def test_officers_cannot_send_feedback_as_citizens(client, world, regulations):
    client.force_login(make_officer("cv@example.vn", world.dept, "specialist"))

    assert _post(client, _body(world)).status_code == 403
    assert not Report.objects.exists()


def test_each_caller_reads_the_reports_within_reach(
    client, world, citizen, other_citizen, regulations, lighting
):
    head = make_officer("giamdoc.stttt@example.vn", world.dept, "unit_head")
    ward = make_officer("cv.phucxa@example.vn", world.commune_a, "specialist")
    mine = services.report_submit(
        actor=citizen, category=regulations, area=world.dept, title="T", description="D",
        regulation="Quyết định 1/2026", regulation_content="other",
    )  # fmt: skip
    services.report_submit(
        actor=other_citizen, category=lighting, area=world.commune_a, title="Đèn hỏng",
        description="Đèn không sáng", address="Ngõ 1",
    )  # fmt: skip
    services.regulation_classify(actor=head, report=mine, classification="within")
    services.regulation_decide(
        actor=head,
        report=mine,
        basis="enough",
        findings=dict.fromkeys(RegulationCriterion.values, "meets"),
        outcome="keep",
        answer="Giữ nguyên quy định.",
    )

    client.force_login(head)
    dept = client.get("/api/v1/feedback/reports").json()["items"]
    client.force_login(ward)
    commune = client.get("/api/v1/feedback/reports", {"status": "received"}).json()["items"]
    wrong = client.get("/api/v1/feedback/reports", {"status": "nope"})
    client.force_login(citizen)
    own = client.get("/api/v1/feedback/reports").json()["items"]

    assert [r["code"] for r in dept] == [mine.code]
    assert dept[0]["review"]["outcome"] == "keep" and dept[0]["review"]["basis"] == "enough"
    assert [r["title"] for r in commune] == ["Đèn hỏng"]
    assert wrong.status_code == 422
    assert {error["field"] for error in wrong.json()["errors"]} == {"status"}
    assert [r["code"] for r in own] == [mine.code]
