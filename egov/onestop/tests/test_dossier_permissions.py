"""Who sees and acts on a dossier, races between officers, bad input on the officer pages,
and the query count of the dossier page."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from egov.audit.models import AuditEvent
from egov.common.exceptions import ConcurrentChange, PermissionDenied
from egov.onestop.models import Dossier, DossierFile, DossierNotice
from egov.onestop.services.processing import (
    dossier_forward,
    dossier_handover,
    dossier_send_back,
)
from egov.onestop.tests.factories_desk import (
    agency_codes,
    dept_specialist,
    district_procedure,
    internal_procedure,
    received,
)
from egov.workflow.models import StepInstance
from egov.workflow.tests import factories as workflow_factories
from egov.workflow.tests.factories import at

clock = workflow_factories.clock  # the settable clock fixture (Vietnam time)


@pytest.fixture
def procedure(world):
    agency_codes(world)
    procedure = district_procedure()
    internal_procedure(world, procedure)
    return procedure


@pytest.fixture
def dossier(world, clock, procedure, front_desk_officer):
    """Received 22/01/2025 10:00 and forwarded to the division's appraisal (version 3)."""
    clock.set(at(2025, 1, 22, 10))
    dossier = received(world, front_desk_officer, procedure)
    clock.set(at(2025, 1, 22, 11))
    return dossier_forward(actor=front_desk_officer, dossier=dossier, expected_version=2)


def _detail(dossier):
    return reverse("onestop:officer-dossier-detail", args=[dossier.pk])


def _action(dossier, name):
    return reverse("onestop:officer-dossier-action", args=[dossier.pk, name])


def test_other_district_officer_gets_404_and_cannot_act(client, dossier, other_district_officer):
    client.force_login(other_district_officer)
    events = AuditEvent.objects.count()

    assert client.get(_detail(dossier)).status_code == 404
    response = client.post(_action(dossier, "forward"), {"expected_version": 3})
    assert response.status_code == 404
    with pytest.raises(PermissionDenied):
        dossier_forward(actor=other_district_officer, dossier=dossier, expected_version=3)

    assert StepInstance.objects.filter(instance_id=dossier.process_id).count() == 2
    assert AuditEvent.objects.count() == events
    assert Dossier.objects.get(pk=dossier.pk).version == 3


def test_city_department_sees_the_dossier_only_once_handed_to_it(
    world, client, clock, dossier, specialist
):
    officer_dept = dept_specialist(world)
    client.force_login(officer_dept)
    assert client.get(_detail(dossier)).status_code == 404
    assert client.get(reverse("onestop:officer-dossier-list")).context["page"].paginator.count == 0

    dossier_handover(
        actor=specialist,
        dossier=dossier,
        expected_version=3,
        to_unit=world.dept,
        reason="Xin ý kiến Sở.",
    )

    response = client.get(_detail(dossier))
    assert response.status_code == 200
    assert [name for name, _title, _form in response.context["action_forms"]] == [
        "forward",
        "send_back",
        "handover",
        "request_supplement",
        "refuse",
        "apologize",
    ]
    dossier_handover(
        actor=officer_dept,
        dossier=Dossier.objects.get(pk=dossier.pk),
        expected_version=4,
        to_unit=world.division_a,
        reason="Đã cho ý kiến.",
    )
    response = client.get(_detail(dossier))
    assert (response.status_code, response.context["action_forms"]) == (200, [])


def test_citizen_and_anonymous_never_see_officer_pages(client, dossier, citizen):
    assert client.get(_detail(dossier)).status_code == 302
    client.force_login(citizen)
    assert client.get(_detail(dossier)).status_code == 403
    assert client.get(reverse("onestop:desk-home")).status_code == 403


def test_two_officers_same_version_one_wins(dossier, specialist, division_head):
    dossier_forward(actor=specialist, dossier=dossier, expected_version=3)
    steps, events = StepInstance.objects.count(), AuditEvent.objects.count()

    with pytest.raises(ConcurrentChange):
        dossier_send_back(
            actor=division_head, dossier=dossier, expected_version=3, reason="Chưa đủ căn cứ."
        )

    assert (StepInstance.objects.count(), AuditEvent.objects.count()) == (steps, events)
    assert Dossier.objects.get(pk=dossier.pk).version == 4


def test_the_officer_who_lost_the_race_is_told_plainly(client, dossier, specialist, division_head):
    dossier_forward(actor=specialist, dossier=dossier, expected_version=3)
    client.force_login(division_head)

    response = client.post(
        _action(dossier, "send_back"), {"expected_version": 3, "reason": "Chưa đủ căn cứ."}
    )

    assert response.status_code == 409
    with translation.override("vi"):
        expected = gettext(
            "Someone else has just acted on this dossier. Reload the page to see what changed."
        )
    assert response.context["error"] == expected
    assert expected in response.content.decode()
    assert Dossier.objects.get(pk=dossier.pk).version == 4


