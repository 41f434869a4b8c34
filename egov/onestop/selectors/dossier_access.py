"""Who may open one dossier: the officer rule and the applicant rule, both 404 otherwise.

Officers (:func:`dossier_get_for_officer`): the rule of ``selectors.dossiers_officer`` — the
receiving desk, the competent authority or the unit of one of its workflow steps (a hand-over to
a city department, liên thông) is a unit the officer acts for (:mod:`egov.orgs.access`). Applicants
(:func:`dossier_get_for_applicant`): only their own dossiers.
"""

from __future__ import annotations

from django.http import Http404

from egov.onestop.models import Dossier
from egov.onestop.selectors import dossiers_officer

RELATED = ("procedure", "receiving_unit", "competent_unit", "support_unit")


def dossier_get_for_officer(user: object, pk: int) -> Dossier:
    """The one officer rule, :func:`egov.onestop.selectors.dossiers_officer.dossier_get_for_officer`
    (receiving desk, competent authority, units of its workflow steps, the desk's queue)."""
    return dossiers_officer.dossier_get_for_officer(user, pk)


def dossier_get_for_applicant(user: object, pk: int) -> Dossier:
    """The dossier ``pk`` if ``user`` is its applicant; otherwise :class:`~django.http.Http404`."""
    if not getattr(user, "is_authenticated", False):
        raise Http404
    dossier = Dossier.objects.of_applicant(user).select_related(*RELATED).filter(pk=pk).first()
    if dossier is None:
        raise Http404
    return dossier


def dossier_get_for_printing(user: object, pk: int) -> tuple[Dossier, bool]:
    """The dossier ``pk`` for its official forms, and whether ``user`` opens it as an officer
    (every form issued, and the control sheet) rather than as its applicant (their receipt and
    notices); :class:`~django.http.Http404` for anyone else."""
    if getattr(user, "is_officer", False):
        try:
            return dossier_get_for_officer(user, pk), True
        except Http404:
            pass
    return dossier_get_for_applicant(user, pk), False
