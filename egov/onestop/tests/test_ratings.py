"""The applicant's satisfaction rating: only the applicant, only after the result, only once,
attached to the dossier and to the competent unit."""

from __future__ import annotations

import pytest
from django.utils import translation

from egov.audit.models import AuditEvent
from egov.common.exceptions import PermissionDenied
from egov.onestop.choices import AuditAction
from egov.onestop.models import DossierRating
from egov.onestop.services.dossier_state import WrongDossierState
from egov.onestop.services.ratings import AlreadyRated, RatingRefused, dossier_rate
from egov.onestop.tests.online_helpers import (
    agency_code_set,
    online_procedure,
    other_citizen,
    result_ready,
    status_force,
    submitted_for,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def submitted(citizen, world):
    agency_code_set(world)
    return submitted_for(citizen, online_procedure(), world.district_a)


def test_the_applicant_rates_a_finished_dossier(citizen, world, submitted):
    dossier = result_ready(submitted)

    rating = dossier_rate(
        actor=citizen, dossier=dossier, score=4, comment="  Cán bộ hướng dẫn tận tình.  "
    )

    assert (rating.dossier, rating.unit, rating.score, rating.comment) == (
        dossier,
        world.district_a,
        4,
        "Cán bộ hướng dẫn tận tình.",
    )
    event = AuditEvent.objects.get(action=AuditAction.DOSSIER_RATED)
    assert event.changes == {"score": 4, "unit": world.district_a.pk}


def test_a_returned_dossier_can_be_rated(citizen, submitted):
    dossier = status_force(result_ready(submitted), "returned")

    assert dossier_rate(actor=citizen, dossier=dossier, score=5).score == 5


def test_a_dossier_is_rated_once(citizen, submitted):
    dossier = result_ready(submitted)
    dossier_rate(actor=citizen, dossier=dossier, score=5)

    with pytest.raises(AlreadyRated) as caught:
        dossier_rate(actor=citizen, dossier=dossier, score=1)

    assert caught.value.message == "You have already rated this dossier."
    assert list(DossierRating.objects.values_list("score", flat=True)) == [5]
    assert AuditEvent.objects.filter(action=AuditAction.DOSSIER_RATED).count() == 1


def test_no_rating_before_the_result(citizen, submitted):
    with pytest.raises(WrongDossierState) as caught:
        dossier_rate(actor=citizen, dossier=submitted, score=5)

    assert caught.value.message == "A dossier can be rated once its result is ready."
    assert DossierRating.objects.count() == 0


def test_only_the_applicant_rates(submitted, front_desk_officer):
    dossier = result_ready(submitted)

    for someone in (other_citizen(), front_desk_officer):
        with pytest.raises(PermissionDenied):
            dossier_rate(actor=someone, dossier=dossier, score=1)

    assert DossierRating.objects.count() == 0
    assert not AuditEvent.objects.filter(action=AuditAction.DOSSIER_RATED).exists()


@pytest.mark.parametrize("score", [0, 6, True])
def test_the_score_is_one_to_five(citizen, submitted, score):
    dossier = result_ready(submitted)

    with pytest.raises(RatingRefused) as caught:
        dossier_rate(actor=citizen, dossier=dossier, score=score)

    assert caught.value.fields == {"score": "Choose a score from 1 to 5."}


def test_the_comment_has_a_length_limit(citizen, submitted):
    dossier = result_ready(submitted)

    with pytest.raises(RatingRefused) as caught:
        dossier_rate(actor=citizen, dossier=dossier, score=3, comment="x" * 2001)

    assert caught.value.fields == {"comment": "Enter at most 2000 characters."}
