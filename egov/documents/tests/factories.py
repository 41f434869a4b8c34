"""Building registry state through the services (the path matters: numbers, audit, workflow)."""

from __future__ import annotations

import datetime
from typing import Any

from egov.accounts.models import User
from egov.documents.choices import Channel
from egov.documents.models import Document, DocumentType
from egov.documents.services import (
    document_approve,
    document_draft_create,
    document_sign_and_issue,
    document_submit_for_review,
    incoming_register,
)
from egov.orgs.models import OrgUnit


def doc_type(code: str = "cong-van") -> DocumentType:
    return DocumentType.objects.get(code=code)


def draft(
    actor: User,
    unit: OrgUnit,
    *,
    code: str = "cong-van",
    subject: str = "V/v triển khai chuyển đổi số năm 2026",
    **values: Any,
) -> Document:
    return document_draft_create(
        actor=actor,
        drafting_unit=unit,
        doc_type=doc_type(code),
        subject=subject,
        body="Đề nghị các đơn vị triển khai.",
        **values,
    )


def approved(drafter: User, reviewer: User, unit: OrgUnit, **kw: Any) -> Document:
    document = draft(drafter, unit, **kw)
    document = document_submit_for_review(
        actor=drafter, document=document, expected_version=document.version
    )
    return document_approve(actor=reviewer, document=document, expected_version=document.version)


def issued(drafter: User, reviewer: User, signer: User, unit: OrgUnit, **kw: Any) -> Document:
    document = approved(drafter, reviewer, unit, **kw)
    return document_sign_and_issue(
        actor=signer, document=document, expected_version=document.version
    )


def registered(
    clerk: User | None,
    unit: OrgUnit,
    *,
    subject: str = "V/v báo cáo tình hình",
    number_notation: str = "1738/QĐ-UBND",
    code: str = "quyet-dinh",
    **values: Any,
) -> Document:
    """An incoming document registered by ``clerk`` (``None``: arrived through the system)."""
    values.setdefault("issued_on", datetime.date(2026, 1, 5))
    values.setdefault("sender_name", "UBND Thành phố Hà Nội")
    values.setdefault("channel", Channel.PAPER if clerk else Channel.PLATFORM)
    return incoming_register(
        actor=clerk,
        unit=unit,
        doc_type=doc_type(code),
        number_notation=number_notation,
        subject=subject,
        **values,
    )
