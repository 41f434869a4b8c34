"""Fixed vocabularies of official documents (Decree 30/2020/NĐ-CP; QCVN 102:2016 statuses)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Direction(models.TextChoices):
    OUTGOING = "outgoing", _("outgoing")
    INCOMING = "incoming", _("incoming")


class DocumentStatus(models.TextChoices):
    # outgoing: draft → in review → approved → issued (→ recalled)
    DRAFT = "draft", _("draft")
    IN_REVIEW = "in_review", _("in review")
    APPROVED = "approved", _("approved, awaiting signature")
    ISSUED = "issued", _("issued")
    RECALLED = "recalled", _("recalled")
    # incoming: registered → assigned → in progress → completed, or returned to the sender
    REGISTERED = "registered", pgettext_lazy("incoming document", "registered")
    ASSIGNED = "assigned", pgettext_lazy("incoming document", "assigned")
    IN_PROGRESS = "in_progress", _("in progress")
    COMPLETED = "completed", _("completed")
    RETURNED = "returned", _("returned to the sender")


class Urgency(models.TextChoices):
    """Độ khẩn (Decree 30/2020 Appendix I; edXML Priority 0–4)."""

    NORMAL = "normal", _("normal")
    URGENT = "urgent", _("urgent (KHẨN)")
    VERY_URGENT = "very_urgent", _("very urgent (THƯỢNG KHẨN)")
    EXPRESS = "express", _("express (HỎA TỐC)")
    EXPRESS_TIMED = "express_timed", _("express, timed (HỎA TỐC HẸN GIỜ)")


class Secrecy(models.TextChoices):
    """Độ mật (state-secrets law). Secret documents have their own number series and are
    visible only to the people named on them."""

    NONE = "none", _("not secret")
    CONFIDENTIAL = "confidential", _("confidential (MẬT)")
    SECRET = "secret", _("secret (TỐI MẬT)")
    TOP_SECRET = "top_secret", _("top secret (TUYỆT MẬT)")


class SigningAuthority(models.TextChoices):
    """Thẩm quyền ký (Decree 30/2020 art. 13)."""

    DIRECT = "", _("signs in own name")
    ON_BEHALF = "TM.", _("TM. (on behalf of the collective)")
    DEPUTY = "KT.", _("KT. (deputy for the head)")
    ACTING = "Q.", _("Q. (acting head)")
    BY_ORDER = "TL.", _("TL. (by order)")
    BY_AUTHORISATION = "TUQ.", _("TUQ. (by authorisation)")


class NumberSeries(models.TextChoices):
    """The registers a unit numbers in, each restarting on 1 January."""

    GENERAL = "general", _("administrative documents")
    SECRET = "secret", _("secret documents")
    LEGAL = "legal", _("legal normative documents")
    COPIES = "copies", pgettext_lazy("number series", "copies")
    INCOMING = "incoming", _("incoming documents (arrival numbers)")


class FileKind(models.TextChoices):
    DRAFT = "draft", _("draft")
    SIGNED = "signed", _("signed original")
    ATTACHMENT = "attachment", _("attachment")


class LinkKind(models.TextChoices):
    ANSWERS = "answers", _("answers")
    REPLACES = "replaces", _("replaces")
    AMENDS = "amends", _("amends")
    IMPLEMENTS = "implements", _("implements")
    RELATES = "relates", _("relates to")


class HandlingRole(models.TextChoices):
    LEAD = "lead", _("lead (chủ trì)")
    COOPERATE = "cooperate", _("cooperating (phối hợp)")
    INFORM = "inform", _("for information (để biết)")


class Channel(models.TextChoices):
    PLATFORM = "platform", _("inside the platform")
    EDXML = "edxml", _("electronic exchange (edXML)")
    PAPER = "paper", _("paper")


class RecipientStatus(models.TextChoices):
    """Where a sent document stands at a recipient: QCVN 102 status codes where one exists."""

    PENDING = "pending", _("waiting to be sent")
    SENT = "sent", _("sent")
    FAILED = "failed", _("sending failed")
    ARRIVED = "01", _("arrived")
    REJECTED = "02", _("rejected")
    REGISTERED = "03", pgettext_lazy("recipient status", "registered")
    ASSIGNED = "04", pgettext_lazy("recipient status", "assigned")
    IN_PROGRESS = "05", _("being processed")
    COMPLETED = "06", _("completed")
    WITHDRAWN = "13", _("withdrawn by the sender")


class SignatureStatus(models.TextChoices):
    VALID = "valid", _("valid")
    ALTERED = "altered", _("changed after signing")
    UNTRUSTED = "untrusted", _("certificate not trusted")
    INVALID = "invalid", _("invalid signature")
    UNSIGNED = "unsigned", _("not signed")


class AuditAction(models.TextChoices):
    """Actions on official documents the audit trail records."""

    DRAFT_CREATED = "documents.draft_created", pgettext_lazy("audit action", "Draft created")
    DRAFT_UPDATED = "documents.draft_updated", pgettext_lazy("audit action", "Draft edited")
    SUBMITTED = "documents.submitted", pgettext_lazy("audit action", "Draft submitted for review")
    APPROVED = "documents.approved", pgettext_lazy("audit action", "Draft approved")
    RETURNED_TO_DRAFT = (
        "documents.returned_to_draft",
        pgettext_lazy("audit action", "Draft returned to the drafter"),
    )
    ISSUED = "documents.issued", pgettext_lazy("audit action", "Signed and issued")
    REGISTERED_ISSUED = (
        "documents.registered_issued",
        pgettext_lazy("audit action", "Paper-signed document registered"),
    )
    SENT = "documents.sent", pgettext_lazy("audit action", "Sent to recipients")
    RECALLED = (
        "documents.recalled",
        pgettext_lazy("audit action", "Recalled by the issuer"),
    )
    RECIPIENT_STATUS = (
        "documents.recipient_status",
        pgettext_lazy("audit action", "Recipient reported a status"),
    )
    SIGNATURES_CHECKED = (
        "documents.signatures_checked",
        pgettext_lazy("audit action", "Digital signatures checked"),
    )
    READERS_NAMED = (
        "documents.readers_named",
        pgettext_lazy("audit action", "Readers of a secret document named"),
    )
    LINK_ADDED = (
        "documents.link_added",
        pgettext_lazy("audit action", "Link to another document added"),
    )
    INCOMING_REGISTERED = (
        "documents.incoming_registered",
        pgettext_lazy("audit action", "Incoming document registered"),
    )
    INCOMING_ACCEPTED = (
        "documents.incoming_accepted",
        pgettext_lazy("audit action", "Electronic incoming document accepted"),
    )
    INCOMING_RETURNED = (
        "documents.incoming_returned",
        pgettext_lazy("audit action", "Incoming document returned to the sender"),
    )
    INCOMING_ASSIGNED = (
        "documents.incoming_assigned",
        pgettext_lazy("audit action", "Incoming document assigned for handling"),
    )
    INCOMING_PROGRESS = (
        "documents.incoming_progress",
        pgettext_lazy("audit action", "Handling progress reported"),
    )
    INCOMING_COMPLETED = (
        "documents.incoming_completed",
        pgettext_lazy("audit action", "Handling completed"),
    )


class FileListStatus(models.TextChoices):
    """A unit's yearly file list (danh mục hồ sơ, Decree 30/2020 art. 28): drafted by the
    clerk, approved by the head at the start of the year."""

    DRAFT = "draft", pgettext_lazy("file list", "draft")
    APPROVED = "approved", pgettext_lazy("file list", "approved")


class WorkFileStatus(models.TextChoices):
    """A work file (hồ sơ công việc): open while the matter is handled, closed when it ends,
    then handed to the agency archive (Decree 30/2020 arts. 29–31)."""

    OPEN = "open", pgettext_lazy("work file", "open")
    CLOSED = "closed", pgettext_lazy("work file", "closed")
    ARCHIVED = "archived", pgettext_lazy("work file", "in the archive")


class Disposal(models.TextChoices):
    """What becomes of a file kept in the agency archive (Decree 30/2020 art. 31; Archives
    Law): a permanent file is marked for the historical archive; a file past its retention is
    proposed for destruction, and a council's decision destroys it or keeps it."""

    NONE = "", _("kept")
    HISTORICAL = "historical", _("marked for the historical archive")
    PROPOSED = "proposed", _("proposed for destruction")
    DESTROYED = "destroyed", _("destroyed by decision")


