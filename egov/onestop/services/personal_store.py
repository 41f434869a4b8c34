"""E-results to the applicant's personal data store on the national public-service portal
(Decree 45/2020/NĐ-CP art. 16: results issued electronically are kept in the store; Decision
766/QĐ-TTg indicator 4.4). Recording a result enqueues :func:`result_personal_store_push` once
it commits; the job is idempotent (a result sent is not sent again, and every try carries the
same key, so the portal keeps it once), and ``egov personal_store_push`` sends what is left
(the portal was down)."""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone

from egov.audit.services import event_record
from egov.integration.exceptions import ConnectorUnavailable, IntegrationError
from egov.integration.services import (
    ResultForStore,
    personal_store_connected,
    personal_store_result_push,
)
from egov.onestop.choices import ApplicantKind, AuditAction, DossierFileKind
from egov.onestop.models import DossierFile

logger = logging.getLogger(__name__)

PUSHED, PENDING, SKIPPED = "pushed", "pending", "skipped"


def results_for_store():
    """Result files not yet in the store, of dossiers a person applied for."""
    return DossierFile.objects.filter(
        kind=DossierFileKind.RESULT,
        personal_store_pushed_at__isnull=True,
        dossier__applicant_kind=ApplicantKind.PERSON,
        dossier__code__isnull=False,
    ).exclude(dossier__applicant_id_number="")


def result_personal_store_push_after_commit(stored: DossierFile) -> None:
    """Enqueue the push of a result file once the caller's transaction commits (nothing when
    the platform is not connected to the national portal, or the applicant is not a person)."""
    if not personal_store_connected():
        return
    if stored.dossier.applicant_kind != ApplicantKind.PERSON:
        return
    from egov.onestop.tasks import result_personal_store_send

    transaction.on_commit(
        lambda: result_personal_store_send.enqueue(file_id=stored.pk), robust=True
    )


def result_personal_store_push(*, file_id: int) -> str:
    """Send one result file to its applicant's personal data store: ``pushed`` (now or
    before), ``pending`` (the portal could not take it: try later) or ``skipped`` (no such
    result, no store to send it to). The acknowledgement is recorded on the file and audited."""
    stored = (
        results_for_store()
        .select_related("dossier", "dossier__competent_unit", "dossier__receiving_unit")
        .filter(pk=file_id)
        .first()
    )
    if stored is None:
        done = DossierFile.objects.filter(pk=file_id, personal_store_pushed_at__isnull=False)
        return PUSHED if done.exists() else SKIPPED
    if not personal_store_connected():
        return SKIPPED
    dossier = stored.dossier
    unit = dossier.competent_unit or dossier.receiving_unit
    with stored.file.open("rb") as handle:
        content = handle.read()
    result = ResultForStore(
        citizen_id=dossier.applicant_id_number,
        dossier_code=dossier.code,
        name=dossier.procedure.name,
        issued_by=unit.name if unit else "",
        issued_on=timezone.localdate(stored.uploaded_at),
        content=content,
        idempotency_key=f"onestop-result-{stored.pk}-{stored.sha256[:16]}",
        unit_id=unit.pk if unit else None,
        owner_id=dossier.applicant_id,
    )
    try:
        acknowledged = personal_store_result_push(result=result)
    except IntegrationError:
        return SKIPPED  # the applicant's ID number is not a citizen ID: no store
    except ConnectorUnavailable:
        acknowledged = False
    if not acknowledged:
        logger.info("onestop.result_personal_store_pending", extra={"file": stored.pk})
        return PENDING
    with transaction.atomic():
        marked = DossierFile.objects.filter(
            pk=stored.pk, personal_store_pushed_at__isnull=True
        ).update(personal_store_pushed_at=timezone.now())
        if marked:
            event_record(
                actor=None,
                action=AuditAction.DOSSIER_RESULT_SENT_TO_PERSONAL_STORE,
                obj=dossier,
                changes={"file": stored.pk, "sha256": stored.sha256},
            )
    return PUSHED


def results_personal_store_push_pending(*, limit: int = 500) -> dict[str, int]:
    """Send every result file not yet in its applicant's store, oldest first (cron, after the
    portal was down); returns the count of each outcome."""
    counts = {PUSHED: 0, PENDING: 0, SKIPPED: 0}
    if not personal_store_connected():
        return counts
    for pk in list(results_for_store().order_by("pk").values_list("pk", flat=True)[:limit]):
        counts[result_personal_store_push(file_id=pk)] += 1
    return counts
