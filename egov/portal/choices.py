"""Codes of the agency public pages (Decree 43/2011/NĐ-CP art. 10)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PostKind(models.TextChoices):
    """What a unit publishes on its page besides its profile (Decree 43/2011 art. 10: news
    and announcements; plans and programmes)."""

    ANNOUNCEMENT = "announcement", _("Announcement")
    PLAN = "plan", _("Plan")
    PROGRAMME = "programme", _("Programme")


class PortalAuditAction(models.TextChoices):
    """Changes to the agency public pages the audit trail records."""

    UNIT_PROFILE_UPDATED = (
        "portal.unit_profile_updated",
        pgettext_lazy("audit action", "Public page of the unit updated"),
    )
    UNIT_POST_CREATED = (
        "portal.unit_post_created",
        pgettext_lazy("audit action", "Announcement of the unit written"),
    )
    UNIT_POST_UPDATED = (
        "portal.unit_post_updated",
        pgettext_lazy("audit action", "Announcement of the unit changed"),
    )
