"""Fixtures of the one-stop tests: the shipped Hà Nội sample loaded through the service."""

from __future__ import annotations

import datetime

import pytest

from egov.onestop.services import catalog_load_sample
from egov.onestop.tests.factories import ProcedureFactory, RequiredDocumentFactory


@pytest.fixture
def sample(db: None):
    """The 45 shipped procedures, loaded as `egov load_procedures` does."""
    return catalog_load_sample(actor=None)


@pytest.fixture
def catalog(sample):
    """The sample plus a version using every kind of column (form, cut-off, template ...)."""
    procedure = ProcedureFactory(
        code="HN-900",
        version=2,
        working_days="2.5",
        calendar_days=None,
        is_same_day=True,
        same_day_cutoff=datetime.time(15, 0),
        legacy_level=3,
        effective_to="2026-12-31",
        notes="=SUM(A1) must stay text",
        is_active=False,
        form_fields=[
            {
                "name": "purpose",
                "label": "Mục đích",
                "type": "choice",
                "required": True,
                "choices": ["Xây mới", "Sửa chữa"],
            }
        ],
    )
    RequiredDocumentFactory(
        procedure=procedure,
        template_file="onestop/templates/don.docx",
        is_electronic_accepted=True,
        condition="khi ủy quyền",
        is_required=False,
    )
    return procedure
