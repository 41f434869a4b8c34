"""Dossiers submitted on the national public-service portal come to the city: pulled from the
portal's simulator, mapped to the city's procedure, registered once however often pulled;
unmapped national codes wait for an officer's mapping; a portal that is down or answers
garbage changes nothing."""

from __future__ import annotations

import datetime

import httpx
import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from conftest import make_officer
from egov.audit.models import AuditEvent
from egov.integration.exceptions import ConnectorUnavailable
from egov.integration.models import StatusPush
from egov.integration.services import client as connector_client
from egov.integration.simulators.views import portal_received, portal_submitted_add
from egov.integration.tests.conftest import Recording
from egov.jobs.models import Job
from egov.onestop.choices import AuditAction, Channel, DossierStatus, NationalIntakeState
from egov.onestop.models import (
    Dossier,
    NationalDossierIntake,
    NationalProcedureMapping,
    Procedure,
)
from egov.onestop.services.national_intake import (
    national_dossiers_pull,
    national_procedure_map,
    pull_since,
)
from egov.onestop.tests.online_helpers import agency_code_set, online_procedure
from egov.orgs.models import OrgUnit

pytestmark = pytest.mark.django_db

DISTRICT_AGENCY = "000.20.01.H26"


@pytest.fixture
def procedure(world):
    agency_code_set(world)
    OrgUnit.objects.filter(pk=world.district_a.pk).update(agency_code=DISTRICT_AGENCY)
    return online_procedure()


def _record(code="G22.99-260101-0001", procedure_code="1.999999", **kw):
    return {
        "MaHoSo": code,
        "MaTTHC": procedure_code,
        "MaCoQuan": DISTRICT_AGENCY,
        "ChuHoSo": "Nguyễn Văn An",
        "SoGiayToChuHoSo": "001085012345",
        "SoDienThoai": "0912345678",
        "DiaChi": "Số 12 phố Hàng Bông",
        "NgayNopHoSo": (timezone.now() - datetime.timedelta(hours=2)).isoformat(),
        "DuLieuBieuMau": {
            "purpose": "Xây mới",
            "area_m2": 120.5,
            "agree": True,
            "ho_ten": "Nguyễn Văn An",
            "nested": {"dropped": True},
        },
        **kw,
    }


def _pull():
    """Pull as the command does by default: since the start of yesterday (records are two
    hours old, which just after midnight is yesterday)."""
    return national_dossiers_pull(
        since=pull_since(timezone.localdate() - datetime.timedelta(days=1))
    )


def test_a_mapped_dossier_is_registered_once_however_often_pulled(
    simulators, procedure, citizen, django_capture_on_commit_callbacks
):
    portal_submitted_add(_record(procedure_code=procedure.code))

    with django_capture_on_commit_callbacks(execute=True):
        first = _pull()
    second = _pull()

    assert (first.fetched, first.registered) == (1, 1)
    assert (second.fetched, second.registered, second.already) == (1, 0, 1)
    dossier = Dossier.objects.get()
    assert (dossier.code, dossier.channel, dossier.status, dossier.applicant) == (
        "G22.99-260101-0001",
        Channel.ONLINE,
        DossierStatus.SUBMITTED,
        citizen,
    )
    assert dossier.competent_unit.agency_code == DISTRICT_AGENCY
    # checked against the procedure's form: its fields only, as an online form stores them
    assert dossier.form_data == {"purpose": "Xây mới", "area_m2": "120.5", "agree": True}
    intake = NationalDossierIntake.objects.get()
    assert (intake.state, intake.dossier) == (NationalIntakeState.REGISTERED, dossier)
    assert AuditEvent.objects.filter(action=AuditAction.DOSSIER_FROM_NATIONAL_PORTAL).count() == 1
    # Its status goes back to the portal under the portal's own code, the citizen as owner.
    push = StatusPush.objects.get(dossier_code=dossier.code)
    assert (push.national_status, push.owner) == ("1", citizen)
    assert [r["TrangThai"] for r in portal_received(dossier.code)] == ["1"]


def test_an_unmapped_code_waits_and_mapping_it_registers_the_dossier(
    simulators, procedure, system_admin
):
    portal_submitted_add(_record(procedure_code="2.000123"))

    report = _pull()

    assert (report.unmapped, Dossier.objects.count()) == (0 + 1, 0)
    assert NationalDossierIntake.objects.get().state == NationalIntakeState.UNMAPPED
    mapping, registered = national_procedure_map(
        actor=system_admin, national_code="2.000123", procedure_code=procedure.code
    )
    assert registered == 1
    assert Dossier.objects.get().procedure == procedure
    assert NationalProcedureMapping.objects.get() == mapping
    assert AuditEvent.objects.filter(action=AuditAction.NATIONAL_PROCEDURE_MAPPED).count() == 1
    assert _pull().already == 1


def test_a_dossier_for_an_unknown_agency_is_kept_and_taken_on_the_next_pull(
    simulators, procedure, world
):
    portal_submitted_add(_record(procedure_code=procedure.code, MaCoQuan="000.99.99.H26"))

    assert _pull().failed == 1
    intake = NationalDossierIntake.objects.get()
    assert intake.state == NationalIntakeState.FAILED
    assert "000.99.99.H26" in intake.problem
    OrgUnit.objects.filter(pk=world.district_a.pk).update(agency_code="000.99.99.H26")

    assert _pull().registered == 1


