"""Publishing a settled decision with personal data removed (Law on Complaints 2011 art 41:
the decision is made public; Law on Denunciations 2018 art 8.3: the denouncer never named).
The published version is a document of the registry of its own, written by the officer from
the decision with the petitioner's known identity removed; text that still looks personal (an
ID number, a phone number, an e-mail address: ``common.personal_data``, the check feedback's
published answers use) is refused unless the officer confirms it."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.audit.versioned import versioned_update
from egov.common.personal_data import personal_data_warning
from egov.common.validation import require_text
from egov.complaints import rules
from egov.complaints.choices import ComplaintsAuditAction, PetitionStatus
from egov.complaints.exceptions import ComplaintsError
from egov.complaints.models import Petition
from egov.complaints.services import DECISION_TYPE, NOTICE_TYPE, _drafting_unit, _lock
from egov.documents.models import DocumentType
from egov.documents.services import document_draft_create


def _identity(petition: Petition) -> list[str]:
    return [petition.petitioner_name, petition.petitioner_id_number, petition.petitioner_address]


def decision_public_draft(petition: Petition) -> tuple[str, str]:
    """The title and text offered to the officer: the decision's, the petitioner's known
    identity removed."""
    decision = petition.decision
    if decision is None:
        return "", ""
    identity = _identity(petition)
    return (
        rules.identity_removed(decision.subject, identity),
        rules.identity_removed(decision.body, identity),
    )


def petition_decision_publish(
    *,
    actor: Any,
    petition: Petition,
    public_title: str,
    public_text: str,
    confirmed: bool = False,
    expected_version: int | None = None,
) -> Petition:
    """Publish the settled decision as ``public_title`` / ``public_text`` (the petitioner's
    known identity removed again, whatever the officer left); refused while personal data
    seems to remain unless ``confirmed``."""
    unit = _drafting_unit(actor, petition)
    identity = _identity(petition)
    title = rules.identity_removed(require_text(public_title, "public_title"), identity)
    text = rules.identity_removed(require_text(public_text, "public_text"), identity)
    warning = personal_data_warning(title, text)
    if warning and not confirmed:
        raise ComplaintsError(warning, code="personal_data", fields={"public_text": warning})
    with transaction.atomic():
        locked = _lock(petition, expected_version)
        if locked.status != PetitionStatus.SETTLED or locked.decision_id is None:
            raise ComplaintsError(_("Only a settled decision is published."), code="invalid")
        if locked.published_decision_id is not None:
            raise ComplaintsError(_("This decision is already published."), code="invalid")
        code = NOTICE_TYPE if locked.is_denunciation else DECISION_TYPE
        document = document_draft_create(
            actor=actor,
            drafting_unit=unit,
            unit=unit,
            doc_type=DocumentType.objects.get(code=code),
            subject=title[:500],
            body=text,
            recipients_text=_("Published on the portal"),
        )
        return versioned_update(
            actor=actor,
            row=locked,
            action=ComplaintsAuditAction.DECISION_PUBLISHED,
            fields={"published_decision_id": document.pk},
            unaudited={"published_at": timezone.now()},
            changes={"personal_data_confirmed": bool(warning)},
        )
