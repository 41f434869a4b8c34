"""The oracle of a page rewritten the cheap way (a loop of partial templates turned into a
template tag): the old templates, kept as they were in a test folder, found before the
project's own by an engine otherwise the project's (its context processors and tag
libraries), so the old page renders from the same context beside the new one."""

from __future__ import annotations

from pathlib import Path

from django.template import Engine, engines


def oracle_engine(directory: Path) -> Engine:
    """The project's template engine with the templates in ``directory`` found first."""
    engine = engines["django"].engine
    return Engine(
        dirs=[directory, *engine.dirs],
        app_dirs=True,
        context_processors=list(engine.context_processors),
        libraries=engine.libraries,
    )
