"""The dashboards' template filters, and their cells written in one pass: the units table of a
city dashboard is some sixty units × forty indicators, and a partial template per cell cost
most of the page's rendering (issue 23)."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.base import render_value_in_context
from django.template.context import Context
from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from egov.dashboards.rules import sparkline

register = template.Library()


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """``mapping[key]``, or None (dictionary look-up by a variable key)."""
    if not mapping:
        return None
    return mapping.get(key)


@register.filter
def worst(board: Any, indicator: Any) -> list:
    """The weakest units below the board's unit for ``indicator``."""
    return board.worst(indicator)


@register.filter
def sparkline_segments(points: Any) -> list[str]:
    """The SVG polyline segments of a trend's points (``rules.sparkline``)."""
    return sparkline([point.value for point in points or []])


def _shown(value: Any, context: Context) -> str:
    """``value`` as ``{{ value }}`` shows it: localized (the decimal comma in Vietnamese) and
    escaped."""
    return render_value_in_context(value, context)


def _band(band: Any, context: Context) -> str:
    if not band:
        return ""
    label, colour = _shown(band.label, context), _shown(band.colour, context)
    return (
        f'<span class="band" data-band="{label}"><svg width="12" height="12" '
        'viewBox="0 0 12 12" aria-hidden="true" focusable="false"><rect width="12" height="12" '
        f'rx="2" fill="{colour}"/></svg> {label}</span>'
    )


def _cell(cell: Any, percent: bool, context: Context) -> str:
    suffix = " %" if percent else ""
    if cell is None or not cell.available:
        none = conditional_escape(gettext("no data source yet"))
        text = f'<span class="muted" data-no-source>{none}</span>'
    elif cell.value is None:
        text = '<span class="muted">—</span>'
    else:
        text = _shown(cell.value, context) + suffix
        if cell.band:
            text += " " + _band(cell.band, context)
    if cell is not None and cell.changed:
        live = "—" if cell.live is None else _shown(cell.live, context) + suffix
        current = conditional_escape(gettext("current value"))
        text += f' <small class="muted" data-live>({current}: {live})</small>'
    return text


@register.simple_tag(takes_context=True)
def band_badge(context: Context, band: Any) -> SafeString:
    """A band's colour swatch and label (nothing without a band)."""
    return mark_safe(_band(band, context))  # noqa: S308 - every value escaped by _shown


@register.simple_tag(takes_context=True)
def cell_value(context: Context, cell: Any, percent: bool = False) -> SafeString:
    """A cell's value (with " %" for a rate) and band; "no data source yet" when its figures
    have none; in a closed period, today's value beside the frozen one where it changed."""
    return mark_safe(_cell(cell, percent, context))  # noqa: S308 - every value escaped


@register.simple_tag(takes_context=True)
def unit_rows(context: Context, board: Any, ranks: dict, query: str) -> SafeString:
    """The units table's rows: each unit below the board's, linked to its own dashboard, with
    every indicator's cell and the unit's rank among these units."""
    suffix = f"?{_shown(query, context)}" if query else ""
    rows = []
    for row in board.children:
        link = reverse("dashboards:dashboard-unit", args=[row.unit.pk]) + suffix
        cells = []
        for indicator in board.indicators:
            text = _cell(row.cells.get(indicator.code), True, context)
            rank = (ranks.get(indicator.code) or {}).get(row.unit.pk)
            if rank:
                text += f" <small>(#{_shown(rank, context)})</small>"
            cells.append(f"<td>{text}</td>")
        rows.append(
            f'<tr data-unit="{row.unit.pk}">\n<th scope="row"><a href="{link}">'
            f"{_shown(row.unit.name, context)}</a></th>\n{''.join(cells)}\n</tr>\n"
        )
    return mark_safe("".join(rows))  # noqa: S308 - every value escaped by _shown
