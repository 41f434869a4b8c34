"""The actions of a document page: for each, its form, how it calls the service, its title
and the message on success. The page shows the forms of the actions the officer may take."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from egov.documents import forms as f
from egov.documents import services
from egov.documents.choices import Channel, FileKind
from egov.documents.exceptions import DocumentError
from egov.documents.forms_workfiles import FileIntoForm
from egov.documents.models import Document, DocumentFile
from egov.documents.selectors import document_scope

Run = Callable[[Any, Document, dict[str, Any]], Any]


@dataclass(frozen=True)
class Action:
    form: type[forms.Form]
    run: Run
    title: Any
    done: Any
    multipart: bool = False


def _version(service: Callable[..., Any], **extra: str) -> Run:
    """A service taking ``actor, document, expected_version`` and fields named alike."""
    return lambda user, document, data: service(
        actor=user,
        document=document,
        expected_version=data["expected_version"],
        **{name: data.get(field, "") for name, field in extra.items()},
    )


def _send(user: Any, document: Document, data: dict[str, Any]) -> Any:
    paper = [
        services.RecipientIn(name=line.strip(), channel=Channel.PAPER)
        for line in data.get("paper", "").splitlines()
        if line.strip()
    ]
    # A registered outside body goes by electronic exchange when it has an identifier code.
    outside = [
        services.RecipientIn(agency_code=body.agency_code, name=body.name)
        for body in data.get("outside", [])
    ]
    return services.document_send(
        actor=user, document=document, recipients=[*data.get("units", []), *outside, *paper]
    )


def _assign(user: Any, document: Document, data: dict[str, Any]) -> Any:
    return services.incoming_assign(
        actor=user,
        document=document,
        expected_version=data["expected_version"],
        lead_unit=data["lead_unit"],
        lead_person=data.get("lead_person"),
        cooperating_units=data.get("cooperating_units", []),
        informed_units=data.get("informed_units", []),
        due_on=data.get("due_on"),
        note=data.get("note", ""),
    )


def _verify(user: Any, document: Document, data: dict[str, Any]) -> Any:
    stored = DocumentFile.objects.filter(document=document, pk=data["file_id"]).first()
    if stored is None:
        raise DocumentError(str(_("Choose a file of this document.")))
    return services.document_file_verify(actor=user, file=stored)


def _link(user: Any, document: Document, data: dict[str, Any]) -> Any:
    target = (
        document_scope(user)
        .filter(number_notation=data["target"].strip())
        .exclude(pk=document.pk)
        .order_by("-created_at")
        .first()
    )
    if target is None:
        message = str(_("No document you can see has this number and notation."))
        raise DocumentError(message, code="link_target_unknown", fields={"target": message})
    return services.document_link_add(actor=user, source=document, target=target, kind=data["kind"])


def _attach(user: Any, document: Document, data: dict[str, Any]) -> Any:
    return services.document_draft_update(
        actor=user,
        document=document,
        expected_version=None,
        files=f.files_in(data["files"], FileKind.ATTACHMENT),
    )


def _file(user: Any, document: Document, data: dict[str, Any]) -> Any:
    from egov.documents.services.workfiles import work_file_file_document

    return work_file_file_document(actor=user, work_file=data["work_file"], document=document)


ACTIONS: dict[str, Action] = {
    "submit": Action(
        f.VersionForm,
        _version(services.document_submit_for_review),
        _("Submit for review"),
        _("The draft was sent for review."),
    ),
    "approve": Action(
        f.NoteForm,
        _version(services.document_approve, note="note"),
        _("Approve"),
        _("The draft was approved; it waits for the signature."),
    ),
    "return_draft": Action(
        f.ReasonForm,
        _version(services.document_return_to_draft, reason="reason"),
        _("Return to the drafter"),
        _("The draft was returned."),
    ),
    "sign_issue": Action(
        f.SignIssueForm,
        _version(services.document_sign_and_issue, method="method", otp="otp"),
        _("Sign and issue"),
        _("The document was signed and issued."),
    ),
    "send": Action(f.SendForm, _send, _("Send"), _("The document was sent.")),
    "recall": Action(
        f.ReasonForm,
        _version(services.document_recall, reason="reason"),
        _("Recall the document"),
        _("The document was recalled; its recipients were told."),
    ),
    "accept": Action(
        f.VersionForm,
        _version(services.incoming_accept),
        _("Register"),
        _("The document was registered."),
    ),
    "return": Action(
        f.ReasonForm,
        _version(services.incoming_return, reason="reason"),
        _("Return to the sender"),
        _("The document was returned to the sender."),
    ),
    "assign": Action(
        f.AssignForm,
        _assign,
        _("Direct the handling (handling slip)"),
        _("The handling slip was recorded."),
    ),
    "progress": Action(
        f.ProgressForm,
        _version(services.incoming_progress, note="note"),
        _("Report progress"),
        _("The progress was recorded."),
    ),
    "complete": Action(
        f.NoteForm,
        _version(services.incoming_complete, note="note"),
        _("Mark as handled"),
        _("The handling was completed."),
    ),
    "verify": Action(
        f.VerifyForm, _verify, _("Check the signatures"), _("The signatures were checked.")
    ),
    "name_readers": Action(
        f.ReadersForm,
        lambda u, d, c: services.document_reader_grant(actor=u, document=d, users=c["users"]),
        _("Name more readers"),
        _("The readers were named."),
    ),
    "link": Action(f.LinkForm, _link, _("Link to another document"), _("The link was added.")),
    "attach": Action(
        f.AttachForm, _attach, _("Add attachments"), _("The files were added."), multipart=True
    ),
    "file": Action(FileIntoForm, _file, _("File into a work file"), _("The document was filed.")),
}
