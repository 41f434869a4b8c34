"""Demo reporting data: the monthly socio-economic report of the communes (or districts),
consolidated by the city's Department of Finance and sent on to the city (GRDP growth, IIP,
exports, retail sales, budget revenue, new businesses, jobs) and the quarterly one-stop report
to the city, whose indicators name the one-stop figures they are pre-filled from; a year of
history in every state. Loaded by ``portal.demo.demo_load`` into an empty database; never
meant for production.

The two demo units' last reports go through the services as their heads would send them; the
sending times are then moved to the day they would have been sent. The other units' history
is written in bulk (accepted on time or late, or never sent) to keep the demo load fast."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from egov.accounts.models import User
from egov.common.periods import Period
from egov.integration.services import national_reporting_connected
from egov.orgs.models import OrgUnit
from egov.reporting import rules, services
from egov.reporting.choices import (
    Aggregation,
    DataType,
    DeadlineUnit,
    Frequency,
    NationalSendingState,
    SubmissionStatus,
)
from egov.reporting.models import NationalSending, Regime, Submission, Value
from egov.reporting.services_correction import submission_correct
from egov.reporting.services_national import goes_national, national_message
from egov.reporting.services_sign import submission_sign
from egov.reporting.totals import totals_rebuild

_I = services.IndicatorIn
DEC, INT, TXT = DataType.DECIMAL, DataType.INTEGER, DataType.TEXT
AVG, SUM, NONE = Aggregation.AVERAGE, Aggregation.SUM, Aggregation.NONE
SOCIO = [
    _I("01", "Tăng trưởng GRDP so với cùng kỳ", "%", DEC, AVG),
    _I("02", "Chỉ số sản xuất công nghiệp (IIP)", "%", DEC, AVG),
    _I("03", "Kim ngạch xuất khẩu", "triệu USD", DEC, SUM),
    _I("04", "Tổng mức bán lẻ hàng hóa, doanh thu dịch vụ", "tỷ đồng", DEC, SUM),
    _I("05", "Thu ngân sách nhà nước trên địa bàn", "tỷ đồng", DEC, SUM),
    _I("06", "Doanh nghiệp thành lập mới", "doanh nghiệp", INT, SUM),
    _I("07", "Lao động được tạo việc làm", "người", INT, SUM, breakdown="Giới tính",
       options=("Nam", "Nữ")),
    _I("08", "Đánh giá chung", "", TXT, NONE, required=False),
]  # fmt: skip
ONESTOP = [
    _I("01", "Hồ sơ tiếp nhận trong kỳ", "hồ sơ", INT, source_figure="onestop.dossiers_received"),
    _I("02", "Hồ sơ đã giải quyết", "hồ sơ", INT, source_figure="onestop.dossiers_settled"),
    _I("03", "Hồ sơ giải quyết đúng hạn", "hồ sơ", INT,
       source_figure="onestop.dossiers_settled_on_time"),
    _I("04", "Hồ sơ tiếp nhận trực tuyến", "hồ sơ", INT,
       source_figure="onestop.dossiers_received_online"),
    _I("05", "Văn bản xin lỗi", "văn bản", INT),
]  # fmt: skip
# How the history of the other units goes, by (unit number + period number) % 20: mostly on
# time and accepted, some late, a few never sent.
LATE, MISSING = {3, 11}, {7}
_TEN = datetime.time(10)


def _values(seed: int) -> dict[str, object]:
    return {
        "01": Decimal("7.1") + Decimal(seed) / 10,
        "02": Decimal("6.5") + Decimal(seed) / 10,
        "03": 120 + 7 * seed,
        "04": 2400 + 130 * seed,
        "05": 850 + 41 * seed,
        "06": 35 + seed,
        "07": 410 + 9 * seed,
        "07.1": 220 + 5 * seed,  # by sex: the total is their sum
        "07.2": 190 + 4 * seed,
        "08": "Kinh tế trên địa bàn tiếp tục phục hồi.",
    }


def _backdate(submission: Submission, day: datetime.date) -> None:
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    Submission.objects.filter(pk=submission.pk).update(
        first_submitted_at=moment, submitted_at=moment
    )


def _onestop_values(seed: int) -> dict[str, object]:
    received = 180 + 13 * (seed % 9)
    settled = received - 12 - seed % 5
    return {
        "01": received,
        "02": settled,
        "03": settled - 3 - seed % 4,
        "04": received * 6 // 10,
        "05": seed % 3,
    }


def _history(
    regime: Regime,
    periods: list[Period],
    skip: set[int],
    values_of: object,
    today: datetime.date,
) -> None:
    """The other units' reports of past periods as they went: accepted on time, some late,
    a few never sent; written in bulk (history, not actions: no document per sending)."""
    indicators = {i.code: i for i in regime.indicators.all()}
    rows = list(
        Submission.objects.filter(
            regime=regime, level=0, period_first__in=[p.first for p in periods]
        ).exclude(unit_id__in=skip)
    )
    values, updates = [], []
    number_of = {p.first: n for n, p in enumerate(periods)}
    for submission in rows:
        n = number_of[submission.period_first]
        turn = (submission.unit_id + n) % 20
        if turn in MISSING or submission.due_on >= today:
            continue
        late = turn in LATE
        day = submission.due_on + datetime.timedelta(days=3 if late else -1)
        moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
        submission.status = SubmissionStatus.ACCEPTED
        submission.first_submitted_at = submission.submitted_at = moment
        submission.decided_at = moment + datetime.timedelta(days=1)
        submission.times_submitted = 1
        updates.append(submission)
        for code, raw in values_of(submission.unit_id % 7 + n).items():
            number, text = rules.value_parse(indicators[code].data_type, raw)
            values.append(
                Value(submission=submission, indicator=indicators[code], number=number, text=text)
            )
    Submission.objects.bulk_update(
        updates,
        ["status", "first_submitted_at", "submitted_at", "decided_at", "times_submitted"],
        batch_size=500,
    )
    Value.objects.bulk_create(values, batch_size=1000)


def _consolidated_history(regime: Regime, periods: list[Period], today: datetime.date) -> None:
    """The consolidating level's reports of past periods as they went: each indicator the
    consolidation of the accepted reports below (``computed_values``), sent the day before
    the deadline and accepted by the city; written in bulk like the units' history."""
    values, updates = [], []
    for submission in Submission.objects.filter(
        regime=regime, level__gt=0, period_first__in=[p.first for p in periods], due_on__lt=today
    ).select_related("regime"):
        moment = timezone.make_aware(
            datetime.datetime.combine(submission.due_on - datetime.timedelta(days=1), _TEN)
        )
        submission.status = SubmissionStatus.ACCEPTED
        submission.first_submitted_at = submission.submitted_at = moment
        submission.decided_at = moment + datetime.timedelta(days=1)
        submission.times_submitted = 1
        submission.consolidated_at = moment
        updates.append(submission)
        for indicator_id, (source, number) in services.computed_values(submission).items():
            if number is not None:
                values.append(
                    Value(
                        submission=submission,
                        indicator_id=indicator_id,
                        number=number,
                        source=source,
                        prefilled=number,
                    )
                )
    Submission.objects.bulk_update(
        updates,
        [
            "status",
            "first_submitted_at",
            "submitted_at",
            "decided_at",
            "times_submitted",
            "consolidated_at",
        ],
    )
    Value.objects.bulk_create(values, batch_size=1000)
    _national_history(updates)