GARBAGE = [
    ("forward", {}),
    ("forward", {"expected_version": "abc"}),
    ("send_back", {"expected_version": 3}),
    ("send_back", {"expected_version": 3, "reason": "   "}),
    ("handover", {"expected_version": 3, "to_unit": "không-phải-số", "reason": "x"}),
    ("handover", {"expected_version": 3, "to_unit": 999999, "reason": "x"}),
    ("apologize", {"expected_version": 3, "new_due_at": "ngày mai", "reason": "x"}),
    ("apologize", {"expected_version": 3, "new_due_at": "2020-01-01T08:00", "reason": "x"}),
    ("record_result", {"expected_version": 3}),
    ("request_supplement", {"expected_version": "-1", "reason": "x" * 5000}),
    ("return_result", {"expected_version": 3}),
    ("receive", {"expected_version": 3}),
]


@pytest.mark.parametrize(("action", "data"), GARBAGE)
def test_garbage_posts_give_4xx_never_500(client, dossier, specialist, action, data):
    client.force_login(specialist)

    response = client.post(_action(dossier, action), data)

    assert 400 <= response.status_code < 500
    assert Dossier.objects.get(pk=dossier.pk).version == 3


def test_unknown_action_and_non_pdf_result(client, clock, dossier, specialist, division_head):
    client.force_login(specialist)
    assert client.post(_action(dossier, "delete-everything"), {}).status_code == 404
    fake = SimpleUploadedFile("ket-qua.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    response = client.post(_action(dossier, "record_result"), {"expected_version": 3, "file": fake})
    assert response.status_code == 422  # sniffed: not a PDF
    assert DossierNotice.objects.filter(dossier=dossier).count() == 1


def test_desk_receive_bad_input_never_500(client, world, procedure, clock, front_desk_officer):
    clock.set(at(2025, 1, 22, 10))
    client.force_login(front_desk_officer)
    url = reverse("onestop:desk-receive")
    for data in (
        {},
        {"procedure": "1.001731"},
        {"procedure": "'; DROP TABLE --"},
        {
            "procedure": "1.001731",
            "idempotency_key": "k",
            "applicant_kind": "person",
            "applicant_name": "An",
            "applicant_id_number": "001085012345",
            "copies_count": "x",
            "outcome": "receive",
            "documents": ["abc"],
        },
        {
            "procedure": "1.001731",
            "idempotency_key": "k",
            "applicant_kind": "robot",
            "applicant_name": "An",
            "applicant_id_number": "001085012345",
            "copies_count": 1,
            "outcome": "refuse",
            "competent_unit": 999999,
        },
    ):
        assert client.post(url, data).status_code == 400, data
    assert Dossier.objects.count() == 0


def test_dossier_page_query_count_is_pinned(
    client, world, clock, dossier, specialist, division_head, django_assert_num_queries
):
    """The same count with 3 steps or 5, one notice or more: nothing is read per row."""
    officer_dept = dept_specialist(world)
    clock.set(at(2025, 1, 23, 9))
    dossier = dossier_forward(actor=specialist, dossier=dossier, expected_version=3)
    client.force_login(officer_dept)
    client.get(_detail(dossier))  # warm the calendar cache

    with django_assert_num_queries(
        25
    ):  # + menu role, unit picker, stepper, scope reads, unread count
        assert client.get(_detail(dossier)).status_code == 200

    dossier = dossier_forward(actor=officer_dept, dossier=dossier, expected_version=4)
    dossier_send_back(actor=division_head, dossier=dossier, expected_version=5, reason="Lại.")
    with django_assert_num_queries(25):  # the same: nothing read per step or notice
        response = client.get(_detail(dossier))
    assert len(response.context["steps"]) == 5


def _count(client, **params):
    response = client.get(reverse("onestop:officer-dossier-list"), params)
    assert response.status_code == 200
    return response.context["page"].paginator.count


def test_officer_list_filters_within_scope(
    client, clock, dossier, unit_head, other_district_officer
):
    clock.set(at(2025, 2, 6, 9))
    client.force_login(unit_head)

    assert _count(client) == 1
    assert _count(client, status="processing") == 1
    assert _count(client, status="returned") == 0
    assert _count(client, q="000.00.20.H26-250122") == 1
    assert _count(client, q="nguyen van an") == 1
    assert _count(client, procedure="1.001731") == 1
    assert _count(client, procedure="1.000000") == 0
    assert _count(client, overdue="on") == 1
    assert _count(client, attention="late_without_apology") == 1
    assert _count(client, attention="needs_apology") == 0
    assert _count(client, status="nonsense", page="abc", attention="x") == 1
    client.force_login(other_district_officer)
    assert _count(client) == 0


def test_file_download_checks_the_dossier_scope(client, dossier, unit_head, other_district_officer):
    stored = DossierFile(
        dossier=dossier,
        kind="application",
        original_name="to-khai.pdf",
        content_type="application/pdf",
        size=9,
        sha256="0" * 64,
    )
    stored.file.save("to-khai.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    url = reverse("onestop:officer-dossier-file", args=[dossier.pk, stored.pk])

    client.force_login(other_district_officer)
    assert client.get(url).status_code == 404
    client.force_login(unit_head)
    response = client.get(url)
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    assert b"".join(response.streaming_content) == b"%PDF-1.4\n"
    assert "attachment" in response["Content-Disposition"]
    assert (
        client.get(
            reverse("onestop:officer-dossier-file", args=[dossier.pk, stored.pk + 1])
        ).status_code
        == 404
    )
