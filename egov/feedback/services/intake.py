"""What a report is sent with, checked before anything is written: its photos (JPEG or PNG,
read and cleaned of EXIF data), its place (inside the province) and who sends it (a citizen, an
officer for a caller or visitor, a registered client application, a consumer on a scan page)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import IO

from django.conf import settings
from django.utils.translation import gettext as _
from PIL import UnidentifiedImageError

from egov.accounts.models import User
from egov.common.exceptions import PermissionDenied
from egov.common.files import JPEG, PNG, accepting, file_check
from egov.feedback.choices import Channel
from egov.feedback.exceptions import FeedbackError
from egov.feedback.photos import photo_clean
from egov.feedback.rules import in_box
from egov.feedback.services._common import clean_text

MAX_PHOTOS = 5


def photos_check(photos: Sequence[IO[bytes]]) -> list[tuple[bytes, str, object]]:
    if len(photos) > MAX_PHOTOS:
        message = _("At most %(count)s photos.") % {"count": MAX_PHOTOS}
        raise FeedbackError(message, fields={"photos": message})
    checked = []
    for photo in photos:
        found = file_check(
            photo,
            accept=accepting({JPEG, PNG}, _("Send photos as JPEG or PNG images.")),
            max_bytes=settings.EGOV_FEEDBACK_PHOTO_MAX_BYTES,
            field="photos",
        )
        data = photo.read()
        try:
            clean = photo_clean(data, found.kind)
        except (UnidentifiedImageError, OSError, ValueError) as exc:
            message = _("This image could not be read.")
            raise FeedbackError(message, fields={"photos": message}) from exc
        checked.append((clean.content, found.extension, (found, clean)))
    return checked


def place_check(latitude: Decimal | None, longitude: Decimal | None) -> None:
    if (latitude is None) != (longitude is None):
        message = _("Give both the latitude and the longitude, or neither.")
        raise FeedbackError(message, fields={"latitude": message})
    if latitude is not None and not in_box(
        float(latitude), float(longitude), settings.EGOV_FEEDBACK_BOUNDS
    ):
        message = _("The place is outside the province.")
        raise FeedbackError(message, code="outside_province", fields={"latitude": message})


def who_sends(
    actor: User, channel: str, contact_name: str, contact_phone: str
) -> dict[str, object]:
    """The reporter (a citizen online), the officer entering for a caller or visitor, the
    registered client application (Open311 ``api_key``) sending for the person using it, or a
    consumer on a product's scan page (no login; the contact optional)."""
    if channel == Channel.SCAN:
        public = actor.is_authenticated and actor.is_public
        return {
            "reporter": actor if public else None,
            "channel": Channel.SCAN,
            "contact_name": clean_text(contact_name, "contact_name", max_length=200)
            if contact_name.strip()
            else "",
            "contact_phone": contact_phone.strip()[:15],
        }
    if not actor.is_authenticated:
        raise PermissionDenied(_("Log in to send a report."))
    if actor.is_public:
        return {"reporter": actor, "channel": Channel.ONLINE}
    if channel == Channel.APP:  # a registered client (Open311) sends for its user
        return {
            "entered_by": actor,
            "channel": Channel.APP,
            "contact_name": clean_text(contact_name, "contact_name", max_length=200),
            "contact_phone": contact_phone.strip()[:15],
        }
    if not actor.is_officer:
        raise PermissionDenied(_("Log in to send a report."))
    name = clean_text(contact_name, "contact_name", max_length=200)
    if channel not in (Channel.PHONE, Channel.IN_PERSON):
        channel = Channel.PHONE
    return {
        "entered_by": actor,
        "channel": channel,
        "contact_name": name,
        "contact_phone": contact_phone.strip()[:15],
    }