@pytest.mark.parametrize(
    ("form", "named"),
    [
        ({"purpose": "Phá dỡ", "area_m2": 1, "agree": True}, "purpose"),
        ({"purpose": "Xây mới", "area_m2": "một trăm", "agree": True}, "area_m2"),
        ({"purpose": "Xây mới", "agree": True}, "area_m2"),
        ({"purpose": "Xây mới", "area_m2": {"m2": 1}, "agree": True}, "area_m2"),
        ({"purpose": "Xây mới", "area_m2": 1, "agree": "có lẽ"}, "agree"),
        ("không phải biểu mẫu", "purpose"),
    ],
    ids=["not-a-choice", "not-a-number", "required-missing", "nested", "not-a-boolean", "text"],
)
def test_form_data_that_does_not_fit_the_procedures_form_is_kept_as_failed_with_the_reason(
    simulators, procedure, form, named
):
    portal_submitted_add(_record(procedure_code=procedure.code, DuLieuBieuMau=form))

    report = _pull()

    assert (report.registered, report.failed) == (0, 1)
    intake = NationalDossierIntake.objects.get()
    assert intake.state == NationalIntakeState.FAILED
    assert intake.dossier is None
    assert f"{named}:" in intake.problem
    assert procedure.code in intake.problem
    assert not Dossier.objects.exists()


def test_a_failed_form_is_registered_once_the_procedures_form_fits(simulators, procedure):
    portal_submitted_add(
        _record(procedure_code=procedure.code, DuLieuBieuMau={"purpose": "Xây mới", "agree": True})
    )
    assert _pull().failed == 1
    fields = [f for f in procedure.form_fields if f["name"] != "area_m2"]
    Procedure.objects.filter(pk=procedure.pk).update(form_fields=fields)

    assert _pull().registered == 1
    assert Dossier.objects.get().form_data == {"purpose": "Xây mới", "agree": True}


def test_unreadable_records_are_listed_and_the_others_registered(simulators, procedure):
    portal_submitted_add(_record(procedure_code=procedure.code))
    portal_submitted_add(_record(code="G22.99-260101-0002", ChuHoSo="", NgayNopHoSo="hôm qua"))

    report = _pull()

    assert (report.registered, len(report.malformed)) == (1, 1)
    assert "ChuHoSo" in report.malformed[0]
    assert NationalDossierIntake.objects.count() == 1


@pytest.mark.parametrize(
    "reply",
    [
        lambda request: httpx.Response(503),
        lambda request: httpx.Response(200, text="<html>"),
        lambda request: httpx.Response(200, json={"HoSo": "nhiều"}),
    ],
    ids=["down", "not-json", "garbage"],
)
def test_a_portal_down_or_answering_garbage_changes_nothing(settings, procedure, reply):
    settings.EGOV_INTEGRATION_SIMULATORS = True
    settings.SITE_URL = "http://testserver"
    connector_client.transport_set(Recording(reply=reply))

    with pytest.raises(ConnectorUnavailable):
        _pull()
    assert not NationalDossierIntake.objects.exists()
    assert not Dossier.objects.exists()


def test_the_command_pulls_and_says_so_even_when_the_portal_is_down(
    simulators, procedure, capsys, settings
):
    portal_submitted_add(_record(procedure_code=procedure.code))

    call_command("national_dossiers_pull")
    call_command("national_dossiers_pull")

    out = capsys.readouterr().out
    assert "1 read, 1 registered" in out
    assert "1 read, 0 registered, 1 registered before" in out
    connector_client.transport_set(Recording(reply=lambda request: httpx.Response(503)))
    connector_client.breakers_reset()
    call_command("national_dossiers_pull")
    assert "portal unreachable: 1" in capsys.readouterr().out
    assert Dossier.objects.count() == 1


def test_a_pull_just_after_midnight_takes_what_was_submitted_late_the_day_before(
    simulators, procedure, monkeypatch
):
    zone = timezone.get_current_timezone()
    midnight = datetime.datetime(2026, 12, 7, tzinfo=zone)
    late = midnight - datetime.timedelta(minutes=10)
    portal_submitted_add(_record(procedure_code=procedure.code, NgayNopHoSo=late.isoformat()))
    monkeypatch.setattr(timezone, "localdate", lambda *a, **kw: midnight.date())

    call_command("national_dossiers_pull", quiet=True)

    assert Dossier.objects.count() == 1


def test_the_page_lists_unmapped_codes_and_maps_them(client, simulators, procedure, system_admin):
    portal_submitted_add(_record(procedure_code="2.000123"))
    _pull()
    client.force_login(system_admin)

    page = client.get(reverse("onestop:national-intake"))
    assert page.status_code == 200
    assert 'data-code="2.000123"' in page.content.decode()

    bad = client.post(
        reverse("onestop:national-intake"),
        {"national_code": "2.000123", "procedure_code": "9.999"},
    )
    assert bad.status_code == 400
    assert "procedure_code" in bad.context["form"].errors
    done = client.post(
        reverse("onestop:national-intake"),
        {"national_code": "2.000123", "procedure_code": procedure.code},
    )
    assert done.status_code == 302
    assert Dossier.objects.count() == 1


def test_pull_now_starts_a_job(client, simulators, procedure, system_admin):
    client.force_login(system_admin)

    response = client.post(reverse("onestop:national-pull"))

    job = Job.objects.get()
    assert response.url == reverse("jobs:job-detail", args=[job.pk])
    assert job.kind == "onestop.national_pull"


def test_the_page_is_for_the_city_office(client, world, unit_head, citizen):
    office = make_officer("vanphong@example.vn", world.city, "specialist", subtree=True)
    for user, expected in ((unit_head, 403), (citizen, 403), (office, 200)):
        client.force_login(user)
        assert client.get(reverse("onestop:national-intake")).status_code == expected
    client.force_login(unit_head)
    assert client.post(reverse("onestop:national-pull")).status_code == 403
