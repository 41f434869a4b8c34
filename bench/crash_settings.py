"""Settings of the crash harness's processes (``python -m bench.crash``): the test settings
(fast password hasher, in-memory files and e-mail) with the production job queue, so that
notifications and figure refreshes are queued in the database as they are when deployed,
and only warnings logged."""

from __future__ import annotations

from config.settings.test import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
