"""Who sees which document: units within reach, documents directed to one's unit, and secret
documents only for the people named on them (not even the head of the same unit)."""

from __future__ import annotations

import datetime

import pytest
from django.http import Http404

from conftest import make_officer
from egov.common.exceptions import PermissionDenied
from egov.documents.choices import Secrecy
from egov.documents.selectors import document_get_for_user, document_list_for_user
from egov.documents.services import document_reader_grant, incoming_assign
from egov.documents.tests.factories import draft, issued, registered
from egov.workflow.tests.factories import at


def _ids(user):
    return set(document_list_for_user(user).values_list("pk", flat=True))


def test_officers_see_the_documents_of_their_units(
    docs_world, specialist, division_head, unit_head, clerk, other_district_officer, citizen
):
    document = draft(specialist, docs_world.division_a)

    for person in (specialist, division_head, unit_head, clerk):
        assert document_get_for_user(person, document.pk) == document
    for person in (other_district_officer, citizen):
        with pytest.raises(Http404):
            document_get_for_user(person, document.pk)
        assert _ids(person) == set()


def test_a_handling_slip_shares_the_document_with_the_units_named(
    docs_world, clerk, unit_head, clock
):
    clock.set(at(2026, 3, 2, 9))
    commune_officer = make_officer(
        "chuyenvien.phucxa@example.vn", docs_world.commune_a, "specialist"
    )
    desk_officer = make_officer("motcua2@example.vn", docs_world.desk_a, "front_desk_officer")
    document = registered(clerk, docs_world.district_a)
    assert _ids(commune_officer) == set()

    incoming_assign(
        actor=unit_head,
        document=document,
        expected_version=document.version,
        lead_unit=docs_world.division_a,
        cooperating_units=[docs_world.commune_a],
        due_on=datetime.date(2026, 3, 13),
    )

    assert _ids(commune_officer) == {document.pk}
    assert _ids(desk_officer) == set()


def test_secret_documents_only_for_the_people_named(
    docs_world, specialist, division_head, unit_head, clerk, fake_signing
):
    secret = draft(
        specialist,
        docs_world.division_a,
        code="quyet-dinh",
        secrecy=Secrecy.SECRET,
        readers=[division_head],
    )

    assert _ids(specialist) == _ids(division_head) == {secret.pk}
    for person in (unit_head, clerk):
        with pytest.raises(Http404):
            document_get_for_user(person, secret.pk)
        assert _ids(person) == set()
    with pytest.raises(PermissionDenied):
        document_reader_grant(actor=clerk, document=secret, users=[clerk])

    document_reader_grant(actor=specialist, document=secret, users=[unit_head])

    assert document_get_for_user(unit_head, secret.pk) == secret
    assert _ids(clerk) == set()


def test_the_signer_of_a_secret_document_keeps_seeing_it(
    docs_world, specialist, division_head, unit_head, fake_signing
):
    document = issued(
        specialist,
        division_head,
        unit_head,
        docs_world.division_a,
        code="quyet-dinh",
        secrecy=Secrecy.CONFIDENTIAL,
        readers=[division_head, unit_head],
    )
    document.readers.filter(user=unit_head).delete()

    assert document_get_for_user(unit_head, document.pk) == document


def test_a_secret_incoming_document_is_seen_by_its_clerk_and_readers(
    docs_world, clerk, unit_head, specialist, clock
):
    clock.set(at(2026, 3, 2, 9))
    document = registered(
        clerk, docs_world.district_a, secrecy=Secrecy.CONFIDENTIAL, readers=[unit_head]
    )
    assert _ids(specialist) == set()

    incoming_assign(
        actor=unit_head,
        document=document,
        expected_version=document.version,
        lead_unit=docs_world.division_a,
        lead_person=specialist,
    )

    assert _ids(clerk) == _ids(unit_head) == _ids(specialist) == {document.pk}
