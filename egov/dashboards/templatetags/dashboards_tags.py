from __future__ import annotations

from typing import Any

from django import template

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