def _national_history(accepted: list[Submission]) -> None:
    """The history's sendings to the national reporting system: each acknowledged the day
    it was accepted, but the latest, which the system refused (its reason shown, the city may
    send it again). Nothing when no national connector is configured, as live."""
    if not national_reporting_connected():
        return
    accepted = sorted(
        (s for s in accepted if goes_national(s)), key=lambda s: (s.period_first, s.unit_id)
    )
    rows = []
    for n, submission in enumerate(accepted, 1):
        refused = n == len(accepted)
        rows.append(
            NationalSending(
                submission=submission,
                message=national_message(submission),
                idempotency_key=f"demo-{submission.pk}",
                state=NationalSendingState.FAILED if refused else NationalSendingState.ACKNOWLEDGED,
                attempts=1,
                receipt="" if refused else f"TN-DEMO-{n:04d}",
                last_error=(
                    "Hệ thống thông tin báo cáo quốc gia từ chối báo cáo: "
                    "Thiếu số, ký hiệu văn bản báo cáo đã ký số"
                    if refused
                    else ""
                ),
                acknowledged_at=None if refused else submission.decided_at,
            )
        )
    NationalSending.objects.bulk_create(rows)


def _months(today: datetime.date, count: int) -> list[Period]:
    """The ``count`` months before the current one, oldest first."""
    period = rules.period_for(Frequency.MONTH, today)
    months = []
    for _ in range(count):
        period = period.previous()
        months.insert(0, period)
    return months


