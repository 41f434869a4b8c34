"""What every survey write checks first: the actor acts for the survey's unit, and a
change of questions or scoring is made on a draft."""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext as _

from egov.common.exceptions import PermissionDenied
from egov.orgs.access import can_act_for_unit
from egov.orgs.models import OrgUnit
from egov.surveys.exceptions import SurveyRefused
from egov.surveys.models import Survey

CODE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


def require_unit(actor: Any, unit: OrgUnit) -> None:
    if not can_act_for_unit(actor, unit):
        raise PermissionDenied(_("You do not act for this unit."))


def require_draft(survey: Survey) -> None:
    if survey.is_frozen:
        raise SurveyRefused(
            _("A published survey is frozen: make a new version to change it."),
            code="survey_frozen",
        )
