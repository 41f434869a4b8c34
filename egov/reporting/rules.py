"""Pure rules of periodic reporting: the cut-off window and due date of a period, what a
typed value means for an indicator, how a report counts for completeness, the transitions of a
report, and the roll-up of values (no ORM)."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from egov.common.periods import Period, add_months, period_of
from egov.common.transitions import Transition, TransitionTable
from egov.reporting.choices import Aggregation, DataType, DeadlineUnit, SubmissionStatus

S = SubmissionStatus
SUBMISSION_TRANSITIONS = TransitionTable(
    Transition("save", [S.NOT_STARTED, S.DRAFT, S.RETURNED], S.DRAFT),
    Transition("submit", [S.NOT_STARTED, S.DRAFT, S.RETURNED], S.SUBMITTED),
    Transition("accept", [S.SUBMITTED], S.ACCEPTED),
    Transition("return", [S.SUBMITTED], S.RETURNED),
    # A correction after acceptance (Decree 09/2019 art. 12: a report is corrected by a new
    # sending): the accepted version is kept, the report goes back to be corrected and sent.
    Transition("correct", [S.ACCEPTED], S.RETURNED),
    label=lambda state: str(SubmissionStatus(state).label),
    message=gettext_lazy("This is not possible while the report is %(status)s."),
)
# The states in which the reporting unit may change the values.
EDITABLE = frozenset({S.NOT_STARTED, S.DRAFT, S.RETURNED})
SENT = frozenset({S.SUBMITTED, S.ACCEPTED})


def cutoff_window(period: Period, cutoff_day: int) -> tuple[datetime.date, datetime.date]:
    """The data cut-off window of ``period`` (Decree 09/2019 art. 12 as mirrored by Khánh Hòa
    QĐ 01/2023 art. 4): from the day after ``cutoff_day`` of the month before the period to
    ``cutoff_day`` of its last month (month 15/5–14/6; quarter 15/3–14/6; year 15/12–14/12).
    The 6-, 9-month and yearly windows all start on 15/12 of the year before."""
    last = period.last.replace(day=cutoff_day)
    first = add_months(period.first, -1).replace(day=cutoff_day) + datetime.timedelta(days=1)
    return first, last


def due_date(
    cutoff_last: datetime.date,
    days: int,
    unit: str,
    is_working_day: Callable[[datetime.date], bool],
) -> datetime.date:
    """The last day to send: ``days`` working days (each one a working day of the calendar)
    or calendar days after the cut-off's last day."""
    if unit == DeadlineUnit.CALENDAR_DAYS:
        return cutoff_last + datetime.timedelta(days=days)
    day, counted = cutoff_last, 0
    while counted < days:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day


def period_for(frequency: str, day: datetime.date) -> Period:
    """The reporting period of ``frequency`` holding ``day``."""
    return period_of(frequency, day)


def value_parse(data_type: str, raw: object) -> tuple[Decimal | None, str]:
    """(number, text) of a typed or uploaded value; ``ValueError`` with a Vietnamese-ready
    message when it is not of the indicator's type. Numbers may use a comma as the decimal
    mark and dots or spaces between thousands (1.234,5); without a comma, a single dot is the
    decimal point of a number (7.5) but a thousands separator in a whole number (1.200)."""
    if raw is None:
        return None, ""
    if data_type == DataType.TEXT:
        return None, str(raw).strip()
    if isinstance(raw, bool):
        raise ValueError(_("Give a number."))
    if isinstance(raw, int | float | Decimal):
        number = Decimal(str(raw))
    else:
        text = str(raw).strip().replace(" ", "").replace("\u00a0", "")
        if not text:
            return None, ""
        if "," in text:
            text = text.replace(".", "").replace(",", ".")
        elif text.count(".") > 1 or data_type == DataType.INTEGER:
            text = text.replace(".", "")
        try:
            number = Decimal(text)
        except InvalidOperation as exc:
            raise ValueError(_("Give a number.")) from exc
    if not number.is_finite() or abs(number) >= Decimal(10) ** 16:
        raise ValueError(_("Give a number."))
    if data_type == DataType.INTEGER and number != number.to_integral_value():
        raise ValueError(_("Give a whole number."))
    return number.quantize(Decimal("0.0001")), ""


def number_text(number: Decimal | None) -> str:
    """A stored number as typed back into the form: no trailing zeros, no exponent, a dot
    as decimal point (12, 7.2, 1250.5)."""
    if number is None:
        return ""
    text = format(number, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def timeliness(status: str, first_submitted_on: datetime.date | None, due_on: datetime.date) -> str:
    """How a report counts: ``on_time`` or ``late`` once sent (by its first sending),
    ``missing`` otherwise (not started, draft)."""
    if first_submitted_on is None:
        return "missing"
    return "on_time" if first_submitted_on <= due_on else "late"


def aggregate(rule: str, numbers: Iterable[Decimal]) -> Decimal | None:
    """The roll-up of ``numbers`` by ``rule``; None when nothing to add or the rule is none."""
    values = list(numbers)
    return aggregate_of(rule, sum(values, Decimal(0)), len(values))


def aggregate_of(rule: str, total: Decimal, count: int) -> Decimal | None:
    """The roll-up by ``rule`` of ``count`` numbers adding up to ``total`` (what the running
    totals keep); None when there are none or the rule is none."""
    if rule == Aggregation.NONE or not count:
        return None
    if rule == Aggregation.AVERAGE:
        return (total / count).quantize(Decimal("0.0001"))
    return total


def breakdown_total(
    rule: str, total: Decimal | None, parts: Sequence[Decimal | None]
) -> Decimal | None:
    """The total of an indicator broken down by options (summed ones only: an average or a
    last value is not its options' sum): the sum of the options when every option is given
    and no total typed; the typed total when it equals that sum; ``ValueError`` naming the
    sum when it does not. Otherwise (options missing) the total as typed."""
    if rule != Aggregation.SUM or not parts or any(part is None for part in parts):
        return total
    expected = sum((part for part in parts if part is not None), Decimal(0))
    if total is None:
        return expected
    if total != expected:
        raise ValueError(
            _("the total is not the sum of its breakdown (%(sum)s).")
            % {"sum": number_text(expected)}
        )
    return total