@dataclass(frozen=True)
class DemoCast:
    """Who acts in the reporting demo: the heads of the two story units, the specialist of
    the department consolidating their reports, the city office deciding on the department's."""

    local: OrgUnit
    other: OrgUnit
    local_head: User
    other_head: User
    consolidator: User
    receiver: User


def _socio_regime(city: OrgUnit, reporter_kind: str, consolidating_unit: OrgUnit) -> Regime:
    """The monthly socio-economic report: the communes (or districts) report to the
    Department of Finance, which consolidates them for the city (a three-level chain on two
    levels of government; ADR 0022)."""
    return services.regime_create(
        actor=None,
        indicators=SOCIO,
        levels=[services.LevelIn(consolidating_unit.kind, 4, unit=consolidating_unit)],
        code="kt-xh-thang",
        name="Báo cáo tình hình kinh tế - xã hội hằng tháng",
        legal_basis="Nghị định 09/2019/NĐ-CP; chế độ báo cáo của UBND Thành phố",
        outline="I. Tình hình kinh tế - xã hội; II. Nhiệm vụ, giải pháp tháng tới.",
        frequency=Frequency.MONTH,
        reporter_kind=reporter_kind,
        reporter_root=city,
        receiving_unit=city,
        deadline_days=2,
        deadline_unit=DeadlineUnit.WORKING_DAYS,
    )


def _story_month(socio: Regime, cast: DemoCast, period: Period, n: int, *, last: bool) -> None:
    """One of the last three months told through the services: Ba Đình sends on time, its
    chairman signs, the department accepts (the last month: returns); Hoàn Kiếm sends late
    (the last month: a draft). The department consolidates what it accepted and sends it on,
    the city accepts (the last month: consolidated, not sent yet)."""
    mine = Submission.objects.get(regime=socio, unit=cast.local, period_first=period.first)
    mine = services.submission_save(
        actor=cast.local_head, submission=mine, values=_values(n), expected_version=None
    )
    mine = services.submission_submit(actor=cast.local_head, submission=mine, expected_version=None)
    _backdate(mine, mine.due_on - datetime.timedelta(days=1))
    mine = submission_sign(actor=cast.local_head, submission=mine, expected_version=None)
    if last:
        services.submission_return(
            actor=cast.consolidator,
            submission=mine,
            reason="Số thu ngân sách chưa khớp với số của Kho bạc, đề nghị rà soát lại.",
            expected_version=None,
        )
    else:
        services.submission_accept(actor=cast.consolidator, submission=mine, expected_version=None)
    theirs = Submission.objects.get(regime=socio, unit=cast.other, period_first=period.first)
    theirs = services.submission_save(
        actor=cast.other_head, submission=theirs, values=_values(n + 3), expected_version=None
    )
    if not last:
        theirs = services.submission_submit(
            actor=cast.other_head, submission=theirs, expected_version=None
        )
        _backdate(theirs, theirs.due_on + datetime.timedelta(days=3))
    own = Submission.objects.get(regime=socio, level=1, period_first=period.first)
    if all(number is None for _source, number in services.computed_values(own).values()):
        return  # nothing accepted below yet
    own = services.submission_prefill(
        actor=cast.consolidator, submission=own, expected_version=None
    )
    if not last:
        own = services.submission_submit(
            actor=cast.consolidator, submission=own, expected_version=None
        )
        _backdate(own, own.due_on - datetime.timedelta(days=1))
        services.submission_accept(actor=cast.receiver, submission=own, expected_version=None)


