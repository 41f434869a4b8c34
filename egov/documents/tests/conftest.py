"""Fixtures of the registry tests: abbreviations on the test world, the people of an outgoing
document's life, a settable clock, a test key store (``pki_world``) and, for tests that are not
about the PDF, a stand-in for rendering and signing."""

from __future__ import annotations

import pytest

from conftest import World, make_officer
from egov.accounts.models import User
from egov.common.testing import files as samples
from egov.documents.tests.conftest_pki import pki, pki_material, pki_world
from egov.orgs.services import orgunit_update
from egov.workflow.tests.factories import clock

__all__ = ["clock", "pki", "pki_material", "pki_world"]

FAKE_PDF = samples.pdf()


@pytest.fixture
def docs_world(world: World) -> World:
    """The test world with the abbreviations notations need (UBND for the People's
    Committees; the divisions and the department already have theirs)."""
    for unit in (world.city, world.district_a, world.district_b):
        orgunit_update(actor=None, unit=unit, short_name="UBND")
    return world


@pytest.fixture
def fake_signing(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Issue without rendering and signing (tests about numbering, sending, search...): the
    stored "signed" file is a tiny PDF; the numbers rendered are collected."""
    rendered: list[str] = []

    def sign(document):
        rendered.append(document.number_notation)
        return FAKE_PDF

    monkeypatch.setattr("egov.documents.services.issuing._signed_pdf", sign)
    return rendered


@pytest.fixture
def chairman_b(docs_world: World) -> User:
    """The head of district B (with its subtree)."""
    return make_officer(
        "chutich.hoankiem@example.vn", docs_world.district_b, "unit_head", subtree=True
    )


@pytest.fixture
def clerk_b(docs_world: World) -> User:
    return make_officer("vanthu.hoankiem@example.vn", docs_world.district_b, "clerk")
