"""WSGI entry point: `gunicorn config.wsgi`."""

import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
application = get_wsgi_application()

# Import every view now (the URLconf), then move what the process holds after start-up out of
# the collector's reach: a full collection then walks only what requests made since, not the
# ~250,000 objects of Django and the apps. Each worker's first full collection during the
# conference's vote bursts took ~150 ms of CPU inside one ballot (issue 19, bench/NOTES.md).
get_resolver().url_patterns  # noqa: B018 - imports the views
gc.collect()
gc.freeze()
