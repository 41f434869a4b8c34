"""Sections that upper apps add to a document's page, e.g. the tasks a directive assigns.

`documents` sits below the apps that hang things on a document, so it cannot import them; they
register a panel builder in their ``AppConfig.ready()`` and the document page shows whatever the
builders return for the officer looking at it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from egov.documents.models import Document


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


PanelBuilder = Callable[[Any, Document], Panel | None]
_builders: list[PanelBuilder] = []


def panel_register(builder: PanelBuilder) -> None:
    """Add a builder (called with the officer and the document); registering twice is a no-op."""
    if builder not in _builders:
        _builders.append(builder)


def panels_for(user: Any, document: Document) -> list[Panel]:
    """The panels of every registered builder that has something to show."""
    return [panel for builder in _builders if (panel := builder(user, document)) is not None]
