"""Processing a received dossier through every step of a liên thông internal procedure: the
desk forwards, the division appraises (with a supplement that restarts the clock under Decree
61/2018), the city department gives its opinion and sends it back to the district, the head
signs, the result is recorded and returned; also refusal, hand-over and bad results."""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.http import Http404
from django.urls import reverse

from egov.audit.models import AuditEvent
from egov.common.exceptions import ConcurrentChange, PermissionDenied
from egov.common.files import FileRefused
from egov.common.testing import files as samples
from egov.onestop.models import Dossier, DossierFile
from egov.onestop.selectors.dossiers_officer import dossier_get_for_officer
from egov.onestop.services.processing import (
    ProcessingRefused,
    dossier_forward,
    dossier_handover,
    dossier_request_supplement,
    dossier_send_back,
    dossier_supplement_received,
)
from egov.onestop.services.processing_result import (
    dossier_record_result,
    dossier_refuse,
    dossier_return_result,
)
from egov.onestop.tests.factories_desk import (
    agency_codes,
    dept_specialist,
    district_procedure,
    internal_procedure,
    migration_data_reload,
    received,
)
from egov.workflow.models import Pause, ProcessInstance, StepInstance
from egov.workflow.tests import factories as workflow_factories
from egov.workflow.tests.factories import at

clock = workflow_factories.clock  # the settable clock fixture (Vietnam time)

D = Decimal
PDF = samples.pdf()


@pytest.fixture
def dossier(world, clock, citizen, front_desk_officer):
    agency_codes(world)
    procedure = district_procedure()
    internal_procedure(world, procedure)
    clock.set(at(2025, 1, 22, 10))
    return received(world, front_desk_officer, procedure, applicant=citizen)


def _steps(dossier):
    return list(
        StepInstance.objects.filter(instance_id=dossier.process_id)
        .order_by("seq")
        .values_list("seq", "step_definition__code", "unit__name", "action")
    )


def _result(name="quyet-dinh.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_every_step_with_supplement_liaison_result_and_return(
    world,
    clock,
    dossier,
    citizen,
    front_desk_officer,
    specialist,
    division_head,
    unit_head,
    django_capture_on_commit_callbacks,
):
    officer_dept = dept_specialist(world)
    with pytest.raises(Http404):
        dossier_get_for_officer(officer_dept, dossier.pk)

    clock.set(at(2025, 1, 22, 11))
    dossier = dossier_forward(actor=front_desk_officer, dossier=dossier, expected_version=2)
    clock.set(at(2025, 1, 23, 9))
    with django_capture_on_commit_callbacks(execute=True):
        dossier = dossier_request_supplement(
            actor=specialist,
            dossier=dossier,
            expected_version=3,
            reason="Bổ sung bản sao Giấy chứng tử có chứng thực.",
        )
    assert (dossier.status, dossier.due_at) == ("supplement_requested", at(2025, 2, 5, 10))

    clock.set(at(2025, 1, 24, 10))
    dossier = dossier_supplement_received(actor=citizen, dossier=dossier, expected_version=4)
    # Decree 61/2018 art. 19: the 5 working days count again from the completed dossier.
    assert (dossier.status, dossier.due_at) == ("processing", at(2025, 2, 7, 10))
    assert list(Pause.objects.values_list("restarts_clock", "excluded_days")) == [(True, None)]

    clock.set(at(2025, 2, 3, 9))
    dossier = dossier_forward(actor=specialist, dossier=dossier, expected_version=5)
    assert dossier_get_for_officer(officer_dept, dossier.pk) == dossier
    clock.set(at(2025, 2, 4, 9))
    dossier = dossier_forward(
        actor=officer_dept, dossier=dossier, expected_version=6, note="Thống nhất."
    )
    clock.set(at(2025, 2, 4, 10))
    dossier = dossier_send_back(
        actor=division_head, dossier=dossier, expected_version=7, reason="Sở ghi rõ căn cứ."
    )
    clock.set(at(2025, 2, 4, 14))
    dossier = dossier_forward(actor=officer_dept, dossier=dossier, expected_version=8)
    clock.set(at(2025, 2, 5, 9))
    dossier = dossier_forward(actor=division_head, dossier=dossier, expected_version=9)
    with pytest.raises(ProcessingRefused):
        dossier_forward(actor=unit_head, dossier=dossier, expected_version=10)

    clock.set(at(2025, 2, 6, 15))
    with django_capture_on_commit_callbacks(execute=True):
        dossier = dossier_record_result(
            actor=unit_head,
            dossier=dossier,
            expected_version=10,
            file=_result(),
            note="Quyết định hỗ trợ số 12/QĐ-UBND",
        )
    clock.set(at(2025, 2, 7, 9))
    dossier = dossier_return_result(actor=front_desk_officer, dossier=dossier, expected_version=11)

    desk, division, dept, district = (
        world.desk_a.name,
        world.division_a.name,
        world.dept.name,
        world.district_a.name,
    )
    assert _steps(dossier) == [
        (1, "receive", desk, "forwarded"),
        (2, "appraise", division, "forwarded"),
        (3, "consult", dept, "forwarded"),
        (4, "review", division, "sent_back"),
        (5, "consult", dept, "forwarded"),
        (6, "review", division, "forwarded"),
        (7, "sign", district, "finished"),
    ]
    instance = ProcessInstance.objects.get(pk=dossier.process_id)
    assert (dossier.status, dossier.timeliness, dossier.finished_at, dossier.returned_at) == (
        "returned",
        "early",
        at(2025, 2, 6, 15),
        at(2025, 2, 7, 9),
    )
    assert (instance.status, instance.outcome, instance.timeliness) == (
        "finished",
        "completed",
        "early",
    )
    assert dossier.result_note == "Quyết định hỗ trợ số 12/QĐ-UBND"
    stored = DossierFile.objects.get(dossier=dossier)
    assert (stored.kind, stored.content_type, stored.size, stored.original_name) == (
        "result",
        "application/pdf",
        len(PDF),
        "quyet-dinh.pdf",
    )
    assert list(dossier.notices.values_list("kind", flat=True)) == ["receipt", "supplement"]
    assert [m.to for m in mail.outbox] == [["an.nguyen@example.vn"]] * 2
    assert list(
        AuditEvent.objects.for_object(dossier).order_by("id").values_list("action", flat=True)
    ) == [
        "onestop.dossier_registered",
        "onestop.dossier_received",
        "onestop.dossier_forwarded",
        "onestop.dossier_supplement_requested",
        "onestop.dossier_supplement_received",
        "onestop.dossier_forwarded",
        "onestop.dossier_forwarded",
        "onestop.dossier_sent_back",
        "onestop.dossier_forwarded",
        "onestop.dossier_forwarded",
        "onestop.dossier_result_recorded",
        "onestop.dossier_returned",
    ]
    # The department still sees the dossier it handled.
    assert dossier_get_for_officer(officer_dept, dossier.pk) == dossier


