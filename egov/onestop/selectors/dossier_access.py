"""Who may open one dossier: the officer rule and the applicant rule, both 404 otherwise.

Officers (:func:`dossier_get_for_officer`): a dossier is within reach when its receiving desk,
its competent authority or the unit of one of its workflow steps (a hand-over to a city
department, liên thông) is a unit the officer acts for (:mod:`egov.orgs.access`). Applicants
(:func:`dossier_get_for_applicant`): only their own dossiers.
"""

from __future__ import annotations

from django.http import Http404

from egov.onestop.models import Dossier
from egov.orgs.access import reach_of
from egov.workflow.models import StepInstance

RELATED = ("procedure", "receiving_unit", "competent_unit", "support_unit")


def dossier_get_for_officer(user: object, pk: int) -> Dossier:
    """The dossier ``pk`` if ``user`` acts for its receiving desk, its competent authority or a
    unit of one of its workflow steps; otherwise :class:`~django.http.Http404`. At most three
    queries (reach, dossier, steps)."""
    reach = reach_of(user)
    if reach.is_empty:
        raise Http404
    dossier = Dossier.objects.select_related(*RELATED).filter(pk=pk).first()
    if dossier is None:
        raise Http404
    units = (dossier.receiving_unit, dossier.competent_unit)
    if any(unit is not None and reach.covers(unit) for unit in units):
        return dossier
    if dossier.process_id and (
        StepInstance.objects.filter(instance_id=dossier.process_id).filter(reach.q("unit")).exists()
    ):
        return dossier
    raise Http404


def dossier_get_for_applicant(user: object, pk: int) -> Dossier:
    """The dossier ``pk`` if ``user`` is its applicant; otherwise :class:`~django.http.Http404`."""
    if not getattr(user, "is_authenticated", False):
        raise Http404
    dossier = Dossier.objects.of_applicant(user).select_related(*RELATED).filter(pk=pk).first()
    if dossier is None:
        raise Http404
    return dossier
