"""What a document's page shows: files, recipients and their statuses, the handling slip, links,
named readers, the handling steps and clock, the history, and the actions allowed now."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from egov.accounts.models import User
from egov.audit.selectors import history_for_object
from egov.documents.choices import Direction, DocumentStatus, FileKind
from egov.documents.models import (
    Document,
    DocumentAssignment,
    DocumentFile,
    DocumentLink,
    DocumentReader,
    DocumentRecipient,
    WorkFileItem,
)
from egov.documents.rules import DOCUMENT_TRANSITIONS as TRANSITIONS
from egov.documents.selectors import permissions as can
from egov.documents.selectors.access import document_get_for_user, document_scope
from egov.documents.selectors.workfiles import open_files_for
from egov.workflow.models import ProcessInstance, StepInstance
from egov.workflow.selectors import clock_state, instance_history

STEP_ACTIONS = {
    "register": ("accept", "return"),
    "assign": ("assign", "return"),
    "handle": ("progress", "complete"),
}


@dataclass
class DocumentPage:
    """A document as its page shows it to one officer."""

    document: Document
    files: list[DocumentFile]
    recipients: list[DocumentRecipient] = field(default_factory=list)
    assignments: list[DocumentAssignment] = field(default_factory=list)
    links: list[tuple[str, Document]] = field(default_factory=list)
    readers: list[DocumentReader] = field(default_factory=list)
    history: list[Any] = field(default_factory=list)
    steps: list[StepInstance] = field(default_factory=list)
    clock: Any = None
    instance: ProcessInstance | None = None
    step: StepInstance | None = None
    actions: set[str] = field(default_factory=set)

    @property
    def signed_file(self) -> DocumentFile | None:
        return next((f for f in self.files if f.kind == FileKind.SIGNED), None)

    @property
    def awaiting_check(self) -> bool:
        """Arrived electronically, not yet registered by the clerk."""
        return self.step is not None and self.step.step_definition.code == "register"


def _outgoing_actions(user: User, document: Document) -> set[str]:
    """What the status allows (``DOCUMENT_TRANSITIONS``, as the services check) and ``user``
    may do."""
    status, allowed = document.status, set()
    if TRANSITIONS.can("edit", status) and can.may_edit_draft(user, document):
        allowed |= {"edit", "attach"}
        if TRANSITIONS.can("submit", status):
            allowed.add("submit")
    if TRANSITIONS.can("approve", status) and can.may_review(user, document):
        allowed.add("approve")
    if TRANSITIONS.can("return_draft", status) and can.may_return_draft(user, document):
        allowed.add("return_draft")
    if TRANSITIONS.can("sign_issue", status) and can.may_sign(user, document):
        allowed.add("sign_issue")
    if TRANSITIONS.can("send", status) and can.may_send(user, document):
        allowed.add("send")
    if TRANSITIONS.can("recall", status) and can.may_sign(user, document):
        allowed.add("recall")
    return allowed


def _incoming_actions(user: User, document: Document, step: StepInstance | None) -> set[str]:
    if step is None or document.status in (DocumentStatus.COMPLETED, DocumentStatus.RETURNED):
        return set()
    allowed = set()
    for action in STEP_ACTIONS.get(step.step_definition.code, ()):
        if not TRANSITIONS.can(action, document.status):
            continue
        if action == "return":
            if can.acts_for(user, document.unit, can.RETURNERS):
                allowed.add(action)
        elif action == "assign":
            if can.acts_for(user, document.unit, can.DIRECTORS):
                allowed.add(action)
        elif can.may_act_on_step(user, step):
            allowed.add(action)
    return allowed


def _links(user: User, document: Document) -> list[tuple[str, Document]]:
    """Links both ways, only to documents the user may see: (label of the relation, other)."""
    visible = set(
        document_scope(user)
        .filter(
            pk__in=[
                *DocumentLink.objects.filter(source=document).values_list("target_id", flat=True),
                *DocumentLink.objects.filter(target=document).values_list("source_id", flat=True),
            ]
        )
        .values_list("pk", flat=True)
    )
    rows = []
    for link in DocumentLink.objects.filter(source=document).select_related("target"):
        if link.target_id in visible:
            rows.append((link.get_kind_display(), link.target))
    for link in DocumentLink.objects.filter(target=document).select_related("source"):
        if link.source_id in visible:
            rows.append((link.get_kind_display(), link.source))
    return rows


def document_page(user: User, pk: int) -> DocumentPage:
    """The page of a document ``user`` may see (404 otherwise)."""
    document = document_get_for_user(user, pk)
    page = DocumentPage(
        document=document,
        files=list(DocumentFile.objects.filter(document=document).prefetch_related("signatures")),
        links=_links(user, document),
        history=history_for_object(document),
    )
    if document.is_secret:
        page.readers = list(DocumentReader.objects.filter(document=document).select_related("user"))
    if document.direction == Direction.OUTGOING:
        page.recipients = list(
            DocumentRecipient.objects.filter(document=document).select_related("unit", "received")
        )
        page.actions = _outgoing_actions(user, document)
    else:
        _incoming(page, user)
    if page.signed_file is not None:
        page.actions.add("verify")
    if document.is_secret and can.may_name_readers(user, document):
        page.actions.add("name_readers")
    if can.may_link(user, document):
        page.actions.add("link")
    if (
        not WorkFileItem.objects.filter(document=document).exists()
        and open_files_for(user, document).exists()
    ):
        page.actions.add("file")
    return page


def _incoming(page: DocumentPage, user: User) -> None:
    document = page.document
    page.assignments = list(
        DocumentAssignment.objects.filter(document=document).select_related("unit", "person")
    )
    if document.process_id is None:
        return
    page.instance = ProcessInstance.objects.select_related("definition").get(pk=document.process_id)
    page.steps = instance_history(page.instance)
    page.step = next((s for s in page.steps if s.pk == page.instance.current_step_id), None)
    page.clock = clock_state(page.instance, timezone.now())
    page.actions = _incoming_actions(user, document, page.step)
