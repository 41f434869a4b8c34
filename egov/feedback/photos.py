"""Photos of reports: the place the camera recorded is read from the EXIF data, and the copy
kept (the one shown publicly) is re-encoded without any EXIF data (Pillow)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal

from PIL import Image, ImageOps

GPS_IFD = 0x8825
MAX_PIXELS = 40_000_000


@dataclass(frozen=True)
class CleanPhoto:
    content: bytes
    latitude: Decimal | None
    longitude: Decimal | None


def _degrees(values: object, ref: object) -> Decimal | None:
    try:
        d, m, s = (float(v) for v in values)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    value = d + m / 60 + s / 3600
    if str(ref).upper() in ("S", "W"):
        value = -value
    return Decimal(f"{value:.6f}")


def photo_clean(data: bytes, kind: str) -> CleanPhoto:
    """The photo without EXIF data (orientation applied first, so it still shows upright), and
    the latitude/longitude its EXIF GPS block held. ``kind`` is ``jpeg`` or ``png``."""
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    with Image.open(io.BytesIO(data)) as image:
        gps = image.getexif().get_ifd(GPS_IFD)
        latitude = _degrees(gps.get(2), gps.get(1)) if gps.get(2) else None
        longitude = _degrees(gps.get(4), gps.get(3)) if gps.get(4) else None
        upright = ImageOps.exif_transpose(image)
        out = io.BytesIO()
        if kind == "png":
            upright.save(out, format="PNG")
        else:
            upright.convert("RGB").save(out, format="JPEG", quality=88)
    return CleanPhoto(out.getvalue(), latitude, longitude)
