"""The complaints part of the JSON API: anyone follows a petition by its number and tracking
code (no person in the answer, rate limited); a logged-in citizen lists their own petitions and
sends a new one; the inspectorate's other systems (an officer's token) read the cases of the
units within their reach, one case with its steps, and the complaints figures of a unit within
reach, never a person (ADR 0019).

No `from __future__ import annotations` here: django-ninja reads the annotations at import.
"""

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from egov.common.api_body import json_body, json_body_doc
from egov.common.api_errors import api_errors
from egov.common.exceptions import PermissionDenied
from egov.common.pagination import BoundedPageNumberPagination
from egov.complaints import services
from egov.complaints.exceptions import ComplaintsError, InvalidInput
from egov.complaints.models import Petition
from egov.complaints.schemas import (
    CaseDetailOut,
    CaseFilter,
    CaseOut,
    FiguresOut,
    FiguresQuery,
    MyPetitionOut,
    PetitionSubmitIn,
    PetitionTrackOut,
)
from egov.complaints.selectors import PetitionTrack, petition_list_for_citizen, protected_ids
from egov.complaints.selectors_api import (
    case_get_for_api,
    case_list_for_api,
    complaints_figures_for_api,
)
from egov.complaints.selectors_crowded import crowded_case_of
from egov.complaints.throttle import petition_track_lookup
from egov.orgs.access import require_officer
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


def _case_out(petition: Petition, protected: set[int]) -> dict:
    return {
        "id": petition.pk,
        "number": petition.number,
        "unit_id": petition.unit_id,
        "unit_name": petition.unit.name,
        "channel": petition.channel,
        "received_at": petition.received_at,
        "kind": petition.kind or None,
        "status": petition.status,
        "status_label": petition.get_status_display(),
        "outcome": petition.outcome or None,
        "instance": petition.instance,
        "is_anonymous": petition.is_anonymous,
        "identity_protected": petition.pk in protected,
        "is_complex": petition.is_complex,
        "is_remote": petition.is_remote,
        "acceptance_due_on": petition.acceptance_due_on,
        "accepted_on": petition.accepted_on,
        "settlement_due_on": petition.settlement_due_on,
        "extensions": petition.extensions,
        "overdue_since": petition.overdue_since,
        "settled_on": petition.settled_on,
        "settled_on_time": petition.settled_on_time,
        "verdict": petition.verdict or None,
        "decision_document_id": petition.decision_id,
        "published": petition.published_decision_id is not None,
        "duplicate_of_id": petition.duplicate_of_id,
        "first_instance_id": petition.first_instance_id,
        "version": petition.version,
    }


@router.get("/cases", response=list[CaseOut])
@paginate(BoundedPageNumberPagination, page_size=50)
@api_errors(404)
def case_list(request: HttpRequest, filters: Query[CaseFilter]) -> list[dict]:
    """The cases of the units within the caller's reach, newest first (officers; 403 for
    others). ``unit`` narrows to a unit within reach and those below it (another: 404).
    ``identity_protected`` marks a denunciation whose denouncer the caller may not see; no
    answer names a petitioner."""
    require_officer(request.user)
    cases = case_list_for_api(
        request.user,
        unit_id=filters.unit,
        status=filters.status,
        kind=filters.kind,
        received_from=filters.received_from,
        received_to=filters.received_to,
        overdue=filters.overdue,
    )
    return _CaseList(cases, request.user)


class _CaseList:
    """The page of cases as the paginator slices it, with the protected ids read once per
    page (one query) rather than per case."""

    def __init__(self, cases: QuerySet[Petition], user: object) -> None:
        self.cases, self.user = cases, user

    def count(self) -> int:
        return self.cases.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> list[dict]:
        page = list(self.cases[index])
        protected = protected_ids(self.user, page)
        return [_case_out(petition, protected) for petition in page]


@router.get("/cases/{case_id}", response=CaseDetailOut)
def case_get(request: HttpRequest, case_id: int) -> dict:
    """One case within the caller's reach with its steps (kind and day) and its crowded
    case on the five-step plan, if any; another unit's case is a 404."""
    require_officer(request.user)
    petition = case_get_for_api(request.user, case_id)
    crowded = crowded_case_of(petition.pk)
    return _case_out(petition, protected_ids(request.user, [petition])) | {
        "steps": [{"name": step.name, "on": step.on} for step in petition.steps.all()],
        "crowded_case_id": crowded.pk if crowded else None,
    }


@router.get("/figures", response=FiguresOut)
@api_errors(404)
def figures_get(request: HttpRequest, query: Query[FiguresQuery]) -> dict:
    """The complaints figures (petitions received by channel and class, accepted, settled on
    time and late, findings, visits, crowded cases still open) of ``unit`` (default: the
    highest unit the caller acts for) and every unit below it from ``first`` to ``last`` (both
    included, at most ten years; default: this year up to today), read from the roll-up. A
    unit outside the caller's reach is a 404."""
    require_officer(request.user)
    unit, first, last, values = complaints_figures_for_api(
        request.user, unit_id=query.unit, first=query.first, last=query.last
    )
    return {
        "unit_id": unit.pk,
        "unit_name": unit.name,
        "first": first,
        "last": last,
        "figures": [value.__dict__ for value in values],
    }
