"""Named readers of secret documents and links between documents.

A secret document (any secrecy mark) is seen only by the people named on it, its creator and
its signer (Law 29/2018/QH14 on the protection of state secrets: access only for the people
allowed): not even the head of the same unit sees it unless named.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from egov.accounts.models import User
from egov.documents.choices import AuditAction, LinkKind
from egov.documents.exceptions import DocumentError, PermissionDenied
from egov.documents.models import Document, DocumentLink, DocumentReader
from egov.documents.selectors.permissions import may_link, may_name_readers
from egov.documents.services import common


def readers_add(*, document: Document, users: Iterable[User], actor: User | None) -> list[int]:
    """Name ``users`` on ``document`` (inside the caller's transaction); already named ones are
    skipped. Returns the ids newly named. Only officers may be named."""
    new = []
    existing = set(
        DocumentReader.objects.filter(document=document).values_list("user_id", flat=True)
    )
    for user in users:
        if user.pk in existing or user.pk in new:
            continue
        if not user.is_officer:
            message = _("Only officers can be named on a document.")
            raise DocumentError(message, code="reader_not_officer", fields={"readers": message})
        DocumentReader.objects.create(
            document=document,
            user=user,
            granted_by=actor if actor is not None and actor.is_authenticated else None,
        )
        new.append(user.pk)
    return new


def document_reader_grant(*, actor: User, document: Document, users: Iterable[User]) -> Document:
    """Name more people on a secret document."""
    users = list(users)
    with transaction.atomic():
        document = common.document_lock(document.pk)
        if not document.is_secret:
            raise DocumentError(_("Only secret documents have named readers."), code="not_secret")
        if not may_name_readers(actor, document):
            raise PermissionDenied(_("You cannot name readers of this document."))
        added = readers_add(document=document, users=users, actor=actor)
        if added:
            common.record(actor, AuditAction.READERS_NAMED, document, {"readers": added})
    return document


def document_link_add(
    *, actor: User, source: Document, target: Document, kind: str = LinkKind.ANSWERS
) -> DocumentLink:
    """Record that ``source`` answers / replaces / amends / implements ``target``. The actor
    must be allowed to change ``source`` (a drafter of its unit, or a clerk) and see
    ``target`` (the caller resolves it through the scoped selector)."""
    if kind not in LinkKind.values:
        raise DocumentError(_("Unknown kind of link."), fields={"kind": _("Unknown kind of link.")})
    if source.pk == target.pk:
        message = _("A document cannot refer to itself.")
        raise DocumentError(message, code="link_self", fields={"target": message})
    if not may_link(actor, source):
        raise PermissionDenied(_("You cannot change this document."))
    try:
        with transaction.atomic():
            link = DocumentLink.objects.create(
                source=source, target=target, kind=kind, created_by=actor
            )
            common.record(
                actor,
                AuditAction.LINK_ADDED,
                source,
                {"target": target.pk, "kind": kind, "target_label": common.document_label(target)},
            )
    except IntegrityError:
        return DocumentLink.objects.get(source=source, target=target, kind=kind)
    return link
