"""Demo reporting data: the monthly socio-economic report of the communes (or districts) to
the city's Department of Finance, and the quarterly one-stop report to the city office, with
the last periods opened and the two demo units' reports in several states. Loaded by
``portal.demo.demo_load`` into an empty database; never meant for production.

The two demo units' reports go through the services as their heads would send them; the
sending times of earlier periods are then moved to the day they would have been sent (the
demo's history), so the completeness page shows reports on time, late and missing."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from egov.accounts.models import User
from egov.orgs.models import OrgUnit
from egov.reporting import rules, services
from egov.reporting.choices import Aggregation, DataType, DeadlineUnit, Frequency
from egov.reporting.models import Regime, Submission

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
    _I("07", "Lao động được tạo việc làm", "người", INT, SUM),
    _I("08", "Đánh giá chung", "", TXT, NONE, required=False),
]  # fmt: skip
ONESTOP = [
    _I("01", "Hồ sơ tiếp nhận trong kỳ", "hồ sơ", INT),
    _I("02", "Hồ sơ giải quyết đúng hạn", "hồ sơ", INT),
    _I("03", "Hồ sơ giải quyết quá hạn", "hồ sơ", INT),
    _I("04", "Tỷ lệ hồ sơ trực tuyến", "%", DEC, AVG),
    _I("05", "Văn bản xin lỗi", "văn bản", INT),
]  # fmt: skip


def _values(seed: int) -> dict[str, object]:
    return {
        "01": Decimal("7.1") + Decimal(seed) / 10,
        "02": Decimal("6.5") + Decimal(seed) / 10,
        "03": 120 + 7 * seed,
        "04": 2400 + 130 * seed,
        "05": 850 + 41 * seed,
        "06": 35 + seed,
        "07": 410 + 9 * seed,
        "08": "Kinh tế trên địa bàn tiếp tục phục hồi.",
    }


def _backdate(submission: Submission, day: datetime.date) -> None:
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    Submission.objects.filter(pk=submission.pk).update(
        first_submitted_at=moment, submitted_at=moment
    )


def reporting_demo_load(
    *,
    city: OrgUnit,
    reporter_kind: str,
    local: OrgUnit,
    other: OrgUnit,
    local_head: User,
    other_head: User,
    receiver: User,
    today: datetime.date | None = None,
) -> dict[str, int]:
    """The two regimes, three monthly periods and the last quarter opened; Ba Đình's reports
    sent on time and accepted, the last one returned; Hoàn Kiếm's sent late, the last one a
    draft; every other unit's missing. Returns the counts."""
    today = today or timezone.localdate()
    finance = OrgUnit.objects.active().filter(name="Sở Tài chính", parent=city).first()
    socio = services.regime_create(
        actor=None,
        indicators=SOCIO,
        code="kt-xh-thang",
        name="Báo cáo tình hình kinh tế - xã hội hằng tháng",
        legal_basis="Nghị định 09/2019/NĐ-CP; chế độ báo cáo của UBND Thành phố",
        outline="I. Tình hình kinh tế - xã hội; II. Nhiệm vụ, giải pháp tháng tới.",
        frequency=Frequency.MONTH,
        reporter_kind=reporter_kind,
        reporter_root=city,
        receiving_unit=finance or city,
        deadline_days=2,
        deadline_unit=DeadlineUnit.WORKING_DAYS,
    )
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
    month = rules.period_for(Frequency.MONTH, today)
    months = [month.previous().previous().previous(), month.previous().previous(), month.previous()]
    for period in months:
        services.period_open(actor=None, regime=socio, period=period)
    services.period_open(
        actor=None, regime=onestop, period=rules.period_for(Frequency.QUARTER, today).previous()
    )
    for n, period in enumerate(months):
        last = n == len(months) - 1
        mine = Submission.objects.get(regime=socio, unit=local, period_first=period.first)
        mine = services.submission_save(
            actor=local_head, submission=mine, values=_values(n), expected_version=None
        )
        mine = services.submission_submit(actor=local_head, submission=mine, expected_version=None)
        _backdate(mine, mine.due_on - datetime.timedelta(days=1))
        if last:
            services.submission_return(
                actor=receiver,
                submission=mine,
                reason="Số thu ngân sách chưa khớp với số của Kho bạc, đề nghị rà soát lại.",
                expected_version=None,
            )
        else:
            services.submission_accept(actor=receiver, submission=mine, expected_version=None)
        theirs = Submission.objects.get(regime=socio, unit=other, period_first=period.first)
        theirs = services.submission_save(
            actor=other_head, submission=theirs, values=_values(n + 3), expected_version=None
        )
        if not last:
            theirs = services.submission_submit(
                actor=other_head, submission=theirs, expected_version=None
            )
            _backdate(theirs, theirs.due_on + datetime.timedelta(days=3))
    return {
        "regimes": Regime.objects.count(),
        "reports": Submission.objects.count(),
    }
