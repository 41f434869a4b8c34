"""Changes to periodic reporting: regimes and their form, opening a period (the expected
reports of every reporting unit), filling, sending, returning and accepting a report.

Every change: one transaction, the report row locked, the version the actor saw checked, the
transition asked of ``SUBMISSION_TRANSITIONS``, one audit entry with a declared action."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.audit.services import event_record
from egov.audit.versioned import row_lock, version_check, versioned_update
from egov.common.exceptions import DomainError, PermissionDenied
from egov.common.figures import figure_get
from egov.common.files import XLSX, FileRefused, accepting, file_check
from egov.common.periods import Period
from egov.common.tables import Sheet, TableUnreadable, sheet_grid, xlsx_open, xlsx_write
from egov.common.validation import require_text
from egov.documents.models import DocumentType
from egov.documents.services.drafting import document_draft_create
from egov.orgs.access import can_act_for_unit
from egov.orgs.choices import UnitKind
from egov.orgs.models import OrgUnit
from egov.reporting import rules
from egov.reporting.choices import (
    AuditAction,
    DataType,
    RegimeKind,
    RegimeStatus,
    SubmissionStatus,
    ValueSource,
)
from egov.reporting.models import Indicator, Regime, RegimeLevel, Submission, Value
from egov.reporting.services_stale import stale_mark
from egov.reporting.totals import totals_apply
from egov.workdays import rules as workday_rules
from egov.workdays.selectors import work_calendar_get

# Who fills and sends a unit's report, and who decides on it in the receiving unit.
FILLERS = ("specialist", "division_head", "unit_head")
DECIDERS = ("specialist", "division_head", "unit_head")
REPORT_DOC_TYPE = "bao-cao"
XLSX_MAX_BYTES = 5 * 1024 * 1024


class ReportError(DomainError):
    code = "report_invalid"


@dataclass(frozen=True)
class IndicatorIn:
    code: str
    name: str
    unit_of_measure: str = ""
    data_type: str = DataType.DECIMAL
    aggregation: str = "sum"
    required: bool = True
    source_figure: str = ""
    min_value: Decimal | None = None
    max_value: Decimal | None = None
    breakdown: str = ""  # the dimension, e.g. "Giới tính"
    options: tuple[str, ...] = ()  # its options, e.g. ("Nam", "Nữ"): one row each


def indicator_rows(regime: Regime, indicators: Sequence[IndicatorIn]) -> list[Indicator]:
    """The form's rows in order: each indicator, then one row per option of its breakdown
    (code ``<code>.<n>``, the total's type, rule and bounds), unsaved; their ``parent`` is
    set once the totals are saved (``indicator_options_link``)."""
    rows: list[Indicator] = []
    for item in indicators:
        fields = {k: v for k, v in vars(item).items() if k != "options"}
        if bool(item.breakdown) != bool(item.options) or len(set(item.options)) != len(
            item.options
        ):
            raise ReportError(
                _("%(code)s: a breakdown needs its name and different options.")
                % {"code": item.code}
            )
        rows.append(Indicator(regime=regime, order=len(rows) + 1, **fields))
        for n, option in enumerate(item.options, 1):
            rows.append(
                Indicator(
                    regime=regime,
                    order=len(rows) + 1,
                    code=f"{item.code}.{n}",
                    name=f"{item.name}: {option}",
                    option=option,
                    unit_of_measure=item.unit_of_measure,
                    data_type=item.data_type,
                    aggregation=item.aggregation,
                    required=item.required,
                    min_value=item.min_value,
                    max_value=item.max_value,
                )
            )
    return rows


def indicator_options_link(regime: Regime) -> None:
    """Point each option row at the total row above it (the last row with a breakdown)."""
    total, children = None, []
    for indicator in regime.indicators.order_by("order"):
        if indicator.option and total is not None:
            indicator.parent = total
            children.append(indicator)
        elif not indicator.option:
            total = indicator if indicator.breakdown else None
    Indicator.objects.bulk_update(children, ["parent"])


@dataclass(frozen=True)
class LevelIn:
    """A consolidating level above the reporting units (see ``RegimeLevel``)."""

    unit_kind: str
    deadline_days: int
    unit: OrgUnit | None = None  # a named consolidating unit (its kind is ``unit_kind``)


def regime_create(
    *,
    actor: Any,
    indicators: Sequence[IndicatorIn],
    levels: Sequence[LevelIn] = (),
    **fields: Any,
) -> Regime:
    """A new regime with its form (the indicators, in order) and its consolidation levels
    (lowest first; none: the reporting units send straight to the receiving unit)."""
    kinds = [fields.get("reporter_kind"), *(level.unit_kind for level in levels)]
    if any(level.unit is not None and level.unit.kind != level.unit_kind for level in levels):
        raise ReportError(_("A named consolidating unit must be of its level's kind."))
    if len(set(kinds)) != len(kinds):
        raise ReportError(_("Each level of the chain must be a different kind of unit."))
    if not indicators:
        raise ReportError(_("A form needs at least one indicator."))
    codes = [i.code for i in indicators]
    if len(set(codes)) != len(codes):
        raise ReportError(_("Two indicators have the same code."))
    with transaction.atomic():
        regime = Regime.objects.create(**fields)
        Indicator.objects.bulk_create(indicator_rows(regime, indicators))
        indicator_options_link(regime)
        RegimeLevel.objects.bulk_create(
            RegimeLevel(regime=regime, order=n, **vars(level)) for n, level in enumerate(levels, 1)
        )
        event_record(
            actor=actor,
            action=AuditAction.REGIME_CREATED,
            obj=regime,
            changes={
                "code": regime.code,
                "indicators": codes,
                "levels": [level.unit.name if level.unit else level.unit_kind for level in levels],
            },
        )
    return regime


def reporting_units(regime: Regime, kind: str | None = None) -> list[OrgUnit]:
    """The units that report under ``regime`` (or its level of ``kind``): active units of
    that kind under its root."""
    return list(
        OrgUnit.objects.active()
        .subtree_of(regime.reporter_root)
        .filter(kind=kind or regime.reporter_kind)
        .order_by("path")
    )


@dataclass(frozen=True)
class Tier:
    """One level of a regime's chain: who reports at it, in how many days, and the level
    above (whose units receive; None: the regime's receiving unit)."""

    level: int
    kind: str
    deadline_days: int
    unit: OrgUnit | None = None

    @property
    def kind_label(self) -> str:
        """The level as the pages name it: its named unit, else the kind of its units."""
        return self.unit.name if self.unit is not None else str(UnitKind(self.kind).label)


def regime_chain(regime: Regime) -> list[Tier]:
    """The regime's chain, lowest level first: the reporting units, then each consolidating
    level."""
    return [
        Tier(0, regime.reporter_kind, regime.deadline_days),
        *(
            Tier(lv.order, lv.unit_kind, lv.deadline_days, lv.unit)
            for lv in regime.levels.select_related("unit")
        ),
    ]


def tier_units(regime: Regime, tier: Tier) -> list[OrgUnit]:
    """The units reporting at ``tier``: its named unit, else the units of its kind."""
    return [tier.unit] if tier.unit is not None else reporting_units(regime, tier.kind)


def _receiver_of(
    unit: OrgUnit, above: Sequence[OrgUnit], top: OrgUnit, *, named: bool = False
) -> OrgUnit:
    """The unit of the level above holding ``unit`` in its subtree (the deepest), else the
    regime's receiving unit; a named consolidating unit above receives every report."""
    if named and above:
        return above[0]
    holders = [u for u in above if unit.path.startswith(u.path) and u.pk != unit.pk]
    return max(holders, key=lambda u: len(u.path)) if holders else top


def period_open(*, actor: Any, regime: Regime, period: Period) -> int:
    """Create the expected report of every unit of every level of the chain for ``period``
    (again: only the ones missing, e.g. of a unit created since), each addressed to the
    unit of the level above holding it, the last level to the regime's receiving unit.
    Returns how many were created."""
    if regime.status != RegimeStatus.PUBLISHED:
        raise ReportError(_("Publish the regime before opening its periods."))
    cutoff_first, cutoff_last = rules.cutoff_window(period, regime.cutoff_day)
    calendar = work_calendar_get()
    chain = regime_chain(regime)
    units = [tier_units(regime, tier) for tier in chain]
    with transaction.atomic():
        have = set(
            Submission.objects.filter(regime=regime, period_first=period.first).values_list(
                "unit_id", flat=True
            )
        )
        new, due = [], {}
        for n, tier in enumerate(chain):
            due_on = rules.due_date(
                cutoff_last,
                tier.deadline_days,
                regime.deadline_unit,
                lambda day: workday_rules.is_working_day(calendar, day),
            )
            due[tier.level] = due_on
            above = units[n + 1] if n + 1 < len(units) else []
            named = n + 1 < len(chain) and chain[n + 1].unit is not None
            new += [
                Submission(
                    regime=regime,
                    unit=unit,
                    level=tier.level,
                    receiver=_receiver_of(unit, above, regime.receiving_unit, named=named),
                    period_first=period.first,
                    period_last=period.last,
                    cutoff_first=cutoff_first,
                    cutoff_last=cutoff_last,
                    due_on=due_on,
                )
                for unit in units[n]
                if unit.pk not in have
            ]
        Submission.objects.bulk_create(new, ignore_conflicts=True)
        if new:
            event_record(
                actor=actor,
                action=AuditAction.PERIOD_OPENED,
                obj=regime,
                changes={
                    "period": [period.first, period.last],
                    "due_on": due[0],
                    "due_on_by_level": {str(k): v for k, v in due.items()},
                    "reports": len(new),
                },
            )
    return len(new)


def periods_open_due(day: datetime.date) -> int:
    """Open the period holding ``day`` of every active published periodic regime (the daily
    run; opening again only adds the reports of units created since). Returns how many
    reports were created."""
    total = 0
    for regime in Regime.objects.filter(
        is_active=True, kind=RegimeKind.PERIODIC, status=RegimeStatus.PUBLISHED
    ):
        try:
            period = rules.period_for(regime.frequency, day)
        except ValueError:  # nine months: none from October on
            continue
        total += period_open(actor=None, regime=regime, period=period)
    return total


def _require(actor: Any, unit: OrgUnit, roles: Sequence[str], message: str) -> None:
    if not can_act_for_unit(actor, unit, roles=roles):
        raise PermissionDenied(message)


def _clean_values(
    indicators: Sequence[Indicator], raw: Mapping[str, object], *, complete: bool
) -> dict[int, tuple[Decimal | None, str]]:
    """Parsed values by indicator id; every wrong value named by its indicator code (the
    field ``value_<code>``) in one refusal, nothing saved."""
    parsed, problems = {}, {}
    for indicator in indicators:
        try:
            number, text = rules.value_parse(indicator.data_type, raw.get(indicator.code))
        except ValueError as exc:
            problems[f"value_{indicator.code}"] = f"{indicator.code}: {exc}"
            continue
        if number is not None and (
            (indicator.min_value is not None and number < indicator.min_value)
            or (indicator.max_value is not None and number > indicator.max_value)
        ):
            problems[f"value_{indicator.code}"] = _(
                "%(code)s: give a value from %(low)s to %(high)s."
            ) % {
                "code": indicator.code,
                "low": rules.number_text(indicator.min_value) or "…",
                "high": rules.number_text(indicator.max_value) or "…",
            }
            continue
        if complete and indicator.required and number is None and not text:
            problems[f"value_{indicator.code}"] = _("%(code)s: give a value.") % {
                "code": indicator.code
            }
        parsed[indicator.pk] = (number, text)
    _totals_check(indicators, parsed, problems)
    if problems:
        raise ReportError(
            _("Some values are not right: %(list)s") % {"list": "; ".join(problems.values())},
            fields=problems,
        )
    return parsed


def _totals_check(
    indicators: Sequence[Indicator],
    parsed: dict[int, tuple[Decimal | None, str]],
    problems: dict[str, str],
) -> None:
    """Each broken-down total against its options (``rules.breakdown_total``): filled from
    their sum when left empty, refused (named) when it differs."""
    options: dict[int, list[Indicator]] = {}
    for indicator in indicators:
        if indicator.parent_id is not None:
            options.setdefault(indicator.parent_id, []).append(indicator)
    for indicator in indicators:
        if indicator.pk not in options or indicator.pk not in parsed:
            continue
        parts = [parsed.get(o.pk, (None, ""))[0] for o in options[indicator.pk]]
        try:
            total = rules.breakdown_total(indicator.aggregation, parsed[indicator.pk][0], parts)
        except ValueError as exc:
            problems[f"value_{indicator.code}"] = f"{indicator.code}: {exc}"
            continue
        parsed[indicator.pk] = (total, "")
        if total is not None:
            problems.pop(f"value_{indicator.code}", None)  # "give a value": filled


def _notes_check(
    indicators: Sequence[Indicator],
    existing: Mapping[int, Value],
    parsed: Mapping[int, tuple[Decimal | None, str]],
    notes: Mapping[str, str],
) -> None:
    """A value the platform computed (consolidated or from a figure) may be changed, with a
    note saying why; every change without one named in one refusal."""
    problems = {}
    for indicator in indicators:
        value = existing.get(indicator.pk)
        if value is None or value.prefilled is None or indicator.pk not in parsed:
            continue
        number, _text = parsed[indicator.pk]
        if number != value.prefilled and not notes.get(indicator.code, "").strip():
            problems[f"note_{indicator.code}"] = _(
                "%(code)s: the computed value is %(value)s; say why you change it."
            ) % {"code": indicator.code, "value": rules.number_text(value.prefilled)}
    if problems:
        raise ReportError(
            _("Some values are not right: %(list)s") % {"list": "; ".join(problems.values())},
            fields=problems,
        )


def _store_values(
    submission: Submission,
    parsed: Mapping[int, tuple[Decimal | None, str]],
    notes: Mapping[int, str] | None = None,
) -> dict:
    existing = {v.indicator_id: v for v in submission.values.all()}
    notes = notes or {}
    changed = {}
    for indicator_id, (number, text) in parsed.items():
        value = existing.get(indicator_id)
        note = notes.get(indicator_id, "").strip()
        if value is None:
            Value.objects.create(
                submission=submission, indicator_id=indicator_id, number=number, text=text
            )
            changed[indicator_id] = [None, str(number) if number is not None else text]
            continue
        if value.prefilled is None or number == value.prefilled:
            note = ""
        if value.number != number or value.text != text or value.note != note:
            old = str(value.number) if value.number is not None else value.text
            value.number, value.text, value.note = number, text, note
            value.save(update_fields=["number", "text", "note"])
            changed[indicator_id] = [old, str(number) if number is not None else text]
            if note:
                changed[indicator_id].append(note)
    return changed


def _locked(submission: Submission, expected_version: int | None) -> Submission:
    locked = row_lock(
        Submission.objects.select_related("regime", "unit", "receiver"), submission.pk
    )
    version_check(locked, expected_version, item=str(locked))
    return locked


def submission_save(
    *,
    actor: Any,
    submission: Submission,
    values: Mapping[str, object],
    narrative: str = "",
    notes: Mapping[str, str] | None = None,
    expected_version: int | None,
) -> Submission:
    """Save the values (by indicator code) as a draft; by an officer of the reporting unit.
    Incomplete values are allowed in a draft; wrong ones are not, nor a computed value
    changed without a note (``notes`` by indicator code)."""
    with transaction.atomic():
        locked = _locked(submission, expected_version)
        _require(actor, locked.unit, FILLERS, _("Only the reporting unit fills its report."))
        target = rules.SUBMISSION_TRANSITIONS.target("save", locked.status)
        indicators = list(locked.regime.indicators.all())
        parsed = _clean_values(indicators, values, complete=False)
        notes = notes or {}
        existing = {v.indicator_id: v for v in locked.values.all()}
        _notes_check(indicators, existing, parsed, notes)
        changed = _store_values(locked, parsed, {i.pk: notes.get(i.code, "") for i in indicators})
        codes = {i.pk: i.code for i in indicators}
        versioned_update(
            actor=actor,
            row=locked,
            action=AuditAction.SUBMISSION_SAVED,
            fields={"status": target, "narrative": narrative.strip()},
            changes={"values": {codes[k]: v for k, v in changed.items()}},
        )
    return locked


def children_of(submission: Submission) -> QuerySet[Submission]:
    """The reports of the level below sent to ``submission``'s unit for the same period
    (none for a reporting unit's own report)."""
    if submission.level == 0:
        return Submission.objects.none()
    return Submission.objects.filter(
        regime_id=submission.regime_id,
        period_first=submission.period_first,
        level=submission.level - 1,
        receiver_id=submission.unit_id,
    )


def computed_values(submission: Submission) -> dict[int, tuple[str, Decimal | None]]:
    """What the platform knows of each numeric indicator of ``submission``, by indicator id:
    (source, number). A consolidating level's report: each indicator aggregated by its rule
    over the accepted reports of the level below (None when none is accepted yet). A
    reporting unit's report: the indicator's source figure over the cut-off window, for the
    unit's own rows (left out when no installed app gives that figure yet)."""
    indicators = [i for i in submission.regime.indicators.all() if i.data_type != DataType.TEXT]
    found: dict[int, tuple[str, Decimal | None]] = {}
    if submission.level > 0:
        numbers: dict[int, list[Decimal]] = {}
        for indicator_id, number in Value.objects.filter(
            submission__in=children_of(submission).filter(status=SubmissionStatus.ACCEPTED),
            number__isnull=False,
        ).values_list("indicator_id", "number"):
            numbers.setdefault(indicator_id, []).append(number)
        for indicator in indicators:
            found[indicator.pk] = (
                ValueSource.CONSOLIDATED,
                rules.aggregate(indicator.aggregation, numbers.get(indicator.pk, [])),
            )
        return found
    for indicator in indicators:
        if not indicator.source_figure:
            continue
        figure = figure_get(indicator.source_figure)
        if figure is None:
            continue
        unit_id = submission.unit_id
        read = figure.read(
            first=submission.cutoff_first, last=submission.cutoff_last, unit_ids=[unit_id]
        )
        found[indicator.pk] = (ValueSource.FIGURE, Decimal(read.get(unit_id, 0)))
    return found


def submission_prefill(
    *, actor: Any, submission: Submission, expected_version: int | None
) -> Submission:
    """Fill the values the platform knows (``computed_values``) into the draft, each marked
    with its source and the computed number kept, so a change needs a note; by an officer of
    the reporting unit. Values it does not know are left as they are. A consolidating level's
    report records when it consolidated, and loses its mark of changed figures below
    (``services_stale``)."""
    with transaction.atomic():
        locked = _locked(submission, expected_version)
        _require(actor, locked.unit, FILLERS, _("Only the reporting unit fills its report."))
        target = rules.SUBMISSION_TRANSITIONS.target("save", locked.status)
        computed = computed_values(locked)
        if not any(number is not None for _source, number in computed.values()):
            raise ReportError(_("The platform has no value to fill in for this report yet."))
        existing = {v.indicator_id: v for v in locked.values.all()}
        codes = dict(locked.regime.indicators.values_list("pk", "code"))
        changes = {}
        for indicator_id, (source, number) in computed.items():
            if number is None:
                continue
            number = number.quantize(Decimal("0.0001"))
            value = existing.get(indicator_id) or Value(
                submission=locked, indicator_id=indicator_id
            )
            changes[codes[indicator_id]] = [
                None if value.number is None else str(value.number),
                str(number),
            ]
            value.number, value.text, value.source = number, "", source
            value.prefilled, value.note = number, ""
            value.save()
        fields: dict[str, Any] = {"status": target}
        if locked.level > 0:
            fields.update(consolidated_at=timezone.now(), stale_since=None, stale_because_id=None)
        versioned_update(
            actor=actor,
            row=locked,
            action=AuditAction.SUBMISSION_PREFILLED,
            fields=fields,
            changes={"values": changes},
        )
    return locked


def _document_body(submission: Submission) -> str:
    values = {v.indicator_id: v for v in submission.values.all()}
    lines = [
        _("Period: %(first)s – %(last)s; data cut-off %(cfirst)s – %(clast)s.")
        % {
            "first": submission.period_first.strftime("%d/%m/%Y"),
            "last": submission.period_last.strftime("%d/%m/%Y"),
            "cfirst": submission.cutoff_first.strftime("%d/%m/%Y"),
            "clast": submission.cutoff_last.strftime("%d/%m/%Y"),
        },
        "",
    ]
    for indicator in submission.regime.indicators.all():
        value = values.get(indicator.pk)
        shown = "" if value is None else (value.text or rules.number_text(value.number))
        lines.append(
            f"{indicator.code}. {indicator.name}: {shown} {indicator.unit_of_measure}".rstrip()
        )
        if value is not None and value.note:
            lines.append("   " + _("Note: %(note)s") % {"note": value.note})
    if submission.narrative:
        lines += ["", submission.narrative]
    return "\n".join(lines)


def submission_submit(
    *, actor: Any, submission: Submission, expected_version: int | None
) -> Submission:
    """Send the report to the receiving unit; by an officer of the reporting unit. Every
    required value must be there. The report is kept as a ``documents`` document (type Báo
    cáo) of the reporting unit, one per sending."""
    with transaction.atomic():
        locked = _locked(submission, expected_version)
        _require(actor, locked.unit, FILLERS, _("Only the reporting unit sends its report."))
        target = rules.SUBMISSION_TRANSITIONS.target("submit", locked.status)
        indicators = list(locked.regime.indicators.all())
        stored = {v.indicator_id: v for v in locked.values.all()}
        raw = {
            i.code: (stored[i.pk].text or stored[i.pk].number) if i.pk in stored else None
            for i in indicators
        }
        _clean_values(indicators, raw, complete=True)
        now = timezone.now()
        document = document_draft_create(
            actor=actor,
            drafting_unit=locked.unit,
            doc_type=DocumentType.objects.get(code=REPORT_DOC_TYPE),
            subject=_("Report: %(regime)s, %(first)s – %(last)s")
            % {
                "regime": locked.regime.name,
                "first": locked.period_first.strftime("%d/%m/%Y"),
                "last": locked.period_last.strftime("%d/%m/%Y"),
            },
            unit=locked.unit,
            body=_document_body(locked),
            addressees=locked.receiver.name,
            idempotency_key=f"reporting-{locked.pk}-{locked.times_submitted + 1}",
        )
        versioned_update(
            actor=actor,
            row=locked,
            action=AuditAction.SUBMISSION_SUBMITTED,
            fields={
                "status": target,
                "submitted_at": now,
                "first_submitted_at": locked.first_submitted_at or now,
                "submitted_by_id": actor.pk,
                "document_id": document.pk,
                "times_submitted": locked.times_submitted + 1,
                "signed_at": None,  # a new sending is a new document, to be signed again
                "signed_by_id": None,
            },
        )
        totals_apply(locked, 1)
    return locked


def _decide(actor: Any, submission: Submission, transition: str, expected_version: int | None):
    locked = _locked(submission, expected_version)
    _require(
        actor,
        locked.receiver,
        DECIDERS,
        _("Only the receiving unit accepts or returns a report."),
    )
    return locked, rules.SUBMISSION_TRANSITIONS.target(transition, locked.status)


def submission_accept(
    *, actor: Any, submission: Submission, expected_version: int | None
) -> Submission:
    """Accept a sent report; by the receiving unit. An accepted report is locked; one of the
    city's (accepted by the regime's receiving unit) is queued for the national reporting
    system (``services_national``). A corrected report accepted again marks the
    consolidations above it, made without its corrected numbers (``services_stale``)."""
    with transaction.atomic():
        locked, target = _decide(actor, submission, "accept", expected_version)
        versioned_update(
            actor=actor,
            row=locked,
            action=AuditAction.SUBMISSION_ACCEPTED,
            fields={"status": target, "decided_at": timezone.now(), "return_reason": ""},
        )
        if locked.versions.exists():
            stale_mark(actor=actor, submission=locked, accepted_again=True)
        from egov.reporting.services_national import national_sending_queue  # imports this

        national_sending_queue(actor=actor, submission=locked)
    return locked


def submission_return(
    *, actor: Any, submission: Submission, reason: str, expected_version: int | None
) -> Submission:
    """Return a sent report for correction with a reason; by the receiving unit."""
    reason = require_text(reason, "reason")
    with transaction.atomic():
        locked, target = _decide(actor, submission, "return", expected_version)
        versioned_update(
            actor=actor,
            row=locked,
            action=AuditAction.SUBMISSION_RETURNED,
            fields={"status": target, "decided_at": timezone.now(), "return_reason": reason},
        )
        totals_apply(locked, -1)
    return locked


# The report's own workbook: one sheet, a header row, then one row per indicator with its
# code in the first column and the value in the fourth.
XLSX_HEADER = ("Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị tính", "Giá trị")


def submission_xlsx(submission: Submission) -> bytes:
    """The report's form as a workbook, with the values saved so far."""
    values = {v.indicator_id: v for v in submission.values.all()}
    rows: list[list[Any]] = []
    for indicator in submission.regime.indicators.all():
        value = values.get(indicator.pk)
        shown: Any = None
        if value is not None:
            shown = value.text if indicator.data_type == DataType.TEXT else value.number
        rows.append([indicator.code, indicator.name, indicator.unit_of_measure, shown])
    title = submission.regime.code[:31]
    return xlsx_write([Sheet(title=title, rows=[list(XLSX_HEADER), *rows], widths={"B": 60})])


def submission_xlsx_read(submission: Submission, stream: Any) -> dict[str, object]:
    """The values of an uploaded copy of the report's workbook, by indicator code: the file
    checked by the common intake, every code known to the form, the value column read."""
    try:
        file_check(
            stream,
            accept=accepting({XLSX}, _("Upload the report's own .xlsx workbook.")),
            max_bytes=XLSX_MAX_BYTES,
            field="workbook",
        )
        book = xlsx_open(stream.read(), read_only=False)
    except (FileRefused, TableUnreadable) as exc:
        raise ReportError(exc.message, fields={"workbook": exc.message}) from exc
    try:
        grid = sheet_grid(book.worksheets[0])
    finally:
        book.close()
    codes = set(submission.regime.indicators.values_list("code", flat=True))
    values: dict[str, object] = {}
    for number, row in enumerate(grid[1:], 2):
        code = str(row[0]).strip() if row and row[0] is not None else ""
        if not code:
            continue
        if code not in codes:
            message = _("Row %(row)s: %(code)s is no indicator of this form.") % {
                "row": number,
                "code": code,
            }
            raise ReportError(message, fields={"workbook": message})
        values[code] = row[3] if len(row) > 3 else None
    if not values:
        message = _("The workbook has no indicator rows of this form.")
        raise ReportError(message, fields={"workbook": message})
    return values
