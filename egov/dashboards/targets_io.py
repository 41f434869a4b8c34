"""The targets of the indicator set in force as a workbook: exported for the city office to
edit, imported back (targets are data, issue 23). An import replaces the targets of each
indicator it lists and leaves the others; it is all or nothing, every refused row named with
its line; each indicator whose targets changed has one audit entry with before and after."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from dateutil import parser as dateutil_parser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.audit.services import event_record
from egov.common.exceptions import DomainError, PermissionDenied
from egov.common.files import XLSX, accepting, file_check
from egov.common.tables import Sheet, sheet_rows, xlsx_open, xlsx_write
from egov.dashboards.choices import AuditAction
from egov.dashboards.models import Indicator, Target
from egov.dashboards.selectors import indicator_set_in_force, may_close_periods
from egov.orgs.choices import Level

SHEET = "targets"
MAX_ERRORS_SHOWN = 10


class TargetsRefused(DomainError):
    code = "targets_refused"
    status = 422


def _head() -> list[str]:
    return [
        _("Indicator code"),
        _("Indicator"),
        _("Level (blank: every level; province, district, commune)"),
        _("From (dd/mm/yyyy)"),
        _("Until (dd/mm/yyyy, blank: open)"),
        _("Target (%)"),
        _("Set by"),
    ]


def targets_xlsx(on: datetime.date) -> bytes:
    """The targets of the indicator set in force on ``on``, one row per target."""
    indicator_set = indicator_set_in_force(on)
    rows: list[list[Any]] = [_head()]
    if indicator_set is not None:
        targets = Target.objects.filter(indicator__indicator_set=indicator_set).select_related(
            "indicator"
        )
        for t in targets.order_by("indicator__order", "valid_from", "level"):
            rows.append(
                [
                    t.indicator.code,
                    t.indicator.name,
                    t.level,
                    t.valid_from.strftime("%d/%m/%Y"),
                    t.valid_to.strftime("%d/%m/%Y") if t.valid_to else "",
                    float(t.value),
                    t.source,
                ]
            )
    return xlsx_write([Sheet(SHEET, rows)])


def _day(value: Any) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:  # a date typed as text: day first, as Vietnamese write it
        return dateutil_parser.parse(str(value).strip(), dayfirst=True).date()
    except (OverflowError, dateutil_parser.ParserError) as exc:
        raise ValueError(str(value)) from exc


def _row(line: int, row: tuple[Any, ...], codes: set[str]) -> tuple[dict[str, Any], list[str]]:
    cells = [*row, *[None] * 7][:7]
    code, _name, level, first, last, value, source = cells
    code = str(code or "").strip()
    level = str(level or "").strip()
    errors = []
    parsed: dict[str, Any] = {"code": code, "level": level, "source": str(source or "")[:300]}
    if code not in codes:
        errors.append(_("line %(line)s: no indicator has the code “%(code)s”.") % locals())
    if level and level not in Level.values:
        errors.append(
            _("line %(line)s: the level must be blank, province, district or commune.")
            % {"line": line}
        )
    try:
        parsed["valid_from"], parsed["valid_to"] = _day(first), _day(last)
        if parsed["valid_from"] is None:
            raise ValueError
    except ValueError:
        errors.append(
            _("line %(line)s: write the dates as dd/mm/yyyy (from is required).") % {"line": line}
        )
    else:
        if parsed["valid_to"] and parsed["valid_to"] < parsed["valid_from"]:
            errors.append(_("line %(line)s: the target ends before it starts.") % {"line": line})
    try:
        parsed["value"] = Decimal(str(value).replace(",", ".")).quantize(Decimal("0.01"))
        if not Decimal(0) <= parsed["value"] <= Decimal(100):
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        errors.append(
            _("line %(line)s: the target is a percentage from 0 to 100.") % {"line": line}
        )
    return parsed, errors


def targets_import(*, actor: Any, content: bytes) -> int:
    """Replace the targets of the indicators the workbook lists (the set in force today);
    returns how many indicators changed. Refused as a whole when any row is wrong."""
    if not may_close_periods(actor):
        raise PermissionDenied(_("Only the city's leaders change the indicators' targets."))
    file_check(content, accept=accepting({XLSX}, _("Upload the targets' .xlsx workbook.")))
    indicator_set = indicator_set_in_force(timezone.localdate())
    if indicator_set is None:
        raise TargetsRefused(_("No indicator set is in force today."))
    indicators = {i.code: i for i in Indicator.objects.filter(indicator_set=indicator_set)}
    book = xlsx_open(content)
    try:
        rows = list(sheet_rows(book.worksheets[0]))[1:]
    finally:
        book.close()
    wanted: dict[str, list[dict[str, Any]]] = {}
    errors: list[str] = []
    for line, row in enumerate(rows, start=2):
        if not any(cell not in (None, "") for cell in row):
            continue
        parsed, problems = _row(line, row, set(indicators))
        errors += problems
        if not problems:
            wanted.setdefault(parsed["code"], []).append(parsed)
    if errors:
        shown = errors[:MAX_ERRORS_SHOWN]
        more = len(errors) - len(shown)
        tail = [_("and %(n)s more.") % {"n": more}] if more else []
        raise TargetsRefused(
            _("Nothing was imported:") + " " + " ".join([*shown, *tail]), code="targets_refused"
        )
    if not wanted:
        raise TargetsRefused(_("The workbook has no target rows."))
    changed = 0
    with transaction.atomic():
        for code, new in wanted.items():
            indicator = indicators[code]
            before = _as_text(indicator.targets.all())
            after = sorted(
                (r["level"], str(r["valid_from"]), str(r["valid_to"] or ""), str(r["value"]))
                for r in new
            )
            if before == after:
                continue
            indicator.targets.all().delete()
            Target.objects.bulk_create(
                Target(
                    indicator=indicator,
                    level=r["level"],
                    valid_from=r["valid_from"],
                    valid_to=r["valid_to"],
                    value=r["value"],
                    source=r["source"],
                )
                for r in new
            )
            event_record(
                actor=actor,
                action=AuditAction.TARGETS_IMPORTED,
                obj=indicator,
                changes={"targets": {"before": before, "after": after}},
            )
            changed += 1
    return changed


def _as_text(targets: Any) -> list[tuple[str, str, str, str]]:
    return sorted(
        (t.level, str(t.valid_from), str(t.valid_to or ""), str(t.value)) for t in targets
    )
