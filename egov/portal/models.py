"""The content of the agency public pages (Decree 43/2011/NĐ-CP art. 10) that no other module
holds: a unit's functions and duties and contacts, and its announcements, plans and programmes.
Everything else on the page (leaders, organisation, procedures, press releases, answered
questions) is read from the module that owns it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from egov.portal.choices import PostKind


class UnitProfile(models.Model):
    """What a unit tells the public about itself: functions and duties (sanitised rich text)
    and how to reach it. One per unit, written by its officers."""

    unit = models.OneToOneField(
        "orgs.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    functions = models.TextField(_("functions and duties"), blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    office_hours = models.CharField(_("office hours"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("updated at"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("unit profile")
        verbose_name_plural = _("unit profiles")

    def __str__(self) -> str:
        return str(self.unit_id)


class UnitPostQuerySet(models.QuerySet):
    def published(self) -> UnitPostQuerySet:
        return self.filter(is_published=True)


class UnitPost(models.Model):
    """An announcement, plan or programme a unit publishes on its page; the body is sanitised
    rich text. A draft (``is_published`` false) is seen by the unit's officers only."""

    unit = models.ForeignKey(
        "orgs.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=PostKind.choices)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("content"))
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    request_key = models.CharField(max_length=40, blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = UnitPostQuerySet.as_manager()

    class Meta:
        verbose_name = _("announcement of a unit")
        verbose_name_plural = _("announcements of units")
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["unit", "kind", "is_published"])]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "request_key"],
                condition=~models.Q(request_key=""),
                name="portal_unitpost_request_key_once",
            ),
        ]

    def __str__(self) -> str:
        return self.title
