"""Every write of the document registry, one module per concern.

Import services from here: ``from egov.documents.services import document_sign_and_issue``.
"""

from egov.documents.services.assigning import (
    incoming_assign,
    incoming_complete,
    incoming_progress,
)
from egov.documents.services.drafting import (
    document_approve,
    document_draft_create,
    document_draft_update,
    document_return_to_draft,
    document_submit_for_review,
    document_to_signature,
)
from egov.documents.services.files import FileIn
from egov.documents.services.incoming import incoming_accept, incoming_register, incoming_return
from egov.documents.services.issuing import document_register_issued, document_sign_and_issue
from egov.documents.services.readers import document_link_add, document_reader_grant
from egov.documents.services.recall import document_recall
from egov.documents.services.sending import RecipientIn, document_send, recipient_status_record
from egov.documents.services.verifying import document_file_verify

__all__ = [
    "FileIn",
    "RecipientIn",
    "document_approve",
    "document_draft_create",
    "document_draft_update",
    "document_file_verify",
    "document_link_add",
    "document_reader_grant",
    "document_recall",
    "document_register_issued",
    "document_return_to_draft",
    "document_send",
    "document_sign_and_issue",
    "document_submit_for_review",
    "document_to_signature",
    "incoming_accept",
    "incoming_assign",
    "incoming_complete",
    "incoming_progress",
    "incoming_register",
    "incoming_return",
    "recipient_status_record",
]
