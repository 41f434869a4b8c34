"""Compile the committed .po catalogs to .mo with polib, so no GNU gettext is needed to run."""

from __future__ import annotations

import os
from pathlib import Path

import polib
from django.conf import settings


def compile_catalogs() -> list[Path]:
    """(Re)build every .mo file older than its .po file; returns the files written."""
    written = []
    for locale_dir in settings.LOCALE_PATHS:
        for po_path in Path(locale_dir).glob("*/LC_MESSAGES/*.po"):
            mo_path = po_path.with_suffix(".mo")
            if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                continue
            # Written beside and renamed into place: a second process (two test runs, a worker
            # starting with the server) never reads a half-written catalog.
            partial = mo_path.with_name(f"{mo_path.name}.{os.getpid()}.tmp")
            polib.pofile(str(po_path)).save_as_mofile(str(partial))
            partial.replace(mo_path)
            written.append(mo_path)
    if written:
        _forget_loaded_catalogs()
    return written


def _forget_loaded_catalogs() -> None:
    """Catalogs loaded before the .mo files existed are cached empty; drop them, as Django does
    when LOCALE_PATHS changes (django.test.signals.language_changed)."""
    import gettext

    from asgiref.local import Local
    from django.utils.translation import trans_real

    gettext._translations.clear()  # type: ignore[attr-defined]  # the stdlib's cache by path
    trans_real._translations = {}
    trans_real._default = None
    trans_real._active = Local()
    trans_real.translation_catalog_exists.cache_clear()
