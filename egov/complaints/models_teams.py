"""Verification teams (tổ xác minh): the settler of a complaint or denunciation may give its
verification to a team of officers drawn from several units (the inspectorate, a department,
the district), by a written decision (Law on Complaints 02/2011 art 29; Law on Denunciations
25/2018 art 31: the assignment of verification is made in writing). Kept beside ``models.py``
(imported at its end)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

__all__ = ["VerificationTeam", "VerificationTeamMember"]


class VerificationTeam(models.Model):
    """The team verifying one case, with the decision assigning it (drafted in the registry).
    Its members see the case and record its verification; a denouncer's identity stays with
    the named handlers, among whom a member may be named."""

    petition = models.OneToOneField(
        "complaints.Petition",
        on_delete=models.CASCADE,
        related_name="verification_team",
        verbose_name=_("petition"),
    )
    formed_on = models.DateField(_("formed on"))
    decision = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("decision assigning the verification"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("verification team")
        verbose_name_plural = _("verification teams")

    def __str__(self) -> str:
        return f"{self.petition_id} {self.formed_on}"


class VerificationTeamMember(models.Model):
    """An officer on a verification team, with the unit they come from (a current handling
    role there when the team was formed); one leader per team."""

    team = models.ForeignKey(VerificationTeam, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("officer"),
    )
    unit = models.ForeignKey(
        "orgs.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("from unit")
    )
    is_leader = models.BooleanField(_("team leader"), default=False)

    class Meta:
        verbose_name = _("verification team member")
        verbose_name_plural = _("verification team members")
        ordering = ["-is_leader", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["team", "user"], name="complaints_team_member_once"),
            models.UniqueConstraint(
                fields=["team"], condition=Q(is_leader=True), name="complaints_team_one_leader"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.team_id} {self.user_id}"
