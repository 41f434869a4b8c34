from __future__ import annotations

import json

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


CAPTURE = "/api/v1/traceability/epcis/capture"


@pytest.fixture
def capture(client, django_capture_on_commit_callbacks):
    """POST a document for capture as ``user``, run its job (after commit, as the worker
    would) and GET the job: (the POST's response, the capture job's JSON)."""

    def post(user, document, *, content_type="application/json", **headers):
        body = document if isinstance(document, str) else json.dumps(document)
        auth = factories.bearer(user)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(CAPTURE, data=body, content_type=content_type, **auth, **headers)
        if response.status_code != 202:
            return response, None
        job = client.get(response["Location"], **auth)
        assert job.status_code == 200
        return response, job.json()

    return post
