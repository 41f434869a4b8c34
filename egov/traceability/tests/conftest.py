from __future__ import annotations

import pytest

from conftest import make_officer
from egov.traceability.tests import factories


@pytest.fixture
def officer(world):
    """An agriculture officer of district A (acts for its communes)."""
    return make_officer(
        "nongnghiep.badinh@example.vn", world.district_a, "specialist", subtree=True
    )


@pytest.fixture
def producer(world, officer):
    return factories.approved_producer(world.commune_a, officer)


@pytest.fixture
def product(producer, officer):
    return factories.approved_product(producer, officer)


@pytest.fixture
def batch(product):
    return factories.batch(product)
