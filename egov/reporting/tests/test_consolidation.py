"""The chain commune → district → city as data: each district consolidates the accepted
reports of its communes into its own report (pre-filled by each indicator's rule, changed
only with a note), sends it to the city, and the city sees both levels; values pre-filled
from the platform's figures (the registry), "no source" when no app gives the figure."""

from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import make_officer
from egov.common import figures
from egov.common.exceptions import PermissionDenied
from egov.reporting import selectors, services
from egov.reporting.choices import DataType, Frequency
from egov.reporting.models import Submission
from egov.reporting.services import ReportError
from egov.reporting.tests.conftest import INDICATORS, MAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain(world):
    regime = services.regime_create(
        actor=None,
        indicators=INDICATORS,
        levels=[services.LevelIn("district", 4)],
        code="kt-xh-chain",
        name="Báo cáo kinh tế - xã hội tháng (3 cấp)",
        legal_basis="Nghị định 09/2019/NĐ-CP",
        frequency=Frequency.MONTH,
        reporter_kind="commune",
        reporter_root=world.city,
        receiving_unit=world.dept,
        deadline_days=2,
    )
    services.period_open(actor=None, regime=regime, period=MAY)
    return regime


def _get(regime, unit) -> Submission:
    return Submission.objects.select_related("regime", "unit", "receiver").get(
        regime=regime, unit=unit, period_first=MAY.first
    )


def _do(fn, submission: Submission, user, **kw) -> Submission:
    submission.refresh_from_db()
    return fn(actor=user, submission=submission, expected_version=submission.version, **kw)


def test_chain_is_data_each_level_addressed_to_the_one_above(world, chain) -> None:
    commune_a, district_a = _get(chain, world.commune_a), _get(chain, world.district_a)
    assert (commune_a.level, commune_a.receiver) == (0, world.district_a)
    assert (_get(chain, world.commune_b).receiver, district_a.level) == (world.district_b, 1)
    assert district_a.receiver == world.dept
    assert district_a.due_on > commune_a.due_on  # 4 working days against 2
    assert services.period_open(actor=None, regime=chain, period=MAY) == 0


def test_a_chain_level_repeating_a_kind_is_refused(world) -> None:
    with pytest.raises(ReportError):
        services.regime_create(
            actor=None,
            indicators=INDICATORS,
            levels=[services.LevelIn("commune", 4)],
            code="bad",
            name="x",
            legal_basis="x",
            frequency="month",
            reporter_kind="commune",
            reporter_root=world.city,
            receiving_unit=world.dept,
            deadline_days=2,
        )


def test_district_consolidates_accepted_reports_changes_with_a_note_and_city_sees(
    world, chain, clock
) -> None:
    commune = make_officer("cv.phucxa@example.vn", world.commune_a, "specialist")
    district = make_officer("cv.badinh@example.vn", world.district_a, "specialist")
    city = make_officer("cv.stc@example.vn", world.dept, "specialist")
    report = _get(chain, world.commune_a)
    values = {"01": "100", "02": "7", "03": "12"}
    _do(services.submission_save, report, commune, values=values)
    _do(services.submission_submit, report, commune)
    with pytest.raises(PermissionDenied):  # the city is not the commune's receiver
        _do(services.submission_accept, report, city)
    own = _get(chain, world.district_a)
    with pytest.raises(ReportError):  # nothing accepted below yet
        _do(services.submission_prefill, own, district)
    _do(services.submission_accept, report, district)
    own = _do(services.submission_prefill, own, district)
    page = selectors.submission_page(district, own)
    by_code = {row.indicator.code: row for row in page.rows}
    assert by_code["01"].number == Decimal("100") and by_code["01"].source == "consolidated"
    assert [c.unit for c in page.children] == [world.commune_a]
    with pytest.raises(ReportError) as refused:
        _do(services.submission_save, own, district, values={"01": "110", "02": "7", "03": "12"})
    assert "note_01" in refused.value.fields
    own = _do(
        services.submission_save,
        own,
        district,
        values={"01": "110", "02": "7", "03": "12"},
        notes={"01": "Bổ sung số thu của quận"},
    )
    assert own.values.get(indicator__code="01").note == "Bổ sung số thu của quận"
    _do(services.submission_submit, own, district)
    _do(services.submission_accept, own, city)
    within = selectors.submissions_for_user(city)
    top = selectors.completeness(chain, MAY.first, level=1, within=within)
    assert [s.unit_id for s in top.on_time] == [world.district_a.pk]
    assert [s.unit_id for s in top.missing] == [world.district_b.pk]
    communes = selectors.completeness(chain, MAY.first, level=0, within=within)
    assert [s.unit_id for s in communes.missing] == [world.commune_b.pk]  # named to the city
    rolled = {r.indicator.code: r.value for r in selectors.rollup(chain, MAY.first, level=1)}
    assert rolled["01"] == Decimal("110")
    assert chain in selectors.regimes_for_user(district)


