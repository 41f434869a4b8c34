"""Entering a document signed on paper into the outgoing register (used by directives): the
notation is checked against the type and the unit, a used number is refused, and the next
electronic number follows it."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from egov.audit.models import AuditEvent
from egov.common.exceptions import PermissionDenied
from egov.documents.choices import DocumentStatus, FileKind, NumberSeries
from egov.documents.exceptions import InvalidNotation, NumberTaken
from egov.documents.models import Document, DocumentFile, NumberRegister
from egov.documents.services import FileIn, document_register_issued
from egov.documents.tests.conftest import FAKE_PDF
from egov.documents.tests.factories import doc_type, issued
from egov.workflow.tests.factories import at

DAY = datetime.date(2026, 2, 3)


def _enter(actor, unit, *, number=1738, notation="QĐ-UBND", code="quyet-dinh", **kw):
    return document_register_issued(
        actor=actor,
        unit=unit,
        doc_type=doc_type(code),
        number=number,
        notation=notation,
        issued_on=kw.pop("issued_on", DAY),
        subject="Quyết định giao chỉ tiêu kế hoạch năm 2026",
        signer_name="Trần Sỹ Thanh",
        signer_position="Chủ tịch",
        **kw,
    )


def test_a_paper_decision_enters_the_register(docs_world, clerk):
    document = _enter(
        clerk,
        docs_world.district_a,
        files=[FileIn("ban-ky.pdf", FAKE_PDF, "application/pdf", FileKind.SIGNED)],
    )

    assert (document.status, document.number_notation, document.year, document.series) == (
        DocumentStatus.ISSUED,
        "1738/QĐ-UBND",
        2026,
        NumberSeries.GENERAL,
    )
    assert NumberRegister.objects.get().last_number == 1738
    assert DocumentFile.objects.get(document=document).kind == FileKind.SIGNED
    assert AuditEvent.objects.filter(action="documents.registered_issued").count() == 1


def test_the_next_electronic_number_follows_the_paper_one(
    docs_world, clerk, specialist, division_head, unit_head, fake_signing, clock
):
    clock.set(at(2026, 2, 4, 9))
    _enter(clerk, docs_world.district_a, number=7, notation="UBND-VHTT", code="cong-van")

    document = issued(specialist, division_head, unit_head, docs_world.division_a)

    assert document.number_notation == "08/UBND-VHTT"


@pytest.mark.parametrize(
    ("notation", "code", "field"),
    [
        ("CT-UBND", "quyet-dinh", "notation"),
        ("QĐ-STTTT", "quyet-dinh", "notation"),
        ("QĐ UBND", "quyet-dinh", "notation"),
        ("VHTT-UBND", "cong-van", "notation"),
    ],
)
def test_a_wrong_notation_is_refused(docs_world, clerk, notation, code, field):
    with pytest.raises(InvalidNotation) as refused:
        _enter(clerk, docs_world.district_a, notation=notation, code=code)

    assert field in refused.value.fields
    assert not Document.objects.exists()


def test_a_used_number_and_a_future_date_are_refused(docs_world, clerk):
    _enter(clerk, docs_world.district_a)

    with pytest.raises(NumberTaken):
        _enter(clerk, docs_world.district_a)
    with pytest.raises(InvalidNotation):
        _enter(
            clerk,
            docs_world.district_a,
            number=1739,
            issued_on=timezone.localdate() + datetime.timedelta(days=3),
        )
    with pytest.raises(InvalidNotation):
        _enter(clerk, docs_world.district_a, number=0)

    assert Document.objects.count() == 1


def test_only_the_clerk_or_head_of_the_unit_enters(docs_world, specialist, other_district_officer):
    for person in (specialist, other_district_officer):
        with pytest.raises(PermissionDenied):
            _enter(person, docs_world.district_a)

    assert not Document.objects.exists()
    assert not NumberRegister.objects.exists()
