"""The applicant's satisfaction rating of a handled dossier (Decree 61/2018/NĐ-CP art. 31:
evaluation by the applicant, including online in the one-stop information system). One rating
per dossier, after the result, attached to the dossier and to the competent unit."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from egov.accounts.models import User
from egov.audit.services import event_record
from egov.common.exceptions import DomainError
from egov.onestop.choices import AuditAction
from egov.onestop.exceptions import WrongDossierState
from egov.onestop.models import Dossier, DossierRating
from egov.onestop.rules import DOSSIER_TRANSITIONS
from egov.onestop.services.dossier_state import dossier_lock, figures_refresh_after_commit
from egov.onestop.services.online import applicant_require

COMMENT_MAX = 2000


class RatingRefused(DomainError):
    code = "rating_refused"
    status = 422


class AlreadyRated(DomainError):
    code = "already_rated"
    status = 409


def _input_check(score: int, comment: str) -> None:
    errors = {}
    if isinstance(score, bool) or not isinstance(score, int) or not 1 <= score <= 5:
        errors["score"] = _("Choose a score from 1 to 5.")
    if len(comment) > COMMENT_MAX:
        errors["comment"] = _("Enter at most %(limit)s characters.") % {"limit": COMMENT_MAX}
    if errors:
        raise RatingRefused(_("Correct the rating."), fields=errors)


def dossier_rate(*, actor: User, dossier: Dossier, score: int, comment: str = "") -> DossierRating:
    """Rate a dossier once its result is ready or returned: only the applicant, only once."""
    applicant_require(actor, dossier)
    comment = (comment or "").strip()
    _input_check(score, comment)
    with transaction.atomic():
        locked = dossier_lock(dossier.pk)
        if not DOSSIER_TRANSITIONS.can("rate", locked.status):
            raise WrongDossierState(_("A dossier can be rated once its result is ready."))
        if DossierRating.objects.filter(dossier=locked).exists():
            raise AlreadyRated(_("You have already rated this dossier."))
        unit_id = locked.competent_unit_id or locked.receiving_unit_id
        if unit_id is None:
            raise RatingRefused(_("This dossier has no handling unit to rate."))
        try:
            with transaction.atomic():
                rating = DossierRating.objects.create(
                    dossier=locked, unit_id=unit_id, score=score, comment=comment
                )
        except IntegrityError:
            raise AlreadyRated(_("You have already rated this dossier.")) from None
        event_record(
            actor=actor,
            action=AuditAction.DOSSIER_RATED,
            obj=locked,
            changes={"score": score, "unit": unit_id},
        )
        # The average satisfaction of today's figures counts the rating at once.
        figures_refresh_after_commit()
    return rating
