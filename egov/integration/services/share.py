"""Reads of the city's data-sharing API (``/api/v1/integration/``): other city systems hold an
API token of an account granted ``integration.share_read``; each read is logged (who, what, for
which purpose) and audited."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from egov.audit.services import event_record
from egov.common.exceptions import PermissionDenied
from egov.integration.choices import IntegrationAuditAction, PushState
from egov.integration.exceptions import IntegrationError, NotFoundThere
from egov.integration.models import ShareRead, StatusPush
from egov.integration.rules import NATIONAL_STATUS_CODES

SHARE_PERMISSION = "integration.share_read"


@dataclass(frozen=True)
class SharedStatus:
    dossier_code: str
    national_status: str
    status_label: str
    changed_at: Any
    is_acknowledged: bool


def share_read_require(actor: Any) -> None:
    if not getattr(actor, "is_authenticated", False) or not actor.has_perm(SHARE_PERMISSION):
        raise PermissionDenied(_("This account is not a registered data-sharing consumer."))


def share_read_log(*, actor: Any, token_prefix: str, resource: str, purpose: str) -> None:
    with transaction.atomic():
        read = ShareRead.objects.create(
            reader=actor, token_prefix=token_prefix, resource=resource[:120], purpose=purpose[:200]
        )
        event_record(
            actor=actor,
            action=IntegrationAuditAction.SHARED_DATA_READ,
            obj=read,
            changes={"resource": read.resource, "purpose": read.purpose},
        )


def shared_dossier_status(
    *, actor: Any, dossier_code: str, purpose: str, token_prefix: str = ""
) -> SharedStatus:
    """A dossier's latest status as reported to the national portal (the public status, no
    personal data), for a registered consumer; the read is logged."""
    share_read_require(actor)
    if not dossier_code.strip():
        raise IntegrationError(_("Give the dossier code."), fields={"code": _("Required.")})
    push = (
        StatusPush.objects.filter(dossier_code=dossier_code[:40])
        .order_by("-changed_at", "-pk")
        .first()
    )
    share_read_log(
        actor=actor,
        token_prefix=token_prefix,
        resource=f"dossier-status:{dossier_code[:40]}",
        purpose=purpose,
    )
    if push is None:
        raise NotFoundThere(_("No status of this dossier is shared."))
    return SharedStatus(
        dossier_code=push.dossier_code,
        national_status=push.national_status,
        status_label=NATIONAL_STATUS_CODES.get(push.national_status, ""),
        changed_at=push.changed_at,
        is_acknowledged=push.state == PushState.DELIVERED,
    )
