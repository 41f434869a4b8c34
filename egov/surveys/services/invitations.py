"""Invitations after a completed service: sampled per unit, one per dossier (a keyed hash of
the reference), a signed and expiring link sent through the notification centre (ADR 0021)."""

from __future__ import annotations

import datetime
import hashlib
import hmac
import logging
from typing import Any

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.accounts.services_notify import notification_send
from egov.audit.services import event_record
from egov.orgs.models import OrgUnit
from egov.surveys.choices import SurveyAuditAction, SurveyStatus
from egov.surveys.exceptions import InvitationUsed
from egov.surveys.models import Invitation, Survey
from egov.surveys.services.rollup import Tally, rollup_add

logger = logging.getLogger(__name__)
INVITATION_SALT = "egov.surveys.invitation"


def _reference_hash(reference: str) -> str:
    key = f"{settings.SECRET_KEY}:{INVITATION_SALT}".encode()
    return hmac.new(key, reference.strip().encode(), hashlib.sha256).hexdigest()


def _invitation_survey(unit: OrgUnit) -> Survey | None:
    """The published invitation survey of ``unit`` or of the nearest unit above it."""
    candidates = Survey.objects.filter(
        status=SurveyStatus.PUBLISHED, is_for_invitations=True, unit__status="active"
    ).select_related("unit")
    best = None
    for survey in candidates:
        if unit.path.startswith(survey.unit.path) and (
            best is None or len(survey.unit.path) > len(best.unit.path)
        ):
            best = survey
    return best


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps({"i": invitation.pk}, salt=INVITATION_SALT)


def invitation_from_token(token: str) -> Invitation:
    """The invitation of a signed link; refused when forged, expired or answered already."""
    try:
        data = signing.loads(token, salt=INVITATION_SALT)
    except signing.BadSignature as error:
        raise InvitationUsed(_("This survey link is not valid.")) from error
    invitation = (
        Invitation.objects.select_related("survey", "unit").filter(pk=data.get("i")).first()
    )
    if invitation is None:
        raise InvitationUsed(_("This survey link is not valid."))
    if invitation.is_answered:
        raise InvitationUsed(
            _("This survey link was used already: one answer per dossier."), code="link_used"
        )
    if invitation.expires_at < timezone.now():
        raise InvitationUsed(_("This survey link has expired."), code="link_expired")
    return invitation


def survey_invite_for_service(
    *,
    unit: OrgUnit,
    procedure_code: str,
    channel: str,
    reference: str,
    recipient_user: Any = None,
    contact: str = "",
) -> Invitation | None:
    """After a service is completed (a dossier returned): invite its applicant to the unit's
    invitation survey, if the unit's sampling picks this one (every n-th, at most the monthly
    quota). The same ``reference`` (dossier code) is never invited twice. The applicant gets a
    signed, expiring link by e-mail or SMS; the link is sent, not stored. None when not sent."""
    channel_to, address = _contact_of(recipient_user, contact)
    if not reference or unit is None or not address:
        return None
    with transaction.atomic():
        survey = _invitation_survey(unit)
        if survey is None:
            return None
        survey = Survey.objects.select_for_update().get(pk=survey.pk)
        reference_hash = _reference_hash(reference)
        if Invitation.objects.filter(reference_hash=reference_hash).exists():
            return None
        survey.dossiers_seen += 1
        survey.save(update_fields=["dossiers_seen"])
        if (survey.dossiers_seen - 1) % survey.sample_every:
            return None
        today = timezone.localdate()
        if survey.monthly_quota is not None:
            sent = Invitation.objects.filter(
                survey__family=survey.family, sent_on__gte=today.replace(day=1)
            ).count()
            if sent >= survey.monthly_quota:
                return None
        try:
            with transaction.atomic():
                invitation = Invitation.objects.create(
                    survey=survey,
                    unit=unit,
                    procedure_code=procedure_code[:60],
                    channel=channel[:10],
                    reference_hash=reference_hash,
                    sent_on=today,
                    expires_at=timezone.now() + datetime.timedelta(days=survey.invitation_days),
                )
        except IntegrityError:
            return None
        rollup_add(
            family=survey.family,
            unit=unit,
            channel=invitation.channel,
            procedure_code=invitation.procedure_code,
            day=today,
            tally=Tally(invitations=1),
        )
        _invitation_send(
            invitation, recipient_user=recipient_user, channel=channel_to, address=address
        )
        event_record(
            actor=None,
            action=SurveyAuditAction.INVITATION_SENT,
            obj=invitation,
            changes={"unit": unit.pk, "procedure": procedure_code, "channel": channel},
        )
    logger.info("surveys.invitation_sent", extra={"survey": survey.pk, "unit": unit.pk})
    return invitation


def _contact_of(user: Any, contact: str) -> tuple[str, str]:
    """The channel and address to invite through: the given contact (an e-mail address or a
    phone number), else the account's e-mail address, else its phone number."""
    contact = (contact or "").strip()
    if contact:
        return ("email" if "@" in contact else "sms"), contact
    if user is not None and getattr(user, "email", ""):
        return "email", user.email
    if user is not None and getattr(user, "phone", ""):
        return "sms", user.phone
    return "", ""


def _invitation_send(
    invitation: Invitation, *, recipient_user: Any, channel: str, address: str
) -> None:
    token = invitation_token(invitation)
    link = reverse("surveys:invitation-answer", args=[token])
    url = f"{settings.SITE_URL.rstrip('/')}{link}"
    notification_send(
        recipient=recipient_user,
        channel=channel,
        subject=_("How satisfied are you with our service?"),
        body=_(
            "Thank you for using our service. Please tell us how satisfied you are (anonymous, "
            "two minutes): %(url)s . The link is valid for %(days)s days."
        )
        % {"url": url, "days": invitation.survey.invitation_days},
        address=address,
        secret=token,
    )
