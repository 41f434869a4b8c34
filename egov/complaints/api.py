"""The complaints part of the JSON API: a logged-in citizen lists their own petitions and sends
a new one. Officer reads of cases are left for a later issue.

No `from __future__ import annotations` here: django-ninja reads the annotations at import.
"""

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from egov.common.api_body import json_body, json_body_doc
from egov.common.exceptions import PermissionDenied
from egov.complaints import services
from egov.complaints.exceptions import ComplaintsError, InvalidInput
from egov.complaints.models import Petition
from egov.complaints.schemas import MyPetitionOut, PetitionSubmitIn
from egov.complaints.selectors import petition_list_for_citizen
from egov.orgs.models import OrgUnit

router = Router(tags=["complaints"])


def _citizen(request: HttpRequest) -> None:
    if not getattr(request.user, "is_public", False):
        raise PermissionDenied(_("Only a citizen's account has petitions here."))


@router.get("/my-petitions", response=list[MyPetitionOut])
def my_petition_list(request: HttpRequest) -> QuerySet[Petition]:
    """The petitions the logged-in citizen sent on the portal, newest first."""
    _citizen(request)
    return petition_list_for_citizen(request.user)[:200]


@router.post(
    "/my-petitions", response={201: MyPetitionOut}, openapi_extra=json_body_doc(PetitionSubmitIn)
)
def petition_submit(request: HttpRequest) -> Status:
    """Send a petition to a People's Committee; it is registered with a number at once."""
    _citizen(request)
    payload = json_body(request, PetitionSubmitIn, error=InvalidInput)
    unit = OrgUnit.objects.filter(pk=payload.unit_id).first()
    if unit is None:
        message = _("No such unit.")
        raise ComplaintsError(message, code="invalid", fields={"unit_id": message})
    petition = services.petition_submit_online(
        actor=request.user,
        unit=unit,
        subject=payload.subject,
        content=payload.content,
        address=payload.address,
        contested_on=payload.contested_on,
    )
    return Status(201, petition)
