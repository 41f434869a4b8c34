"""Verification teams across units: a handler of the case's unit forms the team from officers
of other units with its decision drafted in the registry (audited); the members then see the
case and record its verification, nothing more; a denouncer stays hidden from them until the
head names one a handler; refusals save nothing."""

from __future__ import annotations

import datetime

import pytest
from django.http import Http404
from django.urls import reverse

from egov.audit.models import AuditEvent
from egov.common.exceptions import PermissionDenied
from egov.complaints import services
from egov.complaints.choices import Channel, Outcome, PetitionKind
from egov.complaints.exceptions import ComplaintsError
from egov.complaints.models import VerificationTeam
from egov.complaints.selectors import (
    may_see_identity,
    petition_get_for_user,
    petition_list_for_user,
)
from egov.complaints.services_teams import verification_team_form
from egov.complaints.tests.conftest import at
from egov.documents.models import Document
from egov.orgs.models import Membership

D = datetime.date
pytestmark = pytest.mark.django_db
TEAM_ACTION = "complaints.verification_team_formed"


def _role(user):
    return Membership.objects.get(user=user)


def _team(people, petition, **kwargs):
    values = {
        "actor": people.handler,
        "petition": petition,
        "leader": _role(people.outsider),
        "members": [_role(people.division_head)],
        "formed_on": D(2026, 9, 3),
    }
    return verification_team_form(**{**values, **kwargs})


def test_a_handler_forms_a_team_across_units_with_its_decision(clock, accepted, people, world):
    clock.set(at(2026, 9, 3))

    team = _team(people, accepted)

    members = [(m.user, m.unit, m.is_leader) for m in team.members.all()]
    assert members == [
        (people.outsider, world.district_b, True),
        (people.division_head, world.division_a, False),
    ]
    assert team.decision.doc_type.code == "quyet-dinh"
    assert accepted.number in team.decision.subject
    assert "Khac" in team.decision.body
    event = AuditEvent.objects.get(action=TEAM_ACTION)
    assert event.changes["members"] == [
        [people.outsider.pk, world.district_b.pk],
        [people.division_head.pk, world.division_a.pk],
    ]


def test_members_see_the_case_and_record_its_verification_only(clock, accepted, people):
    clock.set(at(2026, 9, 3))
    with pytest.raises(Http404):
        petition_get_for_user(people.division_head, accepted.pk)
    _team(people, accepted)

    seen = petition_get_for_user(people.division_head, accepted.pk)
    listed = list(petition_list_for_user(people.outsider).values_list("pk", flat=True))
    verified = services.petition_step_record(
        actor=people.outsider, petition=seen, step="verify", on=D(2026, 9, 3), note="Đã xác minh"
    )

    assert seen.pk == accepted.pk
    assert accepted.pk in listed
    assert verified.status == "verifying"
    with pytest.raises(PermissionDenied):
        services.petition_step_record(
            actor=people.outsider, petition=verified, step="dialogue", on=D(2026, 9, 3), note="x"
        )


def test_the_page_offers_a_member_the_verification_form(client, clock, accepted, people):
    clock.set(at(2026, 9, 3))
    url = reverse("complaints:petition-detail", args=[accepted.pk])
    client.force_login(people.division_head)
    assert client.get(url).status_code == 404
    _team(people, accepted)

    response = client.get(url)

    assert response.status_code == 200
    assert response.context["can"] == frozenset({"verify"})
    assert 'id="verification-team"' in response.content.decode()


def test_the_form_on_the_page_forms_the_team(client, clock, accepted, people):
    clock.set(at(2026, 9, 3))
    client.force_login(people.handler)
    url = reverse("complaints:petition-action", args=[accepted.pk, "team"])

    bad = client.post(url, {"team-version": accepted.version, "team-formed_on": "2026-09-03"})
    response = client.post(
        url,
        {
            "team-version": accepted.version,
            "team-leader": _role(people.outsider).pk,
            "team-members": [_role(people.division_head).pk],
            "team-formed_on": "2026-09-03",
        },
    )

    assert bad.status_code == 400
    assert response.status_code == 302
    assert VerificationTeam.objects.get(petition=accepted).members.count() == 2


def test_a_denouncer_stays_hidden_from_members_until_named(clock, people, world):
    clock.set(at(2026, 12, 2))
    petition = services.petition_register(
        actor=people.receiver,
        unit=world.district_a,
        channel=Channel.POST,
        received_at=at(2026, 12, 1),
        subject="Tố cáo cán bộ",
        content="Tố cáo ông X",
        petitioner_name="Phạm Thị Tố",
    )
    petition = services.petition_classify(
        actor=people.handler,
        petition=petition,
        kind=PetitionKind.DENUNCIATION,
        is_competent=True,
        outcome=Outcome.ACCEPT,
    )
    _team(people, petition, formed_on=D(2026, 12, 2))
    assert not may_see_identity(people.outsider, petition)
    with pytest.raises(Http404):
        services.petition_identity_read(actor=people.outsider, petition=petition)

    services.petition_handler_name(
        actor=people.chairman, petition=petition, handler=people.outsider
    )

    assert may_see_identity(people.outsider, petition)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda people: {"members": []}, "members"),
        (lambda people: {"members": [_role(people.receiver)]}, "members"),
        (lambda people: {"formed_on": D(2026, 9, 1)}, "formed_on"),
        (lambda people: {"formed_on": D(2026, 9, 30)}, "formed_on"),
    ],
)
def test_refusals_save_nothing(clock, accepted, people, change, field):
    clock.set(at(2026, 9, 3))
    documents = Document.objects.count()

    with pytest.raises(ComplaintsError) as refused:
        _team(people, accepted, **change(people))

    assert field in refused.value.fields
    assert not VerificationTeam.objects.exists()
    assert Document.objects.count() == documents
    assert not AuditEvent.objects.filter(action=TEAM_ACTION).exists()


def test_one_team_per_case_and_only_handlers_form_it(clock, accepted, people):
    clock.set(at(2026, 9, 3))
    with pytest.raises(PermissionDenied):
        _team(people, accepted, actor=people.receiver)
    _team(people, accepted)

    with pytest.raises(ComplaintsError):
        _team(people, accepted)

    assert VerificationTeam.objects.count() == 1
    assert AuditEvent.objects.filter(action=TEAM_ACTION).count() == 1
