"""The one-stop desk: finding the applicant, registering, and the three outcomes (receive with
code and appointment, ask for completion, refuse), at the desk and for online dossiers."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django import forms
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import translation

from conftest import make_officer
from egov.audit.models import AuditEvent
from egov.audit.selectors import history_for_object
from egov.common.exceptions import DomainError, PermissionDenied
from egov.onestop.forms_desk import DossierFilterForm, competent_unit_default
from egov.onestop.models import Dossier, DossierCodeCounter, DossierNotice, Procedure
from egov.onestop.selectors.dossiers_officer import desk_home, dossier_list_for_officer
from egov.onestop.services.desk import (
    DossierInvalid,
    applicant_find,
    dossier_receive,
    dossier_refuse_at_desk,
    dossier_register_at_desk,
    dossier_request_completion_at_desk,
)
from egov.onestop.services.desk_routing import RoutingRefused
from egov.onestop.tests.factories_desk import (
    agency_codes,
    district_procedure,
    internal_procedure,
    online_submitted,
    received,
    registered,
)
from egov.orgs.loaders import orgs_dataset_load
from egov.orgs.models import OrgUnit
from egov.workflow.models import ProcessDefinition, ProcessInstance, StepInstance
from egov.workflow.services import StepSpec
from egov.workflow.tests import factories as workflow_factories
from egov.workflow.tests.factories import at

clock = workflow_factories.clock  # the settable clock fixture (Vietnam time)

D = Decimal


@pytest.fixture
def setup(world):
    agency_codes(world)
    procedure = district_procedure()
    internal_procedure(world, procedure)
    return procedure


def _actions(obj) -> list[str]:
    return list(AuditEvent.objects.for_object(obj).order_by("id").values_list("action", flat=True))


def test_receipt_gets_code_and_appointment_across_tet(
    world, clock, setup, front_desk_officer, django_capture_on_commit_callbacks
):
    """Wed 22/01/2025 10:00, 5 working days; Tết closes 25/01–02/02 → Wed 05/02 10:00."""
    clock.set(at(2025, 1, 22, 10))

    with django_capture_on_commit_callbacks(execute=True):
        dossier = received(world, front_desk_officer, setup)

    instance = ProcessInstance.objects.get(pk=dossier.process_id)
    assert (dossier.code, dossier.status, dossier.channel) == (
        "000.00.20.H26-250122-0001",
        "processing",
        "direct",
    )
    assert (dossier.received_at, dossier.due_at) == (at(2025, 1, 22, 10), at(2025, 2, 5, 10))
    assert dossier.calendar_version == instance.calendar_version
    assert (dossier.ruleset.code, dossier.receiving_unit, dossier.competent_unit) == (
        "ND61-2018",
        world.desk_a,
        world.district_a,
    )
    assert (instance.owner_unit, instance.definition.code, instance.apply_cutoff) == (
        world.district_a,
        "onestop:1.001731",
        False,
    )
    assert list(
        StepInstance.objects.filter(instance=instance).values_list(
            "step_definition__code", "unit__name"
        )
    ) == [("receive", world.desk_a.name)]
    assert list(dossier.notices.values_list("kind", flat=True)) == ["receipt"]
    assert _actions(dossier) == ["onestop.dossier_registered", "onestop.dossier_received"]
    assert [m.to for m in mail.outbox] == [["an.nguyen@example.vn"]]
    assert "000.00.20.H26-250122-0001" in mail.outbox[0].subject
    assert "05/02/2025" in mail.outbox[0].body


def test_codes_of_one_day_follow_each_other(world, clock, setup, front_desk_officer):
    clock.set(at(2025, 1, 22, 10))
    first = received(world, front_desk_officer, setup, key="a")
    second = received(world, front_desk_officer, setup, key="b")

    assert (first.code, second.code) == ("000.00.20.H26-250122-0001", "000.00.20.H26-250122-0002")
    assert DossierCodeCounter.objects.get(agency_code="000.00.20.H26").last_sequence == 2


def test_same_day_procedure_after_the_cutoff_is_due_the_next_working_day(
    world, clock, front_desk_officer
):
    agency_codes(world)
    procedure = district_procedure(code="HN-042", working_days=D("1"), is_same_day=True)
    internal_procedure(
        world,
        procedure,
        steps=[
            StepSpec(1, "receive", "Tiếp nhận", "front_desk_officer", D("0.25"), world.desk_a),
            StepSpec(2, "appraise", "Thẩm định", "specialist", D("0.5"), world.division_a),
            StepSpec(3, "sign", "Ký", "division_head", D("0.25"), world.division_a),
        ],
    )
    clock.set(at(2025, 1, 22, 16))

    dossier = received(world, front_desk_officer, procedure)

    assert dossier.due_at == at(2025, 1, 23, 17)
    assert ProcessInstance.objects.get(pk=dossier.process_id).apply_cutoff is True


def test_register_twice_with_one_key_makes_one_dossier(world, clock, setup, front_desk_officer):
    clock.set(at(2025, 1, 22, 10))
    first = registered(world, front_desk_officer, setup, key="double-click")
    second = registered(world, front_desk_officer, setup, key="double-click")

    assert first.pk == second.pk
    assert Dossier.objects.count() == 1
    assert first.form_data == {
        "deceased_name": "Nguyễn Văn Bình",
        "_checked_documents": sorted(
            setup.documents.filter(is_required=True).values_list("pk", flat=True)
        ),
    }


def test_receipt_refused_when_a_required_document_is_missing(
    world, clock, setup, front_desk_officer
):
    clock.set(at(2025, 1, 22, 10))
    dossier = registered(world, front_desk_officer, setup, all_documents=False)

    with pytest.raises(DossierInvalid, match=r"Giấy chứng tử|Tờ khai"):
        dossier_receive(actor=front_desk_officer, dossier=dossier, expected_version=1)

    dossier.refresh_from_db()
    assert (dossier.status, dossier.code, dossier.process_id) == ("draft", None, None)
    assert DossierCodeCounter.objects.count() == 0
    assert _actions(dossier) == ["onestop.dossier_registered"]


def test_request_completion_at_the_desk(world, clock, setup, front_desk_officer):
    clock.set(at(2025, 1, 22, 10))
    dossier = registered(world, front_desk_officer, setup, all_documents=False)

    with pytest.raises(DomainError) as error:
        dossier_request_completion_at_desk(actor=front_desk_officer, dossier=dossier, reason=" ")
    assert (error.value.code, list(error.value.fields)) == ("required", ["reason"])

    dossier = dossier_request_completion_at_desk(
        actor=front_desk_officer,
        dossier=dossier,
        expected_version=1,
        reason="Thiếu Giấy chứng tử (bản sao có chứng thực).",
    )

    assert (dossier.status, dossier.code, dossier.version) == ("draft", None, 2)
    assert list(dossier.notices.values_list("kind", "reason")) == [
        ("supplement", "Thiếu Giấy chứng tử (bản sao có chứng thực).")
    ]
    assert _actions(dossier) == [
        "onestop.dossier_registered",
        "onestop.dossier_completion_requested",
    ]
    assert mail.outbox == []


def test_refuse_at_the_desk(world, clock, setup, front_desk_officer):
    clock.set(at(2025, 1, 22, 10))
    dossier = registered(world, front_desk_officer, setup)

    dossier = dossier_refuse_at_desk(
        actor=front_desk_officer,
        dossier=dossier,
        expected_version=1,
        reason="Không thuộc thẩm quyền giải quyết của UBND quận.",
    )

    assert (dossier.status, dossier.result_note, dossier.finished_at) == (
        "refused",
        "Không thuộc thẩm quyền giải quyết của UBND quận.",
        at(2025, 1, 22, 10),
    )
    assert list(dossier.notices.values_list("kind", flat=True)) == ["refusal"]
    with pytest.raises(DomainError):
        dossier_receive(actor=front_desk_officer, dossier=dossier)


def test_online_dossier_checked_and_received_by_the_desk(
    world, clock, setup, front_desk_officer, citizen, django_capture_on_commit_callbacks
):
    clock.set(at(2025, 1, 22, 9))
    dossier = online_submitted(
        setup, citizen, competent_unit=world.district_a, at=at(2025, 1, 21, 20)
    )
    assert [d.pk for d in desk_home(front_desk_officer).waiting_online] == [dossier.pk]

    with django_capture_on_commit_callbacks(execute=True):
        dossier = dossier_receive(actor=front_desk_officer, dossier=dossier, expected_version=1)

    assert (dossier.code, dossier.status, dossier.receiving_unit, dossier.competent_unit) == (
        "000.00.20.H26-250122-0001",
        "processing",
        world.desk_a,
        world.district_a,
    )
    assert dossier.due_at == at(2025, 2, 5, 9)
    home = desk_home(front_desk_officer)
    assert (home.waiting_online, [d.pk for d in home.received_today]) == ([], [dossier.pk])
    assert len(mail.outbox) == 1


def test_online_dossier_sent_back_for_completion_is_a_draft_again(
    world, clock, setup, front_desk_officer, citizen, django_capture_on_commit_callbacks
):
    clock.set(at(2025, 1, 22, 9))
    dossier = online_submitted(
        setup,
        citizen,
        competent_unit=world.district_a,
        at=at(2025, 1, 21, 20),
        code="000.00.20.H26-250121-0007",
    )

    with django_capture_on_commit_callbacks(execute=True):
        dossier = dossier_request_completion_at_desk(
            actor=front_desk_officer,
            dossier=dossier,
            expected_version=1,
            reason="Ảnh Giấy chứng tử bị mờ, tải lại bản rõ.",
        )

    assert (dossier.status, dossier.receiving_unit) == ("draft", world.desk_a)
    assert [m.to for m in mail.outbox] == [["an.nguyen@example.vn"]]
    assert "Ảnh Giấy chứng tử bị mờ" in mail.outbox[0].body


def test_under_decree_61_the_desk_receives_only_for_its_own_administration(
    world, clock, front_desk_officer
):
    agency_codes(world)
    procedure = district_procedure(code="HN-900", level="commune")
    internal_procedure(
        world, procedure, steps=[StepSpec(1, "appraise", "Thẩm định", "specialist", D("5"), None)]
    )
    clock.set(at(2025, 1, 22, 10))
    dossier = registered(world, front_desk_officer, procedure)

    with pytest.raises(RoutingRefused, match="ND61-2018"):
        dossier_receive(actor=front_desk_officer, dossier=dossier, competent_unit=world.commune_b)
    with pytest.raises(RoutingRefused):
        dossier_receive(actor=front_desk_officer, dossier=dossier)  # the district: wrong level

    dossier = dossier_receive(
        actor=front_desk_officer, dossier=dossier, competent_unit=world.commune_a
    )
    assert dossier.competent_unit == world.commune_a


def test_under_decree_118_any_desk_of_the_province_receives_and_routes(
    world, clock, front_desk_officer
):
    agency_codes(world)
    procedure = district_procedure(
        code="HN-901", level="commune", effective_to=None, effective_from=datetime.date(2025, 7, 1)
    )
    internal_procedure(
        world, procedure, steps=[StepSpec(1, "appraise", "Thẩm định", "specialist", D("5"), None)]
    )
    clock.set(at(2025, 7, 10, 9))
    dossier = registered(world, front_desk_officer, procedure)

    dossier = dossier_receive(
        actor=front_desk_officer, dossier=dossier, competent_unit=world.commune_b
    )

    instance = ProcessInstance.objects.get(pk=dossier.process_id)
    assert (dossier.ruleset.code, dossier.competent_unit, instance.owner_unit) == (
        "ND118-2025",
        world.commune_b,
        world.commune_b,
    )
    assert dossier.code == "000.00.20.H26-250710-0001"


def test_no_internal_procedure_and_a_limit_in_days_means_no_receipt(
    world, clock, front_desk_officer
):
    agency_codes(world)
    procedure = district_procedure(code="HN-902", working_days=None, calendar_days=Decimal("20"))
    clock.set(at(2025, 1, 22, 10))
    dossier = registered(world, front_desk_officer, procedure)

    with pytest.raises(RoutingRefused, match="onestop:HN-902"):
        dossier_receive(actor=front_desk_officer, dossier=dossier)
    assert Dossier.objects.get(pk=dossier.pk).status == "draft"
    assert not ProcessDefinition.objects.filter(code__startswith="onestop:default").exists()


def test_without_its_own_internal_procedure_the_default_of_the_level_runs(
    world, clock, front_desk_officer, unit_head
):
    """5 working days: 4 for the specialist, 1 for the head; made once, shared after."""
    agency_codes(world)
    first, second = district_procedure(code="HN-903"), district_procedure(code="HN-904")
    clock.set(at(2025, 1, 22, 10))

    received = [
        dossier_receive(
            actor=front_desk_officer,
            dossier=registered(world, front_desk_officer, procedure, key=procedure.code),
        )
        for procedure in (first, second)
    ]

    definition = ProcessDefinition.objects.get(code="onestop:default:district:5")
    assert definition.is_published and definition.total_days == Decimal("5")
    assert [
        (s.order, s.code, s.role, s.unit_id, s.allowance_days) for s in definition.steps.all()
    ] == [
        (1, "process", "specialist", None, Decimal("4")),
        (2, "approve", "unit_head", None, Decimal("1")),
    ]
    for dossier in received:
        assert dossier.status == "processing"
        instance = ProcessInstance.objects.get(pk=dossier.process_id)
        assert (instance.definition_id, instance.owner_unit_id) == (
            definition.pk,
            world.district_a.pk,
        )
    assert AuditEvent.objects.filter(action="workflow.definition_published").count() == 1


def test_applicant_find_by_exact_identifiers_records_the_read(
    world, front_desk_officer, specialist, citizen
):
    assert [u.pk for u in applicant_find(actor=front_desk_officer, query="001085012345")] == [
        citizen.pk
    ]
    assert [u.pk for u in applicant_find(actor=front_desk_officer, query="+84 912 345 678")] == [
        citizen.pk
    ]
    assert applicant_find(actor=front_desk_officer, query="Nguyễn") == []
    assert applicant_find(actor=front_desk_officer, query="0010850") == []
    assert (
        list(
            AuditEvent.objects.filter(action="personal_data.read_bulk").values_list(
                "changes", flat=True
            )
        )
        == [{"model": "accounts.User", "count": 1, "purpose": "onestop.applicant_find"}] * 2
    )
    with pytest.raises(PermissionDenied):
        applicant_find(actor=specialist, query="001085012345")


def test_only_front_desk_officers_of_the_desk_register(world, clock, setup, specialist):
    clock.set(at(2025, 1, 22, 10))
    with pytest.raises(PermissionDenied):
        registered(world, specialist, setup)
    assert Dossier.objects.count() == 0
    assert DossierNotice.objects.count() == 0


def _receive_data(form, **overrides):
    data = {
        "procedure": "1.001731",
        "idempotency_key": form.initial["idempotency_key"],
        "applicant_account": form.initial.get("applicant_account", ""),
        "applicant_kind": "person",
        "applicant_name": form.initial.get("applicant_name", "Trần Thị Bình"),
        "applicant_id_number": form.initial.get("applicant_id_number", "001190000001"),
        "applicant_phone": "0912345678",
        "applicant_email": "an.nguyen@example.vn",
        "copies_count": 1,
        "documents": [c[0] for c in form.fields["documents"].choices][:2],
        "ff_deceased_name": "Nguyễn Văn Bình",
        "outcome": "receive",
    }
    return {**data, **overrides}


def test_receive_page_end_to_end_and_a_double_click(
    client, world, clock, setup, front_desk_officer, citizen
):
    clock.set(at(2025, 1, 22, 10))
    client.force_login(front_desk_officer)
    url = reverse("onestop:desk-receive")

    picker = client.get(url, {"q": "mai tang"}, headers={"HX-Request": "true"})
    assert [p.code for p in picker.context["procedures"]] == ["1.001731"]
    page = client.get(url, {"procedure": "1.001731", "find": "001085012345"})
    form = page.context["form"]
    assert (form.initial["applicant_name"], form.initial["applicant_account"]) == (
        "Nguyễn Văn An",
        citizen.pk,
    )

    first = client.post(url, _receive_data(form))
    second = client.post(url, _receive_data(form))

    dossier = Dossier.objects.get()
    detail = reverse("onestop:officer-dossier-detail", args=[dossier.pk])
    assert (first.status_code, first["Location"]) == (302, detail)
    assert (second.status_code, second["Location"]) == (302, detail)
    assert (dossier.code, dossier.applicant, dossier.form_data["deceased_name"]) == (
        "000.00.20.H26-250122-0001",
        citizen,
        "Nguyễn Văn Bình",
    )
    response = client.get(detail)
    assert response.status_code == 200
    assert [name for name, _t, _f in response.context["action_forms"]] == [
        "forward",
        "handover",
        "request_supplement",
        "refuse",
        "apologize",
    ]


def test_receive_page_shows_why_a_dossier_cannot_be_received(
    client, world, clock, setup, front_desk_officer
):
    clock.set(at(2025, 1, 22, 10))
    client.force_login(front_desk_officer)
    url = reverse("onestop:desk-receive")
    form = client.get(url, {"procedure": "1.001731"}).context["form"]

    response = client.post(url, _receive_data(form, documents=[]))

    assert response.status_code == 422
    assert Dossier.objects.get().status == "draft"
    completion = client.post(
        url,
        _receive_data(
            form, documents=[], outcome="request_completion", reason="Thiếu Giấy chứng tử."
        ),
    )
    assert completion.status_code == 302
    assert list(Dossier.objects.values_list("status", flat=True)) == ["draft"]
    assert list(DossierNotice.objects.values_list("kind", flat=True)) == ["supplement"]


def test_desk_pages_are_for_front_desk_officers(client, world, specialist, front_desk_officer):
    client.force_login(specialist)
    assert client.get(reverse("onestop:desk-home")).status_code == 403
    assert client.get(reverse("onestop:desk-receive")).status_code == 403
    client.force_login(front_desk_officer)
    assert client.get(reverse("onestop:desk-home")).status_code == 200
    assert client.get(reverse("onestop:desk-receive"), {"procedure": "9.999999"}).status_code == 200


def test_online_dossier_page_offers_the_desk_check(
    client, world, clock, setup, front_desk_officer, citizen
):
    clock.set(at(2025, 1, 22, 9))
    dossier = online_submitted(
        setup, citizen, competent_unit=world.district_a, at=at(2025, 1, 21, 20)
    )
    client.force_login(front_desk_officer)
    detail = reverse("onestop:officer-dossier-detail", args=[dossier.pk])

    response = client.get(detail)
    assert [name for name, _t, _f in response.context["action_forms"]] == [
        "receive",
        "request_completion",
        "refuse_at_desk",
    ]
    response = client.post(
        reverse("onestop:officer-dossier-action", args=[dossier.pk, "receive"]),
        {"expected_version": 1},
    )

    assert response.status_code == 302
    assert Dossier.objects.get(pk=dossier.pk).status == "processing"


SHIPPED = Path(__file__).resolve().parents[1] / "data"


def test_shipped_internal_procedures_add_up_to_the_procedures_time_limits():
    definitions = json.loads((SHIPPED / "hanoi-internal-procedures.json").read_text())
    catalog = json.loads((SHIPPED / "hanoi-procedures.json").read_text())["procedures"]
    limits = {p["code"]: p["working_days"] for p in catalog}

    for entry in definitions["definitions"]:
        code = entry["code"].removeprefix("onestop:").split("@")[0]
        total = sum(
            D(str(s.get("allowance_days", 0))) + D(s.get("allowance_hours", 0)) / 8
            for s in entry["steps"]
        )
        assert total == D(entry["total_days"]), entry["code"]
        if limits[code] is not None:
            assert D(entry["total_days"]) == D(limits[code]), entry["code"]
    liaison = next(
        d for d in definitions["definitions"] if d["code"] == "onestop:HN-040@000.00.20.H26"
    )
    assert [s["unit"] and s["unit"]["name"] for s in liaison["steps"]] == [
        "Bộ phận Tiếp nhận và Trả kết quả quận Ba Đình",
        "Phòng Quản lý đô thị quận Ba Đình",
        "Sở Xây dựng",
        "Phòng Quản lý đô thị quận Ba Đình",
        None,
        "Văn phòng HĐND và UBND quận Ba Đình",
    ]


def test_load_internal_procedures_on_the_demo_org_tree(db):
    orgs_dataset_load(actor=None, name="hanoi-2020")
    out = StringIO()

    call_command("load_internal_procedures", stdout=out)
    call_command("load_internal_procedures", stdout=out)

    published = ProcessDefinition.objects.filter(code__startswith="onestop:", is_published=True)
    assert published.count() == 10
    assert out.getvalue().splitlines()[-1] == "Unchanged 10: " + ", ".join(
        f"{d['code']} v1"
        for d in json.loads((SHIPPED / "hanoi-internal-procedures.json").read_text())["definitions"]
    )


def test_load_internal_procedures_on_the_two_level_tree_skips_the_district_s_own(db):
    """On the current structure Quận Ba Đình (000.00.20.H26) does not exist: its own procedures
    are reported and left out, the others are published; once the district is dissolved
    (the reform loaded on top of the three-level tree) the line says since when."""
    shipped = json.loads((SHIPPED / "hanoi-internal-procedures.json").read_text())["definitions"]
    orgs_dataset_load(actor=None, name="hanoi-2025")
    out = StringIO()

    call_command("load_internal_procedures", stdout=out)

    lines = out.getvalue().splitlines()
    assert lines[:2] == [
        f"Skipped onestop:{code}@000.00.20.H26 v1: no unit of the org tree has the identifier "
        "code 000.00.20.H26."
        for code in ("HN-040", "HN-042")
    ]
    published = ProcessDefinition.objects.filter(code__startswith="onestop:", is_published=True)
    assert published.count() == len(shipped) - 2
    assert not published.filter(code__contains="@").exists()
    assert lines[2].startswith(f"Created {len(shipped) - 2}: ")


def test_load_internal_procedures_names_the_closed_owner_unit(db):
    orgs_dataset_load(actor=None, name="hanoi-2020")
    orgs_dataset_load(actor=None, name="hanoi-2025")
    out = StringIO()

    call_command("load_internal_procedures", stdout=out)

    assert out.getvalue().splitlines()[0] == (
        "Skipped onestop:HN-040@000.00.20.H26 v1: its unit Quận Ba Đình (000.00.20.H26) closed "
        "on 2025-06-30."
    )


def test_load_internal_procedures_still_refuses_an_unknown_step_unit(db, tmp_path):
    orgs_dataset_load(actor=None, name="hanoi-2025")
    shipped = json.loads((SHIPPED / "hanoi-internal-procedures.json").read_text())
    entry = next(d for d in shipped["definitions"] if d["code"] == "onestop:2.000908")
    entry["steps"][1]["unit"] = {"kind": "department", "name": "Sở Thông tin và Truyền thông"}
    path = tmp_path / "procedures.json"
    path.write_text(json.dumps(shipped), encoding="utf-8")

    with pytest.raises(CommandError):
        call_command("load_internal_procedures", file=path, stdout=StringIO(), stderr=StringIO())

    assert not ProcessDefinition.objects.filter(code__startswith="onestop:").exists()


def test_demo_district_dossier_follows_its_own_internal_procedure(db, clock, sample):
    """On the demo data: Quận Ba Đình's own procedure for HN-040, with the liên thông step at
    Sở Xây dựng, is chosen over the shared one."""
    orgs_dataset_load(actor=None, name="hanoi-2020")
    call_command("load_internal_procedures", stdout=StringIO())
    desk = OrgUnit.objects.get(name="Bộ phận Tiếp nhận và Trả kết quả quận Ba Đình")
    officer = make_officer("motcua.test@hanoi.demo", desk, "front_desk_officer")
    procedure = Procedure.objects.get(code="HN-040")
    clock.set(at(2025, 3, 3, 9))

    dossier = dossier_register_at_desk(
        actor=officer,
        desk_unit=desk,
        procedure=procedure,
        applicant_name="Công ty Sen Vàng",
        applicant_id_number="0101234567",
        applicant_kind="organisation",
        checked_document_ids=procedure.documents.values_list("pk", flat=True),
    )
    dossier = dossier_receive(actor=officer, dossier=dossier)

    instance = ProcessInstance.objects.select_related("definition").get(pk=dossier.process_id)
    assert (dossier.code, dossier.competent_unit.name, instance.definition.code) == (
        "000.00.20.H26-250303-0001",
        "Quận Ba Đình",
        "onestop:HN-040@000.00.20.H26",
    )
    assert list(
        instance.definition.steps.order_by("order").values_list("unit__name", flat=True)
    ) == [
        desk.name,
        "Phòng Quản lý đô thị quận Ba Đình",
        "Sở Xây dựng",
        "Phòng Quản lý đô thị quận Ba Đình",
        None,
        "Văn phòng HĐND và UBND quận Ba Đình",
    ]
    assert dossier.due_at == at(2025, 3, 24, 9)  # 15 working days of 8 hours from 09:00


def test_the_receipt_reads_in_the_history_as_people_say_it(world, clock, setup, front_desk_officer):
    clock.set(at(2025, 1, 22, 10))
    dossier = received(world, front_desk_officer, setup)

    with translation.override("vi"):
        entry = history_for_object(dossier)[0]
        changes = {c.label: (c.before, c.value) for c in entry.changes}

    assert entry.action_label == "Tiếp nhận hồ sơ"
    assert changes == {
        "Trạng thái": ("Bản nháp", "Đang xử lý"),
        "Mã hồ sơ": ("—", "000.00.20.H26-250122-0001"),
        "Bộ quy định áp dụng": ("—", "Nghị định 61/2018/NĐ-CP"),
        "Cơ quan có thẩm quyền": ("—", "Quận Ba Đình"),
        "Thời điểm tiếp nhận": ("—", "22/01/2025 10:00"),
        "Thời điểm hẹn trả kết quả": ("—", "05/02/2025 10:00"),
    }


def DeskReceiveFormField():
    return forms.ModelChoiceField(
        queryset=OrgUnit.objects.none(), required=False, empty_label="desk"
    )


def test_the_desk_default_is_offered_only_when_it_is_of_the_procedures_level(world):
    district_level = DeskReceiveFormField()
    competent_unit_default(
        district_level, OrgUnit.objects.filter(pk=world.district_a.pk), world.desk_a
    )
    commune_level = DeskReceiveFormField()
    competent_unit_default(
        commune_level, OrgUnit.objects.filter(pk=world.commune_a.pk), world.desk_a
    )

    assert (district_level.required, str(district_level.empty_label)) == (False, "desk")
    with translation.override("vi"):
        assert (commune_level.required, str(commune_level.empty_label)) == (True, "Chọn đơn vị")


def test_the_dossier_list_filters_by_the_day_of_receipt(world, clock, setup, front_desk_officer):
    clock.set(at(2025, 1, 22, 16, 30))  # 09:30 UTC: the local day is what counts
    dossier = received(world, front_desk_officer, setup)
    day = datetime.date(2025, 1, 22)

    def listed(**dates):
        return list(dossier_list_for_officer(front_desk_officer, **dates))

    assert listed(received_from=day, received_to=day) == [dossier]
    assert listed(received_from=day + datetime.timedelta(days=1)) == []
    assert listed(received_to=day - datetime.timedelta(days=1)) == []
    backwards = DossierFilterForm({"received_from": "2025-01-22", "received_to": "2025-01-21"})
    assert backwards.filters()["received_to"] is None
    assert "received_to" in backwards.errors
