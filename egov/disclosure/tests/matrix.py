"""URL arguments of the disclosure routes for the permission matrix
(egov/portal/tests/test_permission_matrix.py): officer routes get an item (with a posting) or a
consultation of the scoped unit; public routes a displayed item and an open consultation with
another citizen's comment."""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Callable

from django.core import signing
from django.core.files.base import ContentFile
from django.utils import timezone

from egov.accounts.models import User
from egov.accounts.services import public_account_register
from egov.common.testing import files as sample_files
from egov.disclosure.models import Comment, Consultation, Duty, Item, Posting, Section, Support
from egov.disclosure.views_codes import COMMENT_SALT, SUPPORT_SALT
from egov.documents.choices import DocumentStatus, FileKind
from egov.documents.models import DocumentFile
from egov.documents.tests.matrix import document_of
from egov.orgs.models import OrgUnit

_numbers = itertools.count(1)
DAY = datetime.timedelta(days=1)


def _citizen() -> User:
    number = next(_numbers)
    return public_account_register(
        full_name="Lê Văn Góp",
        password=None,
        citizen_id=f"0010910{number:05d}",
        email=f"gop.{number}@example.vn",
    )


def item_of(unit: OrgUnit) -> Item:
    today, now = timezone.localdate(), timezone.now()
    document = document_of(unit)
    DocumentFile.objects.create(
        document=document,
        kind=FileKind.ATTACHMENT,
        file=ContentFile(sample_files.pdf(), name="du-toan.pdf"),
        name="du-toan.pdf",
        content_type="application/pdf",
        size=10,
        sha256="0" * 64,
    )
    item = Item.objects.create(
        duty=Duty.objects.get(code="budget-estimate"),
        unit=unit,
        document=document,
        title="Dự toán ngân sách",
        period_first=today.replace(month=1, day=1),
        period_last=today.replace(month=12, day=31),
        places=["notice_board"],
        display_from=today,
        display_until=today + 30 * DAY,
        published_on=today,
        published_at=now,
        published_by=User.objects.filter(kind="officer").first() or _citizen(),
    )
    posting = Posting(item=item, place="notice_board", posted_on=today, content_type="image/jpeg")
    posting.sha256, posting.confirmed_by = "0" * 64, item.published_by
    posting.photo.save("a.jpg", ContentFile(sample_files.jpeg()), save=False)
    posting.save()
    return item


def consultation_of(unit: OrgUnit) -> Consultation:
    today = timezone.localdate()
    author = User.objects.filter(kind="officer").first() or _citizen()
    consultation = Consultation.objects.create(
        unit=unit,
        draft=document_of(unit),
        title="Dự thảo kế hoạch",
        summary="Góp ý",
        audience="city",
        opens_on=today,
        closes_on=today + 10 * DAY,
        created_by=author,
        created_at=timezone.now(),
    )
    Section.objects.create(consultation=consultation, number=1, heading="Phần I")
    Comment.objects.create(
        consultation=consultation,
        author=_citizen(),
        author_name="Lê Văn Góp",
        body="Ý kiến",
        created_at=timezone.now(),
    )
    return consultation


def _posting(unit: OrgUnit) -> dict[str, object]:
    item = item_of(unit)
    return {"pk": item.pk, "posting_pk": item.postings.get().pk}


DISCLOSURE_OBJECT_KWARGS: dict[str, Callable[[OrgUnit], dict[str, object]]] = {
    "disclosure_officer:item-detail": lambda unit: {"pk": item_of(unit).pk},
    "disclosure_officer:posting-create": lambda unit: {"pk": item_of(unit).pk},
    "disclosure_officer:posting-photo": _posting,
    "disclosure_officer:consultation-detail": lambda unit: {"pk": consultation_of(unit).pk},
    "disclosure_officer:consultation-action": lambda unit: {
        "pk": consultation_of(unit).pk,
        "action": "answer",
    },
}


def _public_item(user: object, world: object) -> dict[str, object]:
    return {"pk": item_of(world.commune_a).pk}


def _public_file(user: object, world: object) -> dict[str, object]:
    item = item_of(world.commune_a)
    return {"pk": item.pk, "file_pk": item.document.files.get().pk}


def _support(user: object, world: object) -> dict[str, object]:
    return {"pk": consultation_of(world.commune_a).comments.get().pk}


def _pending(user: object, world: object) -> dict[str, object]:
    comment = Comment.objects.create(
        consultation=consultation_of(world.commune_a),
        author_name="Khách",
        contact="khach@example.vn",
        body="Ý kiến chờ mã",
        status="pending",
        created_at=timezone.now(),
    )
    return {"token": signing.dumps(comment.pk, salt=COMMENT_SALT)}


def _pending_support(user: object, world: object) -> dict[str, object]:
    comment = consultation_of(world.commune_a).comments.get()
    support = Support.objects.create(
        comment=comment, status="pending", contact="khach@example.vn", contact_key="k" * 64
    )
    return {"token": signing.dumps(support.pk, salt=SUPPORT_SALT)}


def _synthesis(user: object, world: object) -> dict[str, object]:
    consultation = consultation_of(world.commune_a)
    synthesis = document_of(world.commune_a)
    synthesis.status = DocumentStatus.ISSUED
    synthesis.save(update_fields=["status"])
    DocumentFile.objects.create(
        document=synthesis,
        kind=FileKind.SIGNED,
        file=ContentFile(sample_files.pdf(), name="tong-hop.pdf"),
        name="tong-hop.pdf",
        content_type="application/pdf",
        size=10,
        sha256="0" * 64,
    )
    Consultation.objects.filter(pk=consultation.pk).update(synthesis=synthesis, status="closed")
    return {"pk": consultation.pk}


DISCLOSURE_ROUTE_KWARGS: dict[str, Callable[[object, object], dict[str, object]]] = {
    "disclosure:item-detail": _public_item,
    "disclosure:item-file": _public_file,
    "disclosure:unit-page": lambda user, world: {"pk": world.commune_a.pk},
    "disclosure:consultation-detail": lambda u, w: {"pk": consultation_of(w.commune_a).pk},
    "disclosure:comment-create": lambda u, w: {"pk": consultation_of(w.commune_a).pk},
    "disclosure:comment-support": _support,
    "disclosure:comment-confirm": _pending,
    "disclosure:comment-code-resend": _pending,
    "disclosure:support-confirm": _pending_support,
    "disclosure:support-code-resend": _pending_support,
    "disclosure:synthesis-file": _synthesis,
    "api:disclosure_item_get": lambda u, w: {"item_id": item_of(w.commune_a).pk},
    "api:disclosure_consultation_get": lambda u, w: {
        "consultation_id": consultation_of(w.commune_a).pk
    },
}