def test_hand_over_to_a_city_department_and_back(
    world, clock, dossier, front_desk_officer, specialist
):
    officer_dept = dept_specialist(world)
    clock.set(at(2025, 1, 22, 11))
    dossier = dossier_forward(actor=front_desk_officer, dossier=dossier, expected_version=2)

    dossier = dossier_handover(
        actor=specialist,
        dossier=dossier,
        expected_version=3,
        to_unit=world.dept,
        reason="Xin ý kiến Sở về đối tượng.",
    )
    assert dossier_get_for_officer(officer_dept, dossier.pk) == dossier
    dossier = dossier_handover(
        actor=officer_dept,
        dossier=dossier,
        expected_version=4,
        to_unit=world.division_a,
        reason="Đã cho ý kiến.",
    )

    assert _steps(dossier) == [
        (1, "receive", world.desk_a.name, "forwarded"),
        (2, "appraise", world.division_a.name, "handed_over"),
        (3, "appraise", world.dept.name, "handed_over"),
        (4, "appraise", world.division_a.name, ""),
    ]
    assert dossier.version == 5


def test_refusal_after_appraisal(
    world, clock, dossier, front_desk_officer, specialist, django_capture_on_commit_callbacks
):
    clock.set(at(2025, 1, 22, 11))
    dossier = dossier_forward(actor=front_desk_officer, dossier=dossier, expected_version=2)
    clock.set(at(2025, 1, 23, 10))

    with django_capture_on_commit_callbacks(execute=True):
        dossier = dossier_refuse(
            actor=specialist,
            dossier=dossier,
            expected_version=3,
            reason="Người mất không thuộc diện bảo trợ xã hội.",
        )

    assert (dossier.status, dossier.timeliness, dossier.result_note) == (
        "refused",
        "early",
        "Người mất không thuộc diện bảo trợ xã hội.",
    )
    assert list(dossier.notices.values_list("kind", flat=True)) == ["receipt", "decision_refusal"]
    assert [m.to for m in mail.outbox] == [["an.nguyen@example.vn"]]
    assert "Người mất không thuộc diện bảo trợ xã hội." in mail.outbox[0].body


def test_result_must_be_a_pdf_within_the_limit_at_the_last_step(
    world, clock, dossier, front_desk_officer, specialist, settings
):
    clock.set(at(2025, 1, 22, 11))
    dossier = dossier_forward(actor=front_desk_officer, dossier=dossier, expected_version=2)

    with pytest.raises(FileRefused):
        dossier_record_result(
            actor=specialist,
            dossier=dossier,
            expected_version=3,
            file=_result("ket-qua.pdf", b"\x89PNG\r\n\x1a\n not a pdf"),
        )
    settings.EGOV_UPLOAD_MAX_BYTES = 10
    with pytest.raises(FileRefused):
        dossier_record_result(actor=specialist, dossier=dossier, expected_version=3, file=_result())
    settings.EGOV_UPLOAD_MAX_BYTES = 10 * 1024 * 1024
    with pytest.raises(ProcessingRefused):
        dossier_record_result(actor=specialist, dossier=dossier, expected_version=3, file=_result())

    dossier.refresh_from_db()
    assert (dossier.status, dossier.version) == ("processing", 3)
    assert DossierFile.objects.count() == 0