class WorkFileAuditAction(models.TextChoices):
    """Actions on file lists, work files and the agency archive the audit trail records."""

    LIST_CREATED = (
        "documents.file_list_created",
        pgettext_lazy("audit action", "File list drafted"),
    )
    LIST_ENTRY_ADDED = (
        "documents.file_list_entry_added",
        pgettext_lazy("audit action", "File added to the file list"),
    )
    LIST_APPROVED = (
        "documents.file_list_approved",
        pgettext_lazy("audit action", "File list approved"),
    )
    FILE_OPENED = "documents.work_file_opened", pgettext_lazy("audit action", "Work file opened")
    DOCUMENT_FILED = (
        "documents.document_filed",
        pgettext_lazy("audit action", "Document filed into a work file"),
    )
    FILE_CLOSED = "documents.work_file_closed", pgettext_lazy("audit action", "Work file closed")
    FILE_HANDED_OVER = (
        "documents.work_file_handed_over",
        pgettext_lazy("audit action", "Work file handed to the agency archive"),
    )
    ARCHIVE_NOTICE_SENT = (
        "documents.archive_notice_sent",
        pgettext_lazy("audit action", "Work file due for the archive: notice sent"),
    )
    DOCUMENT_REMOVED = (
        "documents.document_removed",
        pgettext_lazy("audit action", "Recalled document removed from a work file"),
    )
    MARKED_HISTORICAL = (
        "documents.archive_marked_historical",
        pgettext_lazy("audit action", "Archived file marked for the historical archive"),
    )
    DESTRUCTION_PROPOSED = (
        "documents.archive_destruction_proposed",
        pgettext_lazy("audit action", "Archived file proposed for destruction"),
    )
    DESTRUCTION_DECIDED = (
        "documents.archive_destruction_decided",
        pgettext_lazy("audit action", "Council's decision on destroying an archived file"),
    )
    ARCHIVE_READ = (
        "documents.archive_read",
        pgettext_lazy("audit action", "Archived work file read"),
    )
    FILE_EXPORTED = (
        "documents.work_file_exported",
        pgettext_lazy("audit action", "Work file exported"),
    )


class SigningMethod(models.TextChoices):
    """How a document is signed when issued: with the issuing unit's key in the key store, or
    with the signer's own certificate at a certification authority's remote-signing service,
    confirmed on their phone (Cloud Signature Consortium API, through ``egov.integration``)."""

    UNIT_KEY = "unit_key", _("With the unit's signing key")
    REMOTE = "remote", _("From my phone (remote signing service)")
