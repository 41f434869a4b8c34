"""Registering a directive: a document of the one document registry (``documents.Document``)
whose type may assign tasks (Quyết định, Kế hoạch, Chỉ thị, Công văn, Công điện, Thông báo kết
luận...). The registry checks the notation against the type's abbreviation (Decree 30/2020
art. 7, Appendix III) and numbers it in the unit's register."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from egov.audit.services import event_record
from egov.directives.choices import AuditAction
from egov.directives.exceptions import InvalidTask
from egov.directives.models import Directive
from egov.documents.models import Document, DocumentType
from egov.documents.services import FileIn, document_register_issued
from egov.orgs.models import OrgUnit


def directive_register(
    *,
    actor: Any,
    unit: OrgUnit,
    doc_type: DocumentType,
    number: int,
    notation: str,
    issued_on: datetime.date,
    subject: str,
    signer_name: str,
    signer_position: str,
    field: str = "",
    body: str = "",
    files: Sequence[FileIn] = (),
    headline: str = "",
) -> Document:
    """Enter a directive signed on paper into ``unit``'s outgoing register, so tasks can be
    assigned from it; by the unit's clerk or head (the registry's rule). Audited by the
    registry; the ``headline`` a press release opens with (not the summary) is kept beside
    it."""
    if not doc_type.assigns_tasks:
        message = _("A %(type)s does not assign tasks.") % {"type": doc_type.name}
        raise InvalidTask(message, fields={"doc_type": message})
    with transaction.atomic():
        document = document_register_issued(
            actor=actor,
            unit=unit,
            doc_type=doc_type,
            number=number,
            notation=notation,
            issued_on=issued_on,
            subject=subject,
            signer_name=signer_name,
            signer_position=signer_position,
            field=field,
            body=body,
            files=files,
        )
        headline = " ".join(headline.split())
        if headline:
            directive = Directive.objects.create(document=document, headline=headline)
            event_record(
                actor=actor,
                action=AuditAction.DIRECTIVE_HEADLINE_SET,
                obj=directive,
                changes={"headline": headline},
            )
    return document
