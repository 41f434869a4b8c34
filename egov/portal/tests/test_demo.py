"""The demo data loads through the real services: every dossier state, an intact audit chain
and the figures of the replayed history; on the current two-level Hà Nội by default, on the
three-level one of 2020 when asked; never in the future."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from egov.accounts.models import User
from egov.audit.models import AuditEvent
from egov.audit.selectors import audit_chain_verify
from egov.complaints.demo import complaints_demo_load
from egov.complaints.models import CrowdedCase, Petition, VerificationTeam
from egov.complaints.national import national_from
from egov.directives.models import Task
from egov.documents.models import Document, FileList, WorkFile
from egov.meetings.models import Meeting, Paper
from egov.onestop.choices import DossierStatus
from egov.onestop.models import Dossier, DossierDayFigure
from egov.orgs.models import OrgUnit
from egov.portal.demo import CURRENT, THREE_LEVEL, demo_load
from egov.reporting.models import Regime, Submission, SubmissionVersion
from egov.reporting.selectors import completeness, periods_of

# Never set by a service (the desk's receipt moves a dossier straight into processing), or
# outside the demo's stories.
NOT_IN_DEMO = {
    DossierStatus.DRAFT,
    DossierStatus.WITHDRAWN,
    DossierStatus.STOPPED,
    DossierStatus.PAYMENT_REQUESTED,
    DossierStatus.RECEIVED,
}
DOSSIER_MOMENTS = ("created_at", "submitted_at", "received_at", "finished_at", "returned_at")


@pytest.fixture
def demo_storage(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.EGOV_SIGNING_KEY_DIR = tmp_path / "pki"
    settings.EGOV_TRUSTED_ROOTS = [str(tmp_path / "pki" / "root-ca.pem")]


def assert_nothing_after(now: datetime.datetime) -> None:
    """No dossier, audit entry or dossier code dated after ``now``."""
    for field in DOSSIER_MOMENTS:
        assert not Dossier.objects.filter(**{f"{field}__gt": now}).exists(), field
    assert not AuditEvent.objects.filter(at__gt=now).exists()
    today = timezone.localdate(now)
    for code, created_at in Dossier.objects.exclude(code=None).values_list("code", "created_at"):
        # {agency}-{yymmdd}-{seq}: dated the day it was given (submitted or registered)
        day = code.split("-")[-2]
        dated = datetime.date(2000 + int(day[:2]), int(day[2:4]), int(day[4:]))
        assert timezone.localdate(created_at) <= dated <= today, code


def assert_complaints_teams_and_national_export(ward: OrgUnit) -> None:
    """A denunciation in verification by a team of two units, received after the day the
    national database takes data, so the national export has rows at once; a second run of
    the complaints demo adds nothing."""
    team = VerificationTeam.objects.get(petition__unit=ward)
    assert team.petition.status == "verifying"
    assert team.petition.kind == "denunciation"
    assert team.members.values("unit").distinct().count() == 2
    assert set(team.members.values_list("user__email", flat=True)) == {
        "truongphong.qldt.badinh@hanoi.demo",
        "chuyenvien.sxd@hanoi.demo",
    }
    assert timezone.localdate(team.petition.received_at) >= national_from()
    client = Client()
    client.force_login(User.objects.get(email="chutich.badinh@hanoi.demo"))
    export = client.get(reverse("complaints:national-export"), {"format": "csv"})
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert export.status_code == 200
    assert team.petition.number in {row[0] for row in rows[2:]}
    before = (Petition.objects.count(), AuditEvent.objects.count())
    again = complaints_demo_load(unit=ward)
    assert (Petition.objects.count(), AuditEvent.objects.count()) == before
    assert again["verification teams"] == 1


@pytest.mark.django_db(transaction=False)
def test_the_default_demo_is_the_current_two_level_city(
    demo_storage, django_capture_on_commit_callbacks
):
    progress = []
    with django_capture_on_commit_callbacks(execute=True):
        summary = demo_load(dossiers=30, progress=lambda *args: progress.append(args))
    now = timezone.now()

    assert summary.structure == CURRENT
    assert not OrgUnit.objects.active().filter(kind="district").exists()
    assert OrgUnit.objects.active().filter(kind="commune").count() == 126
    ward = OrgUnit.objects.active().get(kind="commune", name="Phường Ba Đình")
    assert ward.children.filter(kind="one_stop_desk").count() == 1
    assert {login.unit for login in summary.logins} >= {"Phường Ba Đình", "Phường Hoàn Kiếm"}
    assert progress[-1] == ("demo data", 7, 7)
    statuses = set(Dossier.objects.values_list("status", flat=True))
    assert set(DossierStatus) - NOT_IN_DEMO <= statuses
    # every dossier at the ward, through the ward's desk
    assert set(Dossier.objects.values_list("competent_unit", flat=True)) - {None} <= {ward.pk}
    assert Dossier.objects.filter(channel="online").exclude(status="submitted").exists()
    # the ward's specialist handles the specialist steps
    specialist = "chuyenvien.qldt.badinh@hanoi.demo"
    assert AuditEvent.objects.filter(actor__email=specialist, action__startswith="onestop").exists()
    # the citizen printed at start has dossiers, in several states
    mine = Dossier.objects.filter(applicant__phone="0912345678")
    assert mine.values("status").distinct().count() >= 4
    assert audit_chain_verify().is_intact
    assert DossierDayFigure.objects.exists()
    issued = Document.objects.filter(direction="outgoing", status="issued")
    assert issued.filter(files__kind="signed", unit=ward).exists()
    assert Document.objects.filter(direction="incoming", source__isnull=False).exists()
    assert Task.objects.filter(lead_unit=ward).exists()
    assert not Task.objects.filter(lead_unit__kind="district").exists()
    # the city bodies of 1 March 2025: tasks, letters and the demo officer at the current ones
    assert not Task.objects.exclude(lead_unit__status="active").exists()
    assert Task.objects.filter(lead_unit__name="Sở Khoa học và Công nghệ").exists()
    assert Task.objects.filter(lead_unit__name="Sở Nông nghiệp và Môi trường").exists()
    assert Document.objects.filter(
        direction="incoming",
        number_notation="890/SKHCN-BCVT",
        sender_name="Sở Khoa học và Công nghệ Hà Nội",
        sender_agency_code="000.00.51.H26",
    ).exists()
    assert any(login.unit == "Sở Khoa học và Công nghệ" for login in summary.logins)
    # the standings page links a directive task to the PAPI e-governance dimension it serves
    client = Client()
    client.force_login(User.objects.get(email="chanhvanphong@hanoi.demo"))
    standings = client.get(reverse("surveys:standing-list"), {"index": "papi"}).content.decode()
    assert "Nâng cấp Cổng dịch vụ công Thành phố" in standings
    assert "Nhiệm vụ chỉ đạo phục vụ lĩnh vực này (1)" in standings  # e-governance
    # a liên thông dossier: the ward's building permit goes through Sở Xây dựng
    permit = Dossier.objects.filter(procedure__code="1.013225", competent_unit=ward)
    assert permit.exists()
    assert AuditEvent.objects.filter(
        actor__email="chuyenvien.sxd@hanoi.demo", action__startswith="onestop"
    ).exists()
    # periodic reports: one per ward and month (a year of history and the current month),
    # the two demo wards' in several states
    reports = Submission.objects.filter(regime__code="kt-xh-thang")
    assert reports.filter(level=0).count() == 13 * 126
    assert set(reports.filter(unit=ward).values_list("status", flat=True)) >= {
        "accepted",
        "returned",
        "not_started",
    }
    assert reports.filter(unit=ward, signed_at__isnull=False).count() == 3  # the chairman's
    # three levels: the wards → Sở Tài chính, which consolidates them → the city
    assert set(reports.filter(level=0).values_list("receiver__name", flat=True)) == {"Sở Tài chính"}
    consolidated = reports.filter(level=1, unit__name="Sở Tài chính", receiver=ward.parent)
    assert consolidated.count() == 13
    assert consolidated.filter(status="accepted", values__source="consolidated").exists()
    # a late ward is named on the city's pages, and one of the department's accepted reports
    # was corrected (its accepted version kept)
    regime = Regime.objects.get(code="kt-xh-thang")
    late = {s.unit_name for p in periods_of(regime) for s in completeness(regime, p).late}
    assert "Phường Hoàn Kiếm" in late
    assert SubmissionVersion.objects.get().submission.unit.name == "Sở Tài chính"
    # a month of meetings: the closed weekly session's conclusions are tasks, the next session
    # is invited with papers, and the online conference has the districts' connected points
    past = Meeting.objects.get(status="closed")
    upcoming = Meeting.objects.get(kind="ubnd_session", status="invited")
    assert Meeting.objects.get(kind="online_conference").points.count() == 2
    assert Task.objects.filter(document=past.notice).count() == 2
    assert Paper.objects.filter(item__meeting=upcoming).count() == 2
    # each demo unit with a registry (clerk and head) has an approved file list with files
    registries = {"Thành phố Hà Nội", "Phường Ba Đình", "Phường Hoàn Kiếm"}
    lists = FileList.objects.filter(status="approved").values_list("unit__name", flat=True)
    assert set(lists) == registries
    assert WorkFile.objects.filter(unit__name="Thành phố Hà Nội", status="closed").exists()
    # a few hundred citizen reports across the city's wards and categories, pinned, in every
    # state, and the public map has them
    from egov.feedback.models import Report

    assert summary.counts["citizen reports"] == Report.objects.count() == 300
    assert Report.objects.values("unit").distinct().count() >= 25
    assert Report.objects.values("category").distinct().count() == 6  # with regulations
    assert set(Report.objects.values_list("status", flat=True)) == {
        "received", "processing", "supplement", "answered", "closed", "refused", "merged"
    }  # fmt: skip
    assert Report.objects.filter(latitude__isnull=True).count() == 3  # regulations: no place
    # one long-running crowded complaint on the city's five-step plan, one milestone late
    crowded = CrowdedCase.objects.get()
    assert crowded.milestones.count() == 5
    assert sum(m.is_late(timezone.localdate()) for m in crowded.milestones.all()) == 1
    # its steps not yet done are tasks on the plan's Kế hoạch, followed on the city scoreboard
    not_done = crowded.milestones.filter(done_on__isnull=True)
    assert not_done.exists()
    assert not not_done.filter(task__isnull=True).exists()
    assert crowded.plan.document.doc_type.code == "ke-hoach"
    assert_complaints_teams_and_national_export(ward)
    # the month, quarter and year that ended are closed on the dashboards
    from egov.dashboards.models import Snapshot

    assert set(Snapshot.objects.values_list("kind", flat=True)) == {"month", "quarter", "year"}
    assert summary.counts["closed indicator periods"] == 3
    # the ward's public page (Decree 43/2011): functions, contacts, announcements and plans
    from egov.portal.models import UnitPost, UnitProfile

    ward_posts = UnitPost.objects.published().filter(unit__name="Phường Ba Đình")
    assert summary.counts["unit announcements"] == ward_posts.count() == 4
    assert UnitProfile.objects.get(unit__name="Phường Ba Đình").functions.startswith("<p>")
    assert_nothing_after(now)


@pytest.mark.django_db(transaction=False)
def test_the_three_level_demo_of_2020_on_request(demo_storage, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        summary = demo_load(dossiers=30, structure=THREE_LEVEL)
    now = timezone.now()

    assert summary.structure == THREE_LEVEL
    assert OrgUnit.objects.active().filter(kind="district").count() == 30
    statuses = set(Dossier.objects.values_list("status", flat=True))
    assert set(DossierStatus) - NOT_IN_DEMO <= statuses
    assert Dossier.objects.filter(procedure__code="HN-040", channel="direct").exists()
    assert Task.objects.filter(lead_unit__name="Quận Ba Đình").exists()
    assert audit_chain_verify().is_intact
    assert_nothing_after(now)