def test_values_prefilled_from_the_figures_registry_or_no_source(world, monkeypatch, clock) -> None:
    calls = []

    def received(*, first, last, unit_ids):
        calls.append((first, last, tuple(unit_ids)))
        return {world.commune_a.pk: 42}

    monkeypatch.setitem(
        figures._registry,
        "onestop.dossiers_received",
        figures.Figure("onestop.dossiers_received", "x", "x", figures.Measure.COUNT, received),
    )
    regime = services.regime_create(
        actor=None,
        indicators=[
            services.IndicatorIn(
                "01",
                "Hồ sơ tiếp nhận",
                "hồ sơ",
                DataType.INTEGER,
                source_figure="onestop.dossiers_received",
            ),
            services.IndicatorIn(
                "02",
                "Văn bản xin lỗi",
                "văn bản",
                DataType.INTEGER,
                source_figure="onestop.apologies_unknown",
            ),
        ],
        code="mot-cua",
        name="Báo cáo một cửa quý",
        legal_basis="Thông tư 01/2018/TT-VPCP",
        frequency=Frequency.QUARTER,
        reporter_kind="commune",
        reporter_root=world.city,
        receiving_unit=world.dept,
        deadline_days=5,
    )
    quarter = services.rules.period_for("quarter", MAY.first)
    services.period_open(actor=None, regime=regime, period=quarter)
    officer = make_officer("cv.phucxa@example.vn", world.commune_a, "specialist")
    report = Submission.objects.get(regime=regime, unit=world.commune_a)
    page = selectors.submission_page(officer, report)
    assert page.may_prefill
    assert [row.no_source for row in page.rows] == [False, True]
    _do(services.submission_prefill, report, officer)
    assert calls == [(report.cutoff_first, report.cutoff_last, (world.commune_a.pk,))]
    value = report.values.get(indicator__code="01")
    assert (value.number, value.source, value.prefilled) == (42, "figure", 42)
    assert not report.values.filter(indicator__code="02").exists()


@pytest.fixture
def department_chain(world):
    """Two levels of government, three of reporting: the communes send to a department that
    consolidates them (a named unit, outside their subtree) and sends on to the city."""
    regime = services.regime_create(
        actor=None,
        indicators=INDICATORS,
        levels=[services.LevelIn("department", 3, unit=world.dept)],
        code="kt-xh-so",
        name="Báo cáo kinh tế - xã hội tháng (qua Sở)",
        legal_basis="Nghị định 09/2019/NĐ-CP",
        frequency=Frequency.MONTH,
        reporter_kind="commune",
        reporter_root=world.city,
        receiving_unit=world.city,
        deadline_days=2,
    )
    services.period_open(actor=None, regime=regime, period=MAY)
    return regime


def test_a_named_department_consolidates_every_commune_and_sends_to_the_city(
    world, department_chain, clock
) -> None:
    regime = department_chain
    assert {(s.unit, s.level, s.receiver) for s in Submission.objects.filter(regime=regime)} == {
        (world.commune_a, 0, world.dept),
        (world.commune_b, 0, world.dept),
        (world.dept, 1, world.city),
    }
    assert [tier.kind_label for tier in services.regime_chain(regime)][1] == world.dept.name
    commune_a = make_officer("cv.phucxa@example.vn", world.commune_a, "specialist")
    commune_b = make_officer("cv.hangtrong@example.vn", world.commune_b, "specialist")
    department = make_officer("cv.stc@example.vn", world.dept, "specialist")
    city = make_officer("cv.vp@example.vn", world.city, "unit_head", subtree=True)
    for user, unit, revenue in (
        (commune_a, world.commune_a, "100"),
        (commune_b, world.commune_b, "50"),
    ):
        report = _get(regime, unit)
        _do(services.submission_save, report, user, values={"01": revenue, "02": "7", "03": "3"})
        _do(services.submission_submit, report, user)
        _do(services.submission_accept, report, department)
    own = _do(services.submission_prefill, _get(regime, world.dept), department)
    assert own.values.get(indicator__code="01").number == Decimal("150")
    assert [c.unit for c in selectors.submission_page(department, own).children] == [
        world.commune_a,
        world.commune_b,
    ]
    _do(services.submission_submit, own, department)
    _do(services.submission_accept, own, city)
    rolled = {r.indicator.code: r.value for r in selectors.rollup(regime, MAY.first, level=1)}
    assert rolled["01"] == Decimal("150") and rolled["03"] == Decimal("6")


def test_a_named_unit_of_another_kind_than_its_level_is_refused(world) -> None:
    with pytest.raises(ReportError):
        services.regime_create(
            actor=None,
            indicators=INDICATORS,
            levels=[services.LevelIn("district", 3, unit=world.dept)],
            code="bad-named",
            name="x",
            legal_basis="x",
            frequency="month",
            reporter_kind="commune",
            reporter_root=world.city,
            receiving_unit=world.city,
            deadline_days=2,
        )