CORRECTION_REASON = (
    "Cục Thống kê thành phố điều chỉnh số liệu kim ngạch xuất khẩu tháng; đề nghị cập nhật."
)


def _story_correction(socio: Regime, cast: DemoCast) -> None:
    """A department report of the history corrected after acceptance: the latest one the
    national system took (else the latest accepted) is reopened by the department, its exports
    figure changed with a note, sent and accepted again by the city: the accepted version is
    kept, and the city's report goes to the national system as a correction (the worker sends
    it on the first run)."""
    reports = Submission.objects.filter(regime=socio, level=1, status=SubmissionStatus.ACCEPTED)
    taken = reports.filter(national_sendings__state=NationalSendingState.ACKNOWLEDGED)
    report = (taken if taken.exists() else reports).order_by("-period_first").first()
    if report is None:
        return
    report = submission_correct(
        actor=cast.consolidator,
        submission=report,
        reason=CORRECTION_REASON,
        expected_version=None,
    )
    values: dict[str, object] = {
        v.indicator.code: v.text or v.number for v in report.values.select_related("indicator")
    }
    values["03"] = Decimal(str(values["03"])) + 5
    report = services.submission_save(
        actor=cast.consolidator,
        submission=report,
        values=values,
        narrative=report.narrative,
        notes={"03": CORRECTION_REASON},
        expected_version=None,
    )
    report = services.submission_submit(
        actor=cast.consolidator, submission=report, expected_version=None
    )
    services.submission_accept(actor=cast.receiver, submission=report, expected_version=None)


def reporting_demo_load(
    *,
    city: OrgUnit,
    reporter_kind: str,
    consolidating_unit: OrgUnit,
    cast: DemoCast,
    today: datetime.date | None = None,
) -> dict[str, int]:
    """The two regimes with a year of history: twelve past months and the current one of the
    socio-economic report (the units → ``consolidating_unit`` → the city), four past quarters
    and the current one of the one-stop report (the units → the city). The other units'
    history is accepted on time, late or missing, the department's consolidated from it;
    the last three months go through the services (``_story_month``), and one of the
    department's accepted reports is corrected (``_story_correction``); the current periods
    are not started (Ba Đình's one-stop report pre-filled from the one-stop figures when
    onestop registers them)."""
    today = today or timezone.localdate()
    socio = _socio_regime(city, reporter_kind, consolidating_unit)
    onestop = services.regime_create(
        actor=None,
        indicators=ONESTOP,
        code="mot-cua-quy",
        name="Báo cáo tình hình thực hiện cơ chế một cửa, một cửa liên thông hằng quý",
        legal_basis="Nghị định 61/2018/NĐ-CP; Thông tư 01/2018/TT-VPCP điều 11",
        frequency=Frequency.QUARTER,
        reporter_kind=reporter_kind,
        reporter_root=city,
        receiving_unit=city,
        deadline_days=5,
        deadline_unit=DeadlineUnit.WORKING_DAYS,
    )
    months = _months(today, 12)
    for period in [*months, rules.period_for(Frequency.MONTH, today)]:
        services.period_open(actor=None, regime=socio, period=period)
    quarter = rules.period_for(Frequency.QUARTER, today)
    quarters = [quarter.previous()]
    for _ in range(3):
        quarters.insert(0, quarters[0].previous())
    for period in [*quarters, quarter]:
        services.period_open(actor=None, regime=onestop, period=period)
    _history(socio, months[:-3], set(), _values, today)
    _consolidated_history(socio, months[:-3], today)
    _history(socio, months[-3:], {cast.local.pk, cast.other.pk}, _values, today)
    _history(onestop, quarters, set(), _onestop_values, today)
    for n, period in enumerate(months[-3:]):
        _story_month(socio, cast, period, n, last=n == 2)
    _story_correction(socio, cast)
    totals_rebuild(regime_ids=[socio.pk, onestop.pk])  # the history was written in bulk
    current = Submission.objects.get(regime=onestop, unit=cast.local, period_first=quarter.first)
    if any(v[1] is not None for v in services.computed_values(current).values()):
        services.submission_prefill(
            actor=cast.local_head, submission=current, expected_version=None
        )
    return {
        "regimes": Regime.objects.count(),
        "reports": Submission.objects.count(),
    }
