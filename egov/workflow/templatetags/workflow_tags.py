"""Display of due moments and working time in the Vietnamese administrative style."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django import template
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()


@register.filter
def due_moment(value: datetime.datetime | None) -> str:
    """``15 giờ 00 phút, ngày 05/02/2025`` (spec §1.4, control sheet style), in local time."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    return _("%(hour)s:%(minute)s, %(date)s") % {
        "hour": local.strftime("%H"),
        "minute": local.strftime("%M"),
        "date": local.strftime("%d/%m/%Y"),
    }


@register.filter
def working_time(value: datetime.timedelta | None, day_hours: int = 8) -> str:
    """Working time as ``2 working days 3 hours`` (8-hour days unless told otherwise);
    negative values are shown as their size (the caller says "late by")."""
    if value is None:
        return ""
    minutes = abs(int(value.total_seconds())) // 60
    hours, minutes = divmod(minutes, 60)
    days, hours = divmod(hours, day_hours or 8)
    parts = []
    if days:
        parts.append(ngettext("%(n)s working day", "%(n)s working days", days) % {"n": days})
    if hours:
        parts.append(ngettext("%(n)s hour", "%(n)s hours", hours) % {"n": hours})
    if minutes or not parts:
        parts.append(ngettext("%(n)s minute", "%(n)s minutes", minutes) % {"n": minutes})
    return " ".join(parts)


@register.filter
def days(value: Decimal | None) -> str:
    """``Decimal("1.500")`` as ``1,5`` in Vietnamese (``1.5`` in English): in the locale's
    separators, so that 4.007 days reads ``4,007`` and never as four thousand."""
    if value is None:
        return ""
    text = format(Decimal(value), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return number_format(text, use_l10n=True, force_grouping=True)
