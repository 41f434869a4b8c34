"""A commune's accepted report reopened for correction: every consolidated report above it
that used its numbers (the district's, then the department's) is marked "the figures below
changed" — audited, on their pages and in the completeness table — until its unit
consolidates again through the one roll-up; a corrected report accepted again marks them
again; a consolidation that never used the report is left alone."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from conftest import make_officer
from egov.audit.models import AuditEvent
from egov.common.exceptions import PermissionDenied
from egov.orgs.services import orgunit_create
from egov.reporting import selectors, services
from egov.reporting.choices import Frequency, SubmissionStatus
from egov.reporting.models import Submission
from egov.reporting.services import ReportError
from egov.reporting.services_correction import submission_correct, submission_reconsolidate
from egov.reporting.tests.conftest import INDICATORS, MAY

pytestmark = pytest.mark.django_db
REASON = "Số thu ngân sách điều chỉnh theo số liệu của Kho bạc."
MARKED = "reporting.submission_marked_stale"


class Chain:
    """Communes → their district → the department (named) → the city; one officer each."""

    def __init__(self, world) -> None:
        self.world = world
        self.commune_c = orgunit_create(
            actor=None, name="Phường Trúc Bạch", kind="commune", parent=world.district_a
        )
        self.regime = services.regime_create(
            actor=None,
            indicators=INDICATORS,
            levels=[
                services.LevelIn("district", 4),
                services.LevelIn("department", 6, unit=world.dept),
            ],
            code="kt-xh-4-cap",
            name="Báo cáo kinh tế - xã hội tháng (qua quận và Sở)",
            legal_basis="Nghị định 09/2019/NĐ-CP",
            frequency=Frequency.MONTH,
            reporter_kind="commune",
            reporter_root=world.city,
            receiving_unit=world.city,
            deadline_days=2,
        )
        services.period_open(actor=None, regime=self.regime, period=MAY)
        officer = make_officer
        self.commune_a_officer = officer("cv.phucxa@example.vn", world.commune_a, "specialist")
        self.commune_c_officer = officer("cv.trucbach@example.vn", self.commune_c, "specialist")
        self.district = make_officer("cv.badinh@example.vn", world.district_a, "specialist")
        self.department = make_officer("cv.stc@example.vn", world.dept, "specialist")
        self.city = make_officer("cv.vp@example.vn", world.city, "unit_head", subtree=True)

    def get(self, unit) -> Submission:
        return Submission.objects.select_related("regime", "unit", "receiver").get(
            regime=self.regime, unit=unit, period_first=MAY.first
        )

    def do(self, fn, unit, user, **kw) -> Submission:
        report = self.get(unit)
        return fn(actor=user, submission=report, expected_version=report.version, **kw)

    def send(self, unit, user, revenue: str) -> None:
        values = {"01": revenue, "02": "7", "03": "3"}
        self.do(services.submission_save, unit, user, values=values)
        self.do(services.submission_submit, unit, user)

    def consolidate_and_send(self, unit, user, decider) -> None:
        self.do(services.submission_prefill, unit, user)
        self.do(services.submission_submit, unit, user)
        self.do(services.submission_accept, unit, decider)

    def number(self, unit, code: str = "01") -> Decimal | None:
        return self.get(unit).values.get(indicator__code=code).number


@pytest.fixture
def chain(world) -> Chain:
    """Both communes of Ba Đình accepted, the district and the department consolidated, sent
    and accepted: 100 + 40 = 140 at each level above."""
    chain = Chain(world)
    chain.send(world.commune_a, chain.commune_a_officer, "100")
    chain.send(chain.commune_c, chain.commune_c_officer, "40")
    chain.do(services.submission_accept, world.commune_a, chain.district)
    chain.do(services.submission_accept, chain.commune_c, chain.district)
    chain.consolidate_and_send(world.district_a, chain.district, chain.department)
    chain.consolidate_and_send(world.dept, chain.department, chain.city)
    assert chain.number(world.dept) == Decimal("140")
    return chain


def test_a_reopened_commune_marks_each_consolidation_above_that_used_it(world, chain) -> None:
    commune = chain.get(world.commune_a)
    chain.do(submission_correct, world.commune_a, chain.commune_a_officer, reason=REASON)

    district, department = chain.get(world.district_a), chain.get(world.dept)
    for marked in (district, department):
        assert marked.stale_since is not None and marked.stale_because_id == commune.pk
        assert marked.status == SubmissionStatus.ACCEPTED  # nothing else of theirs changed
    assert chain.get(world.district_b).stale_since is None  # never used Phúc Xá's numbers
    assert chain.get(world.commune_a).stale_since is None
    events = AuditEvent.objects.filter(action=MARKED).order_by("pk")
    assert [e.object_id for e in events] == [str(district.pk), str(department.pk)]
    assert events[0].changes["because_unit"] == world.commune_a.name


def test_pages_and_the_city_table_show_the_mark(world, chain, client) -> None:
    chain.do(submission_correct, world.commune_a, chain.commune_a_officer, reason=REASON)
    district = chain.get(world.district_a)

    client.force_login(chain.district)
    page = client.get(reverse("reporting:submission-detail", args=[district.pk])).content.decode()
    assert 'id="stale-flag"' in page and "Số liệu cấp dưới đã thay đổi" in page
    assert world.commune_a.name in page
    assert reverse("reporting:submission-reconsolidate", args=[district.pk]) in page
    inbox = client.get(reverse("reporting:inbox")).content.decode()
    assert inbox.count("Số liệu cấp dưới đã thay đổi") == 1  # the district's own report

    client.force_login(chain.department)  # it receives the report: sees the mark, no button
    page = client.get(reverse("reporting:submission-detail", args=[district.pk])).content.decode()
    assert 'id="stale-flag"' in page
    assert reverse("reporting:submission-reconsolidate", args=[district.pk]) not in page
    client.force_login(chain.city)
    url = reverse("reporting:regime-completeness", args=[chain.regime.pk])
    table = client.get(url, {"period": MAY.first.isoformat(), "level": 1}).content.decode()
    assert 'id="stale-units"' in table
    assert table.count("Số liệu cấp dưới đã thay đổi") == 2  # the note, the badge in the list
    top = client.get(url, {"period": MAY.first.isoformat(), "level": 2}).content.decode()
    assert 'id="stale-units"' in top and world.dept.name in top


def test_consolidating_again_clears_the_mark_and_the_correction_flows_up(world, chain) -> None:
    commune, district_unit = world.commune_a, world.district_a
    chain.do(submission_correct, commune, chain.commune_a_officer, reason=REASON)

    # the district consolidates again: its accepted report reopened, the roll-up redone
    again = chain.do(submission_reconsolidate, district_unit, chain.district)
    assert (again.status, again.stale_since) == (SubmissionStatus.DRAFT, None)
    assert chain.number(district_unit) == Decimal("40")  # Phúc Xá is being corrected
    assert again.versions.count() == 1  # the accepted version is kept
    department = chain.get(world.dept)
    assert department.stale_since is not None  # still marked: the district changed too

    # the corrected report accepted again marks the district's new consolidation
    chain.send(commune, chain.commune_a_officer, "130")
    chain.do(services.submission_accept, commune, chain.district)
    district = chain.get(district_unit)
    assert district.stale_since is not None
    assert district.stale_because_id == chain.get(commune).pk

    # consolidated again (a draft: the roll-up alone), sent and accepted; then the department
    chain.do(submission_reconsolidate, district_unit, chain.district)
    assert chain.number(district_unit) == Decimal("170")
    chain.do(services.submission_submit, district_unit, chain.district)
    chain.do(services.submission_accept, district_unit, chain.department)
    chain.do(submission_reconsolidate, world.dept, chain.department)
    assert chain.number(world.dept) == Decimal("170")
    assert chain.get(world.dept).stale_since is None
    assert not Submission.objects.filter(regime=chain.regime, stale_since__isnull=False).exists()
    prefilled = AuditEvent.objects.filter(
        action="reporting.submission_prefilled", object_id=str(chain.get(world.dept).pk)
    ).latest("pk")
    assert prefilled.changes["stale_since"][1] is None  # the clearing is in the audit trail


def test_a_consolidation_made_before_the_acceptance_is_not_marked(world) -> None:
    chain = Chain(world)
    chain.send(world.commune_a, chain.commune_a_officer, "100")
    chain.send(chain.commune_c, chain.commune_c_officer, "40")
    chain.do(services.submission_accept, chain.commune_c, chain.district)
    chain.do(services.submission_prefill, world.district_a, chain.district)  # without Phúc Xá
    chain.do(services.submission_accept, world.commune_a, chain.district)
    chain.do(submission_correct, world.commune_a, chain.commune_a_officer, reason=REASON)
    assert chain.get(world.district_a).stale_since is None
    assert not AuditEvent.objects.filter(action=MARKED).exists()


def test_consolidating_again_is_for_the_consolidating_unit_and_a_report_not_waiting(
    world, chain
) -> None:
    chain.do(submission_correct, world.commune_a, chain.commune_a_officer, reason=REASON)
    with pytest.raises(PermissionDenied):  # the department decides on it, never consolidates it
        chain.do(submission_reconsolidate, world.district_a, chain.department)
    with pytest.raises(ReportError):  # a reporting unit's report consolidates nothing
        chain.do(submission_reconsolidate, world.commune_a, chain.commune_a_officer)
    chain.do(submission_reconsolidate, world.district_a, chain.district)
    chain.do(services.submission_submit, world.district_a, chain.district)
    chain.send(world.commune_a, chain.commune_a_officer, "130")  # corrected, accepted again:
    chain.do(services.submission_accept, world.commune_a, chain.district)  # marks the district
    assert chain.get(world.district_a).stale_since is not None
    with pytest.raises(ReportError) as refused:  # waiting for the department's decision
        chain.do(submission_reconsolidate, world.district_a, chain.district)
    assert "trả lại" in refused.value.message
    page = selectors.submission_page(chain.district, chain.get(world.district_a))
    assert not page.may_reconsolidate


def test_the_reconsolidate_route(world, chain, client) -> None:
    chain.do(submission_correct, world.commune_a, chain.commune_a_officer, reason=REASON)
    district = chain.get(world.district_a)
    url = reverse("reporting:submission-reconsolidate", args=[district.pk])
    client.force_login(chain.district)
    assert client.post(url, {}).status_code == 400
    stale = client.post(url, {"expected_version": district.version - 1})
    assert stale.status_code == 409
    done = client.post(url, {"expected_version": district.version})
    assert done.status_code == 302
    assert chain.get(world.district_a).stale_since is None
