"""The complaints part of the JSON API: anyone follows a petition by its number and tracking
code (no person in the answer, rate limited); a logged-in citizen lists their own petitions and
sends a new one. Officer reads of cases are left for a later issue.

No `from __future__ import annotations` here: django-ninja reads the annotations at import.
"""

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from egov.common.api_body import json_body, json_body_doc
from egov.common.api_errors import api_errors
from egov.common.exceptions import PermissionDenied
from egov.complaints import services
from egov.complaints.exceptions import ComplaintsError, InvalidInput
from egov.complaints.models import Petition
from egov.complaints.schemas import MyPetitionOut, PetitionSubmitIn, PetitionTrackOut
from egov.complaints.selectors import PetitionTrack, petition_list_for_citizen
from egov.complaints.throttle import petition_track_lookup
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


@api_errors(404, 429)
@router.get("/track", response=PetitionTrackOut, auth=None)
def petition_track(request: HttpRequest, number: str, code: str) -> PetitionTrack:
    """The state and legal time limit of the petition with this number and tracking code.
    Never a person: no petitioner, denouncer or officer, no content. An unknown or malformed
    key: 404; past the rate limit: 429 ``too_many_lookups``."""
    found = petition_track_lookup(number=number, code=code, request=request)
    if found is None:
        raise Http404
    return found
