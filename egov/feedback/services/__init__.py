"""Every write of citizen feedback: questions (``questions``) and reports (``reports``)."""

from egov.feedback.services.duplicates import report_merge, report_unmerge
from egov.feedback.services.questions import (
    question_answer,
    question_ask,
    question_publish,
    question_reassign,
)
from egov.feedback.services.regulation import (
    regulation_classify,
    regulation_decide,
    regulation_publish,
)
from egov.feedback.services.reports import (
    category_route,
    report_answer,
    report_assign,
    report_close,
    report_from_scan,
    report_hand_over,
    report_rate,
    report_receive,
    report_refuse,
    report_reopen,
    report_submit,
)
from egov.feedback.services.supplement import report_request_supplement, report_supplement

__all__ = [
    "category_route",
    "question_answer",
    "question_ask",
    "question_publish",
    "question_reassign",
    "regulation_classify",
    "regulation_decide",
    "regulation_publish",
    "report_answer",
    "report_assign",
    "report_close",
    "report_from_scan",
    "report_hand_over",
    "report_merge",
    "report_rate",
    "report_receive",
    "report_refuse",
    "report_reopen",
    "report_request_supplement",
    "report_submit",
    "report_supplement",
    "report_unmerge",
]
