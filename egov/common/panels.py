"""Sections that upper apps add to a lower app's page (one mechanism for every page that
shows what it cannot import): e.g. the tasks a directive assigns on a document's page, or the
directive tasks serving a governance-index dimension on the standings page.

The lower app names a *place* and calls :func:`panels_for` with what the page shows; the upper
apps register a builder for that place in their ``AppConfig.ready()``. A builder returns what
the place defines (a :class:`Panel`, or for a place showing many subjects a mapping of them),
or None when it has nothing to show.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class PanelRow:
    label: str
    url: str
    note: str = ""


@dataclass(frozen=True)
class Panel:
    title: str
    rows: tuple[PanelRow, ...]
    more_label: str = ""
    more_url: str = ""


_builders: dict[str, list[Callable[..., Any]]] = {}


def panel_register(place: str, builder: Callable[..., Any]) -> None:
    """Add a builder for ``place``; registering twice is a no-op."""
    builders = _builders.setdefault(place, [])
    if builder not in builders:
        builders.append(builder)


def panels_for(place: str, *args: Any) -> list[Any]:
    """What every builder of ``place`` returns for ``args``, those with nothing left out."""
    return [found for builder in _builders.get(place, ()) if (found := builder(*args)) is not None]
