"""The long lists of the completeness page written in one pass: the reports named (609 on
the city's page) and the consolidated table (200 indicators). The same markup as the
template loops they replace, in a fraction of their time: each row there cost a dozen
variable look-ups, filters and escapes (measured on the 2.9 M-value bench data,
docs/benchmarks.md "Periodic reporting"). Every text is escaped as autoescape does."""

from __future__ import annotations

import html
from collections.abc import Sequence

from django import template
from django.template.defaultfilters import date
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext as _

from egov.reporting.choices import Aggregation
from egov.reporting.selectors import ListedReport, RolledUp

register = template.Library()


@register.simple_tag
def report_items(
    reports: Sequence[ListedReport], detail: str, *, sent_on: bool = False
) -> SafeString:
    """One ``<li>`` per report: its unit linked to the report's page (``detail`` + id), then
    the day it was first sent (``sent_on``) or its state, and the mark of a consolidated
    report whose figures below changed; "None." when there is none."""
    if not reports:
        return mark_safe(f"<li>{html.escape(_('None.'))}</li>")  # noqa: S308 - escaped
    changed = (
        f' <span class="badge badge-makeup">{html.escape(_("The figures below changed"))}</span>'
    )
    items = []
    for report in reports:
        after = (
            f" ({date(template_localtime(report.first_submitted_at), 'd/m/Y')})"
            if sent_on
            else f" — {html.escape(report.status_label)}"
        )
        items.append(
            f'<li><a href="{html.escape(detail)}{report.pk}/">{html.escape(report.unit_name)}</a>'
            f"{after}{changed if report.stale_since else ''}</li>"
        )
    return mark_safe("".join(items))  # noqa: S308 - every text escaped above


@register.simple_tag
def rollup_rows(rolled: Sequence[RolledUp]) -> SafeString:
    """One ``<tr>`` per indicator of the consolidated table: code, name (unit of measure),
    how it is aggregated, the value ("—" when no report gave one), how many units it rests
    on."""
    rules = {value: html.escape(str(label)) for value, label in Aggregation.choices}
    rows = []
    for row in rolled:
        indicator = row.indicator
        rows.append(
            f"<tr><td>{html.escape(indicator.code)}</td>"
            f"<td>{html.escape(indicator.name)} ({html.escape(indicator.unit_of_measure)})</td>"
            f"<td>{rules.get(indicator.aggregation, html.escape(indicator.aggregation))}</td>"
            f"<td>{html.escape(row.shown or '—')}</td><td>{row.units}</td></tr>"
        )
    return mark_safe("".join(rows))  # noqa: S308 - every text escaped above
