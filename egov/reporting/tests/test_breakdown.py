"""Disaggregation: an indicator broken down by one dimension (DHIS2's category combination,
kept to one category) has a row per option; the options are entered, the total checked
against (or filled from) their sum, and each option consolidated up the chain."""

from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import make_officer
from egov.reporting import editing, rules, selectors, services
from egov.reporting.choices import Aggregation, DataType, Frequency
from egov.reporting.models import Indicator, Submission
from egov.reporting.services import ReportError
from egov.reporting.tests.conftest import MAY

JOBS = services.IndicatorIn(
    "01",
    "Lao động được tạo việc làm",
    "người",
    DataType.INTEGER,
    Aggregation.SUM,
    breakdown="Giới tính",
    options=("Nam", "Nữ"),
)
RATE = services.IndicatorIn(
    "02", "Tỷ lệ hộ nghèo", "%", DataType.DECIMAL, Aggregation.AVERAGE,
    breakdown="Khu vực", options=("Thành thị", "Nông thôn"),
)  # fmt: skip


def test_the_total_is_filled_from_its_options_or_checked_against_them() -> None:
    two, three = Decimal(2), Decimal(3)
    assert rules.breakdown_total(Aggregation.SUM, None, [two, three]) == Decimal(5)
    assert rules.breakdown_total(Aggregation.SUM, Decimal(5), [two, three]) == Decimal(5)
    with pytest.raises(ValueError, match="5"):
        rules.breakdown_total(Aggregation.SUM, Decimal(6), [two, three])
    assert rules.breakdown_total(Aggregation.SUM, Decimal(6), [two, None]) == Decimal(6)
    assert rules.breakdown_total(Aggregation.SUM, None, [two, None]) is None
    assert rules.breakdown_total(Aggregation.AVERAGE, Decimal(9), [two, three]) == Decimal(9)


@pytest.fixture
def chain(world):
    regime = services.regime_create(
        actor=None,
        indicators=[JOBS, RATE],
        levels=[services.LevelIn("district", 4)],
        code="lao-dong",
        name="Báo cáo lao động, việc làm tháng",
        legal_basis="Nghị định 09/2019/NĐ-CP",
        frequency=Frequency.MONTH,
        reporter_kind="commune",
        reporter_root=world.city,
        receiving_unit=world.dept,
        deadline_days=2,
    )
    services.period_open(actor=None, regime=regime, period=MAY)
    return regime


def _save(submission: Submission, user, values: dict[str, str]) -> Submission:
    submission.refresh_from_db()
    return services.submission_save(
        actor=user, submission=submission, values=values, expected_version=submission.version
    )


def _numbers(submission: Submission) -> dict[str, Decimal | None]:
    return dict(submission.values.values_list("indicator__code", "number"))


@pytest.mark.django_db
def test_a_breakdown_is_a_row_per_option_after_its_total(chain) -> None:
    rows = list(chain.indicators.values_list("order", "code", "option", "parent__code"))
    assert rows == [
        (1, "01", "", None),
        (2, "01.1", "Nam", "01"),
        (3, "01.2", "Nữ", "01"),
        (4, "02", "", None),
        (5, "02.1", "Thành thị", "02"),
        (6, "02.2", "Nông thôn", "02"),
    ]
    assert Indicator.objects.get(regime=chain, code="01").breakdown == "Giới tính"


@pytest.mark.django_db
def test_a_breakdown_without_options_is_refused(world) -> None:
    with pytest.raises(ReportError):
        services.regime_create(
            actor=None,
            indicators=[services.IndicatorIn("01", "Lao động", breakdown="Giới tính")],
            code="bad",
            name="x",
            legal_basis="x",
            frequency="month",
            reporter_kind="commune",
            reporter_root=world.city,
            receiving_unit=world.dept,
            deadline_days=2,
        )


@pytest.mark.django_db
def test_options_entered_total_filled_a_wrong_total_named_and_nothing_saved(
    world, chain, clock
) -> None:
    filler = make_officer("cv.phucxa@example.vn", world.commune_a, "specialist")
    report = Submission.objects.get(regime=chain, unit=world.commune_a)

    with pytest.raises(ReportError) as refused:
        _save(report, filler, {"01": "130", "01.1": "70", "01.2": "50"})
    assert list(refused.value.fields) == ["value_01"]
    assert "120" in refused.value.fields["value_01"]
    assert not report.values.exists()

    saved = _save(report, filler, {"01.1": "70", "01.2": "50", "02": "3,5"})
    assert _numbers(saved) == {
        "01": Decimal(120),
        "01.1": Decimal(70),
        "01.2": Decimal(50),
        "02": Decimal("3.5"),  # an average: not its options' sum, not filled from them
        "02.1": None,
        "02.2": None,
    }


@pytest.mark.django_db
def test_each_option_is_consolidated_up_the_chain(world, chain, clock) -> None:
    district = make_officer("cv.badinh@example.vn", world.district_a, "specialist")
    filler = make_officer("cv.phucxa@example.vn", world.commune_a, "specialist")
    report = Submission.objects.get(regime=chain, unit=world.commune_a)
    values = {"01.1": "70", "01.2": "50", "02.1": "2", "02.2": "4", "02": "3"}
    sent = services.submission_submit(
        actor=filler, submission=_save(report, filler, values), expected_version=None
    )
    services.submission_accept(actor=district, submission=sent, expected_version=None)
    own = Submission.objects.get(regime=chain, unit=world.district_a)
    own = services.submission_prefill(actor=district, submission=own, expected_version=None)

    assert _numbers(own)["01.1"] == Decimal(70) and _numbers(own)["01"] == Decimal(120)
    rolled = {r.indicator.code: r.value for r in selectors.rollup(chain, MAY.first)}
    assert rolled == {
        "01": Decimal(120),
        "01.1": Decimal(70),
        "01.2": Decimal(50),
        "02": Decimal(3),
        "02.1": Decimal(2),
        "02.2": Decimal(4),
    }


@pytest.mark.django_db
def test_a_new_version_keeps_the_breakdown(world, chain) -> None:
    editor = make_officer("cv.stc@example.vn", world.dept, "specialist")
    draft = editing.regime_revise(actor=editor, regime=chain)
    rows = list(draft.indicators.values_list("code", "option", "parent__code"))
    assert rows[:3] == [("01", "", None), ("01.1", "Nam", "01"), ("01.2", "Nữ", "01")]
    assert draft.indicators.get(code="01").breakdown == "Giới tính"
