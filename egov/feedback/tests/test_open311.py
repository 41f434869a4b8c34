"""Open311 GeoReport v2 over the report categories and reports: services, a service's
definition, requests with filters, one request, and a POST with a registered client's api_key;
then schemathesis over the Open311 operations (answers true to the OpenAPI schema)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from egov.accounts.services import api_token_create
from egov.audit.models import AuditEvent
from egov.common.tests.test_api_contract import CHECKS, _schema, wsgi_in_test_transaction  # noqa: F401
from egov.feedback import services
from egov.feedback.models import Report

BASE = "/api/v1/feedback/open311"


def post(client, **data):
    return client.post(f"{BASE}/requests.json", data)


@pytest.fixture
def citizen_key(citizen):
    return api_token_create(actor=None, user=citizen, name="Ứng dụng di động").secret


@pytest.fixture
def filed(world, client, citizen_key, lighting):
    response = post(
        client,
        api_key=citizen_key,
        service_code="lighting",
        lat="21.043",
        long="105.846",
        address_string="10 Phó Đức Chính",
        description="Đèn đường không sáng\nĐã một tuần.",
        **{"attribute[ward]": world.commune_a.pk},
    )
    assert response.status_code == 201, response.content
    return Report.objects.get(code=response.json()[0]["service_request_id"])


def test_services_and_their_definition(client, world, lighting, telecoms):
    services_ = client.get(f"{BASE}/services.json").json()
    definition = client.get(f"{BASE}/services/lighting.json").json()
    unknown = client.get(f"{BASE}/services/nope.json")

    assert [s["service_code"] for s in services_] == ["lighting", "telecoms"]
    assert services_[0] == {
        "service_code": "lighting",
        "service_name": "Chiếu sáng công cộng",
        "description": "Chiếu sáng công cộng",
        "metadata": True,
        "type": "realtime",
        "keywords": "",
        "group": "",
    }
    ward = definition["attributes"][0]
    assert (ward["code"], ward["required"], ward["datatype"]) == ("ward", True, "singlevaluelist")
    assert {"key": str(world.commune_a.pk), "name": "Phường Phúc Xá"} in ward["values"]
    assert unknown.status_code == 404


def test_a_citizen_app_files_a_report_as_the_citizen(filed, citizen, world):
    assert (filed.reporter, filed.channel, filed.unit) == (citizen, "online", world.commune_a)
    assert (filed.title, filed.latitude) == ("Đèn đường không sáng", Decimal("21.043000"))


def test_another_client_files_for_the_person_named(client, world, ward, lighting):
    key = api_token_create(actor=None, user=ward.clerk, name="Tổng đài 1022").secret

    response = post(
        client,
        api_key=key,
        service_code="lighting",
        description="Cột đèn đổ",
        first_name="Bình",
        last_name="Trần",
        phone="0987654321",
        **{"attribute[ward]": world.commune_a.pk},
    )

    report = Report.objects.get()
    assert response.status_code == 201
    assert (report.reporter, report.entered_by, report.channel) == (None, ward.clerk, "app")
    assert (report.contact_name, report.address) == ("Bình Trần", "Phường Phúc Xá")
    assert AuditEvent.objects.get(action="feedback.report_submitted").actor_id == ward.clerk.pk


def test_bad_posts_are_refused_and_nothing_is_kept(client, world, citizen_key, lighting):
    ward_id = {"attribute[ward]": world.commune_a.pk}
    no_key = post(client, api_key="egov_x_y", service_code="lighting", description="x", **ward_id)
    no_text = post(client, api_key=citizen_key, service_code="lighting", **ward_id)
    bad_ward = post(
        client,
        api_key=citizen_key,
        service_code="lighting",
        description="x",
        **{"attribute[ward]": 0},
    )
    outside = post(
        client,
        api_key=citizen_key,
        service_code="lighting",
        description="x",
        lat="10.8",
        long="106.6",
        **ward_id,
    )

    assert (no_key.status_code, no_key.json()["code"]) == (401, "api_key_refused")
    assert (no_text.status_code, list(no_text.json()["errors"][0])) == (422, ["field", "message"])
    assert no_text.json()["errors"][0]["field"] == "description"
    assert bad_ward.json()["errors"] == [
        {"field": "attribute[ward]", "message": "Không có phường, xã này."}
    ]
    assert outside.json()["code"] == "outside_province"
    assert Report.objects.count() == 0


def test_requests_hide_open_text_and_show_answers(client, filed, ward, telecoms, citizen):
    other = services.report_submit(
        actor=citizen,
        category=telecoms,
        area=filed.area,
        title="Cáp treo",
        description="Cáp viễn thông treo thấp",
        address="Ngõ 5",
    )
    services.report_receive(actor=ward.clerk, report=filed)
    services.report_answer(actor=ward.specialist, report=filed, answer="Đã thay bóng.")

    listed = client.get(f"{BASE}/requests.json").json()
    closed = client.get(f"{BASE}/requests.json", {"status": "closed"}).json()
    by_code = client.get(f"{BASE}/requests.json", {"service_code": "telecoms"}).json()
    one = client.get(f"{BASE}/requests/{filed.code}.json").json()
    bad = client.get(f"{BASE}/requests.json", {"status": "pending"})
    missing = client.get(f"{BASE}/requests/PA-1999-000001.json")

    assert [r["service_request_id"] for r in listed] == [other.code, filed.code]
    assert (listed[0]["status"], listed[0]["description"]) == ("open", None)
    assert [r["service_request_id"] for r in closed] == [filed.code]
    assert [r["service_request_id"] for r in by_code] == [other.code]
    assert one[0]["status"] == "closed"
    assert one[0]["status_notes"] == "Đã thay bóng."
    assert one[0]["description"] == "Đèn đường không sáng\nĐã một tuần."
    assert (one[0]["lat"], one[0]["long"]) == (21.043, 105.846)
    assert (bad.status_code, missing.status_code) == (422, 404)


def test_open311_answers_are_true_to_the_schema(
    filed,
    settings,
    wsgi_in_test_transaction,  # noqa: F811 (a fixture; after ``filed``, whose test client
    # requests would connect the connection closing back)
):
    settings.ALLOWED_HOSTS = ["*"]
    failures = []
    for result in _schema().get_all_operations():
        operation = result.ok()
        if "/open311/" not in operation.path:
            continue
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(generation_mode=mode))
            @examples(
                max_examples=8,
                deadline=None,
                database=None,
                derandomize=True,
                suppress_health_check=list(HealthCheck),
            )
            def check(case):
                case.call_and_validate(checks=CHECKS)

            try:
                check()
            except Unsatisfiable:
                continue
            except (Exception, BaseExceptionGroup) as exc:
                failures.append(f"{operation.label} ({mode.value}): {exc}")

    assert failures == [], "\n\n".join(failures)
