"""Writes of disclosure and consultation (one service, one transaction, one audit entry)."""

from egov.disclosure.services.consultations import (
    agency_units,
    audience_refusal,
    comment_hide,
    comment_record_meeting,
    comment_send,
    comments_answer,
    consultation_adopt,
    consultation_close,
    consultation_open,
    synthesis_issue,
)
from egov.disclosure.services.expiry import ExpiryRun, unconfirmed_expire
from egov.disclosure.services.items import item_publish, posting_confirm
from egov.disclosure.services.supports import (
    comment_support,
    comment_support_without_account,
    support_code_resend,
    support_confirm,
)
from egov.disclosure.services.without_account import (
    comment_code_resend,
    comment_confirm,
    comment_send_without_account,
)

__all__ = [
    "ExpiryRun",
    "agency_units",
    "audience_refusal",
    "comment_code_resend",
    "comment_confirm",
    "comment_hide",
    "comment_record_meeting",
    "comment_send",
    "comment_send_without_account",
    "comment_support",
    "comment_support_without_account",
    "comments_answer",
    "consultation_adopt",
    "consultation_close",
    "consultation_open",
    "item_publish",
    "posting_confirm",
    "support_code_resend",
    "support_confirm",
    "synthesis_issue",
    "unconfirmed_expire",
]
