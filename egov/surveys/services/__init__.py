"""Every write of satisfaction surveys, one module per concern: building (from the SIPAS
template, settings), the sections and questions of a draft, publishing and versioning,
invitations after a service (sampled, signed, expiring) and answers (anonymous, one per
invitation). One transaction and one audit entry each.

Import services from here: ``from egov.surveys.services import survey_publish``.
"""

from egov.surveys.services.building import (
    survey_create_blank,
    survey_create_from_template,
    survey_update,
)
from egov.surveys.services.invitations import (
    invitation_from_token,
    invitation_token,
    survey_invite_for_service,
)
from egov.surveys.services.lifecycle import (
    survey_close,
    survey_new_version,
    survey_publish,
    survey_results_publish,
)
from egov.surveys.services.questions import (
    options_text_of,
    question_add,
    question_move,
    question_remove,
    question_update,
)
from egov.surveys.services.responses import response_submit
from egov.surveys.services.rollup import rollup_rebuild
from egov.surveys.services.sections import (
    section_add,
    section_move,
    section_remove,
    section_update,
    section_weight_set,
)
from egov.surveys.services.standings import dimension_owner_set, standing_record

__all__ = [
    "dimension_owner_set",
    "invitation_from_token",
    "invitation_token",
    "options_text_of",
    "question_add",
    "question_move",
    "question_remove",
    "question_update",
    "response_submit",
    "rollup_rebuild",
    "section_add",
    "section_move",
    "section_remove",
    "section_update",
    "section_weight_set",
    "standing_record",
    "survey_close",
    "survey_create_blank",
    "survey_create_from_template",
    "survey_invite_for_service",
    "survey_new_version",
    "survey_publish",
    "survey_results_publish",
    "survey_update",
]
