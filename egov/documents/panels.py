"""Sections that upper apps add to a document's page, e.g. the tasks a directive assigns.

`documents` sits below the apps that hang things on a document, so it cannot import them; they
register a panel builder in their ``AppConfig.ready()`` and the document page shows whatever the
builders return for the officer looking at it (the place ``documents.document`` of
:mod:`egov.common.panels`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from egov.common import panels
from egov.common.panels import Panel, PanelRow
from egov.documents.models import Document

__all__ = ["PLACE", "Panel", "PanelBuilder", "PanelRow", "panel_register", "panels_for"]

PLACE = "documents.document"
PanelBuilder = Callable[[Any, Document], Panel | None]


def panel_register(builder: PanelBuilder) -> None:
    """Add a builder (called with the officer and the document); registering twice is a no-op."""
    panels.panel_register(PLACE, builder)


def panels_for(user: Any, document: Document) -> list[Panel]:
    """The panels of every registered builder that has something to show."""
    return panels.panels_for(PLACE, user, document)
