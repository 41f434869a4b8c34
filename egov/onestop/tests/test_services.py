"""Writes of the catalog: a new version is a draft copy with its fees and documents."""

from __future__ import annotations

import pytest

from egov.audit.models import AuditEvent
from egov.onestop.models import Procedure
from egov.onestop.services import field_search_text_refresh, procedure_new_version
from egov.onestop.tests.factories import (
    ProcedureFactory,
    ProcedureFeeFactory,
    RequiredDocumentFactory,
)

pytestmark = pytest.mark.django_db


def test_new_version_copies_fees_and_documents_as_a_draft(system_admin):
    procedure = ProcedureFactory(code="1.013225")
    ProcedureFeeFactory(procedure=procedure, amount_vnd=75000)
    ProcedureFeeFactory(procedure=procedure, order=2, amount_vnd=None, note="theo tỷ lệ")
    RequiredDocumentFactory(procedure=procedure, template_file="onestop/templates/don.docx")

    copy = procedure_new_version(actor=system_admin, procedure=procedure)

    assert (copy.code, copy.version, copy.is_active, copy.effective_from, copy.effective_to) == (
        "1.013225",
        2,
        False,
        None,
        None,
    )
    assert (copy.name, copy.field, copy.legal_basis, copy.search_text) == (
        procedure.name,
        procedure.field,
        procedure.legal_basis,
        procedure.search_text,
    )
    assert [(f.order, f.amount_vnd, f.note) for f in copy.fees.all()] == [
        (1, 75000, "Nhà ở riêng lẻ (NQ 06/2020/NQ-HĐND)"),
        (2, None, "theo tỷ lệ"),
    ]
    assert [d.template_file.name for d in copy.documents.all()] == ["onestop/templates/don.docx"]
    assert procedure.fees.count() == 2
    event = AuditEvent.objects.get(action="onestop.procedure_version_created")
    assert (event.actor_id, event.object_id, event.changes) == (
        system_admin.pk,
        str(copy.pk),
        {"code": "1.013225", "from_version": 1, "version": 2},
    )


def test_versions_are_numbered_after_the_latest(db):
    first = ProcedureFactory(code="1.000020")
    ProcedureFactory(code="1.000020", version=5, field=first.field)

    copy = procedure_new_version(actor=None, procedure=first)

    assert copy.version == 6
    assert Procedure.objects.filter(code="1.000020").count() == 3


def test_renaming_a_field_refreshes_search_text(db):
    procedure = ProcedureFactory(code="1.000030", name="Cấp phép")
    procedure.field.name = "Quy hoạch đô thị"
    procedure.field.save()

    assert field_search_text_refresh(field=procedure.field) == 1
    procedure.refresh_from_db()
    assert procedure.search_text == "1.000030 cap phep quy hoach do thi"
