"""The org-unit tree (administrative units and agencies) with its history, and officers' roles."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from egov.orgs.choices import CodeStatus, Role, UnitKind, UnitStatus


class OrgUnitQuerySet(models.QuerySet):
    def active(self) -> OrgUnitQuerySet:
        return self.filter(status=UnitStatus.ACTIVE)

    def subtree_of(self, unit: OrgUnit) -> OrgUnitQuerySet:
        """``unit`` and every unit below it, at any depth."""
        return self.filter(path__startswith=unit.path)


class OrgUnit(models.Model):
    """A node of the one organisation tree: a province/city, district, commune, department,
    division or one-stop desk.

    ``path`` is a materialised path (``/1/7/42/``) so subtree checks are one indexed prefix
    match whatever the depth. Units are never deleted: merging or dissolving closes them
    (``valid_to``) and records keep pointing at the unit that handled them at the time.
    """

    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(
        _("abbreviation"),
        max_length=30,
        blank=True,
        help_text=_("Used in document notations, e.g. UBND, STTTT, VP."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(_("tree path"), max_length=255, db_index=True, editable=False)
    depth = models.PositiveSmallIntegerField(_("depth"), default=0, editable=False)
    admin_code = models.CharField(
        _("administrative-unit code"),
        max_length=10,
        blank=True,
        help_text=_("Statistics office code: province 2 digits, district 3, commune 5."),
    )
    admin_code_scheme = models.CharField(
        _("code list"),
        max_length=30,
        blank=True,
        help_text=_("The list the code belongs to, e.g. QD124-2004 or QD19-2025."),
    )
    agency_code = models.CharField(
        _("electronic identifier code"),
        max_length=35,
        blank=True,
        db_index=True,
        help_text=_("Agency identifier for document exchange (Decision 20/2020/QĐ-TTg)."),
    )
    agency_code_status = models.CharField(
        _("identifier code status"), max_length=15, choices=CodeStatus.choices, blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=UnitStatus.choices, default=UnitStatus.ACTIVE
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("successor unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    dataset = models.CharField(_("dataset"), max_length=30, blank=True)
    search_text = models.CharField(max_length=300, editable=False, db_index=True)

    objects = OrgUnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("org unit")
        verbose_name_plural = _("org units")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(
                fields=["admin_code_scheme", "admin_code"],
                condition=~Q(admin_code=""),
                name="unique_admin_code_per_scheme",
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="unit_validity_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.status == UnitStatus.ACTIVE

    def is_within(self, other: OrgUnit) -> bool:
        """True if this unit is ``other`` or lies anywhere below it."""
        return self.path.startswith(other.path)

    def ancestor_ids(self) -> list[int]:
        return [int(part) for part in self.path.strip("/").split("/") if part]


class OrgUnitName(models.Model):
    """A unit's name over a period, so documents show the name in force when they were made."""

    unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(_("name"), max_length=200)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        verbose_name = _("historical name")
        verbose_name_plural = _("historical names")
        ordering = ["unit", "valid_from"]

    def __str__(self) -> str:
        return self.name


class MembershipQuerySet(models.QuerySet):
    def current(self) -> MembershipQuerySet:
        return self.filter(ended_on__isnull=True)


class Membership(models.Model):
    """An officer holds a role in a unit; with ``includes_subtree`` the role also covers every
    unit below it (e.g. the city office over all departments and districts)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officer"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    includes_subtree = models.BooleanField(_("covers units below"), default=False)
    position = models.CharField(
        _("position"), max_length=100, blank=True, help_text=_("e.g. Phó Chủ tịch, Trưởng phòng")
    )
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "unit", "role"],
                condition=Q(ended_on__isnull=True),
                name="unique_current_role",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.unit}"


class OutsideBodyQuerySet(models.QuerySet):
    def active(self) -> OutsideBodyQuerySet:
        return self.filter(is_active=True)


class OutsideBody(models.Model):
    """A body outside the platform's org tree (cơ quan ngoài hệ thống): the city police, the
    social insurance agency, a ministry, an institute, a state-owned company. A light register
    any app may name as a cooperating party or as a recipient; with its electronic identifier
    code (Decision 20/2020/QĐ-TTg) where known, it can be addressed by document exchange."""

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("abbreviation"), max_length=30, blank=True)
    agency_code = models.CharField(
        _("electronic identifier code"),
        max_length=35,
        blank=True,
        db_index=True,
        help_text=_("Agency identifier for document exchange (Decision 20/2020/QĐ-TTg)."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    search_text = models.CharField(max_length=300, editable=False, db_index=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = OutsideBodyQuerySet.as_manager()

    class Meta:
        verbose_name = _("outside body")
        verbose_name_plural = _("outside bodies")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency_code"],
                condition=~Q(agency_code=""),
                name="unique_outside_body_agency_code",
            ),
        ]

    def __str__(self) -> str:
        return self.name