def test_only_the_receiving_desk_returns_the_result(
    world, clock, dossier, front_desk_officer, specialist, unit_head
):
    with pytest.raises(PermissionDenied):
        dossier_return_result(actor=specialist, dossier=dossier)
    assert dossier.status == "processing"


def test_the_page_forms_run_the_same_services(
    client, world, clock, dossier, front_desk_officer, specialist
):
    def post(user, action, **data):
        client.force_login(user)
        url = reverse("onestop:officer-dossier-action", args=[dossier.pk, action])
        version = Dossier.objects.get(pk=dossier.pk).version
        return client.post(url, {"expected_version": version, **data})

    def offered(user):
        client.force_login(user)
        response = client.get(reverse("onestop:officer-dossier-detail", args=[dossier.pk]))
        return [name for name, _title, _form in response.context["action_forms"]]

    clock.set(at(2025, 1, 22, 11))
    assert post(front_desk_officer, "forward", note="Đủ hồ sơ.").status_code == 302
    clock.set(at(2025, 1, 23, 9))
    assert post(specialist, "request_supplement", reason="Bổ sung bản sao.").status_code == 302
    assert offered(front_desk_officer) == ["supplement_received"]
    clock.set(at(2025, 1, 24, 10))
    assert post(front_desk_officer, "supplement_received").status_code == 302
    assert (
        post(
            specialist, "apologize", new_due_at="2025-02-12T16:00", reason="Chờ xác minh."
        ).status_code
        == 302
    )
    assert (
        post(specialist, "handover", to_unit=world.dept.pk, reason="Xin ý kiến Sở.").status_code
        == 302
    )

    dossier.refresh_from_db()
    assert (dossier.status, dossier.due_at, dossier.version) == (
        "processing",
        at(2025, 2, 12, 16),
        7,
    )
    assert _steps(dossier)[-1] == (3, "appraise", world.dept.name, "")


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL; SQLite serialises writers"
)
@pytest.mark.django_db(transaction=True)
def test_two_threads_one_wins(world, clock, front_desk_officer, specialist, division_head):
    migration_data_reload()  # an earlier transactional test may have flushed it
    agency_codes(world)
    procedure = district_procedure()
    internal_procedure(world, procedure)
    clock.set(at(2025, 1, 22, 10))
    dossier = received(world, front_desk_officer, procedure)
    dossier = dossier_forward(actor=front_desk_officer, dossier=dossier, expected_version=2)
    barrier, results = threading.Barrier(2), []

    def act(run) -> None:
        barrier.wait()
        try:
            run()
            results.append("ok")
        except ConcurrentChange:
            results.append("concurrent")
        finally:
            connection.close()

    runs = [
        lambda: dossier_forward(actor=specialist, dossier=dossier, expected_version=3),
        lambda: dossier_send_back(
            actor=division_head, dossier=dossier, expected_version=3, reason="Chưa đủ căn cứ."
        ),
    ]
    threads = [threading.Thread(target=act, args=(run,)) for run in runs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(results) == ["concurrent", "ok"]
    assert StepInstance.objects.filter(instance_id=dossier.process_id).count() == 3
    assert (
        AuditEvent.objects.filter(
            action__in=["onestop.dossier_forwarded", "onestop.dossier_sent_back"]
        ).count()
        == 2
    )


@pytest.mark.parametrize("hostile", samples.HOSTILE, ids=lambda h: h.id)
def test_the_result_refuses_every_hostile_file(
    world, clock, dossier, front_desk_officer, specialist, hostile
):
    """The result goes to the applicant: the same intake as every other upload path."""
    clock.set(at(2025, 1, 22, 11))
    dossier = dossier_forward(actor=front_desk_officer, dossier=dossier, expected_version=2)

    with pytest.raises(FileRefused) as refused:
        dossier_record_result(
            actor=specialist,
            dossier=dossier,
            expected_version=3,
            file=_result(hostile.filename, hostile.build()),
        )

    assert refused.value.message
    assert refused.value.fields == {"file": refused.value.message}
    assert DossierFile.objects.count() == 0
    assert not AuditEvent.objects.filter(action="onestop.dossier_result_recorded").exists()


def test_the_inbox_item_of_a_received_dossier_opens_its_page(
    client, clock, dossier, front_desk_officer
):
    clock.set(at(2025, 1, 22, 11))
    client.force_login(front_desk_officer)

    html = client.get(reverse("workflow:inbox")).content.decode()

    url = reverse("onestop:officer-dossier-detail", args=[dossier.pk])
    assert f'<a href="{url}">' in html
    assert dossier.code in client.get(url).content.decode()
