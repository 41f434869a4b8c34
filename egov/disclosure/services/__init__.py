"""Writes of disclosure and consultation (one service, one transaction, one audit entry)."""

from egov.disclosure.services.consultations import (
    comment_hide,
    comment_record_meeting,
    comment_send,
    comment_support,
    comments_answer,
    consultation_adopt,
    consultation_close,
    consultation_open,
)
from egov.disclosure.services.items import item_publish, posting_confirm

__all__ = [
    "comment_hide",
    "comment_record_meeting",
    "comment_send",
    "comment_support",
    "comments_answer",
    "consultation_adopt",
    "consultation_close",
    "consultation_open",
    "item_publish",
    "posting_confirm",
]
