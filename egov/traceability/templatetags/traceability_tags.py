"""The batch timeline written in one pass (issue 21): the events of a batch on its public scan
page, the most-hit public page, and on the producer's and the officer's batch pages. The same
markup as the template loop it replaces (kept as the oracle in
``tests/test_scan_markup.py``), in a fraction of its time: each event there cost some thirty
variable look-ups, filters, translations and escapes. Every text read from the database or a
choice label is escaped as autoescape does; the translations are the project's own."""

from __future__ import annotations

import datetime
import functools
import html
from collections.abc import Iterable

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from egov.traceability.choices import BizStep, InspectionResult, UnitOfMeasure
from egov.traceability.models import Event

register = template.Library()


def _labels(choices: type[BizStep | InspectionResult | UnitOfMeasure]) -> dict[str, str]:
    """A choice's labels in the current language, escaped (a model's ``get_X_display``)."""
    return {value: html.escape(str(label)) for value, label in choices.choices}


@functools.lru_cache(maxsize=256)
def _map_link(latitude: str, longitude: str, label: str) -> str:
    """The OpenStreetMap link of a place, its coordinates as stored, with a decimal point in
    every language (the template loop printed them localized, ``mlat=21,028511`` in Vietnamese,
    which the map does not read); kept for the places seen last, which every event of a batch
    visits again."""
    lat, lon = html.escape(latitude), html.escape(longitude)
    return (
        f' (<a href="https://www.openstreetmap.org/?mlat={lat}&amp;mlon={lon}'
        f'#map=15/{lat}/{lon}">{label}</a>)'
    )


class _Words:
    """The translated words of the timeline in one language (:func:`_words`)."""

    def __init__(self) -> None:
        self.steps = _labels(BizStep)
        self.results = _labels(InspectionResult)
        self.units = _labels(UnitOfMeasure)
        self.map = html.escape(_("map"))
        self.shipped_to = html.escape(_("Shipped to %(name)s"))
        self.inspection = html.escape(_("Inspection result"))
        self.quantity = html.escape(_("Quantity"))
        self.input = html.escape(_("Input"))


@functools.lru_cache(maxsize=8)
def _words(language: str | None) -> _Words:
    """The timeline's words in ``language``, looked up once a process, as the translation
    catalogs themselves are read once."""
    return _Words()


def _local_time(moment: datetime.datetime) -> str:
    """``date:"d/m/Y H:i"`` of the local time: digits only, so written directly (Django's
    date formatter took a tenth of the page's rendering)."""
    local = template_localtime(moment)
    return f"{local.day:02d}/{local.month:02d}/{local.year:04d} {local.hour:02d}:{local.minute:02d}"


def _place(event: Event, words: _Words) -> str:
    """`` · facility (its producer, when another's) (map)``, or nothing."""
    if event.facility_id is None:
        return ""
    text = f" · {html.escape(event.facility_name)}"
    if event.facility_producer != event.batch.product.producer_id:
        text += f" ({html.escape(event.facility_producer_name)})"
    if event.facility_latitude:
        text += _map_link(str(event.facility_latitude), str(event.facility_longitude), words.map)
    return text


def _event_item(event: Event, words: _Words) -> str:
    """One event's ``<li>``, with the line breaks and indentation of the loop."""
    step = words.steps.get(event.biz_step) or html.escape(event.biz_step)
    moment = _local_time(event.event_at)
    parts = [f"\n  <li><strong>{step}</strong> · {moment}{_place(event, words)}\n  "]
    if event.destination_id is not None:
        shipped = words.shipped_to % {"name": html.escape(event.destination_name)}
        parts.append(f"<br>{shipped}")
    parts.append("\n  ")
    if event.result:
        badge = " badge-ok" if event.result == "passed" else " badge-off"
        shown = words.results.get(event.result) or html.escape(event.result)
        parts.append(
            f'<br>{words.inspection}: <span class="badge{badge}">{shown}</span> · '
            f"{html.escape(event.inspection_body)}"
        )
    parts.append("\n  ")
    if event.note:
        parts.append(f"<br>{html.escape(event.note)}")
    parts.append("\n  ")
    if event.quantity is not None:
        unit = words.units.get(event.uom) or html.escape(event.uom)
        parts.append(
            f"<br>{words.quantity}: <span data-quantity>"
            f"{html.escape(intcomma(event.quantity_shown))} {unit}</span>"
        )
    parts.append("\n  ")
    for line in event.input_lines():
        parts.append(f"<br>{words.input}: ")
        if line.get("shown"):
            parts.append(
                f"<span data-input-quantity>{html.escape(intcomma(line['shown']))} "
                f"{html.escape(str(line['uom_label']))}</span> · "
            )
        link = html.escape(str(line["epcClass"]))
        parts.append(f'<a href="{link}">{link}</a>')
    parts.append("\n  </li>\n")
    return "".join(parts)


@register.simple_tag
def timeline_items(events: Iterable[Event]) -> SafeString:
    """One ``<li>`` per event of a batch, in the order given: the step, its local time, the
    place (with its producer when another's, and a map link), where it was shipped to, the
    inspection result, the note, the quantity and the inputs of a processing step; "No events
    yet." when there is none. The events are read by ``selectors.batch_timeline``, with the
    names of their places and destinations."""
    words = _words(get_language())
    items = [_event_item(event, words) for event in events]
    if not items:
        return mark_safe(f"<li>{html.escape(_('No events yet.'))}</li>\n")  # noqa: S308 - escaped
    return mark_safe("".join(items))  # noqa: S308 - every text escaped above
