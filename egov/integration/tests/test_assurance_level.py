"""A fully online (end-to-end) procedure is submitted only after a level-2 national identity
login (Decree 69/2024; EGOV_FULL_ONLINE_ASSURANCE_LEVEL): the submit page says so with the
VNeID button, a password login is refused, a level-2 login submits; other procedures as
before."""

from __future__ import annotations

import pytest
from django.urls import reverse

from egov.integration.rules import ASSURANCE_SESSION_KEY
from egov.onestop.choices import DossierStatus
from egov.onestop.services.online import AssuranceTooLow, dossier_submit
from egov.onestop.tests.online_helpers import (
    KEY,
    KEY_2,
    agency_code_set,
    draft_for,
    online_procedure,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_draft(world, citizen):
    agency_code_set(world)
    return draft_for(citizen, online_procedure(online_level="full"))


def _level(client, level):
    session = client.session
    session[ASSURANCE_SESSION_KEY] = level
    session.save()


def _submit(client, dossier, unit, key=KEY):
    return client.post(
        reverse("onestop:my-dossier-submit", args=[dossier.pk]),
        {"unit": unit.pk, "declaration": "on", "idempotency_key": key},
    )


def test_a_password_login_is_told_and_refused(client, settings, world, citizen, full_draft):
    settings.EGOV_INTEGRATION_SIMULATORS = True  # the VNeID button has a provider
    client.force_login(citizen)

    page = client.get(reverse("onestop:my-dossier-submit", args=[full_draft.pk]))
    assert 'id="needs-level-2"' in page.content.decode()
    assert reverse("integration:vneid-login") in page.content.decode()

    response = _submit(client, full_draft, world.district_a)

    assert response.status_code == 200
    assert "level-2" in response.content.decode() or "mức độ 2" in response.content.decode()
    full_draft.refresh_from_db()
    assert full_draft.status == DossierStatus.DRAFT


def test_a_level_one_login_is_refused_too(citizen, world, full_draft):
    with pytest.raises(AssuranceTooLow):
        dossier_submit(
            actor=citizen,
            dossier=full_draft,
            idempotency_key=KEY,
            unit=world.district_a,
            declared=True,
            assurance_level=1,
        )


def test_a_level_two_login_submits(client, world, citizen, full_draft):
    client.force_login(citizen)
    _level(client, 2)

    page = client.get(reverse("onestop:my-dossier-submit", args=[full_draft.pk]))
    assert 'id="needs-level-2"' not in page.content.decode()
    response = _submit(client, full_draft, world.district_a)

    assert response.status_code == 302
    full_draft.refresh_from_db()
    assert full_draft.status == DossierStatus.SUBMITTED


def test_the_check_can_be_turned_off_and_partial_services_never_need_it(
    client, settings, world, citizen, full_draft
):
    client.force_login(citizen)
    partial = draft_for(citizen, online_procedure())

    assert _submit(client, partial, world.district_a).status_code == 302
    settings.EGOV_FULL_ONLINE_ASSURANCE_LEVEL = 0
    assert _submit(client, full_draft, world.district_a, KEY_2).status_code == 302
