"""Where an item of the inbox opens: the one way the engine links to its subject.

The engine knows its subject only by content type, id and label (it sits below the apps whose
dossiers, documents and tasks it runs), so each upper app tells it where its subjects' officer
pages are: in its ``AppConfig.ready()`` it calls :func:`subject_url_register` with its model and
a function from the subject's id to that page's URL. The inbox then links each row with
:func:`subject_url`, from the content type the row already carries: no query per row and no
import of an upper app.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import models

_urls: dict[str, Callable[[str], str]] = {}


def subject_url_register(model: type[models.Model], url: Callable[[str], str]) -> None:
    """Declare the officer page of ``model``'s subjects: ``url(subject_id)`` returns its path.
    Called from the owning app's ``AppConfig.ready()``; registering again replaces."""
    _urls[model._meta.label_lower] = url


def subject_url(app_label: str, model: str, subject_id: str) -> str | None:
    """The page of the subject ``app_label.model`` number ``subject_id``; None when its app
    registered none (the inbox then shows the label without a link)."""
    url = _urls.get(f"{app_label}.{model}")
    return url(subject_id) if url is not None else None
