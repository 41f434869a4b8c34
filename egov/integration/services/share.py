"""Reads of the city's data-sharing API (``/api/v1/integration/``). A consumer system reads with
an API token of its service account (``accounts.ApiToken``, read-only, limited to the
integration API); each read is checked against the consumer registry (registered, in force,
the data set allowed: Decree 278/2025) and logged with the consumer, the purpose and whose data
it was, refused reads included, and audited."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.audit.services import event_record
from egov.common.exceptions import PermissionDenied
from egov.integration.choices import (
    IntegrationAuditAction,
    PushState,
    ShareDataset,
    ShareOutcome,
)
from egov.integration.exceptions import IntegrationError, NotFoundThere
from egov.integration.models import ShareConsumer, ShareRead, StatusPush
from egov.integration.rules import NATIONAL_STATUS_CODES


@dataclass(frozen=True)
class SharedStatus:
    dossier_code: str
    national_status: str
    status_label: str
    changed_at: Any
    is_acknowledged: bool


def share_consumer_for(actor: Any, dataset: str) -> tuple[ShareConsumer | None, str]:
    """The registered consumer behind ``actor`` and why it may not read ``dataset`` ('' when
    it may)."""
    if not getattr(actor, "is_authenticated", False):
        return None, _("This account is not a registered data-sharing consumer.")
    consumer = ShareConsumer.objects.filter(account=actor).first()
    if consumer is None:
        return None, _("This account is not a registered data-sharing consumer.")
    if not consumer.is_in_force_on(timezone.localdate()):
        return consumer, _("This consumer's registration is not in force.")
    if dataset not in consumer.datasets:
        return consumer, _("This consumer is not allowed this data set.")
    return consumer, ""


def share_read_log(
    *,
    actor: Any,
    consumer: ShareConsumer | None,
    dataset: str,
    resource: str,
    purpose: str,
    outcome: str,
    owner_id: int | None = None,
    token_prefix: str = "",
) -> ShareRead:
    with transaction.atomic():
        read = ShareRead.objects.create(
            reader=actor,
            consumer=consumer,
            owner_id=owner_id,
            dataset=dataset,
            token_prefix=token_prefix,
            resource=resource[:120],
            purpose=purpose[:300],
            outcome=outcome,
        )
        event_record(
            actor=actor,
            action=IntegrationAuditAction.SHARED_DATA_READ,
            obj=read,
            changes={
                "consumer": consumer.code if consumer else "",
                "resource": read.resource,
                "purpose": read.purpose,
                "outcome": outcome,
            },
        )
    return read


def shared_dossier_status(
    *, actor: Any, dossier_code: str, purpose: str = "", token_prefix: str = ""
) -> SharedStatus:
    """A dossier's latest status as reported to the national portal (the public status, no
    personal data), for a registered consumer allowed the data set; the read is logged, under
    the dossier's applicant as data owner. The purpose logged is the one given, else the
    consumer's registered purpose."""
    code = dossier_code.strip()[:40]
    dataset = ShareDataset.DOSSIER_STATUS
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied(_("This account is not a registered data-sharing consumer."))
    consumer, refusal = share_consumer_for(actor, dataset)
    stated = purpose.strip() or (consumer.purpose if consumer else "")
    resource = f"dossier-status:{code}"
    if refusal:
        share_read_log(
            actor=actor,
            consumer=consumer,
            dataset=dataset,
            resource=resource,
            purpose=stated,
            outcome=ShareOutcome.REFUSED,
            token_prefix=token_prefix,
        )
        raise PermissionDenied(refusal)
    if not code:
        raise IntegrationError(_("Give the dossier code."), fields={"code": _("Required.")})
    push = StatusPush.objects.filter(dossier_code=code).order_by("-changed_at", "-pk").first()
    share_read_log(
        actor=actor,
        consumer=consumer,
        dataset=dataset,
        resource=resource,
        purpose=stated,
        outcome=ShareOutcome.SERVED if push else ShareOutcome.NOT_FOUND,
        owner_id=push.owner_id if push else None,
        token_prefix=token_prefix,
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
