from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class UnitKind(models.TextChoices):
    """What an org unit is. The tree itself has no fixed depth: any kind may sit under any other."""

    PROVINCE = "province", _("Province / centrally-run city")
    DISTRICT = "district", _("District-level unit")
    COMMUNE = "commune", _("Commune-level unit")
    DEPARTMENT = "department", _("Department, board or sector")
    DIVISION = "division", _("Division / office")
    ONE_STOP_DESK = "one_stop_desk", _("One-stop desk")


class Level(models.TextChoices):
    """The administrative level a unit acts at (cấp hành chính), which is also the level of
    government that handles a procedure (cấp thực hiện), as published. ``orgs.levels.level_of``
    gives a unit's level."""

    PROVINCE = "province", _("Province / city level")
    DISTRICT = "district", _("District level")
    COMMUNE = "commune", _("Commune level")


class UnitStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    MERGED = "merged", _("Merged")
    DISSOLVED = "dissolved", _("Dissolved")


class CodeStatus(models.TextChoices):
    """How sure we are of an official code (see shared/domain: [C]/[S]/[U])."""

    CONFIRMED = "confirmed", _("Confirmed")
    PROBABLE = "probable", _("Probable")
    UNCONFIRMED = "unconfirmed", _("Unconfirmed")
    ILLUSTRATIVE = "illustrative", _("Illustrative (to be replaced)")


class Role(models.TextChoices):
    """Roles an officer holds in a unit (optionally over its whole subtree)."""

    CLERK = "clerk", _("Clerk")
    FRONT_DESK_OFFICER = "front_desk_officer", _("Front-desk officer")
    SPECIALIST = "specialist", _("Specialist")
    DIVISION_HEAD = "division_head", _("Head of division")
    UNIT_HEAD = "unit_head", _("Head of unit")
    SYSTEM_ADMIN = "system_admin", _("System administrator")


class AuditAction(models.TextChoices):
    """Changes to units and roles the audit trail records."""

    UNIT_CREATED = "orgunit.created", pgettext_lazy("audit action", "Unit created")
    UNIT_RENAMED = "orgunit.renamed", pgettext_lazy("audit action", "Unit renamed")
    UNIT_UPDATED = "orgunit.updated", pgettext_lazy("audit action", "Unit details changed")
    UNIT_MOVED = "orgunit.moved", pgettext_lazy("audit action", "Unit moved under another unit")
    UNIT_MERGED = "orgunit.merged", pgettext_lazy("audit action", "Unit merged")
    UNIT_DISSOLVED = "orgunit.dissolved", pgettext_lazy("audit action", "Unit dissolved")
    MEMBERSHIP_GRANTED = "membership.granted", pgettext_lazy("audit action", "Role assigned")
    MEMBERSHIP_ENDED = "membership.ended", pgettext_lazy("audit action", "Role ended")
    OUTSIDE_BODY_CREATED = (
        "outside_body.created",
        pgettext_lazy("audit action", "Outside body registered"),
    )
