"""A returned dossier invites its applicant to the unit's survey (onestop calls the surveys
service after commit)."""

from __future__ import annotations

from django.core import mail

from egov.onestop.choices import DossierStatus
from egov.onestop.models import Dossier
from egov.onestop.services.processing_result import dossier_return_result
from egov.onestop.tests.factories_desk import agency_codes, district_procedure, received
from egov.surveys import services
from egov.surveys.models import Invitation
from egov.workflow.tests import factories as workflow_factories
from egov.workflow.tests.factories import at

clock = workflow_factories.clock  # the settable clock fixture (Vietnam time)


def test_returning_a_dossier_sends_the_survey_link(
    world, clock, unit_head, survey, citizen, front_desk_officer, django_capture_on_commit_callbacks
):
    clock.set(at(2025, 1, 22, 10))
    services.survey_update(actor=unit_head, survey=survey, is_for_invitations=True)
    agency_codes(world)
    dossier = received(world, front_desk_officer, district_procedure(), applicant=citizen)
    Dossier.objects.filter(pk=dossier.pk).update(status=DossierStatus.RESULT_READY)
    dossier.refresh_from_db()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        dossier_return_result(actor=front_desk_officer, dossier=dossier)

    invitation = Invitation.objects.get()
    assert (invitation.procedure_code, invitation.channel) == (
        dossier.procedure.code,
        dossier.channel,
    )
    assert [m.to for m in mail.outbox if "/surveys/r/" in m.body] == [[dossier.applicant_email]]
