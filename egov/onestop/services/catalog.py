"""Writes of the procedure catalog: new versions, and saving a version with its children.

Every service is one transaction with its audit entries (``egov.audit.services.event_record``).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.db.models import Max

from egov.audit.services import event_record
from egov.onestop.choices import AuditAction
from egov.onestop.models import Field, Procedure, ProcedureFee, RequiredDocument

logger = logging.getLogger(__name__)

Actor = AbstractBaseUser | AnonymousUser | None
COPIED_FIELDS = [
    f.name
    for f in Procedure._meta.concrete_fields
    if f.name
    not in {
        "id",
        "version",
        "is_active",
        "effective_from",
        "effective_to",
        "created_at",
        "updated_at",
    }
]


def _copy_children(source: Procedure, target: Procedure) -> None:
    ProcedureFee.objects.bulk_create(
        [
            ProcedureFee(
                procedure=target,
                order=fee.order,
                kind=fee.kind,
                amount_vnd=fee.amount_vnd,
                unit=fee.unit,
                note=fee.note,
                source=fee.source,
                confidence=fee.confidence,
            )
            for fee in source.fees.all()
        ]
    )
    RequiredDocument.objects.bulk_create(
        [
            RequiredDocument(
                procedure=target,
                order=doc.order,
                name=doc.name,
                originals_count=doc.originals_count,
                copies_count=doc.copies_count,
                submit_mode=doc.submit_mode,
                condition=doc.condition,
                is_required=doc.is_required,
                template_name=doc.template_name,
                template_file=doc.template_file.name,
                is_electronic_accepted=doc.is_electronic_accepted,
                note=doc.note,
                confidence=doc.confidence,
            )
            for doc in source.documents.all()
        ]
    )


@transaction.atomic
def procedure_new_version(*, actor: Actor, procedure: Procedure) -> Procedure:
    """Copy ``procedure`` with its fees and documents as the next version of its code.

    The copy is a draft: unpublished (``is_active`` False) and without a validity period, so
    it applies to no dossier until an administrator sets ``effective_from`` and publishes it
    (closing the previous version with ``effective_to``). A version that dossiers were received
    under is never edited in place: they keep the version in force when they were received.
    """
    # Lock the code's versions so two copies cannot take the same number.
    versions = Procedure.objects.select_for_update().filter(code=procedure.code)
    latest = versions.aggregate(latest=Max("version"))["latest"] or 0
    copy = Procedure(
        version=latest + 1,
        is_active=False,
        **{name: getattr(procedure, name) for name in COPIED_FIELDS},
    )
    copy.save()
    _copy_children(procedure, copy)
    event_record(
        actor=actor,
        action=AuditAction.PROCEDURE_VERSION_CREATED,
        obj=copy,
        changes={"code": copy.code, "from_version": procedure.version, "version": copy.version},
    )
    logger.info(
        "onestop.procedure_version_created", extra={"code": copy.code, "version": copy.version}
    )
    return copy


def procedure_store(
    *, procedure: Procedure, fees: Sequence[ProcedureFee], documents: Sequence[RequiredDocument]
) -> Procedure:
    """Save a validated version and replace its fees and documents (inside the caller's
    transaction; the caller records the audit entry)."""
    procedure.refresh_search_text()
    procedure.save()
    procedure.fees.all().delete()
    procedure.documents.all().delete()
    for order, child in enumerate(fees, start=1):
        child.procedure, child.order = procedure, order
    for order, child in enumerate(documents, start=1):
        child.procedure, child.order = procedure, order
    ProcedureFee.objects.bulk_create(fees)
    RequiredDocument.objects.bulk_create(documents)
    return procedure


@transaction.atomic
def field_search_text_refresh(*, field: Field) -> int:
    """Refresh the search text of the field's procedures after the field was renamed."""
    procedures = list(Procedure.objects.filter(field=field).select_related("field"))
    for procedure in procedures:
        procedure.refresh_search_text()
    Procedure.objects.bulk_update(procedures, ["search_text"])
    return len(procedures)
