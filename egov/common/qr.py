"""QR codes (segno): inline SVG for pages, data URIs for printed pages, SVG and PNG files for
download; error correction M, a quiet zone of two modules. The one place a page gets a QR from
a text."""

from __future__ import annotations

import io

import segno


def qr_svg(text: str, *, scale: int = 4, title: str = "") -> str:
    """An inline ``<svg>`` of ``text`` (safe to mark safe: segno escapes the title)."""
    return segno.make(text, error="m").svg_inline(scale=scale, border=2, title=title or None)


def qr_data_uri(text: str, *, scale: int = 3) -> str:
    """A ``data:image/svg+xml`` URI of ``text``, for an ``<img>`` in a printed page."""
    return segno.make(text, error="m").svg_data_uri(scale=scale, border=2)


def qr_file(text: str, *, kind: str = "svg", scale: int = 4) -> bytes:
    """A standalone file of ``text``'s QR code: ``svg`` (with its XML declaration and
    namespace, so it opens on its own as ``image/svg+xml``) or ``png``."""
    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind=kind, scale=scale, border=2)
    return buffer.getvalue()
